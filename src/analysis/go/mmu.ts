// A port of Go 1.27's minimum mutator utilization (src/internal/trace/gc.go) and of what go tool
// trace's /mmu page computes with it (src/internal/trace/traceviewer/mmu.go).
//
// MutatorUtilization is Go's MutatorUtilizationV2 as a streaming consumer (event(ev), finish()):
// Go's loop body, run per event. MMUCurve is Go's NewMMUCurve with MMU(window) and
// Examples(window, n); its band heap is container/heap's algorithm step for step, so that bands
// of equal bound are refined in Go's order and Examples picks Go's windows. Arithmetic is float64
// in Go's order of operations; times are int64 nanoseconds held exactly as numbers below 2^53.

import { EventKind, ResourceKind, goStateExecuting, NoGoroutine, type Event, type StateTransition } from '../../trace/index.ts';
import type { MmuFlags, MmuPoint } from './types.ts';

/** Go's UtilFlags bits. */
export const UtilSTW = 1;
export const UtilBackground = 2;
export const UtilAssist = 4;
export const UtilSweep = 8;
export const UtilPerProc = 16;

export function utilFlags(f: MmuFlags): number {
  return (f.stw ? UtilSTW : 0) | (f.background ? UtilBackground : 0) | (f.assist ? UtilAssist : 0) | (f.sweep === true ? UtilSweep : 0) | (f.perProc ? UtilPerProc : 0);
}

/** cmd/trace's MMU page as it opens: System view, STW, background workers and mark assists; no sweep. */
export const defaultMmuFlags: MmuFlags = { stw: true, background: true, assist: true, perProc: false, sweep: false };

/**
 * A mutator utilization function: from times[i] on, the mean utilization is utils[i] (Go's
 * []MutatorUtil, as two columns).
 */
export interface UtilSeries {
  times: number[];
  utils: number[];
}

const isGCSTW = (name: string) => name.startsWith('stop-the-world') && name.includes('GC');
const isGCMarkAssist = (name: string) => name === 'GC mark assist';
const isGCSweep = (name: string) => name === 'GC incremental sweep';

/** Go's addUtil: a change only; at an equal time, the lowest utilization. */
function addUtil(s: UtilSeries, time: number, util: number): void {
  const n = s.times.length;
  if (n > 0) {
    if (util === s.utils[n - 1]) return;
    if (time === s.times[n - 1]) {
      if (util < s.utils[n - 1]) s.utils[n - 1] = util;
      return;
    }
  }
  s.times.push(time);
  s.utils.push(util);
}

/** What MutatorUtilizationV2 reads of an event, read once for all flag combinations. */
export interface Decoded {
  kind: number;
  time: number;
  proc: number;
  goroutine: number;
  syncN: number;
  /** The new GOMAXPROCS of a /sched/gomaxprocs:threads metric, else -1. */
  gomaxprocs: number;
  /** A range's name; a label's text. */
  name: string;
  label: string;
  /** A range's goroutine scope (NoGoroutine for other scopes). */
  scopeG: number;
  /** A goroutine transition's goroutine (NoGoroutine for none) and states. */
  stG: number;
  stFrom: number;
  stTo: number;
}

const scratch: Decoded = { kind: 0, time: 0, proc: 0, goroutine: 0, syncN: 0, gomaxprocs: -1, name: '', label: '', scopeG: NoGoroutine, stG: NoGoroutine, stFrom: 0, stTo: 0 };

function decode(ev: Event, d: Decoded, stIn?: StateTransition): Decoded {
  const kind = ev.kind();
  d.kind = kind;
  d.time = ev.time();
  d.proc = ev.proc();
  d.goroutine = ev.goroutine();
  d.gomaxprocs = -1;
  d.stG = NoGoroutine;
  d.scopeG = NoGoroutine;
  switch (kind) {
    case EventKind.Sync:
      d.syncN = ev.sync().n;
      break;
    case EventKind.Metric: {
      const m = ev.metric();
      if (m.name === '/sched/gomaxprocs:threads') d.gomaxprocs = m.value.uint64();
      break;
    }
    case EventKind.RangeBegin:
    case EventKind.RangeActive:
    case EventKind.RangeEnd: {
      const r = ev.range();
      d.name = r.name;
      if (r.scope.kind === ResourceKind.Goroutine) d.scopeG = r.scope.id;
      break;
    }
    case EventKind.StateTransition: {
      const st = stIn ?? ev.stateTransition();
      if (st.resource.kind !== ResourceKind.Goroutine) break;
      const { from, to } = st.goroutine();
      d.stG = st.resource.id;
      d.stFrom = from;
      d.stTo = to;
      break;
    }
    case EventKind.Label:
      d.label = ev.label().label;
      break;
  }
  return d;
}

/**
 * Several MutatorUtilizations over the same events: each event decoded once, the goroutine states
 * kept once, and an event skipped by every function it cannot change (most goroutine transitions:
 * see MutatorUtilization.quiet).
 */
export class MutatorUtilizations {
  readonly all: MutatorUtilization[];
  private readonly d: Decoded = { ...scratch };
  private readonly states = new Map<number, number>();
  constructor(flags: readonly number[]) {
    this.all = flags.map((f) => new MutatorUtilization(f, this.states));
  }
  /** `st`: the event's stateTransition(), when the caller has it already. */
  event(ev: Event, st?: StateTransition): void {
    const kind = ev.kind();
    if (kind === EventKind.StateTransition) {
      st ??= ev.stateTransition();
      // A proc's transition changes nothing but the time: quiet for all but functions catching up.
      const g = st.resource.kind === ResourceKind.Goroutine ? st.resource.id : NoGoroutine;
      const t = ev.time();
      let d: Decoded | null = null;
      for (const m of this.all) if (!m.quietAt(t, g)) m.step(d ??= decode(ev, this.d, st));
      if (g === NoGoroutine) return;
      this.states.set(g, st.goroutine().to);
      return;
    }
    if (kind === EventKind.Sync || kind === EventKind.Metric || kind === EventKind.Label || kind === EventKind.RangeBegin || kind === EventKind.RangeActive || kind === EventKind.RangeEnd) {
      const d = decode(ev, this.d);
      for (const m of this.all) m.step(d);
      return;
    }
    // Any other kind (regions, tasks, logs, samples: most of a busy trace's events besides the
    // transitions) changes nothing but the time, as a proc's transition: quiet where settled.
    const t = ev.time();
    let d: Decoded | null = null;
    for (const m of this.all) if (!m.quietAt(t, NoGoroutine)) m.step(d ??= decode(ev, this.d));
  }
}

/** Go's MutatorUtilizationV2, fed one event at a time. */
export class MutatorUtilization {
  private readonly flags: number;
  private readonly out: UtilSeries[] = [];
  private stw = 0;
  /** Per P: gc > 0 while GC work runs on it; series, its function in out. */
  private readonly ps: { gc: number; series: number }[] = [];
  private readonly inGC = new Set<number>();
  private readonly states: Map<number, number>;
  /** Whether this owns `states` (else MutatorUtilizations keeps them). */
  private readonly ownStates: boolean;
  /** Whether the last point of every series holds the current utilization (see quietAt). */
  private settled = false;
  private seen = false;
  private readonly bgMark = new Set<number>();
  private readonly procs: { time: number; n: number }[] = [];
  private nSync = 0;
  private lastTime = -1;

  constructor(flags: number, states?: Map<number, number>) {
    this.flags = flags;
    this.ownStates = states === undefined;
    this.states = states ?? new Map();
  }

  /**
   * True (and the event taken) when a goroutine transition at time t (g: NoGoroutine for a proc's)
   * cannot change the output: the goroutine does no GC work here and every series already ends
   * with the current utilization, so Go's addUtil would add nothing. (Not so right after a lower
   * utilization won at an equal time: the next event adds the current one, as in Go.)
   */
  quietAt(t: number, g: number): boolean {
    if (!this.settled || this.ps.length === 0) return false;
    if (g !== NoGoroutine && (this.inGC.has(g) || this.bgMark.has(g))) return false;
    this.lastTime = t;
    return true;
  }

  event(ev: Event): void {
    this.step(decode(ev, scratch));
  }

  /** Go's loop body, for an event decoded once for every flag combination (MutatorUtilizations). */
  step(d: Decoded): void {
    const flags = this.flags;
    const ps = this.ps;
    const out = this.out;
    const kind = d.kind;
    const t = d.time;
    this.lastTime = t;
    this.seen = true;
    if (kind === EventKind.Sync) {
      this.nSync = d.syncN;
    } else if (d.gomaxprocs >= 0) {
      const gomaxprocs = d.gomaxprocs;
      if (ps.length > gomaxprocs) {
        if (flags & UtilPerProc) for (const p of ps.slice(gomaxprocs)) addUtil(out[p.series], t, 0);
        ps.length = gomaxprocs;
      }
      while (ps.length < gomaxprocs) {
        let series = 0;
        if (flags & UtilPerProc || out.length === 0) {
          series = out.length;
          out.push({ times: [t], utils: [1] });
        }
        ps.push({ gc: 0, series });
      }
      const procs = this.procs;
      if (procs.length === 0 || gomaxprocs !== procs[procs.length - 1].n) procs.push({ time: t, n: gomaxprocs });
    }
    // Nothing to do until GOMAXPROCS is known.
    if (ps.length === 0) return;

    switch (kind) {
      case EventKind.RangeActive:
      case EventKind.RangeBegin: {
        const r = d;
        const p = ps[d.proc];
        if (kind === EventKind.RangeActive) {
          // After a whole generation, RangeActive tells nothing new.
          if (this.nSync > 1) break;
          // Active since the trace's start, found out only now: take 1/GOMAXPROCS off every
          // utilization so far (system view only; per P, this P has no utilization yet).
          const assist = flags & UtilAssist && isGCMarkAssist(r.name);
          const sweep = flags & UtilSweep && isGCSweep(r.name);
          // An assisting goroutine that is not running is not taking its P.
          const counts = (assist && goStateExecuting(this.states.get(d.goroutine) ?? 0)) || (!assist && sweep);
          if (counts && !(flags & UtilPerProc)) {
            const s = out[0];
            const procs = this.procs;
            let mi = 0;
            let pi = 0;
            while (mi < s.times.length) {
              if (pi < procs.length - 1 && procs[pi + 1].time < s.times[mi]) {
                pi++;
                continue;
              }
              s.utils[mi] -= 1 / procs[pi].n;
              if (s.utils[mi] < 0) s.utils[mi] = 0;
              mi++;
            }
          }
        }
        if (flags & UtilSTW && isGCSTW(r.name)) this.stw++;
        else if (flags & UtilSweep && isGCSweep(r.name)) {
          if (p !== undefined) p.gc++;
        } else if (flags & UtilAssist && isGCMarkAssist(r.name)) {
          if (p !== undefined) p.gc++;
          if (r.scopeG !== NoGoroutine) this.inGC.add(r.scopeG);
        }
        break;
      }
      case EventKind.RangeEnd: {
        const r = d;
        const p = ps[d.proc];
        if (flags & UtilSTW && isGCSTW(r.name)) this.stw--;
        else if (flags & UtilSweep && isGCSweep(r.name)) {
          if (p !== undefined) p.gc--;
        } else if (flags & UtilAssist && isGCMarkAssist(r.name)) {
          if (p !== undefined) p.gc--;
          if (r.scopeG !== NoGoroutine) this.inGC.delete(r.scopeG);
        }
        break;
      }
      case EventKind.StateTransition: {
        if (d.stG === NoGoroutine) break;
        const { stFrom: from, stTo: to, stG: g } = d;
        if (this.inGC.has(g) || this.bgMark.has(g)) {
          const p = ps[d.proc];
          if (p !== undefined) {
            if (!goStateExecuting(from) && goStateExecuting(to)) p.gc++; // started running while doing GC work
            else if (goStateExecuting(from) && !goStateExecuting(to)) p.gc--;
          }
        }
        if (this.ownStates) this.states.set(g, to);
        break;
      }
      case EventKind.Label: {
        const l = d;
        // A background mark worker. Per P, dedicated workers do not count: they push every goroutine
        // off their P, so do not add to any goroutine's latency.
        if (flags & UtilBackground && l.label.startsWith('GC ') && l.label !== 'GC (idle)') {
          if (!(flags & UtilPerProc && l.label === 'GC (dedicated)')) {
            this.bgMark.add(d.goroutine);
            const p = ps[d.proc];
            if (p !== undefined) p.gc++;
          }
        }
        break;
      }
    }

    let settled = true;
    if (!(flags & UtilPerProc)) {
      let gcPs = 0;
      if (this.stw > 0) gcPs = ps.length;
      else for (const p of ps) if (p.gc > 0) gcPs++;
      const util = 1 - gcPs / ps.length;
      const s = out[0];
      addUtil(s, t, util);
      settled = s.utils[s.utils.length - 1] === util;
    } else {
      for (const p of ps) {
        const util = this.stw > 0 || p.gc > 0 ? 0 : 1;
        const s = out[p.series];
        addUtil(s, t, util);
        if (s.utils[s.utils.length - 1] !== util) settled = false;
      }
    }
    this.settled = settled;
  }

  /** The utilization functions, each ended by 0 at the last event (Go's result; [] for no events). */
  finish(): UtilSeries[] {
    if (!this.seen) return [];
    for (const p of this.ps) addUtil(this.out[p.series], this.lastTime, 0);
    return this.out;
  }
}

// The MMU curve.

interface Band {
  minUtil: number;
  /** Total utilization from the series' start to the band's left edge. */
  cumUtil: number;
  /** The integrator's position at the band's left edge. */
  pos: number;
}

interface MmuSeries {
  times: number[];
  utils: number[];
  /** sums[j]: total utilization over util[:j]. */
  sums: Float64Array;
  bands: Band[];
  bandDur: number;
}

/** Go's bandsPerSeries. */
const BANDS_PER_SERIES = 1000;

/** Go's integrator: a position in a series, integrating it. */
class Integrator {
  readonly u: MmuSeries;
  pos: number;
  constructor(u: MmuSeries, pos: number) {
    this.u = u;
    this.pos = pos;
  }

  /** The integral from the series' start to `time`; monotonic times only. */
  advance(time: number): number {
    const times = this.u.times;
    let pos = this.pos;
    const maxSeq = 8;
    if (pos + maxSeq < times.length && times[pos + maxSeq] > time) {
      while (pos + 1 < times.length && times[pos + 1] <= time) pos++;
    } else {
      let l = pos;
      let r = times.length;
      while (l < r) {
        const h = (l + r) >>> 1;
        if (times[h] <= time) l = h + 1;
        else r = h;
      }
      pos = l - 1;
    }
    this.pos = pos;
    let partial = 0;
    if (time !== times[pos]) partial = this.u.utils[pos] * (time - times[pos]);
    return this.u.sums[pos] + partial;
  }

  /** The first time after `time` where the utilization changes (Infinity: none, Go's MaxInt64). */
  next(time: number): number {
    const times = this.u.times;
    for (let i = this.pos; i < times.length; i++) if (times[i] > time) return times[i];
    return Infinity;
  }
}

function newMmuSeries(times: number[], utils: number[]): MmuSeries {
  const sums = new Float64Array(times.length);
  let prevTime = 0;
  let prevUtil = 0;
  let sum = 0;
  for (let j = 0; j < times.length; j++) {
    sum += prevUtil * (times[j] - prevTime);
    sums[j] = sum;
    prevTime = times[j];
    prevUtil = utils[j];
  }
  // No more bands than events.
  const numBands = Math.min(BANDS_PER_SERIES, times.length);
  const dur = times[times.length - 1] - times[0];
  let bandDur = Math.floor((dur + numBands - 1) / numBands);
  if (bandDur < 1) bandDur = 1;
  // numBands+1 bands: the last records the final cumulative sum.
  const s: MmuSeries = { times, utils, sums, bands: [], bandDur };
  const leftSum = new Integrator(s, 0);
  for (let i = 0; i <= numBands; i++) {
    const [startTime, endTime] = bandTime(s, i);
    const cumUtil = leftSum.advance(startTime);
    const predIdx = leftSum.pos;
    let minUtil = 1.0;
    for (let k = predIdx; k < times.length && times[k] < endTime; k++) minUtil = Math.min(minUtil, utils[k]);
    s.bands.push({ minUtil, cumUtil, pos: leftSum.pos });
  }
  return s;
}

function bandTime(s: MmuSeries, i: number): [number, number] {
  const start = i * s.bandDur + s.times[0];
  return [start, start + s.bandDur];
}

/** One of the worst windows: its start and mean mutator utilization (Go's UtilWindow). */
export interface UtilWindow { time: number; mutatorUtil: number }

// container/heap, as Go writes it, over an array and a less function.
function heapUp<T>(h: T[], j: number, less: (a: T, b: T) => boolean): void {
  for (;;) {
    const i = Math.trunc((j - 1) / 2);
    if (i === j || !less(h[j], h[i])) break;
    [h[i], h[j]] = [h[j], h[i]];
    j = i;
  }
}
function heapDown<T>(h: T[], i0: number, n: number, less: (a: T, b: T) => boolean): boolean {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2], h[j1])) j = j2;
    if (!less(h[j], h[i])) break;
    [h[i], h[j]] = [h[j], h[i]];
    i = j;
  }
  return i > i0;
}
function heapInit<T>(h: T[], less: (a: T, b: T) => boolean): void {
  const n = h.length;
  for (let i = Math.trunc(n / 2) - 1; i >= 0; i--) heapDown(h, i, n, less);
}
function heapPush<T>(h: T[], x: T, less: (a: T, b: T) => boolean): void {
  h.push(x);
  heapUp(h, h.length - 1, less);
}
function heapPop<T>(h: T[], less: (a: T, b: T) => boolean): T {
  const n = h.length - 1;
  [h[0], h[n]] = [h[n], h[0]];
  heapDown(h, 0, n, less);
  return h.pop()!;
}
function heapRemove<T>(h: T[], i: number, less: (a: T, b: T) => boolean): T {
  const n = h.length - 1;
  if (n !== i) {
    [h[i], h[n]] = [h[n], h[i]];
    if (!heapDown(h, i, n, less)) heapUp(h, i, less);
  }
  return h.pop()!;
}

interface BandUtil { series: number; i: number; utilBound: number }
const bandLess = (a: BandUtil, b: BandUtil) => a.utilBound < b.utilBound;
const utilLess = (a: UtilWindow, b: UtilWindow) => (a.mutatorUtil !== b.mutatorUtil ? a.mutatorUtil > b.mutatorUtil : a.time > b.time);

/** Go's accumulator, without the MUD (the page's percentiles are not ported). */
class Accumulator {
  mmu = 1.0;
  bound = 1.0;
  readonly wHeap: UtilWindow[] = [];
  readonly nWorst: number;
  constructor(nWorst: number) {
    this.nWorst = nWorst;
  }

  /** Adds a point of the windowed utilization; true when further points cannot matter. */
  addMU(time: number, mu: number, window: number): boolean {
    if (mu < this.mmu) this.mmu = mu;
    this.bound = this.mmu;
    if (this.nWorst === 0) return mu === 0; // the minimum cannot go below 0
    const h = this.wHeap;
    if (h.length < this.nWorst || mu < h[0].mutatorUtil) {
      // Of overlapping windows, keep the worse.
      let keep = false;
      for (let i = 0; i < h.length; i++) {
        const ui = h[i];
        if (time + window > ui.time && ui.time + window > time) {
          if (ui.mutatorUtil <= mu) keep = true;
          else heapRemove(h, i, utilLess);
          break;
        }
      }
      if (!keep) {
        heapPush(h, { time, mutatorUtil: mu }, utilLess);
        if (h.length > this.nWorst) heapPop(h, utilLess);
      }
    }
    if (h.length < this.nWorst) this.bound = 1.0;
    else this.bound = Math.max(this.bound, h[0].mutatorUtil);
    return h.length === this.nWorst && h[0].mutatorUtil === 0;
  }
}

/** Go's MMUCurve: the minimum mutator utilization over windows of any size. */
export class MMUCurve {
  private readonly series: MmuSeries[];

  constructor(utils: readonly UtilSeries[]) {
    this.series = utils.map((u) => newMmuSeries(u.times, u.utils));
  }

  /** The minimum mean utilization over all windows of this size, in [0, 1]. */
  mmu(window: number): number {
    const acc = new Accumulator(0);
    this.run(window, acc);
    return acc.mmu;
  }

  /** n disjoint windows of this size among the worst, worst first (Go's Examples). */
  examples(window: number, n: number): UtilWindow[] {
    const acc = new Accumulator(n);
    this.run(window, acc);
    return [...acc.wHeap].sort((a, b) => a.mutatorUtil - b.mutatorUtil || a.time - b.time);
  }

  private run(window: number, acc: Accumulator): void {
    if (window <= 0) {
      acc.mmu = 0;
      return;
    }
    const bandU: BandUtil[] = [];
    const windows: number[] = [];
    this.series.forEach((s, i) => {
      const max = s.times[s.times.length - 1] - s.times[0];
      windows[i] = window > max ? max : window;
      for (const b of mkBandUtil(s, i, windows[i])) bandU.push(b);
    });
    // From the lowest bound up, until refining a band can no longer change the result.
    heapInit(bandU, bandLess);
    while (bandU.length > 0 && bandU[0].utilBound < acc.bound) {
      const i = bandU[0].series;
      bandMMU(this.series[i], bandU[0].i, windows[i], acc);
      heapPop(bandU, bandLess);
    }
  }
}

/** For each band, a lower bound of the utilization of every window starting in it. */
function mkBandUtil(c: MmuSeries, series: number, window: number): BandUtil[] {
  const minBands = Math.floor((window + c.bandDur - 1) / c.bandDur);
  const maxBands = Math.floor((window + 2 * (c.bandDur - 1)) / c.bandDur);
  if (window > 1 && maxBands < 2) throw new Error('maxBands < 2');
  const tailDur = window % c.bandDur;
  const nUtil = Math.max(0, c.bands.length - maxBands + 1);
  const out: BandUtil[] = [];
  for (let i = 0; i < nUtil; i++) {
    // Worst case: the minimum over partly covered bands, the mean over wholly covered ones.
    let util = 0;
    const l = c.bands[i].minUtil;
    const r1 = c.bands[i + minBands - 1].minUtil;
    const r2 = c.bands[i + maxBands - 1].minUtil;
    const minBand = Math.min(l, Math.min(r1, r2));
    if (minBands === 1) {
      util += minBand * window;
    } else {
      util += minBand * c.bandDur;
      let midBand = 0.0;
      if (minBand === l) midBand = Math.min(r1, r2);
      else if (minBand === r1) midBand = Math.min(l, r2);
      else if (minBand === r2) midBand = Math.min(l, r1);
      util += midBand * tailDur;
    }
    if (minBands > 2) util += c.bands[i + minBands - 1].cumUtil - c.bands[i + 1].cumUtil;
    out.push({ series, i, utilBound: util / window });
  }
  return out;
}

/** The exact minimum for windows whose left edge is in band bandIdx (Go's bandMMU). */
function bandMMU(c: MmuSeries, bandIdx: number, window: number, acc: Accumulator): void {
  const times = c.times;
  // The windowed utilization is piecewise linear, so its minimum is where an edge of the window
  // meets a change of utilization: only those points are visited.
  const left = new Integrator(c, c.bands[bandIdx].pos);
  const right = new Integrator(c, c.bands[bandIdx].pos);
  let [time, endTime] = bandTime(c, bandIdx);
  const utilEnd = times[times.length - 1] - window;
  if (utilEnd < endTime) endTime = utilEnd;
  for (;;) {
    const mu = (right.advance(time + window) - left.advance(time)) / window;
    if (acc.addMU(time, mu, window)) break;
    if (time === endTime) break;
    // The slope is at most 1/window: the utilization cannot drop below the bound before minTime.
    const minTime = time + Math.trunc((mu - acc.bound) * window);
    const t1 = left.next(time);
    const t2 = right.next(time + window) - window;
    time = t1 < t2 ? t1 : t2;
    if (time < minTime) time = minTime;
    if (time >= endTime) time = endTime;
  }
}

/** What cmd/trace's /mmu page plots: 100 windows, log-spaced from xMin to xMax. */
export interface MmuPlot {
  xMin: number;
  xMax: number;
  curve: MmuPoint[];
}

/** traceviewer's HandlePlot, without percentiles. */
export function mmuPlot(utils: readonly UtilSeries[], curve: MMUCurve = new MMUCurve(utils)): MmuPlot {
  if (utils.length === 0) return { xMin: 0, xMax: 0, curve: [] };
  // A starting point: the largest of 1 s, 1 ms, 1 µs, 1 ns whose MMU is below 0.0001.
  let xMin = 1e9;
  while (xMin > 1) {
    if (curve.mmu(xMin) < 0.0001) break;
    xMin = Math.floor(xMin / 1000);
  }
  // Six orders of magnitude, but no more than the trace.
  let xMax = xMin * 1e6;
  let minEvent = utils[0].times[0];
  let maxEvent = utils[0].times[utils[0].times.length - 1];
  for (const u of utils.slice(1)) {
    if (u.times[0] < minEvent) minEvent = u.times[0];
    if (u.times[u.times.length - 1] > maxEvent) maxEvent = u.times[u.times.length - 1];
  }
  if (xMax > maxEvent - minEvent) xMax = maxEvent - minEvent;
  const logMin = Math.log(xMin);
  const logMax = Math.log(xMax);
  const samples = 100;
  const points: MmuPoint[] = [];
  for (let i = 0; i < samples; i++) {
    const window = Math.trunc(Math.exp((i / (samples - 1)) * (logMax - logMin) + logMin));
    points.push({ window, mmu: curve.mmu(window) });
  }
  return { xMin, xMax, curve: points };
}
