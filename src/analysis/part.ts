// A trace analysed in two parts at once, then joined: the model equals the one read in one go.
//
// A Go 1.22+ trace is a sequence of generations, each readable on its own (its own strings, stacks
// and frequency; every goroutine it touches is introduced by a status event). So a large trace is cut
// at a generation boundary: one worker analyses the generations before the cut, another those from
// the cut on, in "continuation" mode (analyse.ts), and joinParts puts them together as if one reader
// had read on across the cut:
//
//  - the continuation's first status events tell what the earlier part already knows (Go's reader
//    would check them against its state: a mismatch is an error there, so the join gives up);
//  - intervals open at the cut (a goroutine's state, a region, a task, a GC cycle, a pause, an assist)
//    are continued rather than cut in two; regions the continuation saw end without a beginning
//    close the earlier part's open regions, innermost first, as Go's semantics match them;
//  - the continuation's times are shifted onto the first part's origin, its strings, stacks and
//    goroutines renumbered into the first part's.
//
// Where the join cannot be sure to give what one reading would (the continuation failed to read,
// timestamps too large to be exact, a status that contradicts the earlier part, the cut not strictly
// after the earlier part's last event), it returns null and the caller reads the trace in one go.
// tests/analysis/split.test.ts cuts real traces at every generation boundary and compares.

import { extend, free, mergeByStart, Strings, Table, type TypedColumn } from './columns.ts';
import {
  GState, type GoroutineStateIntervals, type IntervalColumns, type LogRows, type ProcRuns, type RangeIntervals,
  type RegionIntervals, type TaskRow, type TimeSeries, type TraceModel,
} from './model.ts';

/** The model's fields a part holds as they are (its tables; strings before the group names). */
type PartFields =
  | 'version' | 'bytes' | 'events' | 'duration' | 'error' | 'stacks' | 'procs' | 'goroutineStates' | 'procRuns'
  | 'gcCycles' | 'stwPauses' | 'markAssists' | 'heapAlloc' | 'heapGoal' | 'tasks' | 'regions' | 'logs';

/** An analysed run of generations: the model's tables, and the per-goroutine state a join needs. */
export interface AnalysisPart extends Pick<TraceModel, PartFields> {
  /** Absolute time (ns) of the first event; the part's times are relative to it. */
  start: number;
  endedEarly: boolean;
  /** Strings interned by the events (the model adds goroutine group names). */
  strings: string[];
  /** Goroutines by index: the Goroutine fields, their state at the end (GState, -1 = none), and rows before the End row. */
  g: {
    id: number[]; parent: number[]; created: number[]; ended: number[]; startFunc: number[];
    final: number[]; finalReason: number[]; state: number[]; realRows: number[];
  };
  /** Continuation parts: goroutines introduced by a status in the first generation, as pairs (index, GState). */
  assumed: number[];
  /**
   * Continuation parts: the times of the first events. A generation's first events can be stamped
   * before the previous generation's last ones; a single reading then moves each such event to one
   * nanosecond after the event before it, so the join must know which times were events' and in
   * what order.
   */
  firstTimes: Float64Array;
}

/** From a continuation part's times to the joined part's. */
type TimeMap = (x: number) => number;

/**
 * The continuation's times on the first part's origin, as one reading would have made them: shifted,
 * and an event stamped no later than the one read before it moved to one nanosecond after it. Those
 * are a prefix of the continuation's events (its first event times, in `first`): its i-th event lands
 * at max(its time, last + i + 1), `last` the time of the event one reading gives before it. Null when
 * that prefix is longer than the times kept.
 */
function timeMap(first: Float64Array, shift: number, last: number): TimeMap | null {
  let p = 0;
  while (p < first.length && first[p] + shift < last + p + 1) p++;
  if (p === 0) return (x) => x + shift;
  if (p === first.length) return null;
  const bumped = first.subarray(0, p);
  const limit = first[p];
  return (x) => {
    if (x >= limit) return x + shift;
    let lo = 0, hi = p;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (bumped[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return last + lo + 1;
  };
}

/** Times below this are exact in a double: beyond it (a machine up for 104 days) parts are not joined. */
const EXACT = 2 ** 53;

/**
 * The analysis of `a` followed by `b` (a continuation part read from the generation after a's last),
 * or null when the join cannot guarantee the result of a single reading. Takes both parts over: their
 * arrays are reused or let go.
 */
export function joinParts(a: AnalysisPart, b: AnalysisPart): AnalysisPart | null {
  if (a.error !== undefined || a.endedEarly) return a; // a single reading stops there too
  if (b.error !== undefined || b.events === 0 || a.events === 0) return null;
  if (!Number.isSafeInteger(a.start) || !Number.isSafeInteger(b.start) || b.start + b.duration >= EXACT || a.start + a.duration >= EXACT) return null;
  const shift = b.start - a.start;
  // a ends with the Sync that closes it, one past its last event; b begins with the Sync that opens
  // the generation after the cut. A single reading has one Sync there, b's, which lands where a's
  // closing Sync is or later: b's i-th event at max(its time, a.duration + i).
  const t = timeMap(b.firstTimes, shift, a.duration - 1);
  if (t === null) return null;
  const duration = t(b.duration);
  const cut = t(0); // where the generation after the cut starts: its Sync

  // Goroutines: b's renumbered into a's, new ones appended in b's order.
  const aIndex = new Map(a.g.id.map((id, i) => [id, i]));
  const nA = a.g.id.length;
  const gMap = new Int32Array(b.g.id.length);
  const g = {
    id: [...a.g.id], parent: [...a.g.parent], created: [...a.g.created], ended: [...a.g.ended], startFunc: [...a.g.startFunc],
    final: [...a.g.final], finalReason: [...a.g.finalReason], state: [...a.g.state], realRows: [...a.g.realRows],
  };
  b.g.id.forEach((id, j) => {
    const i = aIndex.get(id);
    if (i !== undefined) gMap[j] = i;
    else {
      gMap[j] = g.id.length;
      g.id.push(id);
      for (const col of [g.parent, g.created, g.ended, g.startFunc, g.final, g.finalReason, g.state, g.realRows]) col.push(0);
    }
  });
  // What b assumed of a goroutine must be what a ended with, as Go's reader would check.
  const assumed = new Uint8Array(b.g.id.length);
  for (let k = 0; k < b.assumed.length; k += 2) {
    const j = b.assumed[k];
    const i = gMap[j];
    if (i >= nA || a.g.state[i] !== b.assumed[k + 1]) return null;
    assumed[j] = 1;
  }

  // Strings and stacks: b's renumbered into a's.
  const interned = new Strings([...a.strings]);
  const sMap = b.strings.map((x) => interned.intern(x));
  const stacks = [...a.stacks];
  const stackIndex = new Map(stacks.map((frames, i) => [frames.join(','), i]));
  const kMap = b.stacks.map((frames) => {
    const mapped = frames.map((f) => sMap[f]);
    const key = mapped.join(',');
    let i = stackIndex.get(key);
    if (i === undefined) {
      i = stacks.length;
      stacks.push(mapped);
      stackIndex.set(key, i);
    }
    return i;
  });
  // Goroutine fields: what b saw happen, over what a knew.
  b.g.id.forEach((_, j) => {
    const i = gMap[j];
    const fresh = i >= nA;
    const createdInB = b.g.created[j] >= 0;
    const bParent = b.g.parent[j] >= 0 ? gMap[b.g.parent[j]] : -1;
    if (fresh || createdInB) {
      g.created[i] = createdInB ? t(b.g.created[j]) : -1;
      g.parent[i] = bParent;
    }
    if (fresh || createdInB || b.g.ended[j] >= 0) g.ended[i] = b.g.ended[j] >= 0 ? t(b.g.ended[j]) : -1;
    const bFunc = sMap[b.g.startFunc[j]];
    if (fresh || (bFunc !== 0 && (createdInB || g.startFunc[i] === 0))) g.startFunc[i] = bFunc;
    if (fresh || b.g.final[j] >= 0) {
      g.final[i] = b.g.final[j];
      g.finalReason[i] = sMap[b.g.finalReason[j]];
    }
    if (fresh || assumed[j] === 1 || b.g.realRows[j] > 0) g.state[i] = b.g.state[j];
  });

  const states = joinStates(a, b, gMap, g.id.length, t, duration, sMap, kMap);
  for (let i = 0; i < g.id.length; i++) g.realRows[i] = states.offsets[i + 1] - states.offsets[i] - 1;
  const procs = [...new Set([...a.procs, ...b.procs])].sort((x, y) => x - y);
  const procRuns = joinRuns(a, b, gMap, states.offsets, procs);
  for (const col of [a.procRuns.row, a.procRuns.goroutine, b.procRuns.row, b.procRuns.goroutine]) free(col);

  const part: AnalysisPart = {
    version: a.version,
    bytes: a.bytes + b.bytes,
    events: a.events + b.events - 1, // a's closing Sync is not in a single reading
    start: a.start,
    duration,
    endedEarly: b.endedEarly,
    strings: interned.list,
    stacks,
    g,
    procs,
    goroutineStates: states,
    procRuns,
    gcCycles: joinRanges(a.gcCycles, b.gcCycles, null, cut, t, duration) as IntervalColumns,
    stwPauses: joinRanges(a.stwPauses, b.stwPauses, { sMap, gMap, perScope: false }, cut, t, duration) as RangeIntervals,
    markAssists: joinRanges(a.markAssists, b.markAssists, { sMap, gMap, perScope: true }, cut, t, duration) as RangeIntervals,
    heapAlloc: joinSeries(a.heapAlloc, b.heapAlloc, t),
    heapGoal: joinSeries(a.heapGoal, b.heapGoal, t),
    tasks: joinTasks(a.tasks, b.tasks, sMap, gMap, t),
    regions: joinRegions(a.regions, b.regions, sMap, gMap, t, duration),
    logs: joinLogs(a.logs, b.logs, sMap, gMap, t),
    assumed: [],
    firstTimes: new Float64Array(0),
  };
  return part;
}

/**
 * Each goroutine's rows: a's real rows (its End row at a's end was only the end of the part), then
 * b's; a goroutine only a knew, still alive, ends with the trace.
 */
function joinStates(
  a: AnalysisPart, b: AnalysisPart, gMap: Int32Array, nG: number, t: TimeMap, duration: number,
  sMap: number[], kMap: number[],
): GoroutineStateIntervals {
  const A = a.goroutineStates, B = b.goroutineStates;
  const nA = a.g.id.length;
  const fromB = new Int32Array(nG).fill(-1);
  gMap.forEach((i, j) => (fromB[i] = j));
  const keepA = (i: number) => (i < nA ? a.g.realRows[i] : 0);
  const rowsB = (i: number) => (fromB[i] >= 0 ? B.offsets[fromB[i] + 1] - B.offsets[fromB[i]] : 0);
  // A goroutine b never saw keeps a's rows; if they do not end with its exit, an End row at the end.
  // (Decided before any column moves: the columns are a's, rewritten in place.)
  const tail = new Uint8Array(nG);
  for (let i = 0; i < nG; i++) tail[i] = fromB[i] < 0 && !(keepA(i) > 0 && A.state[A.offsets[i] + keepA(i) - 1] === GState.End) ? 1 : 0;
  const tailEnd = (i: number) => tail[i] === 1;
  const offsets = new Uint32Array(nG + 1);
  for (let i = 0; i < nG; i++) offsets[i + 1] = offsets[i] + keepA(i) + rowsB(i) + (tailEnd(i) ? 1 : 0);
  const n = offsets[nG];

  // b's columns are b's own (handed over): its times, strings and stacks are renumbered in place.
  const Bstart = B.start, Bstack = B.stack;
  for (let r = 0; r < B.length; r++) Bstart[r] = t(Bstart[r]);
  for (let r = 0; r < B.length; r++) Bstack[r] = kMap[Bstack[r]];
  let wide = A.reason instanceof Uint32Array;
  for (let k = 0; k < sMap.length && !wide; k++) if (sMap[k] > 0xffff) wide = true;
  const Breason = wide && B.reason instanceof Uint16Array ? Uint32Array.from(B.reason) : B.reason;
  for (let r = 0; r < B.length; r++) Breason[r] = sMap[Breason[r]];

  // Each column is a's, grown in place to the joined length (extend: no copy where a's buffer has
  // room), a's rows moved up to their joined places, last goroutine first so that nothing is
  // overwritten before it moves; then b's rows and the End rows go in the gaps.
  const column = <T extends TypedColumn>(colA: T, colB: TypedColumn, end: number, out: T = extend(colA, n)): T => {
    const inPlace = out.buffer === colA.buffer;
    for (let i = nG - 1; i >= 0; i--) {
      let o = offsets[i];
      const ka = keepA(i);
      if (ka > 0) {
        if (inPlace) out.copyWithin(o, A.offsets[i], A.offsets[i] + ka);
        else out.set(colA.subarray(A.offsets[i], A.offsets[i] + ka) as never, o);
        o += ka;
      }
      const j = fromB[i];
      if (j >= 0) out.set(colB.subarray(B.offsets[j], B.offsets[j + 1]) as never, o);
      else if (tailEnd(i)) out[o] = end;
    }
    // b's column is copied, and a's too if it could not grow in place: their memory goes back now.
    free(colB);
    if (!inPlace) free(colA);
    return out;
  };
  const start = column(A.start, Bstart, duration);
  const state = column(A.state, B.state, GState.End);
  const reason = column<Uint16Array | Uint32Array>(A.reason, Breason, 0, wide && A.reason instanceof Uint16Array ? new Uint32Array(n) : undefined);
  const stack = column(A.stack, Bstack, 0);
  const narrow = A.proc instanceof Int16Array && B.proc instanceof Int16Array;
  const proc = column<Int16Array | Int32Array>(A.proc, B.proc, -1, narrow || A.proc instanceof Int32Array ? undefined : new Int32Array(n));
  return { length: n, offsets, start, state, reason, stack, proc };
}

/** Runs per P: a's, then b's, at their rows in the joined table. */
function joinRuns(a: AnalysisPart, b: AnalysisPart, gMap: Int32Array, offsets: Uint32Array, procs: number[]): ProcRuns {
  const A = a.procRuns, B = b.procRuns;
  const rowA = (k: number) => offsets[A.goroutine[k]] + (A.row[k] - a.goroutineStates.offsets[A.goroutine[k]]);
  const rowB = (k: number) => {
    const i = gMap[B.goroutine[k]];
    const keepA = i < a.g.id.length ? a.g.realRows[i] : 0;
    return offsets[i] + keepA + (B.row[k] - b.goroutineStates.offsets[B.goroutine[k]]);
  };
  const n = A.row.length + B.row.length;
  const row = new Uint32Array(n), goroutine = new Uint32Array(n);
  const pOff = new Uint32Array(procs.length + 1);
  const idxA = new Map(a.procs.map((p, i) => [p, i])), idxB = new Map(b.procs.map((p, i) => [p, i]));
  let o = 0;
  procs.forEach((p, k) => {
    pOff[k] = o;
    const ia = idxA.get(p);
    if (ia !== undefined) for (let r = A.offsets[ia]; r < A.offsets[ia + 1]; r++, o++) {
      row[o] = rowA(r);
      goroutine[o] = A.goroutine[r];
    }
    const ib = idxB.get(p);
    if (ib !== undefined) for (let r = B.offsets[ib]; r < B.offsets[ib + 1]; r++, o++) {
      row[o] = rowB(r);
      goroutine[o] = gMap[B.goroutine[r]];
    }
  });
  pOff[procs.length] = o;
  return { offsets: pOff, row, goroutine };
}

type Columns = Record<string, TypedColumn> & { length: number };

/** Concatenates a's rows and b's (then fixed: shifted, renumbered), as the columns of `a` describe them. */
function concatRows(a: Columns, b: Columns, take: (r: number) => boolean, fix: (out: Columns, o: number, r: number) => void): Columns {
  let count = 0;
  for (let r = 0; r < b.length; r++) if (take(r)) count++;
  let taken: Uint32Array;
  if (count === b.length) taken = new Uint32Array(0); // all of them: no list needed
  else {
    taken = new Uint32Array(count);
    for (let r = 0, k = 0; r < b.length; r++) if (take(r)) taken[k++] = r;
  }
  const all = count === b.length;
  const n = a.length + count;
  const out = { length: n } as Columns;
  for (const [k, v] of Object.entries(a)) {
    if (k === 'length') continue;
    const col = extend(v as TypedColumn, n);
    const from = b[k];
    if (all) col.set(from as never, a.length);
    else for (let i = 0; i < count; i++) col[a.length + i] = from[taken[i]];
    out[k] = col;
  }
  for (let i = 0; i < count; i++) fix(out, a.length + i, all ? i : taken[i]);
  return out;
}

/** Once joined: b's columns, and a's where they were copied rather than grown, give their memory back. */
function freeParts(a: Columns, b: Columns, out: Columns): void {
  for (const [k, v] of Object.entries(b)) if (k !== 'length') free(v as TypedColumn);
  for (const [k, v] of Object.entries(a)) if (k !== 'length' && (v as TypedColumn).buffer !== out[k].buffer) free(v as TypedColumn);
}

/**
 * GC cycles, pauses and assists. A range b found active at the cut (its start is -1) continues a's
 * open range of the same kind (and goroutine, for assists); with none open, it began at the cut.
 */
function joinRanges(
  a: IntervalColumns | RangeIntervals, b: IntervalColumns | RangeIntervals,
  names: { sMap: number[]; gMap: Int32Array; perScope: boolean } | null, cut: number, t: TimeMap, duration: number,
): IntervalColumns | RangeIntervals {
  const A = a as unknown as Columns, B = b as unknown as Columns;
  const open = new Map<number, number>(); // scope key -> a's open row
  const scopeOf = (cols: Columns, r: number, fromB: boolean) => {
    if (names === null || !names.perScope) return 0;
    const s = cols.scope[r];
    return fromB && s >= 0 ? names.gMap[s] : s;
  };
  for (let r = 0; r < A.length; r++) if (A.open[r] === 1) open.set(scopeOf(A, r, false), r);
  const continued = new Map<number, number>(); // b row -> a row it continues
  for (let r = 0; r < B.length && B.start[r] < 0; r++) {
    const key = scopeOf(B, r, true);
    const ar = open.get(key);
    if (ar !== undefined) {
      continued.set(r, ar);
      open.delete(key);
    }
  }
  const out = concatRows(A, B, (r) => !continued.has(r), (o, i, r) => {
    o.start[i] = B.start[r] < 0 ? cut : t(B.start[r]);
    o.end[i] = B.open[r] === 1 ? duration : t(B.end[r]);
    if (names !== null) {
      o.name[i] = names.sMap[B.name[r]];
      o.scope[i] = B.scope[r] >= 0 ? names.gMap[B.scope[r]] : B.scope[r];
    }
  });
  // a's ranges still open: continued by b, or open to the end.
  for (let r = 0; r < A.length; r++) if (A.open[r] === 1) out.end[r] = duration;
  for (const [br, ar] of continued) {
    out.open[ar] = B.open[br];
    out.end[ar] = B.open[br] === 1 ? duration : t(B.end[br]);
  }
  freeParts(A, B, out);
  return out as unknown as IntervalColumns;
}

/**
 * Regions. b's regions that ended without a beginning (beganBefore) close a's open regions of the
 * same name on the same goroutine, innermost first; the others began before the trace. b's own
 * regions nest inside a's still open on their goroutine.
 */
function joinRegions(a: RegionIntervals, b: RegionIntervals, sMap: number[], gMap: Int32Array, t: TimeMap, duration: number): RegionIntervals {
  const A = a as unknown as Columns, B = b as unknown as Columns;
  const openA = new Map<number, number[]>(); // goroutine -> a's open rows, outermost first
  for (let r = 0; r < A.length; r++) {
    if (A.open[r] !== 1) continue;
    let list = openA.get(A.goroutine[r]);
    if (!list) openA.set(A.goroutine[r], (list = []));
    list.push(r);
  }
  // When each of a's open regions closes (Infinity: never).
  const closesAt = new Float64Array(A.length).fill(Infinity);
  const closedBy = new Map<number, number>(); // b row -> a row
  for (let r = 0; r < B.length; r++) {
    if (B.beganBefore[r] !== 1) continue;
    const list = openA.get(gMap[B.goroutine[r]]);
    if (!list) continue;
    const name = sMap[B.name[r]];
    for (let k = list.length - 1; k >= 0; k--) {
      if (A.name[list[k]] !== name) continue;
      closedBy.set(r, list[k]);
      closesAt[list[k]] = t(B.end[r]);
      list.splice(k, 1);
      break;
    }
  }
  // a's open regions per goroutine, for the depth of b's: how many still enclose a time.
  const depthOpen = new Map<number, number[]>();
  for (let r = 0; r < A.length; r++) if (A.open[r] === 1) {
    let list = depthOpen.get(A.goroutine[r]);
    if (!list) depthOpen.set(A.goroutine[r], (list = []));
    list.push(r);
  }
  const openAt = (goroutine: number, time: number) => {
    let n = 0;
    for (const r of depthOpen.get(goroutine) ?? []) if (closesAt[r] > time) n++;
    return n;
  };
  const rebase = (o: Columns, i: number, r: number) => {
    o.goroutine[i] = gMap[B.goroutine[r]];
    o.name[i] = sMap[B.name[r]];
    if (B.beganBefore[r] === 1) {
      o.end[i] = t(B.end[r]);
      return; // began before the trace: starts at 0 either way
    }
    o.start[i] = t(B.start[r]);
    o.end[i] = B.open[r] === 1 ? duration : t(B.end[r]);
    const g = o.goroutine[i];
    const outer = depthOpen.has(g) ? openAt(g, o.start[i]) : 0;
    o.depth[i] = Math.min(255, B.depth[r] + outer);
  };
  // a's rows, then b's own; b's unmatched began-before rows (start 0) go after a's rows at 0, as a
  // single reading's side table would put them.
  const joined = concatRows(A, B, (r) => B.beganBefore[r] !== 1, rebase);
  for (let r = 0; r < A.length; r++) if (A.open[r] === 1) joined.end[r] = duration;
  for (const [br, ar] of closedBy) {
    joined.end[ar] = t(B.end[br]);
    joined.open[ar] = 0;
  }
  const before = new Table(
    Object.fromEntries(Object.entries(A).filter(([k]) => k !== 'length').map(([k, v]) => [k, v.constructor])) as never,
    16,
  ) as Table<string>;
  for (let r = 0; r < B.length; r++) {
    if (B.beganBefore[r] !== 1 || closedBy.has(r)) continue;
    const i = before.add();
    for (const k of Object.keys(before.cols)) before.cols[k][i] = B[k][r];
    rebase(before.cols as unknown as Columns, i, r);
  }
  freeParts(A, B, joined);
  if (before.length === 0) return joined as unknown as RegionIntervals;
  // Insert them after every row starting at or before 0 (mergeByStart does that for a Table).
  const main = new Table(Object.fromEntries(Object.entries(joined).filter(([k]) => k !== 'length').map(([k, v]) => [k, v.constructor])) as never, joined.length) as Table<string>;
  main.addRows(joined.length);
  for (const k of Object.keys(main.cols)) main.cols[k].set(joined[k] as never);
  return mergeByStart(main, before, 'start') as unknown as RegionIntervals;
}

/** Tasks by ID: what b saw of a task (its end, or a new beginning) over what a knew. */
function joinTasks(a: TaskRow[], b: TaskRow[], sMap: number[], gMap: Int32Array, t: TimeMap): TaskRow[] {
  const byId = new Map(a.map((x) => [x.id, { ...x }]));
  const gOf = (x: number) => (x >= 0 ? gMap[x] : -1);
  for (const x of b) {
    let row = byId.get(x.id);
    if (row === undefined) {
      byId.set(x.id, { id: x.id, parentId: x.parentId, name: sMap[x.name], start: x.start >= 0 ? t(x.start) : -1, end: x.end >= 0 ? t(x.end) : -1, startGoroutine: gOf(x.startGoroutine), endGoroutine: gOf(x.endGoroutine) });
      continue;
    }
    if (x.start >= 0) {
      row.start = t(x.start);
      row.parentId = x.parentId;
      row.name = sMap[x.name];
      row.startGoroutine = gOf(x.startGoroutine);
    }
    if (x.end >= 0) {
      row.end = t(x.end);
      row.endGoroutine = gOf(x.endGoroutine);
      if (row.name === 0 && x.name !== 0) row.name = sMap[x.name];
      if (row.parentId === 0 && x.parentId > 0) row.parentId = x.parentId;
    }
  }
  return [...byId.values()];
}

function joinLogs(a: LogRows, b: LogRows, sMap: number[], gMap: Int32Array, t: TimeMap): LogRows {
  const B = b as unknown as Columns;
  const out = concatRows(a as unknown as Columns, B, () => true, (o, i, r) => {
    o.time[i] = t(B.time[r]);
    o.goroutine[i] = B.goroutine[r] >= 0 ? gMap[B.goroutine[r]] : -1;
    o.category[i] = sMap[B.category[r]];
    o.message[i] = sMap[B.message[r]];
  });
  freeParts(a as unknown as Columns, B, out);
  return out as unknown as LogRows;
}

function joinSeries(a: TimeSeries, b: TimeSeries, t: TimeMap): TimeSeries {
  const n = a.length + b.length;
  const time = new Float64Array(n), value = new Float64Array(n);
  time.set(a.time);
  value.set(a.value);
  for (let i = 0; i < b.length; i++) {
    time[a.length + i] = t(b.time[i]);
    value[a.length + i] = b.value[i];
  }
  return { length: n, time, value };
}
