// go tool trace's analyses (src/analysis/go) on committed traces, without Go: what the pages'
// tables must add up to, traces that begin mid-life, the worker's `go-analyses` request and
// requestGoAnalyses. Equality with Go itself is tests/analysis/go-analyses.test.ts.

import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  blockingProfilesOf,
  allMmuFlags, defaultMmuFlags, goAnalysesData, goAnalysesOfBytes, goroutineGroups, MMUCurve, mmuFlagsKey, mmuPlot, nonOverlappingStats,
  regionDuration, regionTypes, requestGoAnalyses, taskTypes, timeHistogram, latency, unknownTime,
} from '../../src/analysis/index.ts';
import type { FromWorker, ToWorker } from '../../src/analysis/worker-protocol.ts';

const trace = (name: string) => readFileSync(fileURLToPath(new URL(`../../playground/traces/${name}`, import.meta.url)));
const anatomy = trace('anatomy-default.go1.27.trace');
const casestudy = trace('slow-request-broken.go1.27.trace');
const snapshot = trace('slow-request-broken-snapshot.go1.27.trace');
const sum = (xs: Iterable<number>) => [...xs].reduce((a, b) => a + b, 0);

describe('go tool trace analyses on real traces', () => {
  it("the goroutine tables add up: each goroutine's columns cover its total time, groups cover every goroutine", () => {
    const a = goAnalysesOfBytes(casestudy);
    expect(a.error).toBeUndefined();
    expect(a.goroutines.length).toBeGreaterThan(10);
    for (const g of a.goroutines) {
      const cols = nonOverlappingStats(g.stats);
      const covered = sum(Object.values(cols)) - cols['Unknown time'];
      // Non-overlapping: with the unknown time they make up the total exactly, unless they exceed it.
      if (covered <= g.stats.totalTime) expect(covered + unknownTime(g.stats)).toBe(g.stats.totalTime);
      else expect(unknownTime(g.stats)).toBe(0);
      expect(g.stats.totalTime).toBeGreaterThanOrEqual(0);
    }
    const groups = goroutineGroups(a.goroutines);
    expect(sum(groups.map((g) => g.n))).toBe(a.goroutines.length);
    expect(sum(groups.map((g) => g.execTime))).toBe(sum(a.goroutines.map((g) => g.stats.execTime)));
    for (let i = 1; i < groups.length; i++) expect(groups[i - 1].execTime).toBeGreaterThanOrEqual(groups[i].execTime);
    expect(groups[0].columns[0]).toBe('Execution time');
    const main = groups.find((g) => g.name === 'main.main')!;
    expect(main.n).toBe(1);
    expect(sum(groups.map((g) => g.execTimePercent ?? 0))).toBeCloseTo(100, 9);
  });

  it('regions and tasks: every region of a goroutine is in its task and in a region type, durations from its start to its end', () => {
    const a = goAnalysesOfBytes(casestudy);
    const regions = a.goroutines.flatMap((g) => g.regions);
    expect(regions.length).toBeGreaterThan(0);
    const types = regionTypes(a.goroutines, a.startTime, a.endTime);
    expect(sum(types.map((t) => t.count))).toBe(regions.length);
    for (const t of types) {
      expect(sum(t.histogram.buckets)).toBe(t.count);
      expect(t.latency.max).toBeGreaterThanOrEqual(t.latency.p99);
      expect(t.latency.p99).toBeGreaterThanOrEqual(t.latency.p50);
    }
    const inTasks = new Set(a.tasks.flatMap((t) => t.regions));
    for (const r of regions) {
      // Inherited regions (a goroutine created inside a region) are the goroutine's only, unnamed.
      if (r.name !== '') expect(inTasks.has(r)).toBe(true);
      if (r.start >= 0 && r.end >= 0) expect(regionDuration(r, a.startTime, a.endTime)).toBe(r.end - r.start);
    }
    const tt = taskTypes(a.tasks);
    expect(sum(tt.map((t) => t.count))).toBe(a.tasks.length);
    expect(sum(tt.map((t) => t.histogram.count))).toBe(a.tasks.filter((t) => t.complete).length);
  });

  it('a flight-recorder snapshot: goroutines already there are created at the first Sync, regions may lack a start', () => {
    const a = goAnalysesOfBytes(snapshot);
    expect(a.error).toBeUndefined();
    const first = a.startTime;
    const preexisting = a.goroutines.filter((g) => g.creationTime === first);
    expect(preexisting.length).toBeGreaterThan(0);
    expect(preexisting.some((g) => g.name === 'main.main' || g.name !== '')).toBe(true);
    // Every total runs from creation (or the first Sync) to the end or the goroutine's end.
    for (const g of a.goroutines) expect(g.stats.totalTime).toBe((g.endTime >= 0 ? g.endTime : a.endTime) - g.creationTime);
  });

  it("TimeHistogram: Go's buckets (5 per power of ten; 10 ns falls in bucket 4, below 10^(5/5) by rounding) and its MinBucket quirk", () => {
    const h = timeHistogram([1000, 1500, 1_000_000]);
    expect(h.count).toBe(3);
    expect(h.minBucket).toBe(14);
    expect(h.maxBucket).toBe(29);
    expect(h.buckets[0]).toBe(1);
    expect(h.buckets[h.buckets.length - 1]).toBe(1);
    expect(h.bucketMins[0]).toBe(630); // 10^(14/5) = 630.96 ns, truncated
    expect(latency([5, 1, 4, 2, 3])).toEqual({ p50: 3, p90: 5, p99: 5, max: 5 });
    expect(latency([])).toEqual({ p50: -1, p90: -1, p99: -1, max: -1 });
  });

  it('MMU: one pass gives every flag combination; the default plot has 100 windows from xMin up, and worst windows (nearly) disjoint', () => {
    const a = goAnalysesOfBytes(anatomy, { mmuFlags: allMmuFlags });
    expect(Object.keys(a.utilization)).toHaveLength(16);
    const u = a.utilization[mmuFlagsKey(defaultMmuFlags)];
    expect(u).toHaveLength(1);
    // Each function ends with 0 at the last event.
    expect(u[0].utils[u[0].utils.length - 1]).toBe(0);
    expect(u[0].times[u[0].times.length - 1]).toBe(a.endTime);
    const curve = new MMUCurve(u);
    const plot = mmuPlot(u, curve);
    expect(plot.curve).toHaveLength(100);
    expect(plot.curve[0].window).toBe(plot.xMin - 1); // exp(log(x)) a hair below x, truncated, as in Go
    for (const p of plot.curve) expect(p.mmu).toBeGreaterThanOrEqual(0);
    // A GC ran: some window of 1 ms has no mutator at all with STW counted.
    expect(curve.mmu(1e6)).toBeLessThan(1);
    const w = plot.curve[50].window;
    const ex = curve.examples(w, 10);
    expect(ex.length).toBeGreaterThan(0);
    for (let i = 1; i < ex.length; i++) expect(ex[i].mutatorUtil).toBeGreaterThanOrEqual(ex[i - 1].mutatorUtil);
    // Go says the windows are disjoint, but a worse window replaces only the first window it
    // overlaps (its loop breaks there): here two of them overlap, in Go's output as in ours.
    const starts = ex.map((e) => e.time).sort((x, y) => x - y);
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts.some((t, i) => i > 0 && t - starts[i - 1] < w)).toBe(true);
    expect(ex[0].mutatorUtil).toBe(curve.mmu(w));
    // Per goroutine (one function per P) never above the system view.
    const per = a.utilization[mmuFlagsKey({ ...defaultMmuFlags, perProc: true })];
    expect(per.length).toBeGreaterThan(1);
    expect(new MMUCurve(per).mmu(w)).toBeLessThanOrEqual(curve.mmu(w));
  });
});

describe('requestGoAnalyses', () => {
  it('without a Worker (Node), reads in this thread: the worker data, MMU plots for every combination, worst windows', async () => {
    const progress: number[] = [];
    const r = await requestGoAnalyses(new Blob([anatomy]), { onProgress: (read) => progress.push(read) });
    const want = await goAnalysesData(new Blob([anatomy]).stream() as ReadableStream<Uint8Array>);
    expect(r.goroutines).toEqual(want.goroutines);
    expect(r.tasks).toEqual(want.tasks);
    expect(Object.keys(r.mmu)).toHaveLength(16);
    expect(r.mmuCurve(defaultMmuFlags)).toEqual(want.mmu[mmuFlagsKey(defaultMmuFlags)]);
    expect(r.mmuExamples(defaultMmuFlags, 1e6, 3).length).toBeGreaterThan(0);
    expect(() => r.mmuCurve({ ...defaultMmuFlags, sweep: true })).toThrow(RangeError);
    expect(progress.at(-1)).toBe(anatomy.length);
    // The blocking profiles come from the same pass, equal to a pass of their own.
    expect(r.profiles).toEqual(blockingProfilesOf(anatomy));
    expect(r.profiles.sync.length).toBeGreaterThan(0);
  });

  it('rejects with an AbortError when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(requestGoAnalyses(new Blob([anatomy]), { signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("with a Worker, asks one for 'go-analyses' and resolves with its 'go-done'", async () => {
    const sent: ToWorker[] = [];
    let onmessage: ((e: { data: FromWorker }) => void) | null = null;
    let terminated = false;
    class FakeWorker {
      constructor() {
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        const self = this;
        queueMicrotask(() => (onmessage = (self as unknown as { onmessage: typeof onmessage }).onmessage));
      }
      postMessage(m: ToWorker) { sent.push(m); }
      terminate() { terminated = true; }
    }
    const saved = (globalThis as { Worker?: unknown }).Worker;
    (globalThis as { Worker?: unknown }).Worker = FakeWorker;
    try {
      const data = await goAnalysesData(new Blob([anatomy]).stream() as ReadableStream<Uint8Array>);
      const p = requestGoAnalyses(anatomy.buffer as ArrayBuffer);
      await new Promise((r) => setTimeout(r, 0));
      expect(sent[0]).toMatchObject({ type: 'go-analyses' });
      onmessage!({ data: { type: 'go-done', result: data } });
      const r = await p;
      expect(r.mmuCurve(defaultMmuFlags).curve).toHaveLength(100);
      expect(terminated).toBe(true);
    } finally {
      (globalThis as { Worker?: unknown }).Worker = saved;
    }
  });
});

describe("the worker's 'go-analyses' request", () => {
  it('reads the Blob again and posts the Go analyses', async () => {
    vi.resetModules();
    const replies: FromWorker[] = [];
    const scope = globalThis as unknown as { onmessage: ((e: { data: ToWorker }) => void) | null; postMessage: unknown };
    scope.postMessage = (msg: FromWorker) => replies.push(msg);
    await import('../../src/analysis/worker.ts');
    scope.onmessage!({ data: { type: 'go-analyses', source: new Blob([anatomy]) } });
    for (let i = 0; i < 500 && !replies.some((r) => r.type !== 'progress'); i++) await new Promise((r) => setTimeout(r, 10));
    const done = replies.find((r) => r.type !== 'progress')!;
    expect(done.type).toBe('go-done');
    if (done.type !== 'go-done') return;
    expect(done.result.goroutines).toEqual(goAnalysesOfBytes(anatomy).goroutines);
    // Plain data: it survives a structured clone as it is.
    expect(structuredClone(done.result)).toEqual(done.result);
  });
});
