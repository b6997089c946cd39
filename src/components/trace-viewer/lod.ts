/**
 * Level of detail: how a track of millions of intervals is drawn in a few hundred pixel columns.
 *
 * A track is one row of non-overlapping intervals sorted by start (one goroutine's states, one P's
 * runs, one nesting depth of a goroutine's regions), each with a small colour key (< MAX_KEYS). For a
 * frame, `spansForView` returns the runs of pixels to fill:
 *
 *  - zoomed in (few intervals visible), the visible intervals are found by binary search and merged
 *    when they fall in the same pixel column: each column gets the key covering most of it;
 *  - zoomed out (more intervals than about two per pixel), a precomputed pyramid of buckets is read
 *    instead: level 0 splits the track's time into power-of-two buckets holding the dominant key and
 *    how much of the bucket is covered, and each level above merges pairs. A frame then costs about
 *    one bucket per pixel, whatever the number of events.
 *
 * Pure data in, typed arrays out: unit-tested in tests/viewer/lod.test.ts.
 */
export const MAX_KEYS = 16;
/** Key value for "nothing here" in a bucket. */
export const EMPTY = 255;

/**
 * Interval i of a track spans start[j] .. end[j], with j = at(track, i). Tracks never copy times:
 *  - a slice of a table whose rows are already one lane (a goroutine's states) has no `row`: start,
 *    end and key are subarrays of the model's columns, j = i, and the model row is first + i;
 *  - a selection of rows (a P's runs, one depth of a goroutine's regions) has `row`: the model row of
 *    each interval, start and end are whole columns, j = row[i]. Such a track costs 5 bytes an interval.
 */
export interface Track {
  length: number;
  row?: Uint32Array;
  /** Model row of interval 0 of a track without `row`. */
  first: number;
  start: Float64Array;
  end: Float64Array;
  /** Colour key of each interval (by i); keys of MAX_KEYS and above are gaps, not drawn. */
  key: Uint8Array;
  /** The trace's duration: the track's pyramid is built on first need when set. */
  extent?: number;
  pyramid?: Pyramid;
}

/** Index into start/end of interval i. */
export const at = (track: Pick<Track, 'row'>, i: number): number => (track.row !== undefined ? track.row[i] : i);

/** Model row of interval i (for details on hover and click). */
export const modelRow = (track: Pick<Track, 'row' | 'first'>, i: number): number => (track.row !== undefined ? track.row[i] : track.first + i);

export interface Pyramid {
  /** Width in ns of a level-0 bucket; level k buckets are base * 2^k wide. */
  base: number;
  /** levels[k] = { key, cover }: dominant key (EMPTY if nothing) and covered share (0..255). */
  levels: { key: Uint8Array; cover: Uint8Array }[];
}

/** A run of pixel columns [x0, x1) filled with one key; `alpha` < 1 when partly covered. */
export interface Span {
  x0: number;
  x1: number;
  key: number;
  alpha: number;
}

/** Index of the first interval whose end is after t (ends are sorted because intervals do not overlap). */
export function firstEndingAfter(track: Pick<Track, 'length' | 'end' | 'row'>, t: number): number {
  let lo = 0;
  let hi = track.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (track.end[at(track, mid)] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first interval starting at or after t. */
export function firstStartingAtOrAfter(track: Pick<Track, 'length' | 'start' | 'row'>, t: number): number {
  let lo = 0;
  let hi = track.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (track.start[at(track, mid)] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tracks with fewer intervals than this are always drawn from their intervals. */
export const PYRAMID_MIN_INTERVALS = 2048;

/** Build the bucket pyramid of a track (in place) when it is large enough to need one. */
export function buildPyramid(track: Track, duration: number): void {
  const n = track.length;
  if (n < PYRAMID_MIN_INTERVALS || duration <= 0) return;
  let buckets = 1;
  while (buckets < n / 2 && buckets < 1 << 20) buckets <<= 1;
  const base = duration / buckets;
  const key0 = new Uint8Array(buckets).fill(EMPTY);
  const cover0 = new Uint8Array(buckets);
  const acc = new Float64Array(MAX_KEYS);
  let current = -1;
  const flush = () => {
    if (current < 0) return;
    let best = -1;
    let bestCover = 0;
    let total = 0;
    for (let k = 0; k < MAX_KEYS; k++) {
      total += acc[k];
      if (acc[k] > bestCover) {
        bestCover = acc[k];
        best = k;
      }
      acc[k] = 0;
    }
    if (best >= 0) {
      key0[current] = best;
      cover0[current] = Math.min(255, Math.round((total / base) * 255));
    }
  };
  const { row, start, end, key } = track;
  for (let i = 0; i < n; i++) {
    const r = row !== undefined ? row[i] : i;
    const s = Math.max(0, start[r]);
    const e = Math.min(duration, end[r]);
    const k = key[i];
    if (e <= s || k >= MAX_KEYS) continue;
    let b = Math.min(buckets - 1, Math.floor(s / base));
    const last = Math.min(buckets - 1, Math.floor(e / base));
    if (b !== current) {
      flush();
      current = b;
    }
    if (b === last) {
      acc[k] += e - s;
      continue;
    }
    acc[k] += (b + 1) * base - s;
    flush();
    for (b = b + 1; b < last; b++) {
      key0[b] = k;
      cover0[b] = 255;
    }
    current = last;
    acc[k] += e - last * base;
  }
  flush();
  const levels = [{ key: key0, cover: cover0 }];
  while (levels[levels.length - 1].key.length > 64) {
    const prev = levels[levels.length - 1];
    const m = prev.key.length >> 1;
    const key = new Uint8Array(m);
    const cover = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const a = 2 * i;
      const b = a + 1;
      // The child with more coverage decides the colour: an approximation of the dominant key.
      key[i] = prev.key[a] === EMPTY ? prev.key[b] : prev.key[b] === EMPTY ? prev.key[a] : prev.cover[a] >= prev.cover[b] ? prev.key[a] : prev.key[b];
      cover[i] = (prev.cover[a] + prev.cover[b]) >> 1;
    }
    levels.push({ key, cover });
  }
  track.pyramid = { base, levels };
}

/**
 * The pixel runs to fill for one track in the window [t0, t1) drawn `width` pixels wide.
 * Adjacent columns with the same key are merged into one span, so a long interval is one fillRect.
 */
export function spansForView(track: Track, t0: number, t1: number, width: number, out: Span[] = []): Span[] {
  out.length = 0;
  if (track.length === 0 || t1 <= t0 || width <= 0) return out;
  const nsPerPx = (t1 - t0) / width;
  const i0 = firstEndingAfter(track, t0);
  const i1 = firstStartingAtOrAfter(track, t1);
  const visible = i1 - i0;
  if (visible <= 0) return out;
  if (track.pyramid === undefined && track.extent !== undefined && visible > width * 2) buildPyramid(track, track.extent);
  const p = track.pyramid;
  if (p && visible > width * 2 && nsPerPx >= p.base) return fromPyramid(p, t0, nsPerPx, width, out);
  return fromIntervals(track, i0, i1, t0, nsPerPx, width, out);
}

function push(out: Span[], x0: number, x1: number, key: number, alpha: number) {
  const last = out[out.length - 1];
  if (last && last.key === key && last.alpha === alpha && Math.abs(last.x1 - x0) < 1e-6) {
    last.x1 = x1;
    return;
  }
  out.push({ x0, x1, key, alpha });
}

function fromIntervals(track: Track, i0: number, i1: number, t0: number, nsPerPx: number, width: number, out: Span[]): Span[] {
  // Column being accumulated from sub-pixel intervals.
  let col = -1;
  const acc = new Float64Array(MAX_KEYS);
  let accTotal = 0;
  const flush = () => {
    if (col < 0 || accTotal <= 0) return;
    let best = 0;
    for (let k = 1; k < MAX_KEYS; k++) if (acc[k] > acc[best]) best = k;
    push(out, col, col + 1, best, 1);
    acc.fill(0);
    accTotal = 0;
    col = -1;
  };
  const { row, start, end, key } = track;
  for (let i = i0; i < i1; i++) {
    const r = row !== undefined ? row[i] : i;
    const x0 = Math.max(0, (start[r] - t0) / nsPerPx);
    const x1 = Math.min(width, (end[r] - t0) / nsPerPx);
    const k = key[i];
    if (x1 <= x0 || k >= MAX_KEYS) continue;
    const c0 = Math.floor(x0);
    const c1 = Math.floor(x1);
    if (c0 === c1 || x1 - x0 < 1) {
      // Sub-pixel: adds to its column (or two), drawn as one pixel with the dominant key.
      if (col !== c0) {
        flush();
        col = c0;
      }
      acc[k] += (Math.min(x1, c0 + 1) - x0) * nsPerPx;
      accTotal += 1;
      if (c1 > c0 && x1 > c1) {
        flush();
        col = c1;
        acc[k] += (x1 - c1) * nsPerPx;
        accTotal += 1;
      }
      continue;
    }
    // Wide enough to draw on its own: the pixel columns it fully owns.
    let from = x0;
    if (col === c0) {
      acc[k] += (c0 + 1 - x0) * nsPerPx;
      accTotal += 1;
      flush();
      from = c0 + 1;
    } else {
      flush();
    }
    if (x1 > from) push(out, from, x1, k, 1);
  }
  flush();
  return out;
}

function fromPyramid(p: Pyramid, t0: number, nsPerPx: number, width: number, out: Span[]): Span[] {
  // The coarsest level whose buckets are still no wider than a pixel.
  let level = Math.min(p.levels.length - 1, Math.max(0, Math.floor(Math.log2(nsPerPx / p.base))));
  const { key, cover } = p.levels[level];
  const bw = p.base * 2 ** level;
  const nb = key.length;
  for (let x = 0; x < width; x++) {
    const b0 = Math.max(0, Math.floor((t0 + x * nsPerPx) / bw));
    const b1 = Math.min(nb, Math.ceil((t0 + (x + 1) * nsPerPx) / bw));
    let best = EMPTY;
    let bestCover = 0;
    let sum = 0;
    for (let b = b0; b < b1; b++) {
      if (key[b] === EMPTY) continue;
      sum += cover[b];
      if (cover[b] > bestCover) {
        bestCover = cover[b];
        best = key[b];
      }
    }
    if (best === EMPTY) continue;
    const share = sum / (255 * Math.max(1, b1 - b0));
    push(out, x, x + 1, best, share >= 0.5 ? 1 : 0.6);
  }
  return out;
}
