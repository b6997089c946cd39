import { blockRateByWindow, type TraceModel } from '#field-guide/analysis';

/**
 * The share of goroutine time spent blocked, per window of `windowNs` nanoseconds, for the full
 * windows only (a last window cut short by the end of the trace is left out).
 */
export function blockShares(model: TraceModel, windowNs: number): number[] {
  const full = Math.floor(model.duration / windowNs);
  return Array.from(blockRateByWindow(model, windowNs).blockedShare).slice(0, full);
}

/**
 * The index of the first window whose share is at least `factor` times the share of the window
 * before it (a window after a share of 0 cannot jump), or -1 when no window jumps.
 */
export function firstJump(shares: number[], factor: number): number {
  for (let i = 1; i < shares.length; i++) {
    if (shares[i - 1] > 0 && shares[i] >= factor * shares[i - 1]) return i;
  }
  return -1;
}
