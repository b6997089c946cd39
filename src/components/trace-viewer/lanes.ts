/**
 * From the analysed trace (src/analysis/model.ts) to the rows of the timeline: one lane per P, the GC
 * and stop-the-world lane, the heap lane, the tasks lane, then the goroutines grouped by start
 * function (each group collapsible, each goroutine lane with its regions underneath). Every track is a
 * sorted, non-overlapping array of intervals (lod.ts). A goroutine's states and a P's runs are read in
 * place from the model's tables; only regions are split per goroutine here. Level-of-detail pyramids
 * are built when a track is first drawn zoomed out, so lanes of collapsed groups cost nothing.
 */
import type { TraceModel } from '../../analysis/model.ts';
import type { Track } from './lod.ts';

export type LaneKind = 'axis' | 'proc' | 'gc' | 'heap' | 'tasks' | 'group' | 'goroutine';

export interface Lane {
  kind: LaneKind;
  /** Label drawn in the gutter (from the trace or built from UI strings by the caller). */
  label: string;
  /** Rows of intervals inside the lane, drawn top to bottom. */
  tracks: Track[];
  /** Height of each track row in CSS pixels. */
  rowHeights: number[];
  height: number;
  proc?: number;
  goroutine?: number;
  group?: number;
  /** Log rows (indices into model.logs) on this goroutine, sorted by time. */
  logs?: Uint32Array;
}

export interface GroupInfo {
  /** strings index of the group name. */
  name: number;
  goroutines: number[];
  system: boolean;
  collapsed: boolean;
}

export interface LaneSet {
  fixed: Lane[];
  groups: GroupInfo[];
  /** Lane of each goroutine (by goroutine index). */
  goroutineLanes: Lane[];
  groupLanes: Lane[];
}

export const ROW = 16;
export const REGION_ROW = 9;
export const GROUP_ROW = 18;
export const HEAP_ROW = 40;

/**
 * Split columns of intervals (rows sorted by start) into one track per owner, in time order (a CSR
 * layout: count, offsets, fill). Tracks keep row indices into the columns, not copies of the times.
 */
export function splitByOwner(
  n: number,
  owners: number,
  ownerOf: (i: number) => number,
  start: Float64Array,
  end: Float64Array,
  keyOf: (i: number) => number,
  order?: ArrayLike<number>,
): Track[] {
  const rowAt = order ? (j: number) => order[j] : (j: number) => j;
  const counts = new Uint32Array(owners + 1);
  for (let j = 0; j < n; j++) {
    const o = ownerOf(rowAt(j));
    if (o >= 0 && o < owners) counts[o + 1]++;
  }
  for (let o = 0; o < owners; o++) counts[o + 1] += counts[o];
  const fill = counts.slice(0, owners);
  const K = new Uint8Array(counts[owners]);
  const R = new Uint32Array(counts[owners]);
  for (let j = 0; j < n; j++) {
    const i = rowAt(j);
    const o = ownerOf(i);
    if (o < 0 || o >= owners) continue;
    const k = fill[o]++;
    K[k] = keyOf(i);
    R[k] = i;
  }
  const tracks: Track[] = [];
  for (let o = 0; o < owners; o++) {
    const a = counts[o];
    const b = counts[o + 1];
    tracks.push({ length: b - a, start, end, key: K.subarray(a, b), row: R.subarray(a, b), first: 0 });
  }
  return tracks;
}

/** Colour key of a goroutine on a P lane: one of 12 hues, stable per goroutine. */
export const procKey = (goroutine: number) => (goroutine < 0 ? 15 : goroutine % 12);

/** Pack overlapping spans into rows greedily (tasks overlap each other). Returns the row of each span. */
export function packRows(starts: number[], ends: number[]): number[] {
  const order = starts.map((_, i) => i).sort((a, b) => starts[a] - starts[b]);
  const rowEnds: number[] = [];
  const rows = new Array<number>(starts.length);
  for (const i of order) {
    let r = rowEnds.findIndex((e) => e <= starts[i]);
    if (r < 0) {
      r = rowEnds.length;
      rowEnds.push(0);
    }
    rowEnds[r] = ends[i];
    rows[i] = r;
  }
  return rows;
}

export interface LaneLabels {
  proc: (id: number) => string;
  gc: string;
  heap: string;
  tasks: string;
}

export function buildLanes(m: TraceModel, labels: LaneLabels): LaneSet {
  const d = m.duration;
  const fixed: Lane[] = [];

  // Ps.
  // model.procs is ascending, and procRuns.offsets follows it.
  const procs = m.procs;
  // A P's runs are Running rows of the state table: each ends where its goroutine's next row starts.
  const pr = m.procRuns;
  const gs = m.goroutineStates;
  const nextStart = gs.start.subarray(1);
  const runKeys = new Uint8Array(pr.goroutine.length);
  for (let k = 0; k < runKeys.length; k++) runKeys[k] = procKey(pr.goroutine[k]);
  procs.forEach((p, i) => {
    const a = pr.offsets[i], b = pr.offsets[i + 1];
    const track: Track = { length: b - a, row: pr.row.subarray(a, b), first: 0, start: gs.start, end: nextStart, key: runKeys.subarray(a, b), extent: d };
    fixed.push({ kind: 'proc', label: labels.proc(p), proc: p, tracks: [track], rowHeights: [ROW], height: ROW + 2 });
  });

  // GC: concurrent mark phases (key 0), stop-the-world pauses (key 1).
  const gc = m.gcCycles;
  const gcTrack = splitByOwner(gc.length, 1, () => 0, gc.start, gc.end, () => 0)[0];
  const stw = m.stwPauses;
  const stwTrack = splitByOwner(stw.length, 1, () => 0, stw.start, stw.end, () => 1)[0];
  gcTrack.extent = stwTrack.extent = d;
  fixed.push({ kind: 'gc', label: labels.gc, tracks: [gcTrack, stwTrack], rowHeights: [ROW / 2 + 2, ROW / 2 + 2], height: ROW + 6 });

  fixed.push({ kind: 'heap', label: labels.heap, tracks: [], rowHeights: [], height: HEAP_ROW });

  // Tasks, packed into rows.
  if (m.tasks.length > 0) {
    const starts = m.tasks.map((t) => (t.start < 0 ? 0 : t.start));
    const ends = m.tasks.map((t) => (t.end < 0 ? d : t.end));
    const rows = packRows(starts, ends);
    const nRows = Math.min(8, Math.max(...rows) + 1);
    const S = Float64Array.from(starts);
    const E = Float64Array.from(ends);
    const order = Array.from({ length: S.length }, (_, i) => i).sort((a, b) => S[a] - S[b]);
    const tracks = splitByOwner(order.length, nRows, (i) => Math.min(nRows - 1, rows[i]), S, E, () => 0, order);
    fixed.push({ kind: 'tasks', label: labels.tasks, tracks, rowHeights: tracks.map(() => REGION_ROW + 1), height: tracks.length * (REGION_ROW + 1) + 4 });
  }

  // Goroutines: state track, then regions by depth, then mark assists.
  const nG = m.goroutines.length;
  const rg = m.regions;
  let maxDepth = 0;
  for (let i = 0; i < rg.length; i++) if (rg.depth[i] > maxDepth) maxDepth = rg.depth[i];
  const depthCap = Math.min(maxDepth, 5);
  // One split for every (goroutine, depth): track g * levels + depth.
  const levels = depthCap + 1;
  const regionTracks = splitByOwner(rg.length, nG * levels, (i) => rg.goroutine[i] * levels + Math.min(rg.depth[i], depthCap), rg.start, rg.end, (i) => rg.name[i] % 12);
  const ma = m.markAssists;
  const assistTracks = splitByOwner(ma.length, nG, (i) => ma.scope[i], ma.start, ma.end, () => 1);
  // Logs per goroutine.
  const lg = m.logs;
  const logCounts = new Uint32Array(nG + 1);
  for (let i = 0; i < lg.length; i++) if (lg.goroutine[i] >= 0 && lg.goroutine[i] < nG) logCounts[lg.goroutine[i] + 1]++;
  for (let g = 0; g < nG; g++) logCounts[g + 1] += logCounts[g];
  const logRows = new Uint32Array(logCounts[nG]);
  const logFill = logCounts.slice(0, nG);
  for (let i = 0; i < lg.length; i++) {
    const g = lg.goroutine[i];
    if (g >= 0 && g < nG) logRows[logFill[g]++] = i;
  }

  const goroutineLanes: Lane[] = [];
  for (let g = 0; g < nG; g++) {
    // The goroutine's rows but its End row; interval i ends where row i + 1 starts.
    const a = gs.offsets[g], b = gs.offsets[g + 1] - 1;
    const st: Track = { length: b - a, first: a, start: gs.start.subarray(a, b), end: gs.start.subarray(a + 1, b + 1), key: gs.state.subarray(a, b), extent: d };
    const tracks: Track[] = [st];
    const rowHeights = [ROW];
    for (let dep = 0; dep <= depthCap; dep++) {
      const t = regionTracks[g * levels + dep];
      if (t.length === 0) continue;
      t.extent = d;
      tracks.push(t);
      rowHeights.push(REGION_ROW);
    }
    if (assistTracks[g].length > 0) {
      tracks.push(assistTracks[g]);
      rowHeights.push(3);
    }
    const gor = m.goroutines[g];
    goroutineLanes.push({
      kind: 'goroutine',
      label: `G${gor.id}`,
      goroutine: g,
      group: gor.group,
      tracks,
      rowHeights,
      height: rowHeights.reduce((a, b) => a + b, 0) + 3,
      logs: logRows.subarray(logCounts[g], logCounts[g + 1]),
    });
  }

  // Groups: user code first (in order of first appearance), then the runtime's; big or system groups start collapsed.
  const byGroup = new Map<number, number[]>();
  for (let g = 0; g < nG; g++) {
    const key = m.goroutines[g].group;
    let list = byGroup.get(key);
    if (!list) byGroup.set(key, (list = []));
    list.push(g);
  }
  const groups: GroupInfo[] = [...byGroup.entries()].map(([name, list]) => {
    const system = list.every((g) => m.goroutines[g].system);
    return { name, goroutines: list, system, collapsed: system || list.length > 16 };
  });
  const firstSeen = (gr: GroupInfo) => Math.min(...gr.goroutines.map((g) => Math.max(0, m.goroutines[g].created)));
  groups.sort((a, b) => Number(a.system) - Number(b.system) || firstSeen(a) - firstSeen(b) || a.name - b.name);
  const groupLanes = groups.map(
    (gr): Lane => ({ kind: 'group', label: m.strings[gr.name] || '?', group: gr.name, tracks: [], rowHeights: [], height: GROUP_ROW }),
  );
  return { fixed, groups, goroutineLanes, groupLanes };
}

/** The lanes shown, top to bottom, given which groups are collapsed. */
export function visibleLanes(set: LaneSet): Lane[] {
  const out = [...set.fixed];
  set.groups.forEach((gr, i) => {
    out.push(set.groupLanes[i]);
    if (!gr.collapsed) for (const g of gr.goroutines) out.push(set.goroutineLanes[g]);
  });
  return out;
}
