// Aggregates over the model's goroutine state intervals: time per state per goroutine group (like
// go tool trace's goroutine analysis) and the share of goroutine time spent blocked per window.

import { GState, type BlockRateWindows, type GoroutineGroupSummary, type TraceModel } from './model.ts';

/** One row per goroutine group (start function without closure suffixes), most running time first. */
export function goroutineGroupSummaries(model: TraceModel): GoroutineGroupSummary[] {
  const byGroup = new Map<number, GoroutineGroupSummary>();
  const rowOf: GoroutineGroupSummary[] = [];
  for (let g = 0; g < model.goroutines.length; g++) {
    const key = model.goroutines[g].group;
    let row = byGroup.get(key);
    if (row === undefined) {
      row = { group: key, count: 0, running: 0, runnable: 0, syscall: 0, waiting: 0, waitingByReason: {} };
      byGroup.set(key, row);
    }
    row.count++;
    rowOf[g] = row;
  }
  const s = model.goroutineStates;
  for (let g = 0; g < model.goroutines.length; g++) {
    const row = rowOf[g];
    // The last row is the goroutine's End row: every row before it ends where the next starts.
    for (let i = s.offsets[g], last = s.offsets[g + 1] - 1; i < last; i++) {
      const d = s.start[i + 1] - s.start[i];
      switch (s.state[i]) {
        case GState.Running: row.running += d; break;
        case GState.Runnable: row.runnable += d; break;
        case GState.Syscall: row.syscall += d; break;
        case GState.Waiting:
          row.waiting += d;
          row.waitingByReason[s.reason[i]] = (row.waitingByReason[s.reason[i]] ?? 0) + d;
          break;
      }
    }
  }
  return [...byGroup.values()].sort((a, b) => b.running - a.running || b.count - a.count);
}

export interface BlockRateOptions {
  /** Count the runtime's own goroutines too (default false: they mostly park and would dilute the rate). */
  includeSystem?: boolean;
}

/**
 * Blocked (Waiting) goroutine-ns over alive goroutine-ns per window of `windowNs`. Alive means in a known
 * state (Undetermined time counts for neither). Windows with no goroutine alive have share 0.
 */
export function blockRateByWindow(model: TraceModel, windowNs: number, opts: BlockRateOptions = {}): BlockRateWindows {
  if (!(windowNs > 0)) throw new RangeError('windowNs must be positive');
  const n = Math.max(1, Math.ceil(model.duration / windowNs));
  const alive = new Float64Array(n);
  const blocked = new Float64Array(n);
  const byReason: Record<number, Float64Array> = {};
  const s = model.goroutineStates;
  const gs = model.goroutines;
  for (let g = 0; g < gs.length; g++) {
    if (!opts.includeSystem && gs[g].system) continue;
    for (let i = s.offsets[g], last = s.offsets[g + 1] - 1; i < last; i++) {
      const state = s.state[i];
      if (state === GState.Undetermined || state === GState.End) continue;
      const start = s.start[i], end = s.start[i + 1];
      if (end <= start) continue;
      const isBlocked = state === GState.Waiting;
      let reasonCol: Float64Array | undefined;
      if (isBlocked) reasonCol = byReason[s.reason[i]] ??= new Float64Array(n);
      const first = Math.min(n - 1, Math.floor(start / windowNs));
      const lastW = Math.min(n - 1, Math.floor(end / windowNs));
      for (let w = first; w <= lastW; w++) {
        const d = Math.min(end, (w + 1) * windowNs) - Math.max(start, w * windowNs);
        if (d <= 0) continue;
        alive[w] += d;
        if (isBlocked) {
          blocked[w] += d;
          reasonCol![w] += d;
        }
      }
    }
  }
  const blockedShare = new Float64Array(n);
  for (let w = 0; w < n; w++) blockedShare[w] = alive[w] > 0 ? blocked[w] / alive[w] : 0;
  return { windowNs, blockedShare, byReason };
}
