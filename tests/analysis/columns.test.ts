// The storage under the model (growable columns, ID maps) and the analyser's fast path for frequent events.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Table, IdMap, mergeByStart } from '../../src/analysis/columns.ts';
import { Analyser, analyseBytes, analyseTrace } from '../../src/analysis/index.ts';
import { Reader, TraceError } from '../../src/trace/index.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tracesDir = join(root, 'playground/traces');
const realDir = join(root, 'tests/fixtures/go-trace-testdata/real');

describe('Table', () => {
  it('keeps every row when it grows in place, past its reservation, and when trimmed', () => {
    for (const reserve of [0, 100, 1000, 1 << 20]) {
      const t = new Table({ a: Float64Array, b: Uint8Array }, 16, reserve);
      for (let i = 0; i < 5000; i++) {
        const r = t.add();
        t.cols.a[r] = i * 1.5;
        t.cols.b[r] = i & 255;
      }
      const out = t.trimmed();
      expect(out.length).toBe(5000);
      expect(out.a.length).toBe(5000);
      expect(out.a.buffer.byteLength).toBe(5000 * 8);
      expect(out.b.length).toBe(5000);
      for (let i = 0; i < 5000; i++) {
        expect(out.a[i]).toBe(i * 1.5);
        expect(out.b[i]).toBe(i & 255);
      }
    }
  });

  it('merges back-dated rows in order, main rows first among equal starts', () => {
    const a = new Table({ start: Float64Array, tag: Int32Array }, 4, 1 << 16);
    const b = new Table({ start: Float64Array, tag: Int32Array }, 4, 1 << 16);
    for (const s of [0, 10, 10, 20, 30]) {
      const r = a.add();
      a.cols.start[r] = s;
      a.cols.tag[r] = r;
    }
    for (const s of [0, 10, 25, 40]) {
      const r = b.add();
      b.cols.start[r] = s;
      b.cols.tag[r] = -(r + 1);
    }
    const m = mergeByStart(a, b, 'start');
    expect([...m.start]).toEqual([0, 0, 10, 10, 10, 20, 25, 30, 40]);
    expect([...m.tag]).toEqual([0, -1, 1, 2, -2, 3, -3, 4, -4]);
  });

  it('typed arrays of the model are exactly their length (nothing unused travels to the page)', () => {
    const m = analyseBytes(readFileSync(join(realDir, 'annotations-go1.23.trace')));
    for (const key of ['goroutineStates', 'regions', 'logs', 'heapAlloc'] as const) {
      const t = m[key] as unknown as Record<string, unknown> & { length: number };
      for (const [k, v] of Object.entries(t)) {
        if (!ArrayBuffer.isView(v)) continue;
        if (k !== 'offsets') expect((v as Float64Array).length).toBe(t.length);
        expect(v.buffer.byteLength).toBe(v.byteLength);
      }
    }
    for (const v of Object.values(m.procRuns)) expect(v.buffer.byteLength).toBe(v.byteLength);
    expect(m.procRuns.row.length).toBe(m.procRuns.goroutine.length);
  });
});

describe('IdMap', () => {
  it('maps small, large, negative and fractional IDs, and clears', () => {
    const m = new IdMap();
    const ids = [0, 1, 63, 64, 1000, 70000, (1 << 22) + 5, 2 ** 40, -1, 0.5];
    ids.forEach((id, i) => m.set(id, i));
    ids.forEach((id, i) => expect(m.get(id)).toBe(i));
    expect(m.get(2)).toBeUndefined();
    expect(m.get(-2)).toBeUndefined();
    m.clear();
    for (const id of ids) expect(m.get(id)).toBeUndefined();
    m.set(5, 7);
    expect(m.get(5)).toBe(7);
  });
});

describe('fast path', () => {
  const files = [
    ...readdirSync(tracesDir).filter((f) => f.endsWith('.trace')).map((f) => join(tracesDir, f)),
    ...readdirSync(realDir).filter((f) => f.endsWith('.trace')).map((f) => join(realDir, f)),
  ];

  function general(bytes: Uint8Array) {
    const a = new Analyser(bytes.length, { fastPath: false });
    a.bytes = bytes.length;
    try {
      const r = new Reader(bytes);
      a.version = `go 1.${r.version}`;
      for (let ev = r.next(); ev !== null; ev = r.next()) a.event(ev);
      a.stopped(undefined, r.endedEarly);
    } catch (err) {
      if (!(err instanceof TraceError)) throw err;
      a.stopped(err, null);
    }
    return a.finish();
  }

  it.each(files.map((f) => [f.slice(root.length)]))('gives the same model as the accessors: %s', (file) => {
    const bytes = readFileSync(join(root, file));
    const fast = analyseBytes(bytes);
    const slow = general(bytes);
    if (fast.version === '') return; // not even a header: nothing to compare
    expect(fast).toEqual({ ...slow, version: fast.version });
  });

  it('streamed without a size (tables growing past their default reservation) gives the same model', async () => {
    const bytes = readFileSync(join(realDir, 'annotations-go1.23.trace'));
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 3000) yield bytes.subarray(i, i + 3000);
    }
    expect(await analyseTrace(chunks())).toEqual(analyseBytes(bytes));
  });
});
