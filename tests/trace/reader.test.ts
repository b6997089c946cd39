// The reader's API and robustness: streaming equals whole-buffer reading, accessors agree
// with String(), malformed input fails only with TraceError, and the Go 1.26 framing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Ev, EventKind, GoState, NeedMoreData, NoStack, Reader, ResourceKind, StreamReader, TraceError,
  dumpTrace, eventKindString, readEvents, readEventsAsync, readEventBatchesAsync, type Event,
} from '../../src/trace/index.ts';

const root = join(import.meta.dirname, '../fixtures/go-trace-testdata');
const load = (p: string): Uint8Array => new Uint8Array(readFileSync(join(root, p)));

const samples = [
  'real/annotations-go1.23.trace',
  'real/stress-start-stop-go1.23.trace',
  'real/wait-on-pipe-go1.22.trace',
  'tests/go122-gc-stress.trace',
  'tests/go122-syscall-steal-proc-ambiguous.trace',
];

function streamDump(bytes: Uint8Array, chunk: number): string {
  const r = new StreamReader();
  let off = 0;
  let out = '';
  try {
    for (;;) {
      const e = r.next();
      if (e === null) break;
      if (e === NeedMoreData) {
        if (off >= bytes.length) r.end();
        else r.push(bytes.subarray(off, (off += chunk)));
        continue;
      }
      out += e.toString() + '\n';
    }
    return out + 'EOF\n';
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    return out + `ERROR: ${e.message}\n`;
  }
}

describe('streaming', () => {
  for (const f of samples) {
    it(`${f}: pushed chunks give the same events as the whole buffer`, () => {
      const bytes = load(f);
      const want = dumpTrace(bytes);
      for (const chunk of [1, 7, 100, 4096, bytes.length]) expect(streamDump(bytes, chunk)).toBe(want);
    });
  }

  it('readEventsAsync reads a ReadableStream and an async iterable', async () => {
    const bytes = load('real/stress-start-stop-go1.23.trace');
    const want = [...readEvents(bytes)].map((e) => e.toString());
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 1000) c.enqueue(bytes.slice(i, i + 1000));
        c.close();
      },
    });
    const got: string[] = [];
    for await (const e of readEventsAsync(stream)) got.push(e.toString());
    expect(got).toEqual(want);

    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < bytes.length; i += 333) yield bytes.slice(i, i + 333);
    }
    const got2: string[] = [];
    for await (const e of readEventsAsync(chunks())) got2.push(e.toString());
    expect(got2).toEqual(want);
  });

  it('readEventBatchesAsync gives the same events in arrays, and stops the source early', async () => {
    const bytes = load('real/stress-start-stop-go1.23.trace');
    const want = [...readEvents(bytes)].map((e) => e.toString());
    let returned = false;
    async function* chunks(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < bytes.length; i += 500) yield bytes.slice(i, i + 500);
      } finally {
        returned = true;
      }
    }
    const got: string[] = [];
    for await (const events of readEventBatchesAsync(chunks(), 100)) {
      expect(events.length).toBeGreaterThan(0);
      expect(events.length).toBeLessThanOrEqual(100);
      for (const e of events) got.push(e.toString());
    }
    expect(got).toEqual(want);
    returned = false;
    for await (const _ of readEventsAsync(chunks())) break;
    expect(returned).toBe(true);
  });

  it('a trace Go ends with a bare io.EOF ends cleanly, with endedEarly set', () => {
    // A Frequency batch with nothing after the byte: Go 1.23 fails on its uvarint with a bare
    // io.EOF; Go 1.27 first finds it is a second frequency (golden.test.ts).
    const bytes = new Uint8Array(readFileSync(new URL('./fuzz-regressions/eof-error-quirk.trace', import.meta.url)));
    const r = new Reader(bytes, { readAs: 'go1.23' });
    while (r.next() !== null);
    expect(r.endedEarly?.message).toBe('EOF');
    expect(r.endedEarly?.offset).toBeGreaterThan(0);
    // A String event without its ID in the first generation: Go 1.27 closes what it read with
    // a Sync, then ends (io.EOF).
    const cutString = new Uint8Array([...header(23), Ev.EventBatch, 1, 0x7f, 0, 2, Ev.Strings, Ev.String]);
    const r27 = new Reader(cutString);
    const evs = [...r27];
    expect(evs.map((e) => e.toString())).toEqual(['M=-1 P=-1 G=-1 Sync Time=1 N=1']);
    expect(r27.endedEarly?.message).toBe('EOF');
    expect(dumpTrace(cutString)).toBe('M=-1 P=-1 G=-1 Sync Time=1 N=1\nEOF\n');
    const whole = new Reader(load('real/stress-start-stop-go1.23.trace'));
    while (whole.next() !== null);
    expect(whole.endedEarly).toBe(null);
    // An ExperimentalBatch byte at the very end: Go's readBatch returns io.EOF, read as the end.
    const cut = load('real/annotations-go1.23.trace');
    const extra = new Uint8Array(cut.length + 1);
    extra.set(cut);
    extra[cut.length] = Ev.ExperimentalBatch;
    expect(dumpTrace(extra)).toBe(dumpTrace(cut));
    const s = new StreamReader();
    s.push(extra);
    s.end();
    while (s.next() !== null);
    expect(s.endedEarly?.offset).toBe(cut.length);
  });

  it('readEventsAsync rejects with TraceError on a broken stream', async () => {
    const bytes = load('tests/go122-fail-first-gen-first.trace');
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield bytes;
    }
    await expect(async () => {
      for await (const _ of readEventsAsync(chunks()));
    }).rejects.toThrow(TraceError);
  });
});

describe('events', () => {
  it('accessors agree with toString and times strictly increase', () => {
    for (const f of samples) {
      let last = -Infinity;
      for (const e of readEvents(load(f))) {
        expect(e.time()).toBeGreaterThan(last);
        last = e.time();
        expect(BigInt(e.time())).toBe(e.timeBigInt());
        const head = `M=${e.thread()} P=${e.proc()} G=${e.goroutine()} ${eventKindString(e.kind())} Time=${e.time()}`;
        expect(e.toString().startsWith(head)).toBe(true);
        checkKind(e);
      }
    }
  });

  it('reads tasks, regions, logs and labels', () => {
    const evs = [...readEvents(load('real/annotations-go1.23.trace'))];
    const tb = evs.find((e) => e.kind() === EventKind.TaskBegin)!;
    expect(tb.task().type).toBe('task0');
    const te = evs.find((e) => e.kind() === EventKind.TaskEnd && e.task().id === tb.task().id)!;
    expect(te.task().type).toBe('task0');
    const logs = evs.filter((e) => e.kind() === EventKind.Log).map((e) => e.log());
    expect(logs.length).toBeGreaterThan(0);
    expect(logs[0].category).toBe('key0');
    const regions = evs.filter((e) => e.kind() === EventKind.RegionBegin).map((e) => e.region().type);
    expect(regions).toContain('region0');
  });

  it('reads state transitions with reasons and stacks', () => {
    const evs = [...readEvents(load('real/wait-on-pipe-go1.23.trace'))];
    const blocks = evs.filter((e) => e.kind() === EventKind.StateTransition && e.type === Ev.GoBlock);
    expect(blocks.length).toBeGreaterThan(0);
    const st = blocks[0].stateTransition();
    expect(st.resource.kind).toBe(ResourceKind.Goroutine);
    expect(st.goroutine()).toEqual({ from: GoState.Running, to: GoState.Waiting });
    expect(st.reason).not.toBe('');
    expect(st.stack.equals(blocks[0].stack())).toBe(true);
    const frames = st.stack.frames();
    expect(frames.length).toBeGreaterThan(0);
    expect(frames[0].func).not.toBe('');
    expect(frames[0].line).toBeGreaterThan(0);
    expect(() => st.proc()).toThrow();
  });

  it('numbers Sync events and gives a 1.23 trace no clock snapshot', () => {
    const syncs = [...readEvents(load('real/stress-start-stop-go1.23.trace'))].filter((e) => e.kind() === EventKind.Sync);
    expect(syncs.map((e) => e.sync().n)).toEqual(syncs.map((_, i) => i + 1));
    expect(syncs[0].sync().clockSnapshot).toBeNull();
    expect(syncs[0].stack()).toBe(NoStack);
  });

  it('keeps 64-bit values exact', () => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/extra/wide-values.trace')));
    const evs = [...readEvents(bytes)];
    const task = evs.find((e) => e.kind() === EventKind.TaskBegin)!;
    expect(task.timeBigInt()).toBe(576460862983910592n);
    expect(task.task().parent).toBe(-1); // NoTask
    const heap = evs.find((e) => e.kind() === EventKind.Metric)!;
    expect(heap.metric().value.uint64BigInt()).toBe(18446744073709551615n);
  });
});

function checkKind(e: Event): void {
  switch (e.kind()) {
    case EventKind.Metric:
      expect(e.metric().name).toMatch(/:/);
      break;
    case EventKind.Label:
      expect(e.label().resource.kind).toBe(ResourceKind.Goroutine);
      break;
    case EventKind.RangeBegin:
    case EventKind.RangeActive:
    case EventKind.RangeEnd:
      expect(e.range().name).not.toBe('');
      if (e.kind() === EventKind.RangeEnd) e.rangeAttributes();
      break;
    case EventKind.StateTransition: {
      const st = e.stateTransition();
      if (st.resource.kind === ResourceKind.Goroutine) expect(st.goroutine().to).not.toBe(GoState.Undetermined);
      else expect(st.resource.kind).toBe(ResourceKind.Proc);
      break;
    }
    case EventKind.StackSample:
      e.stack().frames();
      break;
  }
}

// A tiny trace writer for hand-made byte-level cases.
function uv(out: number[], x: number): void {
  while (x >= 0x80) {
    out.push((x & 0x7f) | 0x80);
    x = Math.floor(x / 128);
  }
  out.push(x);
}
function header(v: number): number[] {
  return [...new TextEncoder().encode(`go 1.${v} trace\0\0\0`)];
}
function batch(gen: number, m: number, time: number, events: number[][]): number[] {
  const body: number[] = [];
  for (const [typ, ...args] of events) {
    body.push(typ);
    for (const a of args) uv(body, a);
  }
  const out: number[] = [Ev.EventBatch];
  uv(out, gen);
  if (m < 0) out.push(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
  else uv(out, m);
  uv(out, time);
  uv(out, body.length);
  return [...out, ...body];
}
// One Go 1.26 generation: sync batch, a proc on M 1, empty stacks and strings, end marker.
function gen126(gen: number, time: number): number[] {
  return [
    ...batch(gen, -1, time, [[Ev.Sync], [Ev.Frequency, 1_000_000_000], [Ev.ClockSnapshot, 1, 99 + gen, 1740755048 + gen, 123]]),
    ...batch(gen, 1, time + 5, [[Ev.ProcStatus, 1, 0, 1]]),
    ...batch(gen, -1, time, [[Ev.Stacks]]),
    ...batch(gen, -1, time, [[Ev.Strings]]),
  ];
}

describe('Go 1.26 framing', () => {
  it('reads generations ended by EndOfGeneration', () => {
    const bytes = new Uint8Array([...header(26), ...gen126(1, 10), Ev.EndOfGeneration, ...gen126(2, 20), Ev.EndOfGeneration]);
    const r = new Reader(bytes);
    expect(r.version).toBe(26);
    const kinds = [...r].map((e) => eventKindString(e.kind()));
    expect(kinds).toEqual(['Sync', 'StateTransition', 'Sync', 'StateTransition', 'Sync']);
  });

  it('reports a truncated generation', () => {
    const bytes = new Uint8Array([...header(26), ...gen126(1, 10), Ev.EndOfGeneration, ...gen126(2, 20)]);
    expect(dumpTrace(bytes)).toMatch(/ERROR: incomplete generation found; trace likely truncated\n$/);
  });

  it('reports interleaved generations', () => {
    const bytes = new Uint8Array([...header(26), ...gen126(1, 10), ...gen126(2, 20), Ev.EndOfGeneration]);
    expect(dumpTrace(bytes)).toMatch(/ERROR: broken trace: missing end-of-generation event, or generations are interleaved\n$/);
  });
});

describe('malformed input', () => {
  it('rejects bad and unsupported headers', () => {
    expect(() => new Reader(new TextEncoder().encode('hello world, not a trace'))).toThrow('bad file format: not a Go execution trace?');
    // Old formats read (tests/trace/v1.test.ts); a bare Go 1.21 header has no frequency, as in Go.
    expect(new Reader(new Uint8Array(header(21))).version).toBe(21);
    expect(dumpTrace(new Uint8Array(header(21)))).toBe('ERROR: no EvFrequency event\n');
    expect(() => new Reader(new Uint8Array(header(24)))).toThrow('unknown or unsupported trace version go 1.24');
    expect(() => new Reader(new Uint8Array(header(99)))).toThrow('unknown or unsupported trace version go 1.99');
  });

  it('rejects a batch size beyond the maximum without allocating it', () => {
    const bytes = new Uint8Array([...header(23), Ev.EventBatch, 1, 1, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    // Go 1.27 closes what it read (nothing) with a Sync before the error; Go 1.23 does not.
    expect(dumpTrace(bytes)).toBe('M=-1 P=-1 G=-1 Sync Time=1 N=1\nERROR: invalid batch size 4294967295, maximum is 65536\n');
    expect(dumpTrace(bytes, { readAs: 'go1.23' })).toBe('ERROR: invalid batch size 4294967295, maximum is 65536\n');
  });

  it('fails only with TraceError on every truncation of a real trace', () => {
    const bytes = load('real/annotations-go1.23.trace');
    for (let n = 0; n < bytes.length; n++) {
      const out = dumpTrace(bytes.subarray(0, n)); // throws if anything but a TraceError escapes
      expect(out.endsWith('EOF\n') || out.includes('ERROR: ')).toBe(true);
    }
  });

  it('fails only with TraceError on corrupted bytes', () => {
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const f of samples) {
      const orig = load(f);
      for (let k = 0; k < 150; k++) {
        const bytes = orig.slice();
        const flips = 1 + Math.floor(rand() * 4);
        for (let i = 0; i < flips; i++) bytes[16 + Math.floor(rand() * (bytes.length - 16))] = Math.floor(rand() * 256);
        const out = dumpTrace(bytes);
        expect(out.endsWith('EOF\n') || out.includes('ERROR: ')).toBe(true);
      }
    }
  });
});
