// The regions view's figures per region type and task type: count, cmd/trace's duration histogram
// (internal/trace/traceviewer's TimeHistogram buckets: five per power of ten), nearest-rank
// percentiles over the exact durations (as the lessons print), and the slowest instances.
//
// Computed in the analysis worker as regions end (LatencyTypes, the Summarizer's region sink in lean
// mode), so neither the worker nor the page holds the regions themselves: per type, one Float64Array
// of durations and the K slowest instances. latencyTypes() does the same over a list (full mode).

import { bucketMin, histogramBucket } from './tables.ts';
import type { RegionSummary, TaskSummary } from './types.ts';

export { bucketMin };
export const bucketOf = histogramBucket;

export interface Histogram {
  count: number;
  /** Counts per bucket, from bucket minBucket. */
  buckets: number[];
  minBucket: number;
  maxBucket: number;
}

export function histogram(durations: ArrayLike<number>): Histogram {
  const h: Histogram = { count: 0, buckets: [], minBucket: 0, maxBucket: 0 };
  const n = durations.length;
  if (n === 0) return h;
  // Loops, not Math.min(...bs): a trace can have more regions than a call has room for arguments.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const b = histogramBucket(durations[i]);
    if (b < lo) lo = b;
    if (b > hi) hi = b;
  }
  h.minBucket = lo;
  h.maxBucket = hi;
  h.buckets = new Array(hi - lo + 1).fill(0);
  for (let i = 0; i < n; i++) h.buckets[histogramBucket(durations[i]) - lo]++;
  h.count = n;
  return h;
}

/** Nearest rank of ascending-sorted values: the smallest value with at least p % of them at or below it. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export interface LatencyStats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  histogram: Histogram;
}

/**
 * histogram() of ascending-sorted durations: a bucket is monotonic in the duration, so each bucket's
 * end is found by binary search, with a few dozen logarithms rather than one per duration.
 */
export function sortedHistogram(sorted: ArrayLike<number>): Histogram {
  const n = sorted.length;
  const h: Histogram = { count: n, buckets: [], minBucket: 0, maxBucket: 0 };
  if (n === 0) return h;
  h.minBucket = histogramBucket(sorted[0]);
  h.maxBucket = histogramBucket(sorted[n - 1]);
  h.buckets = new Array(h.maxBucket - h.minBucket + 1).fill(0);
  let i = 0;
  while (i < n) {
    const b = histogramBucket(sorted[i]);
    // The first index past i whose bucket is above b.
    let lo = i + 1;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (histogramBucket(sorted[mid]) > b) hi = mid;
      else lo = mid + 1;
    }
    h.buckets[b - h.minBucket] += lo - i;
    i = lo;
  }
  return h;
}

export function latencyStats(durations: ArrayLike<number>): LatencyStats {
  const sorted = Float64Array.from(durations).sort();
  return {
    count: sorted.length,
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1] : 0,
    histogram: sortedHistogram(sorted),
  };
}

/** One instance of a region or task type: times on the trace clock, and the goroutine (-1 for none). */
export interface Instance { start: number; end: number; goroutine: number }

/** A region or task type: its latency figures and its slowest instances, slowest first. */
export interface LatencyType { name: string; stats: LatencyStats; slowest: Instance[] }

/** How many slowest instances a type keeps (the view lists them). */
export const SLOWEST = 10;

/** Slowest first; equal durations by start, then goroutine: one order whatever the order seen. */
const slower = (a: Instance, b: Instance) => b.end - b.start - (a.end - a.start) || a.start - b.start || a.goroutine - b.goroutine;

class TypeAcc {
  durations = new Float64Array(16);
  n = 0;
  slowest: Instance[] = [];

  add(start: number, end: number, goroutine: number, k: number): void {
    if (this.n === this.durations.length) {
      const grown = new Float64Array(this.n * 2);
      grown.set(this.durations);
      this.durations = grown;
    }
    this.durations[this.n++] = end - start;
    const s = this.slowest;
    // Most instances are not among the slowest: told without making an object.
    if (s.length === k) {
      const w = s[k - 1];
      const d = w.end - w.start - (end - start) || start - w.start || goroutine - w.goroutine;
      if (d >= 0) return;
    }
    const i = { start, end, goroutine };
    // Kept sorted: insert in place (k is small).
    let at = s.length;
    while (at > 0 && slower(i, s[at - 1]) < 0) at--;
    s.splice(at, 0, i);
    if (s.length > k) s.pop();
  }

  finish(name: string): LatencyType {
    return { name, stats: latencyStats(this.durations.subarray(0, this.n)), slowest: this.slowest };
  }
}

/** Types by name, fed one instance at a time; finish() in first-seen order. */
export class LatencyTypes {
  private readonly byName = new Map<string, TypeAcc>();
  private readonly k: number;
  constructor(k = SLOWEST) {
    this.k = k;
  }

  add(name: string, start: number, end: number, goroutine: number): void {
    let t = this.byName.get(name);
    if (t === undefined) this.byName.set(name, (t = new TypeAcc()));
    t.add(start, end, goroutine, this.k);
  }

  finish(): LatencyType[] {
    return [...this.byName].map(([n, t]) => t.finish(n));
  }
}

/**
 * Types by name, measured over the instances with both ends in the trace (as the lessons count
 * them; Go's regions page also counts those cut by the trace's ends, from its start or to its end).
 */
export function latencyTypes<T>(items: Iterable<T>, name: (t: T) => string, instance: (t: T) => Instance | null, slowest = SLOWEST): LatencyType[] {
  const acc = new LatencyTypes(slowest);
  for (const it of items) {
    const i = instance(it);
    if (i) acc.add(name(it), i.start, i.end, i.goroutine);
  }
  return acc.finish();
}

/**
 * The region instances the view measures: named (Go's summary also has a nameless region on each
 * goroutine created inside a region: its time outside any region, not a region of the program's)
 * and with both ends in the trace.
 */
export function regionInstance(r: RegionSummary): Instance | null {
  return r.start < 0 || r.end < 0 || r.name === '' ? null : { start: r.start, end: r.end, goroutine: r.goroutine };
}

/** A task instance: complete tasks only, on the first goroutine that touched it. */
export function taskInstance(t: TaskSummary): Instance | null {
  return t.start < 0 || t.end < 0 ? null : { start: t.start, end: t.end, goroutine: t.goroutines[0] ?? -1 };
}
