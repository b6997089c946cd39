// Go's own reader test vectors and real traces: our dump must equal Go 1.23.5's, byte
// for byte, and FAILURE vectors must fail with a TraceError whose message matches Go's
// expectation regexp.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Reader, TraceError, dumpTrace } from '../../src/trace/index.ts';

const root = join(import.meta.dirname, '../fixtures/go-trace-testdata');

function golden(base: string): string | null {
  if (existsSync(base + '.golden')) return readFileSync(base + '.golden', 'utf8');
  if (existsSync(base + '.golden.gz')) return gunzipSync(readFileSync(base + '.golden.gz')).toString('utf8');
  return null;
}

function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** The expectation of a .test vector: null for SUCCESS, else the FAILURE regexp. */
function expectation(testFile: string): RegExp | null {
  const text = readFileSync(testFile, 'utf8');
  const m = /^-- expect --\n(.*)\n/m.exec(text);
  if (m === null) throw new Error(`${testFile}: no expect section`);
  const line = m[1].trim();
  if (line === 'SUCCESS') return null;
  const f = /^FAILURE (".*")$/.exec(line);
  if (f === null) throw new Error(`${testFile}: bad expectation ${line}`);
  // The regexp is a Go-quoted string; these use no escapes beyond JSON's.
  return new RegExp(JSON.parse(f[1]) as string);
}

function traces(dir: string): string[] {
  return readdirSync(join(root, dir)).filter((f) => f.endsWith('.trace')).sort();
}

// Go's suite (tests/), real traces (real/), old-format traces (v1/: Go 1.11, 1.19 and 1.21
// formats, converted to the same events), and our own vectors with goldens from Go (extra/).
const goldenDirs: [string, string][] = [
  ['tests', join(root, 'tests')],
  ['real', join(root, 'real')],
  ['v1', join(root, 'v1')],
  ['extra', join(import.meta.dirname, '../fixtures/extra')],
];

for (const [label, dir] of goldenDirs) {
  describe(`${label}/ goldens`, () => {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.trace')).sort()) {
      const base = join(dir, f.slice(0, -'.trace'.length));
      const want = golden(base);
      if (want === null) continue;
      it(f, () => {
        const got = dumpTrace(bytesOf(join(dir, f)));
        // Compare line by line first for a readable failure, then exactly.
        expect(got.split('\n')).toEqual(want.split('\n'));
        expect(got === want).toBe(true);
      });
    }
  });
}

describe('tests/ expectations', () => {
  for (const f of traces('tests')) {
    const base = join(root, 'tests', f.slice(0, -'.trace'.length));
    if (!existsSync(base + '.test')) continue;
    const failure = expectation(base + '.test');
    it(`${f}: ${failure === null ? 'SUCCESS' : 'FAILURE ' + failure.source}`, () => {
      let err: unknown = null;
      try {
        const r = new Reader(bytesOf(join(root, 'tests', f)));
        while (r.next() !== null);
      } catch (e) {
        err = e;
      }
      if (failure === null) {
        expect(err).toBeNull();
      } else {
        expect(err).toBeInstanceOf(TraceError);
        expect((err as TraceError).message).toMatch(failure);
      }
    });
  }
});
