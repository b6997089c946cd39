// Fuzzing the reader: every input must end in a result (read to the end) or a
// TraceError, never another exception, and within 2 s, read as Go 1.27 (the default)
// and as Go 1.23 (the corpus, truncations and regressions both ways, mutations by turns).
//
// 1. Go's own fuzz corpus (testdata/fuzz/FuzzReader): malformed traces that
//    once broke Go's reader.
// 2. Truncations of every fixture trace at and around every batch boundary
//    (old-format traces too: fuzz/mutate.ts walks their events to find batches).
// 3. A seeded mutation fuzzer (fuzz/mutate.ts) over the fixture traces (the v1/
//    ones up to 64 KB among them):
//    FUZZ_CASES cases (default 3000) from FUZZ_SEED (default fixed), so a
//    failure reproduces from the seed and case number it prints.
// 4. Inputs saved in fuzz-regressions/ (*.trace) once made the reader fail.
//
// Cases run in a worker thread, so a case that hangs is stopped and reported.
// A failing input is written to $TMPDIR/gotrace-fuzz-failures/ for
// minimising into fuzz-regressions/.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFuzzCorpusFile } from './fuzz/corpus.ts';
import { batchBoundaryTruncations, caseSeed, mutate } from './fuzz/mutate.ts';
import { CaseRunner, type PoolResult } from './fuzz/pool.ts';
import { dumpTrace, Reader, TraceError, type ReadAs } from '../../src/trace/index.ts';

const fixtures = fileURLToPath(new URL('../fixtures/go-trace-testdata/', import.meta.url));
const regressions = fileURLToPath(new URL('./fuzz-regressions/', import.meta.url));
const CASES = Number(process.env.FUZZ_CASES ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2024);
const DEADLINE_MS = 2000;
const failDir = join(tmpdir(), 'gotrace-fuzz-failures');

// Old-format fixtures up to this size are mutated too: an old trace is parsed whole
// before its first event, so the large stress traces (300+ KB) would make every case slow.
const V1_SEED_MAX_BYTES = 64 * 1024;

/**
 * The fixture traces the mutations start from: real/ and tests/ bytes (every format from
 * go 1.22 to go 1.26), and the smaller old-format (v1/) traces.
 */
function seeds(): { name: string; data: Uint8Array }[] {
  const out: { name: string; data: Uint8Array }[] = [];
  for (const dir of ['tests', 'real', 'v1']) {
    for (const f of readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.trace')).sort()) {
      const data = new Uint8Array(readFileSync(join(fixtures, dir, f)));
      if (dir === 'v1' && data.length > V1_SEED_MAX_BYTES) continue;
      out.push({ name: `${dir}/${f}`, data });
    }
  }
  return out;
}

let runner: CaseRunner;
const failures: string[] = [];
const timeOrderCases: string[] = [];

function record(label: string, data: Uint8Array, r: PoolResult): void {
  if (r.outcome !== 'crash' && r.outcome !== 'hang' && r.ms <= DEADLINE_MS) return;
  mkdirSync(failDir, { recursive: true });
  const file = join(failDir, label.replace(/[^\w.-]+/g, '_') + '.trace');
  writeFileSync(file, data);
  const why = r.ms > DEADLINE_MS && r.outcome !== 'hang' ? `slow (${r.ms.toFixed(0)} ms)` : r.outcome;
  failures.push(`${label}: ${why}: ${r.error ?? ''}\n    input saved to ${file}${'stack' in r && r.stack ? '\n    ' + r.stack.split('\n').slice(0, 4).join('\n    ') : ''}`);
}

async function check(label: string, data: Uint8Array, readAs: ReadAs = 'go1.27'): Promise<PoolResult> {
  const r = await runner.run(data, DEADLINE_MS, readAs);
  record(`${label}${readAs === 'go1.23' ? '-go1.23' : ''}`, data, r);
  return r;
}

/** Both readers on one input; the Go 1.27 reading's result. */
async function checkBoth(label: string, data: Uint8Array): Promise<PoolResult> {
  await check(label, data, 'go1.23');
  return check(label, data);
}

beforeAll(async () => {
  runner = new CaseRunner();
  // Warm up: the worker's first case also loads the reader's modules.
  await runner.run(new Uint8Array(0), 60_000);
});

afterAll(async () => {
  await runner.close();
});

describe('fuzz', () => {
  it("Go's fuzz corpus: each input ends in a result or a TraceError", async () => {
    const dir = join(fixtures, 'fuzz');
    const files = readdirSync(dir).sort();
    expect(files.length).toBeGreaterThan(0);
    const before = failures.length;
    const outcomes: string[] = [];
    for (const f of files) {
      for (const [i, data] of decodeFuzzCorpusFile(new Uint8Array(readFileSync(join(dir, f)))).entries()) {
        const r = await checkBoth(`corpus-${f}-${i}`, data);
        outcomes.push(`${f}: ${r.outcome}${r.error ? ' ' + r.error : ''}`);
      }
    }
    // As in Go's FuzzReader, the requirement is only to end cleanly: some of
    // these inputs read to the end (Go's reader reads them too).
    expect(failures.slice(before), outcomes.join('\n')).toEqual([]);
  });

  it('truncations at every batch boundary', async () => {
    const before = failures.length;
    let n = 0;
    for (const s of seeds()) {
      for (const t of batchBoundaryTruncations(s.data)) {
        await checkBoth(`trunc-${s.name}-at-${t.at}`, t.data);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
    expect(failures.slice(before)).toEqual([]);
  }, 300_000);

  it(`${CASES} seeded mutations (FUZZ_SEED=${SEED}, FUZZ_CASES=${CASES})`, async () => {
    const before = failures.length;
    const base = seeds();
    const tally = new Map<string, number>();
    timeOrderCases.length = 0;
    for (let i = 0; i < CASES; i++) {
      const src = base[i % base.length];
      const seed = caseSeed(SEED, i);
      const m = mutate(src.data, seed);
      const r = await check(`mut-${i}-seed-${seed}-${src.name}-${m.kind}`, m.data, i % 4 === 3 ? 'go1.23' : 'go1.27');
      tally.set(r.outcome, (tally.get(r.outcome) ?? 0) + 1);
      if ('timeOrder' in r && r.timeOrder !== undefined) {
        timeOrderCases.push(`case ${i} (seed ${seed}, ${src.name}, ${m.detail}): ${r.timeOrder}`);
      }
      if (r.outcome === 'crash' || r.outcome === 'hang') {
        failures[failures.length - 1] += `\n    case ${i}: ${src.name} ${m.detail}`;
      }
    }
    const summary = [...tally].map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(`fuzz: ${CASES} mutations, seed ${SEED}: ${summary}`);
    expect(failures.slice(before), summary).toEqual([]);
  }, 600_000);

  // Go's Reader guarantees strictly increasing times whatever the input; the
  // cases that broke this are in fuzz-regressions/ (time-order-*, freq-zero, huge-timestamps).
  it('mutated inputs: event times strictly increase (Go guarantees it)', () => {
    expect(timeOrderCases.slice(0, 10), `${timeOrderCases.length} of ${CASES} cases`).toEqual([]);
  });

  it('fuzz-regressions/: saved inputs end in a result or a TraceError', async () => {
    const before = failures.length;
    for (const f of regressionFiles()) await checkBoth(`regression-${f}`, new Uint8Array(readFileSync(join(regressions, f))));
    expect(failures.slice(before)).toEqual([]);
  }, 120_000);
});

function regressionFiles(): string[] {
  return existsSync(regressions) ? readdirSync(regressions).filter((f) => f.endsWith('.trace')).sort() : [];
}

// Go's Reader makes every time strictly greater than the one before it, and at
// least 1; so must ours, whatever the input (see fuzz-regressions/README.md). Each
// reading equals its golden: NAME.go127.golden (Go 1.27.3) and NAME.golden (Go 1.23.5).
describe('fuzz-regressions/ (see README.md there)', () => {
  for (const f of regressionFiles()) {
    for (const readAs of ['go1.27', 'go1.23'] as const) {
      it(`${f} (${readAs})`, () => {
        const data = new Uint8Array(readFileSync(join(regressions, f)));
        const times: bigint[] = [];
        let r: Reader | null = null;
        try {
          r = new Reader(data, { readAs });
          for (const ev of r) times.push(ev.timeBigInt());
        } catch (e) {
          if (!(e instanceof TraceError)) throw e;
        }
        // Where Go 1.23's reader ends with a bare io.EOF (eof-*), so do we, and we say so.
        if (f.startsWith('eof-') && readAs === 'go1.23') expect(r?.endedEarly?.message).toBe('EOF');
        const bad = times.findIndex((t, i) => !(t > (i === 0 ? 0n : times[i - 1])));
        expect(bad, `event ${bad} has time ${times[bad]} after ${times[bad - 1]}`).toBe(-1);
        const golden = join(regressions, f.replace(/\.trace$/, readAs === 'go1.27' ? '.go127.golden' : '.golden'));
        if (existsSync(golden)) expect(dumpTrace(data, { readAs })).toBe(readFileSync(golden, 'utf8'));
      });
    }
  }
});
