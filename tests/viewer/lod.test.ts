import { describe, expect, it } from 'vitest';
import { at, buildPyramid, EMPTY, firstEndingAfter, firstStartingAtOrAfter, modelRow, spansForView, type Track } from '../../src/components/trace-viewer/lod.ts';

function track(intervals: [number, number, number][]): Track {
  return {
    length: intervals.length,
    start: Float64Array.from(intervals, (i) => i[0]),
    end: Float64Array.from(intervals, (i) => i[1]),
    key: Uint8Array.from(intervals, (i) => i[2]),
    row: Uint32Array.from(intervals, (_, i) => i),
    first: 0,
  };
}

/** n back-to-back intervals of `width` ns alternating keys a, b (a covering `share` of each pair). */
function dense(n: number, width: number, a = 0, b = 1): Track {
  const iv: [number, number, number][] = [];
  for (let i = 0; i < n; i++) iv.push([i * width, (i + 1) * width, i % 2 ? b : a]);
  return track(iv);
}

describe('binary search over a track', () => {
  const t = track([[0, 10, 0], [10, 20, 1], [30, 40, 2]]);
  it('finds the visible range', () => {
    expect(firstEndingAfter(t, 15)).toBe(1);
    expect(firstEndingAfter(t, 25)).toBe(2);
    expect(firstEndingAfter(t, 45)).toBe(3);
    expect(firstStartingAtOrAfter(t, 30)).toBe(2);
    expect(firstStartingAtOrAfter(t, 31)).toBe(3);
  });
});

describe('spans from intervals (zoomed in)', () => {
  it('draws wide intervals as they are, merging neighbours of the same key', () => {
    const t = track([[0, 100, 2], [100, 200, 2], [200, 300, 3]]);
    const spans = spansForView(t, 0, 300, 300);
    expect(spans).toEqual([
      { x0: 0, x1: 200, key: 2, alpha: 1 },
      { x0: 200, x1: 300, key: 3, alpha: 1 },
    ]);
  });

  it('clips to the window', () => {
    const t = track([[0, 1000, 1]]);
    expect(spansForView(t, 250, 750, 100)).toEqual([{ x0: 0, x1: 100, key: 1, alpha: 1 }]);
  });

  it('merges sub-pixel intervals into one column with the dominant key', () => {
    // In one 10 ns pixel: 7 ns of key 4 and 3 ns of key 1.
    const t = track([[0, 2, 1], [2, 9, 4], [9, 10, 1]]);
    const spans = spansForView(t, 0, 100, 10);
    expect(spans).toEqual([{ x0: 0, x1: 1, key: 4, alpha: 1 }]);
  });

  it('returns at most one span per pixel for dense data', () => {
    const t = dense(10_000, 1);
    const spans = spansForView(t, 0, 10_000, 100);
    expect(spans.length).toBeLessThanOrEqual(100);
  });

  it('gives nothing outside the data', () => {
    expect(spansForView(track([[0, 10, 0]]), 20, 30, 100)).toEqual([]);
  });
});

describe('pyramid (zoomed out)', () => {
  it('is only built for large tracks', () => {
    const small = dense(100, 10);
    buildPyramid(small, 1000);
    expect(small.pyramid).toBeUndefined();
  });

  it('records the dominant key and coverage per bucket', () => {
    // Pairs of (key 3 for 9 ns, key 5 for 1 ns): key 3 dominates every bucket.
    const iv: [number, number, number][] = [];
    for (let i = 0; i < 5000; i++) iv.push([i * 10, i * 10 + 9, 3], [i * 10 + 9, i * 10 + 10, 5]);
    const t = track(iv);
    buildPyramid(t, 50_000);
    expect(t.pyramid).toBeDefined();
    const l0 = t.pyramid!.levels[0];
    expect([...l0.key].every((k) => k === 3)).toBe(true);
    expect(Math.min(...l0.cover)).toBeGreaterThan(250);
    const top = t.pyramid!.levels[t.pyramid!.levels.length - 1];
    expect(top.key.length).toBeLessThanOrEqual(64);
    expect([...top.key].every((k) => k === 3)).toBe(true);
  });

  it('marks empty buckets and a long interval spanning many buckets', () => {
    const iv: [number, number, number][] = [];
    for (let i = 0; i < 4096; i++) iv.push([i, i + 0.5, 1]);
    iv.push([10_000, 20_000, 2]);
    const t = track(iv);
    buildPyramid(t, 40_000);
    const { base, levels } = t.pyramid!;
    const at = (time: number) => levels[0].key[Math.floor(time / base)];
    expect(at(15_000)).toBe(2);
    expect(at(30_000)).toBe(EMPTY);
  });

  it('answers a zoomed-out view with one span per pixel at most, matching the data', () => {
    const t = dense(200_000, 5, 0, 0); // all key 0
    buildPyramid(t, 1_000_000);
    const spans = spansForView(t, 0, 1_000_000, 800);
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.every((s) => s.key === 0)).toBe(true);
    // Merged into one run covering the width.
    expect(spans[0].x0).toBe(0);
    expect(spans[spans.length - 1].x1).toBe(800);
  });

  // How fast this is, is measured by `npm run bench:viewer` (frame times on 5 M events), not here:
  // what makes it fast is that a frame reads buckets, one per pixel at most, whatever the data.
  it('answers any view of millions of intervals with at most one span per pixel', () => {
    const t = dense(2_000_000, 3);
    buildPyramid(t, 6_000_000);
    for (let i = 0; i < 20; i++) {
      const spans = spansForView(t, i * 1000, 6_000_000 - i * 1000, 1200);
      expect(spans.length).toBeGreaterThan(0);
      expect(spans.length).toBeLessThanOrEqual(1200);
      for (let k = 1; k < spans.length; k++) expect(spans[k].x0).toBeGreaterThanOrEqual(spans[k - 1].x1);
    }
  });
});

describe('tracks without a row index (a slice of a goroutine state table)', () => {
  // Rows of one goroutine: each interval ends where the next row starts; key 255 (End) is a gap.
  const starts = Float64Array.from([0, 10, 20, 30, 40, 50]);
  const keys = Uint8Array.from([0, 1, 255, 2, 1, 255]);
  const slice: Track = { length: 5, first: 7, start: starts.subarray(0, 5), end: starts.subarray(1, 6), key: keys.subarray(0, 5) };

  it('reads interval i from the slices directly and skips gap keys', () => {
    expect(firstEndingAfter(slice, 25)).toBe(2);
    expect(spansForView(slice, 0, 50, 50)).toEqual([
      { x0: 0, x1: 10, key: 0, alpha: 1 },
      { x0: 10, x1: 20, key: 1, alpha: 1 },
      { x0: 30, x1: 40, key: 2, alpha: 1 },
      { x0: 40, x1: 50, key: 1, alpha: 1 },
    ]);
    expect(modelRow(slice, 3)).toBe(10);
    expect(at(slice, 3)).toBe(3);
  });

  it('builds its pyramid on first need when it knows the extent', () => {
    const n = 10_000;
    const s = Float64Array.from({ length: n + 1 }, (_, i) => i * 10);
    const k = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 255 : i % 2));
    const t: Track = { length: n, first: 0, start: s.subarray(0, n), end: s.subarray(1), key: k, extent: n * 10 };
    expect(t.pyramid).toBeUndefined();
    spansForView(t, 0, 5000, 1000); // zoomed in (under two intervals a pixel): no pyramid needed
    expect(t.pyramid).toBeUndefined();
    const spans = spansForView(t, 0, n * 10, 200);
    expect(t.pyramid).toBeDefined();
    expect(spans.length).toBeGreaterThan(0);
    for (const sp of spans) expect(sp.key).toBeLessThan(2);
  });
});
