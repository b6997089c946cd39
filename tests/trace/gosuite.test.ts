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
//   - where a .golden exists, the dump (Go 1.23.5's Event.String() per event,
//     then EOF / ERROR:) equals it byte for byte;
//   - every fixture .trace round-trips bytes → text → bytes.
//
// go123-sync and go125-sync come from Go's newest tree (TestTraceGenSync).
// Go 1.23.5 rejects go123-sync ("broken trace: frontier is empty"), newer Go
// accepts it, so there is no golden. We follow the test file and newer Go:
// SUCCESS. Since our reader emits Syncs Go 1.23-style (one after each
// generation) rather than at each generation's start, we check the parts of
// TestTraceGenSync that do not depend on that choice: the events between the
// Syncs, the final Sync time, and for go125-sync the clock snapshots.

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

function readGolden(base: string): string | null {
  if (existsSync(base + '.golden')) return readFileSync(base + '.golden', 'utf8');
  if (existsSync(base + '.golden.gz')) return gunzipSync(readFileSync(base + '.golden.gz')).toString('utf8');
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

      const golden = readGolden(join(testsDir, name));
      if (golden !== null) expect(dumpTrace(bytes)).toBe(golden);
      if (!test.expect.failure) expect(events.length).toBeGreaterThan(0);
    });
  }

  it('go123-sync: the events and the final Sync agree with newer Go (TestTraceGenSync)', () => {
    const test = parseTraceTest(readFileSync(join(testsDir, 'go123-sync.test'), 'utf8'));
    const { events, error } = readAndValidate(textToBytes(test.traceText), 23);
    expect(error).toBeNull();
    const syncs = events.filter((e) => e.kind() === EventKind.Sync);
    // One Sync per generation; newer Go's Syncs are at 10, 40, 60 and a last one at 63.
    expect(syncs.map((e) => e.sync().n)).toEqual([1, 2, 3]);
    expect(syncs[syncs.length - 1].time()).toBe(63);
    expect(syncs.every((e) => e.sync().clockSnapshot === null)).toBe(true);
    const procs = events.filter((e) => e.kind() === EventKind.StateTransition).map((e) => e.toString());
    expect(procs).toEqual([
      'M=1 P=-1 G=-1 StateTransition Time=16 Resource=Proc(0) Reason="" ProcID=0 Undetermined->Running',
      'M=1 P=0 G=-1 StateTransition Time=62 Resource=Proc(0) Reason="" ProcID=0 Running->Running',
    ]);
  });

  it('go125-sync: clock snapshots as in TestTraceGenSync', () => {
    const test = parseTraceTest(readFileSync(join(testsDir, 'go125-sync.test'), 'utf8'));
    const { events, error, invalid } = readAndValidate(textToBytes(test.traceText), 25);
    expect(error).toBeNull();
    expect(invalid).toEqual([]);
    const syncEvents = events.filter((e) => e.kind() === EventKind.Sync);
    const syncs = syncEvents.map((e) => e.sync());
    expect(syncs.map((s, i) => [s.n, syncEvents[i].time()])).toEqual([[1, 17], [2, 18], [3, 83]]);
    expect(syncs.map((s) => s.clockSnapshot?.trace)).toEqual([10, 40, 60]);
    expect(syncs.map((s) => s.clockSnapshot?.mono)).toEqual([99n, 199n, 299n]);
    expect(syncs.map((s) => s.clockSnapshot?.wall.toISOString())).toEqual([
      '2025-02-28T15:04:09.000Z',
      '2025-02-28T15:04:10.000Z',
      '2025-02-28T15:04:11.000Z',
    ]);
    expect(syncs.map((s) => s.clockSnapshot?.wallNsec)).toEqual([123n, 123n, 123n]);
    expect(events[events.length - 1].time()).toBe(83);
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
