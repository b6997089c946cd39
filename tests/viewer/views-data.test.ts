// The pure parts of the viewer's goroutines, profiles and regions views, on hand-made data in the
// analysis contract's shapes (src/analysis/go/types.ts). The views themselves, on real traces, are
// checked in the browser against Go's own figures (e2e/views.spec.ts).
import { describe, expect, it } from 'vitest';
import type { ExecStats, GoroutineSummary, ProfileRecord } from '../../src/analysis/go/types.ts';
import { flameTree, layout } from '../../src/components/trace-viewer/views/flame.ts';
import { columnsFor, groupRows, sortRows, unknownTime } from '../../src/components/trace-viewer/views/goroutine-table.ts';
import { bucketMin, bucketOf, histogram, latencyStats } from '../../src/components/trace-viewer/views/latency.ts';

const stats = (p: Partial<ExecStats>): ExecStats => ({
  execTime: 0, schedWaitTime: 0, blockTimeByReason: {}, syscallTime: 0, syscallBlockTime: 0, totalTime: 0, rangeTime: {}, ...p,
});
const g = (id: number, name: string, s: Partial<ExecStats>): GoroutineSummary => ({
  id, name, pc: 0, creationTime: -1, startTime: 0, endTime: 100, regions: [], stats: stats(s),
});
const frame = (func: string) => ({ func, file: 'x.go', line: 1, pc: 1 });

describe('goroutine table', () => {
  const gs = [
    g(1, 'main.worker', { execTime: 10, blockTimeByReason: { sync: 5, network: 1 }, totalTime: 20, rangeTime: { 'GC mark assist': 2 } }),
    g(2, 'main.worker', { execTime: 30, blockTimeByReason: { sync: 7 }, totalTime: 40 }),
    g(3, 'main.main', { execTime: 1, schedWaitTime: 2, totalTime: 3 }),
  ];
  it('sums each kind of time per start function, and counts the goroutines', () => {
    const rows = groupRows(gs);
    const w = rows.find((r) => r.name === 'main.worker')!;
    expect(w.count).toBe(2);
    expect(w.values.exec).toBe(40);
    expect(w.values['block:sync']).toBe(12);
    expect(w.values['block:network']).toBe(1);
    expect(w.values.assist).toBe(2);
    // 20 - (10 + 5 + 1) and 40 - (30 + 7): time in no state the trace told of.
    expect(w.values.unknown).toBe(4 + 3);
  });
  it('has one block column per reason, largest first', () => {
    expect(columnsFor(gs).map((c) => c.key)).toEqual(['exec', 'schedWait', 'block:sync', 'block:network', 'syscall', 'syscallBlock', 'assist', 'unknown']);
  });
  it('sorts by any column, both ways', () => {
    const rows = groupRows(gs);
    expect(sortRows(rows, 'exec', 'descending').map((r) => r.name)).toEqual(['main.worker', 'main.main']);
    expect(sortRows(rows, 'exec', 'ascending').map((r) => r.name)).toEqual(['main.main', 'main.worker']);
    expect(sortRows(rows, 'name', 'ascending').map((r) => r.name)).toEqual(['main.main', 'main.worker']);
    expect(sortRows(rows, 'count', 'descending')[0].count).toBe(2);
  });
  it('never gives negative unknown time', () => {
    expect(unknownTime(stats({ execTime: 10, totalTime: 5 }))).toBe(0);
  });
});

describe('flame graph', () => {
  // Stacks innermost first, as Go's profile records.
  const records: ProfileRecord[] = [
    { stack: [frame('sync.(*Mutex).Lock'), frame('main.get'), frame('main.serve')], count: 3, time: 60 },
    { stack: [frame('runtime.selectgo'), frame('main.log'), frame('main.serve')], count: 1, time: 30 },
    { stack: [frame('runtime.chanrecv1'), frame('main.idle')], count: 2, time: 10 },
  ];
  const root = flameTree(records);
  it('puts the outermost frames under the root, the largest first', () => {
    expect(root.time).toBe(100);
    expect(root.count).toBe(6);
    expect(root.children.map((c) => [c.func, c.time])).toEqual([['main.serve', 90], ['main.idle', 10]]);
    expect(root.children[0].children.map((c) => c.func)).toEqual(['main.get', 'main.log']);
    expect(root.children[0].children[0].children[0]).toMatchObject({ func: 'sync.(*Mutex).Lock', time: 60, count: 3 });
  });
  it('lays frames out as shares of the zoomed frame, children side by side', () => {
    const all = layout(root);
    const at = (f: string) => all.find((x) => x.node.func === f)!;
    expect(at('main.serve')).toMatchObject({ depth: 1, x: 0, w: 0.9 });
    expect(at('main.idle')).toMatchObject({ depth: 1, x: 0.9 });
    expect(at('main.log').x).toBeCloseTo(0.6);
    const zoomed = layout(root.children[0]);
    expect(zoomed[0]).toMatchObject({ depth: 0, x: 0, w: 1 });
    expect(zoomed.find((x) => x.node.func === 'main.get')!.w).toBeCloseTo(60 / 90);
    expect(zoomed.some((x) => x.node.func === 'main.idle')).toBe(false);
  });
});

describe('latency', () => {
  it("uses Go's buckets: five per power of ten", () => {
    // log(1e6)/logDiv is 29.999…: in Go's float64 as here, so a power of ten falls in the bucket below.
    expect(bucketOf(1e6)).toBe(29);
    expect(bucketOf(1e6 * 1.5)).toBe(30);
    expect(bucketOf(1e6 * 1.6)).toBe(31);
    expect(bucketMin(30)).toBeGreaterThan(999_000);
    expect(bucketMin(35)).toBeGreaterThan(9_990_000);
    expect(bucketOf(0)).toBe(0);
  });
  it('counts per bucket, from the lowest used', () => {
    const h = histogram([1e6, 1.1e6, 1e7]);
    expect(h).toMatchObject({ count: 3, minBucket: 29, maxBucket: 34 });
    expect(h.buckets).toEqual([1, 1, 0, 0, 0, 1]);
  });
  it('gives nearest-rank percentiles and the maximum', () => {
    const d = Array.from({ length: 100 }, (_, i) => (i + 1) * 10);
    expect(latencyStats(d)).toMatchObject({ count: 100, p50: 500, p90: 900, p99: 990, max: 1000 });
    expect(latencyStats([]).count).toBe(0);
  });
});

describe('latency on a large trace', () => {
  it('takes more durations than a call has room for arguments', () => {
    const d = Array.from({ length: 300_000 }, (_, i) => 1000 + i);
    const s = latencyStats(d);
    expect(s.count).toBe(300_000);
    expect(s.histogram.buckets.reduce((a, b) => a + b, 0)).toBe(300_000);
    expect(s.max).toBe(1000 + 299_999);
  });
});
