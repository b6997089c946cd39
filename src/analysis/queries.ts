// Questions about single rows of the model that its compact layout does not answer in one read.

import { GState, type GoroutineStateIntervals, type TraceModel } from './model.ts';

/** When state row r ends: where the next row of its goroutine starts (every goroutine's rows end with an End row). */
export function stateEnd(s: GoroutineStateIntervals, r: number): number {
  return s.start[r + 1];
}

/** The goroutine (index into model.goroutines) whose rows hold row r. */
export function goroutineOfRow(s: GoroutineStateIntervals, r: number): number {
  const off = s.offsets;
  let lo = 0, hi = off.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (off[mid] <= r) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Whether state row r of goroutine g was still open when the trace ended (it is cut at the end, not finished). */
export function stateOpen(model: TraceModel, g: number, r: number): boolean {
  const s = model.goroutineStates;
  return s.state[r] !== GState.End && r + 2 === s.offsets[g + 1] && model.goroutines[g].ended < 0;
}
