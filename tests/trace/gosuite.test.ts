// Go's trace reader test suite, run the way Go runs it (internal/trace
// reader_test.go TestReaderGolden/testReader, testtrace.ParseFile):
//
//   for each testdata/tests/*.test: split the txtar, convert the text trace to
//   bytes with the raw text reader and byte writer, read every event, feed
//   each to the validator, and check the outcome against `expect` (SUCCESS,
//   or FAILURE "<regexp>" matched against the reader's error message).
//
// On top of Go's checks:
//   - the bytes we produce equal the committed .trace (made by Go's raw
//     package), and bytes → text gives back the .test's text exactly;
//   - the dump equals the goldens: NAME.go127.golden (Go 1.27.3's reader, our
//     default) and NAME.golden (Go 1.23.5's, readAs "go1.23");
//   - every fixture .trace round-trips bytes → text → bytes.
//
// go123-sync and go125-sync come from Go's newest tree, with Go 1.27's
// TestTraceGenSync: the exact times of the Sync events and the clock snapshots.
// Go 1.23.5 rejects go123-sync ("broken trace: frontier is empty") and cannot
// read go125-sync; reading as Go 1.23 does the same.

import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dumpTrace, EventKind, Reader, TraceError, type Event } from '../../src/trace/index.ts';
import { bytesToText, checkExpectation, parseTraceTest, textToBytes } from '../../src/trace/raw/index.ts';
import { Validator } from '../../src/trace/testtrace/index.ts';

const fixtures = fileURLToPath(new URL('../fixtures/go-trace-testdata/', import.meta.url));
const testsDir = join(fixtures, 'tests');
const testFiles = readdirSync(testsDir).filter((f) => f.endsWith('.test')).sort();

function readGolden(file: string): string | null {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (existsSync(file + '.gz')) return gunzipSync(readFileSync(file + '.gz')).toString('utf8');
  return null;
}

/** testReader: read all events, validating each; returns the events and the reader's error. */
function readAndValidate(bytes: Uint8Array, goVersion: number): { events: Event[]; error: string | null; invalid: string[] } {
  const v = new Validator({ goVersion });
  const events: Event[] = [];
  const invalid: string[] = [];
  try {
    for (const ev of new Reader(bytes)) {
      events.push(ev);
      const err = v.event(ev);
      if (err !== null) invalid.push(`event ${events.length - 1} (${ev.toString().split('\n')[0]}): ${err.message}`);
    }
  } catch (e) {
    // Only TraceError is an acceptable failure; anything else is a reader bug.
    if (!(e instanceof TraceError)) throw e;
    return { events, error: e.message, invalid };
  }
  return { events, error: null, invalid };
}

describe('Go reader test suite (testdata/tests)', () => {
  it('has the suite', () => {
    expect(testFiles.length).toBeGreaterThanOrEqual(22);
  });

  for (const file of testFiles) {
    const name = file.replace(/\.test$/, '');
    it(name, () => {
      const text = readFileSync(join(testsDir, file), 'utf8');
      const test = parseTraceTest(text, file);
      const bytes = textToBytes(test.traceText);

      // The raw text reader and byte writer agree with Go's.
      const committed = join(testsDir, name + '.trace');
      if (existsSync(committed)) {
        expect(Buffer.from(bytes).equals(readFileSync(committed)), `${name}: bytes differ from ${name}.trace`).toBe(true);
      }
      // And the byte reader and text writer invert them.
      expect(bytesToText(bytes)).toBe(test.traceText);

      const version = Number(test.traceText.match(/^Trace Go1\.(\d+)/)![1]);
      const { events, error, invalid } = readAndValidate(bytes, version);
      expect(invalid, `${name}: validation errors`).toEqual([]);
      const problem = checkExpectation(test.expect, error);
      expect(problem, `${name}: ${problem}`).toBeNull();

      const golden = readGolden(join(testsDir, name + '.go127.golden'));
      expect(golden, `${name}: no Go 1.27 golden`).not.toBeNull();
      expect(dumpTrace(bytes)).toBe(golden);
      const golden123 = readGolden(join(testsDir, name + '.golden'));
      if (golden123 !== null) expect(dumpTrace(bytes, { readAs: 'go1.23' })).toBe(golden123);
      if (!test.expect.failure) expect(events.length).toBeGreaterThan(0);
    });
  }

  // Go 1.27's TestTraceGenSync: the times of the Sync events (one opening each generation, at
  // its earliest batch, and a last one) and their clock snapshots.
  function syncsOf(name: string): { time: number; snapshot: { trace: bigint; wall: string; mono: bigint } | null }[] {
    const test = parseTraceTest(readFileSync(join(testsDir, name), 'utf8'));
    const { events, error, invalid } = readAndValidate(textToBytes(test.traceText), Number(test.traceText.match(/^Trace Go1\.(\d+)/)![1]));
    expect(error).toBeNull();
    expect(invalid).toEqual([]);
    return events
      .filter((e) => e.kind() === EventKind.Sync)
      .map((e) => {
        const cs = e.sync().clockSnapshot;
        return { time: e.time(), snapshot: cs === null ? null : { trace: cs.traceBigInt, wall: cs.wallText, mono: cs.mono } };
      });
  }

  it('go123-sync: Sync times as in TestTraceGenSync', () => {
    // The Frequency batch of generation 3 is at 80, but 60 is the generation's earliest batch.
    expect(syncsOf('go123-sync.test')).toEqual([
      { time: 10, snapshot: null },
      { time: 40, snapshot: null },
      { time: 60, snapshot: null },
      { time: 63, snapshot: null },
    ]);
  });

  it('go125-sync: Sync times and clock snapshots as in TestTraceGenSync', () => {
    const syncs = syncsOf('go125-sync.test');
    expect(syncs).toEqual([
      { time: 9, snapshot: { trace: 10n, wall: '2025-02-28T15:04:09.000000123Z', mono: 99n } },
      { time: 38, snapshot: { trace: 40n, wall: '2025-02-28T15:04:10.000000123Z', mono: 199n } },
      { time: 58, snapshot: { trace: 60n, wall: '2025-02-28T15:04:11.000000123Z', mono: 299n } },
      { time: 83, snapshot: null },
    ]);
  });

  it('go125-sync: the clock snapshot through the API (wall clock as a Date, exact seconds and nanoseconds)', () => {
    const test = parseTraceTest(readFileSync(join(testsDir, 'go125-sync.test'), 'utf8'));
    const first = new Reader(textToBytes(test.traceText)).next()!;
    const cs = first.sync().clockSnapshot!;
    expect(first.sync().n).toBe(1);
    expect(cs.trace).toBe(10);
    expect(cs.wall.toISOString()).toBe('2025-02-28T15:04:09.000Z');
    expect([cs.wallSec, cs.wallNsec]).toEqual([1740755049n, 123n]);
  });

  it('reading as Go 1.23 fails where Go 1.23.5 does', () => {
    const read = (name: string): string | null => {
      const test = parseTraceTest(readFileSync(join(testsDir, name), 'utf8'));
      try {
        for (const _ of new Reader(textToBytes(test.traceText), { readAs: 'go1.23' }));
      } catch (e) {
        return (e as TraceError).message;
      }
      return null;
    };
    expect(read('go123-sync.test')).toMatch(/^broken trace: frontier is empty:\n\[gen=2\]/);
    expect(read('go125-sync.test')).toBe('unknown or unsupported trace version go 1.25');
  });
});

describe('raw round trip of every fixture trace', () => {
  const dirs = ['tests', 'real'];
  const traces = dirs.flatMap((d) =>
    readdirSync(join(fixtures, d))
      .filter((f) => f.endsWith('.trace'))
      .sort()
      .map((f) => join(d, f)),
  );

  for (const rel of traces) {
    it(rel, () => {
      const bytes = new Uint8Array(readFileSync(join(fixtures, rel)));
      const text = bytesToText(bytes);
      const again = textToBytes(text);
      if (rel.startsWith('tests/')) {
        // Written by Go's raw.Writer: minimal varints, so the bytes come back identical.
        expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
      } else {
        // Written by the runtime, which pads each batch's size to a 10-byte varint;
        // our writer (like Go's) writes minimal varints. The text is the fixed point.
        expect(bytesToText(again)).toBe(text);
        expect(again.length).toBeLessThanOrEqual(bytes.length);
      }
    });
  }
});
