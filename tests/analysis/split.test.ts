// A trace cut at a generation boundary, its two parts analysed apart (the second as a continuation)
// and joined, gives the model of one reading: at every boundary of every multi-generation trace here.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseBytes, analyseTracePart, joinParts, modelFromPart } from '../../src/analysis/index.ts';
import { generationStarts, Reader } from '../../src/trace/index.ts';
import { caseSeed, mutate } from '../trace/fuzz/mutate.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dirs = ['tests/fixtures/analysis/multigen', 'tests/fixtures/go-trace-testdata/tests', 'tests/fixtures/go-trace-testdata/real', 'playground/traces'];
const files = dirs.flatMap((d) => readdirSync(join(root, d)).filter((f) => f.endsWith('.trace')).map((f) => join(root, d, f)));

function readsCleanly(bytes: Uint8Array): boolean {
  try {
    const r = new Reader(bytes);
    while (r.next() !== null);
    return true;
  } catch {
    return false;
  }
}

const cases: [string, Uint8Array, number[], number][] = [];
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(f));
  const starts = await generationStarts(bytes);
  if (starts.length === 0) continue;
  cases.push([f.split('/').slice(-2).join('/'), bytes, starts.map((s) => s.offset), starts[0].headerLength]);
}

describe('a trace analysed in two parts', () => {
  it('has multi-generation traces to cut', () => {
    expect(cases.filter(([name]) => name.startsWith('multigen/')).length).toBeGreaterThanOrEqual(8);
    expect(cases.reduce((n, c) => n + c[2].length, 0)).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c[0], c] as const))('joins to the one-reading model at every cut: %s', async (_, [, bytes, cuts, headerLength]) => {
    const whole = analyseBytes(bytes);
    let joined = 0;
    let refused = 0;
    for (const cut of cuts) {
      const first = await analyseTracePart(bytes.subarray(0, cut));
      const rest = new Uint8Array(headerLength + bytes.length - cut);
      rest.set(bytes.subarray(0, headerLength));
      rest.set(bytes.subarray(cut), headerLength);
      const second = await analyseTracePart(rest, { continuation: true });
      const part = joinParts(first, second);
      if (part === null) {
        // Only where one reading would not read on cleanly, or reads an error, or where nothing
        // follows the cut but the clock batch of a generation that was never written (a program that
        // exited before trace.Stop): the page then reads in one go.
        expect(whole.error !== undefined || !readsCleanly(bytes) || second.events === 0, `cut at ${cut} refused`).toBe(true);
        refused++;
        continue;
      }
      const model = modelFromPart(part);
      model.bytes = whole.bytes;
      expect(model, `cut at ${cut}`).toEqual(whole);
      joined++;
    }
    if (whole.error === undefined) {
      expect(joined + refused).toBe(cuts.length);
      expect(refused).toBeLessThanOrEqual(1); // at most the cut before an unwritten last generation
    }
  });
});

describe('a damaged trace analysed in two parts', () => {
  // Seeded mutations (tests/trace/fuzz): the join gives the one-reading model, or refuses (and the
  // page reads the file in one go); never a different model, never an exception.
  const sources = ['annotations-go1.23.trace', 'contention-go1.22.trace', 'gc-go1.22.trace'].map((f) => new Uint8Array(readFileSync(join(root, 'tests/fixtures/analysis/multigen', f))));
  const seed = Number(process.env.FUZZ_SEED ?? 7);

  it(`joins or refuses, never differs (seed ${seed}, 120 cases)`, async () => {
    const outcomes = { joined: 0, refused: 0, uncut: 0 };
    for (let i = 0; i < 120; i++) {
      const bytes = mutate(sources[i % sources.length], caseSeed(seed, i)).data;
      const starts = await generationStarts(bytes);
      if (starts.length === 0) {
        outcomes.uncut++;
        continue;
      }
      const { offset, headerLength } = starts[starts.length >> 1];
      const whole = analyseBytes(bytes);
      const rest = new Uint8Array(headerLength + bytes.length - offset);
      rest.set(bytes.subarray(0, headerLength));
      rest.set(bytes.subarray(offset), headerLength);
      const part = joinParts(await analyseTracePart(bytes.subarray(0, offset)), await analyseTracePart(rest, { continuation: true }));
      if (part === null) {
        outcomes.refused++;
        continue;
      }
      const model = modelFromPart(part);
      model.bytes = whole.bytes;
      expect(model, `case ${i} (seed ${seed})`).toEqual(whole);
      outcomes.joined++;
    }
    expect(outcomes.joined).toBeGreaterThan(20);
  }, 120_000);
});
