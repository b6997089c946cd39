// Old-format traces (Go 1.11–1.21) through the public API: the version accessors, the
// streaming readers (which buffer the whole trace), Go's own checks on the converted
// user annotations (TestOldtrace), and malformed inputs. The byte-for-byte goldens are in
// golden.test.ts (v1/), the validator in validate-real.test.ts.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  EventKind, NeedMoreData, Reader, StreamReader, TraceError, dumpTrace, readEventBatchesAsync, readEventsAsync,
  writtenBy, type Event,
} from '../../src/trace/index.ts';

const v1 = fileURLToPath(new URL('../fixtures/go-trace-testdata/v1/', import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(v1 + name));

function all(data: Uint8Array): Event[] {
  return [...new Reader(data)];
}

describe('old formats through the public API', () => {
  it('says which format and which Go releases wrote it', () => {
    const cases: [string, number, string][] = [
      ['user_task_region_1_11_good.trace', 11, 'Go 1.11–1.18'],
      ['user_task_region_1_19_good.trace', 19, 'Go 1.19–1.20'],
      ['user_task_region_1_21_good.trace', 21, 'Go 1.21'],
    ];
    for (const [f, version, by] of cases) {
      const r = new Reader(bytes(f));
      expect(r.version).toBe(version);
      expect(r.writtenBy).toBe(by);
      while (r.next() !== null);
      expect(r.generations).toBe(1);
      expect(r.endedEarly).toBeNull();
    }
    expect(writtenBy(23)).toBe('Go 1.23–1.24');
    expect(writtenBy(25)).toBe('Go 1.25');
    expect(writtenBy(26)).toBe('Go 1.26–1.27');
    expect(writtenBy(99)).toBe('');
  });

  it('has a Sync before the first event and one after the last (Go 1.27), and strictly increasing times', () => {
    const evs = all(bytes('stress_start_stop_1_21_good.trace'));
    expect(evs.length).toBeGreaterThan(100);
    const syncs = evs.filter((e) => e.kind() === EventKind.Sync);
    expect(syncs).toEqual([evs[0], evs[evs.length - 1]]);
    expect(syncs.map((e) => e.sync().n)).toEqual([1, 2]);
    // One nanosecond before the first old event (times start at 0) and after the last.
    expect(evs[0].time()).toBe(-1);
    expect(evs[evs.length - 1].time()).toBe(evs[evs.length - 2].time() + 1);
    for (let i = 1; i < evs.length; i++) expect(evs[i].time()).toBeGreaterThan(evs[i - 1].time());
  });

  it('has no Sync events read as Go 1.23 (which emits none for old traces)', () => {
    const evs = [...new Reader(bytes('stress_start_stop_1_21_good.trace'), { readAs: 'go1.23' })];
    expect(evs.filter((e) => e.kind() === EventKind.Sync)).toEqual([]);
    expect(evs.length).toBe(all(bytes('stress_start_stop_1_21_good.trace')).length - 2);
  });

  // Go's TestOldtrace checks these on the Go 1.21 trace of runtime/trace.TestUserTaskRegion.
  it('converts tasks, regions and logs as Go does', () => {
    const regions = new Set(['post-existing region', 'region0', 'region1']);
    let seen = 0;
    for (const ev of all(bytes('user_task_region_1_21_good.trace'))) {
      switch (ev.kind()) {
        case EventKind.RegionBegin:
        case EventKind.RegionEnd:
          expect(regions.has(ev.region().type)).toBe(true);
          seen++;
          break;
        case EventKind.TaskBegin:
        case EventKind.TaskEnd:
          expect(ev.task().type).toBe('task0');
          seen++;
          break;
        case EventKind.Log:
          expect(ev.log()).toEqual({ task: 1, category: 'key0', message: '0123456789abcdef' });
          seen++;
          break;
      }
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('reads CPU samples of Go 1.19+ traces as StackSample events without a thread', () => {
    const samples = all(bytes('fmt_1_21_pprof_good.trace')).filter((e) => e.kind() === EventKind.StackSample);
    expect(samples.length).toBeGreaterThan(0);
    for (const s of samples) {
      expect(s.thread()).toBe(-1);
      expect(s.stack().frames().length).toBeGreaterThan(0);
    }
  });

  it('StreamReader buffers the whole trace, then reads the same events', () => {
    const data = bytes('http_1_19_good.trace');
    const want = dumpTrace(data);
    const r = new StreamReader();
    let text = '';
    let needMore = 0;
    for (let off = 0; off < data.length; off += 1000) {
      r.push(data.subarray(off, off + 1000));
      const e = r.next();
      // Nothing comes out before the end of the input.
      expect(e).toBe(NeedMoreData);
      needMore++;
    }
    expect(r.version).toBe(19);
    r.end();
    for (let e = r.next(); e !== null; e = r.next()) {
      if (e === NeedMoreData) throw new Error('NeedMoreData after end');
      text += e.toString() + '\n';
    }
    expect(needMore).toBeGreaterThan(10);
    expect(text + 'EOF\n').toBe(want);
  });

  it('readEventsAsync and readEventBatchesAsync read the same events', async () => {
    const data = bytes('stress_start_stop_1_19_good.trace');
    const want = all(data).map(String);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let off = 0; off < data.length; off += 777) yield data.slice(off, off + 777);
    }
    const got: string[] = [];
    for await (const e of readEventsAsync(chunks())) got.push(e.toString());
    expect(got).toEqual(want);
    const batched: string[] = [];
    for await (const evs of readEventBatchesAsync(chunks(), 100)) for (const e of evs) batched.push(e.toString());
    expect(batched).toEqual(want);
  });
});

describe('malformed old traces end in a TraceError with Go\'s message', () => {
  const header = new TextEncoder().encode('go 1.21 trace\x00\x00\x00');
  const trace = (...body: number[]): Uint8Array => Uint8Array.from([...header, ...body]);
  const failure = (data: Uint8Array): string => {
    try {
      const r = new Reader(data);
      while (r.next() !== null);
    } catch (e) {
      expect(e).toBeInstanceOf(TraceError);
      return (e as TraceError).message;
    }
    return 'no error';
  };

  it('an empty trace has no frequency', () => {
    expect(failure(trace())).toBe('no EvFrequency event');
    expect(dumpTrace(trace())).toBe('ERROR: no EvFrequency event\n');
  });
  it('an event before any batch', () => {
    // Frequency (type 2, one argument) with no batch before it.
    expect(failure(trace(0x02, 0x01))).toBe('read event 2 with current P of 0, but P has no batches yet');
  });
  it('an unknown event type', () => {
    expect(failure(trace(0x41, 0x00, 0x00, 0x3f))).toBe('unknown event type 63');
  });
  it('a CPU sample in a Go 1.11 trace is unknown', () => {
    const old = Uint8Array.from([...new TextEncoder().encode('go 1.11 trace\x00\x00\x00'), 0x41, 0x00, 0x00, 0xc0 | 49]);
    expect(failure(old)).toBe('unknown event type 49');
  });
  it('a length-prefixed argument list over 2048 bytes', () => {
    // UserLog (48) with 4 logical arguments: length-prefixed; length 2049.
    expect(failure(trace(0x41, 0x00, 0x00, 0xc0 | 48, 0x81, 0x10))).toBe(
      'failed to read event 48 argument: length-prefixed argument too big: 2049 bytes, limit is 2048',
    );
  });
  it('a huge string length is refused before reading', () => {
    // Batch, then String id=1 len=2^63: the first pass skips strings, and cannot.
    expect(failure(trace(0x41, 0x00, 0x00, 37, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01))).toBe(
      'failed to read trace: EOF',
    );
  });
  it('a truncated varint', () => {
    expect(failure(trace(0x41, 0x80))).toBe('malformatted base-128 varint');
  });
  it('frequency 0 is a time-order error', () => {
    expect(failure(trace(0x41, 0x00, 0x00, 0x02, 0x00))).toBe('time stamps out of order');
  });
});
