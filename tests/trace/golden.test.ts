// Go's own reader test vectors, real traces, old-format traces and our own vectors: our dump
// must equal Go's, byte for byte, for both references: NAME.go127.golden (Go 1.27.3's reader,
// the default) and NAME.golden (Go 1.23.5's, readAs "go1.23"). FAILURE vectors must fail with
// a TraceError whose message matches Go's expectation regexp.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Reader, TraceError, dumpTrace, type ReadAs } from '../../src/trace/index.ts';

const root = join(import.meta.dirname, '../fixtures/go-trace-testdata');

function golden(file: string): string | null {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  if (existsSync(file + '.gz')) return gunzipSync(readFileSync(file + '.gz')).toString('utf8');
  return null;
}

function bytesOf(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** A readable failure: the first line that differs (a diff of two huge dumps takes minutes). */
function firstDifference(want: string, got: string): string {
  const w = want.split('\n');
  const g = got.split('\n');
  let i = 0;
  while (i < w.length && i < g.length && w[i] === g[i]) i++;
  return `first difference at line ${i + 1} (of ${w.length} in the golden, ${g.length} from us):\n  golden: ${JSON.stringify(w[i])}\n  ours:   ${JSON.stringify(g[i])}`;
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
// formats, converted to the same events), our own vectors with goldens from Go (extra/), and
// traces the fuzzers found (fuzz-regressions/).
const goldenDirs: [string, string][] = [
  ['tests', join(root, 'tests')],
  ['real', join(root, 'real')],
  ['v1', join(root, 'v1')],
  ['extra', join(import.meta.dirname, '../fixtures/extra')],
  ['fuzz-regressions', join(import.meta.dirname, 'fuzz-regressions')],
];

// Each reference: the golden's suffix and how our reader reads as it.
const references: { go: string; suffix: string; readAs: ReadAs }[] = [
  { go: 'Go 1.27.3', suffix: '.go127.golden', readAs: 'go1.27' },
  { go: 'Go 1.23.5', suffix: '.golden', readAs: 'go1.23' },
];

for (const [label, dir] of goldenDirs) {
  for (const { go, suffix, readAs } of references) {
    describe(`${label}/ goldens from ${go}`, () => {
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.trace')).sort()) {
        const want = golden(join(dir, f.slice(0, -'.trace'.length) + suffix));
        if (want === null) continue;
        it(f, () => {
          const got = dumpTrace(bytesOf(join(dir, f)), readAs === 'go1.27' ? {} : { readAs });
          if (got !== want) expect.fail(firstDifference(want, got));
        });
      }
    });
  }
}

describe('every trace with a Go 1.23 golden has a Go 1.27 golden', () => {
  for (const [label, dir] of goldenDirs) {
    it(label, () => {
      const bases = readdirSync(dir).filter((n) => n.endsWith('.trace')).map((n) => join(dir, n.slice(0, -'.trace'.length)));
      const missing = bases.filter((b) => golden(b + '.golden') !== null && golden(b + '.go127.golden') === null);
      expect(missing).toEqual([]);
    });
  }
});

describe('tests/ expectations', () => {
  for (const f of traces('tests')) {
    const base = join(root, 'tests', f.slice(0, -'.trace'.length));
    if (!existsSync(base + '.test')) continue;
    const failure = expectation(base + '.test');
    for (const readAs of ['go1.27', 'go1.23'] as const) {
      it(`${f} (${readAs}): ${failure === null ? 'SUCCESS' : 'FAILURE ' + failure.source}`, () => {
        let err: unknown = null;
        try {
          const r = new Reader(bytesOf(join(root, 'tests', f)), { readAs });
          while (r.next() !== null);
        } catch (e) {
          err = e;
        }
        // Go 1.23.5 cannot read a Go 1.25 trace at all, and stops at go123-sync's generation
        // without thread batches (newer Go reads it, as the vector expects).
        if (readAs === 'go1.23' && f.startsWith('go125')) {
          expect((err as TraceError).message).toBe('unknown or unsupported trace version go 1.25');
          return;
        }
        if (readAs === 'go1.23' && f.startsWith('go123-sync')) {
          expect((err as TraceError).message).toMatch(/^broken trace: frontier is empty:/);
          return;
        }
        if (failure === null) {
          expect(err).toBeNull();
        } else {
          expect(err).toBeInstanceOf(TraceError);
          expect((err as TraceError).message).toMatch(failure);
        }
      });
    }
  }
});
