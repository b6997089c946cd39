/**
 * Hit testing: which lane, row and interval lie under the pointer. Pure, unit-tested in
 * tests/viewer/hit.test.ts.
 */
import { at, firstEndingAfter, type Track } from './lod.ts';

/** Index of the lane whose [top, top + height) holds y, or -1. `tops` is sorted. */
export function laneAt(tops: ArrayLike<number>, heights: ArrayLike<number>, y: number): number {
  let lo = 0;
  let hi = tops.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (y < tops[mid]) hi = mid - 1;
    else if (y >= tops[mid] + heights[mid]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Row of a lane at `dy` pixels below the lane's top (rows stacked from the top), or -1. */
export function rowAt(rowHeights: ArrayLike<number>, dy: number): number {
  let y = 0;
  for (let r = 0; r < rowHeights.length; r++) {
    if (dy >= y && dy < y + rowHeights[r]) return r;
    y += rowHeights[r];
  }
  return -1;
}

/**
 * The interval of a track under time t: the one containing t, else the nearest one within `tolNs`
 * (so an interval narrower than a pixel can still be pointed at). -1 when none.
 */
export function intervalAt(track: Pick<Track, 'length' | 'start' | 'end' | 'row'>, t: number, tolNs = 0): number {
  if (track.length === 0) return -1;
  const i = firstEndingAfter(track, t);
  const start = (k: number) => track.start[at(track, k)];
  if (i < track.length && start(i) <= t) return i;
  let best = -1;
  let bestDist = tolNs;
  if (i < track.length && start(i) - t <= bestDist) {
    best = i;
    bestDist = start(i) - t;
  }
  if (i > 0 && t - track.end[at(track, i - 1)] <= bestDist) best = i - 1;
  return best;
}

/** Index of the time in a sorted list nearest to t within tolNs, or -1. */
export function nearestTime(times: ArrayLike<number>, t: number, tolNs: number, indices?: ArrayLike<number>): number {
  const n = indices ? indices.length : times.length;
  const at = (k: number) => times[indices ? indices[k] : k];
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < t) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let dist = tolNs;
  for (const k of [lo - 1, lo]) {
    if (k < 0 || k >= n) continue;
    const dd = Math.abs(at(k) - t);
    if (dd <= dist) {
      dist = dd;
      best = k;
    }
  }
  return best;
}

/** Value of a step series at t (the last sample at or before t), or NaN before the first. */
export function seriesAt(time: ArrayLike<number>, value: ArrayLike<number>, length: number, t: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? NaN : value[lo - 1];
}
