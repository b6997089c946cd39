// What go tool trace's pages compute from the Summarizer's output (Go 1.27's src/cmd/trace/
// goroutines.go, regions.go, tasks.go, and internal/trace/traceviewer/histogram.go), as plain data.
//
// Go sorts with unstable sorts over map iterations, so rows with equal keys come in any order
// there; here ties are broken by name (groups), goroutine ID, region frame: one order, always.

import type { ExecStats, GoroutineSummary, RegionSummary, TaskSummary } from './types.ts';

/** Go's GoroutineExecStats.UnknownTime: TotalTime not covered by the non-overlapping stats (0 if they exceed it). */
export function unknownTime(s: ExecStats): number {
  let sum = s.execTime + s.schedWaitTime + s.syscallTime + s.syscallBlockTime;
  for (const dt of Object.values(s.blockTimeByReason)) sum += dt;
  // Range time overlaps the others: not counted.
  return sum < s.totalTime ? s.totalTime - sum : 0;
}

/**
 * Go's NonOverlappingStats: the columns of the goroutine page. "Block time (<reason>)" per reason;
 * a reason "syscall" adds to "Block time (syscall)", the syscall-block time, as in Go.
 */
export function nonOverlappingStats(s: ExecStats): Record<string, number> {
  const stats: Record<string, number> = {
    'Execution time': s.execTime,
    'Sched wait time': s.schedWaitTime,
    'Syscall execution time': s.syscallTime,
    'Block time (syscall)': s.syscallBlockTime,
    'Unknown time': unknownTime(s),
  };
  for (const [reason, dt] of Object.entries(s.blockTimeByReason)) {
    const k = `Block time (${reason})`;
    stats[k] = (stats[k] ?? 0) + dt;
  }
  return stats;
}

/** cmd/trace's column order: "Execution time" first, then by name. */
function columnOrder(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'Execution time') return -1;
  if (b === 'Execution time') return 1;
  return a < b ? -1 : 1;
}

export interface GoroutineRow {
  id: number;
  totalTime: number;
  /** nonOverlappingStats of the goroutine. */
  stats: Record<string, number>;
  rangeTime: Record<string, number>;
  hasRangeTime: boolean;
}

/** A row of /goroutines (name, count, execution time) with its page, /goroutine?name=. */
export interface GoroutineGroup {
  /** Start function; '' is Go's "(Inactive, no stack trace sampled)". */
  name: string;
  n: number;
  execTime: number;
  /** The group's share of all goroutines' execution time, in percent (Go prints it "%.2f%%"); null when that total is 0. */
  execTimePercent: number | null;
  /** The longest TotalTime in the group (the scale of the page's bars). */
  maxTotal: number;
  /** The page's columns: every non-overlapping stat any goroutine of the group has, Go's order. */
  columns: string[];
  /** The range columns ("GC mark assist", ...), sorted. */
  rangeColumns: string[];
  /** The goroutines, by TotalTime descending (the page's default order), then ID. */
  goroutines: GoroutineRow[];
  /** Each column summed over the group (not on Go's page: the group's line in a table of groups). */
  totals: Record<string, number>;
}

/** /goroutines and its per-group pages: groups by Name, by execution time descending, then name. */
export function goroutineGroups(summaries: readonly GoroutineSummary[]): GoroutineGroup[] {
  let totalExecTime = 0;
  const byName = new Map<string, GoroutineSummary[]>();
  for (const s of summaries) {
    totalExecTime += s.stats.execTime;
    const list = byName.get(s.name);
    if (list === undefined) byName.set(s.name, [s]);
    else list.push(s);
  }
  const groups: GoroutineGroup[] = [];
  for (const [name, list] of byName) {
    const columns = new Set<string>();
    const rangeColumns = new Set<string>();
    const totals: Record<string, number> = {};
    let execTime = 0;
    let maxTotal = 0;
    const goroutines = list.map((s): GoroutineRow => {
      const stats = nonOverlappingStats(s.stats);
      for (const [k, v] of Object.entries(stats)) {
        columns.add(k);
        totals[k] = (totals[k] ?? 0) + v;
      }
      let totalRange = 0;
      for (const [k, v] of Object.entries(s.stats.rangeTime)) {
        rangeColumns.add(k);
        totalRange += v;
      }
      execTime += s.stats.execTime;
      if (maxTotal < s.stats.totalTime) maxTotal = s.stats.totalTime;
      return { id: s.id, totalTime: s.stats.totalTime, stats, rangeTime: s.stats.rangeTime, hasRangeTime: totalRange !== 0 };
    });
    goroutines.sort((a, b) => b.totalTime - a.totalTime || a.id - b.id);
    groups.push({
      name, n: list.length, execTime, execTimePercent: totalExecTime > 0 ? (execTime / totalExecTime) * 100 : null, maxTotal,
      columns: [...columns].sort(columnOrder), rangeColumns: [...rangeColumns].sort(), goroutines, totals,
    });
  }
  return groups.sort((a, b) => b.execTime - a.execTime || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// Go's traceviewer.TimeHistogram: five buckets per power of ten, bucket = int(ln(d) / ln(10^(1/5)))
// (0 for d <= 0), a bucket's lower bound Duration(exp(bucket * ln(10^(1/5)))).
/** math.Log(math.Pow(10, 1.0/5)) as Go 1.27 computes it (its float64 bits, so no libm can differ). */
const logDiv = new Float64Array(new BigUint64Array([0x3fdd791c5f888824n]).buffer)[0];

export function histogramBucket(d: number): number {
  return d > 0 ? Math.trunc(Math.log(d) / logDiv) : 0;
}

/** Go's BucketMin: the shortest duration of a bucket, ns. */
export function bucketMin(bucket: number): number {
  return Math.trunc(Math.exp(bucket * logDiv));
}

export interface TimeHistogram {
  count: number;
  /** Go's MinBucket and MaxBucket (its quirk kept: the first sample in bucket 0 leaves MinBucket where it is). */
  minBucket: number;
  maxBucket: number;
  /** Counts of buckets minBucket..maxBucket. */
  buckets: number[];
  /** bucketMin of minBucket..maxBucket+1: the page's tick labels. */
  bucketMins: number[];
}

/** Go's TimeHistogram.Add over `durations`. */
export function timeHistogram(durations: readonly number[]): TimeHistogram {
  const counts: number[] = [];
  let minBucket = 0;
  let maxBucket = 0;
  for (const d of durations) {
    const bucket = histogramBucket(d);
    while (counts.length <= bucket) counts.push(0);
    counts[bucket]++;
    if (bucket < minBucket || maxBucket === 0) minBucket = bucket;
    if (bucket > maxBucket) maxBucket = bucket;
  }
  const buckets: number[] = [];
  const bucketMins: number[] = [];
  if (durations.length > 0) {
    for (let i = minBucket; i <= maxBucket; i++) buckets.push(counts[i] ?? 0);
    for (let i = minBucket; i <= maxBucket + 1; i++) bucketMins.push(bucketMin(i));
  }
  return { count: durations.length, minBucket, maxBucket, buckets, bucketMins };
}

/** Latency figures over exact durations: nearest-rank percentiles (the ceil(p/100 * n)-th smallest). -1 when none. */
export interface Latency { p50: number; p90: number; p99: number; max: number }

export function latency(durations: readonly number[]): Latency {
  if (durations.length === 0) return { p50: -1, p90: -1, p99: -1, max: -1 };
  const sorted = Float64Array.from(durations).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
  return { p50: rank(50), p90: rank(90), p99: rank(99), max: sorted[sorted.length - 1] };
}

/** A row of /userregions: regions of one type (name and start frame). */
export interface RegionType {
  name: string;
  frame: RegionSummary['startFrame'];
  /** Every region of the type, also those begun before or ended after the trace. */
  count: number;
  /** Over every region, as Go: one missing its start or end runs from the trace's start or to its end. */
  histogram: TimeHistogram;
  latency: Latency;
}

/** cmd/trace's regionInterval: a region's duration, the trace's bounds standing in for a missing start or end. */
export function regionDuration(r: RegionSummary, traceStart: number, traceEnd: number): number {
  return (r.end >= 0 ? r.end : traceEnd) - (r.start >= 0 ? r.start : traceStart);
}

/** /userregions: every goroutine's regions by type (name, then the start frame's PC). */
export function regionTypes(goroutines: readonly GoroutineSummary[], traceStart: number, traceEnd: number): RegionType[] {
  const byKey = new Map<string, { name: string; frame: RegionSummary['startFrame']; durations: number[] }>();
  for (const g of goroutines) {
    for (const r of g.regions) {
      const f = r.startFrame;
      const key = JSON.stringify([r.name, f.pc, f.func, f.file, f.line]);
      let t = byKey.get(key);
      if (t === undefined) byKey.set(key, (t = { name: r.name, frame: f, durations: [] }));
      t.durations.push(regionDuration(r, traceStart, traceEnd));
    }
  }
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.values()]
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.frame.pc, b.frame.pc) || cmp(a.frame.func, b.frame.func) || cmp(a.frame.file, b.frame.file) || cmp(a.frame.line, b.frame.line))
    .map((t) => ({ name: t.name, frame: t.frame, count: t.durations.length, histogram: timeHistogram(t.durations), latency: latency(t.durations) }));
}

/** A row of /usertasks: tasks of one type (name). */
export interface TaskType {
  name: string;
  /** Complete and incomplete tasks. */
  count: number;
  /** Complete tasks only (begin and end in the trace). */
  histogram: TimeHistogram;
  latency: Latency;
}

/** /usertasks: tasks by type name. */
export function taskTypes(tasks: readonly TaskSummary[]): TaskType[] {
  const byName = new Map<string, { count: number; durations: number[] }>();
  for (const t of tasks) {
    let s = byName.get(t.name);
    if (s === undefined) byName.set(t.name, (s = { count: 0, durations: [] }));
    s.count++;
    if (t.complete) s.durations.push(t.end - t.start);
  }
  return [...byName.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, s]) => ({ name, count: s.count, histogram: timeHistogram(s.durations), latency: latency(s.durations) }));
}
