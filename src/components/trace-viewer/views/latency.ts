/**
 * Latency figures of regions and tasks: cmd/trace's duration histogram (internal/trace/traceviewer's
 * TimeHistogram: five buckets per power of ten) and nearest-rank percentiles (as the lessons print).
 */

// Five buckets for every power of 10 (internal/trace/traceviewer/histogram.go, logDiv).
const LOG_DIV = Math.log(10 ** (1 / 5));

export interface Histogram {
  count: number;
  /** Counts per bucket, from bucket minBucket. */
  buckets: number[];
  minBucket: number;
  maxBucket: number;
}

export function bucketOf(d: number): number {
  return d > 0 ? Math.trunc(Math.log(d) / LOG_DIV) : 0;
}

/** The shortest duration of a bucket (Go's BucketMin). */
export function bucketMin(bucket: number): number {
  return Math.trunc(Math.exp(bucket * LOG_DIV));
}

export function histogram(durations: number[]): Histogram {
  const h: Histogram = { count: 0, buckets: [], minBucket: 0, maxBucket: 0 };
  if (durations.length === 0) return h;
  const bs = durations.map(bucketOf);
  // Loops, not Math.min(...bs): a trace can have more regions than a call has room for arguments.
  h.minBucket = Infinity;
  h.maxBucket = -Infinity;
  for (const b of bs) {
    if (b < h.minBucket) h.minBucket = b;
    if (b > h.maxBucket) h.maxBucket = b;
  }
  h.buckets = new Array(h.maxBucket - h.minBucket + 1).fill(0);
  for (const b of bs) h.buckets[b - h.minBucket]++;
  h.count = durations.length;
  return h;
}

/** Nearest rank of ascending-sorted values: the smallest value with at least p % of them at or below it. */
export function nearestRank(sorted: number[], p: number): number {
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

export function latencyStats(durations: number[]): LatencyStats {
  const sorted = [...durations].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    max: sorted.at(-1) ?? 0,
    histogram: histogram(sorted),
  };
}

/** One instance of a region or task type: times on the trace clock, and the goroutine (-1 for none). */
export interface Instance { start: number; end: number; goroutine: number }

/** A region or task type: its latency figures and its slowest instances, slowest first. */
export interface LatencyType { name: string; stats: LatencyStats; slowest: Instance[] }

/**
 * Types by name, measured over the instances with both ends in the trace (as the lessons count
 * them; Go's regions page also counts those cut by the trace's ends, from its start or to its end).
 */
export function latencyTypes<T>(items: Iterable<T>, name: (t: T) => string, instance: (t: T) => Instance | null, slowest = 10): LatencyType[] {
  const byName = new Map<string, Instance[]>();
  for (const it of items) {
    const i = instance(it);
    if (!i) continue;
    const k = name(it);
    let list = byName.get(k);
    if (!list) byName.set(k, (list = []));
    list.push(i);
  }
  return [...byName].map(([n, list]) => ({
    name: n,
    stats: latencyStats(list.map((i) => i.end - i.start)),
    slowest: list.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start).slice(0, slowest),
  }));
}
