import { blockRateByWindow, type TraceModel } from '#field-guide/analysis';

/**
 * The share of goroutine time spent blocked, per window of `windowNs` nanoseconds, for the full
 * windows only: a last window cut short by the end of the trace is left out (it would compare a few
 * milliseconds of shutdown with whole windows of work).
 *
 * blockRateByWindow(model, windowNs).blockedShare has one share per window, the last one included.
 */
export function blockShares(model: TraceModel, windowNs: number): number[] {
  // TODO
  return [];
}

/**
 * The index of the first window whose share is at least `factor` times the share of the window
 * before it (a window after a share of 0 cannot jump), or -1 when no window jumps.
 */
export function firstJump(shares: number[], factor: number): number {
  // TODO
  return -1;
}
