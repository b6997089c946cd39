/**
 * What chapter 6 ("From a slow request to the culprit") measures in a trace of slowservice
 * (playground/go/scenarios/slow-request), read from the analysis model (src/analysis): requests
 * (regions "request" and the regions inside them), the waits of goroutines and the code they wait
 * in, the sync blocking profile as `go tool trace -pprof=sync` builds it, and GC mark assists inside
 * a region. No DOM, no Node: the chapter's figures (tests/casestudy), the quiz probes and the Go
 * exercise's grader all use it, in Node and in the page.
 *
 * The definitions are the ones playground/go/cmd/manifest/slowrequest.go applies to Go's own parser
 * (go tool trace -d=parsed); tests/casestudy checks that the two agree on the recordings.
 */
import { GState, type TraceModel } from '../analysis/model.ts';
import { stateOpen } from '../analysis/queries.ts';

/** The function of a frame ("func file:line" in the model). */
export const frameFunc = (frame: string): string => {
  const i = frame.indexOf(' ');
  return i < 0 ? frame : frame.slice(0, i);
};

/** The functions of a stack of the model, innermost first. */
export function stackFuncs(model: TraceModel, stack: number): string[] {
  return (model.stacks[stack] ?? []).map((s) => frameFunc(model.strings[s]));
}

/**
 * A function of the program, whatever its package is called: `main` when the file runs as a
 * command, its package path in the guide's scenario runner. `(*cache).get` matches
 * main.(*cache).get and fieldguide/…/broken.(*cache).get.
 */
export function isProgramFunc(fn: string, method: string): boolean {
  const dot = fn.lastIndexOf('/');
  const local = fn.slice(dot + 1);
  return local.slice(local.indexOf('.') + 1) === method;
}

const hasProgramFunc = (funcs: string[], method: string) => funcs.some((f) => isProgramFunc(f, method));

/** A wait that ended inside the trace: Running->Waiting until the goroutine left Waiting. */
export interface Wait {
  /** Index into model.goroutines. */
  goroutine: number;
  start: number;
  end: number;
  reason: string;
  /** Index into model.stacks: the stack of the event that blocked. */
  stack: number;
}

/**
 * Every wait that ended inside the trace, in goroutine order (the analysis already joins a wait that
 * crosses generations). A goroutine that was blocked before the trace began shows a wait with reason
 * "" (it comes from a status event, not from blocking).
 */
export function endedWaits(model: TraceModel): Wait[] {
  const s = model.goroutineStates;
  const out: Wait[] = [];
  for (let g = 0; g < model.goroutines.length; g++) {
    for (let r = s.offsets[g], last = s.offsets[g + 1] - 1; r < last; r++) {
      if (s.state[r] !== GState.Waiting || stateOpen(model, g, r)) continue;
      out.push({ goroutine: g, start: s.start[r], end: s.start[r + 1], reason: model.strings[s.reason[r]], stack: s.stack[r] });
    }
  }
  return out;
}

/** Waits `go tool trace -pprof=sync` counts: reasons about channels, sync and select. */
export const isSyncReason = (reason: string): boolean => reason.includes('chan') || reason.includes('sync') || reason.includes('select');

/** Which lock a mutex wait is for: the cache's, log.Logger's (the access log), or another one. */
export type MutexSite = 'cache' | 'log' | 'other';

export interface MutexWait extends Wait {
  site: MutexSite;
}

/** Waits in sync.(*Mutex).Lock (reason "sync"), each with the lock it waits for. */
export function mutexWaits(model: TraceModel, waits = endedWaits(model)): MutexWait[] {
  const out: MutexWait[] = [];
  for (const w of waits) {
    if (w.reason !== 'sync') continue;
    const funcs = stackFuncs(model, w.stack);
    if (!funcs.includes('sync.(*Mutex).Lock')) continue;
    const site: MutexSite = hasProgramFunc(funcs, '(*cache).get') ? 'cache' : funcs.includes('log.(*Logger).output') ? 'log' : 'other';
    out.push({ ...w, site });
  }
  return out;
}

/** Waits of request handlers: sync, select and channel waits whose stack passes through (*server).serveItem. */
export function requestWaits(model: TraceModel, waits = endedWaits(model)): Wait[] {
  return waits.filter((w) => isSyncReason(w.reason) && hasProgramFunc(stackFuncs(model, w.stack), '(*server).serveItem'));
}

/** Waits for the log shipper: select in io.(*pipe).write. */
export function logWriteWaits(model: TraceModel, waits = endedWaits(model)): Wait[] {
  return waits.filter((w) => w.reason === 'select' && stackFuncs(model, w.stack).includes('io.(*pipe).write'));
}

/** One row of the regions named `name` (both ends in the trace). */
export interface RegionSpan {
  row: number;
  goroutine: number;
  task: number;
  start: number;
  end: number;
}

/** The regions called `name` whose begin and end are both in the trace, in time order. */
export function regionSpans(model: TraceModel, name: string): RegionSpan[] {
  const rg = model.regions;
  const out: RegionSpan[] = [];
  for (let i = 0; i < rg.length; i++) {
    if (rg.open[i] === 1 || rg.beganBefore[i] === 1 || model.strings[rg.name[i]] !== name) continue;
    out.push({ row: i, goroutine: rg.goroutine[i], task: rg.task[i], start: rg.start[i], end: rg.end[i] });
  }
  return out;
}

/** Durations (ns) of the regions called `name`, ascending. */
export function regionDurations(model: TraceModel, name: string): number[] {
  return regionSpans(model, name).map((r) => r.end - r.start).sort((a, b) => a - b);
}

/** The p-th percentile of ascending values, by nearest rank (what slowservice prints, and Go's manifest computes). */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.ceil((sorted.length * p) / 100);
  return sorted[Math.max(i, 1) - 1];
}

/** The regions inside a request: same goroutine, same task, within its span, called `name`. */
export function regionsWithin(model: TraceModel, outer: RegionSpan, name: string): RegionSpan[] {
  return regionSpans(model, name).filter((r) => r.goroutine === outer.goroutine && r.task === outer.task && r.start >= outer.start && r.end <= outer.end);
}

/** The slowest request, and how long it spent in each region inside it. */
export function slowestRequest(model: TraceModel): { span: RegionSpan; durationNs: number; parts: Record<string, number> } | null {
  let best: RegionSpan | null = null;
  for (const r of regionSpans(model, 'request')) if (!best || r.end - r.start > best.end - best.start) best = r;
  if (!best) return null;
  const parts: Record<string, number> = {};
  for (const name of ['parse', 'cache', 'log']) {
    parts[name] = regionsWithin(model, best, name).reduce((t, r) => t + r.end - r.start, 0);
  }
  return { span: best, durationNs: best.end - best.start, parts };
}

/** Total time (ns) of GC mark assists that fall inside regions called `name` of the same goroutine. */
export function assistTimeIn(model: TraceModel, name: string): number {
  const byGoroutine = new Map<number, RegionSpan[]>();
  for (const r of regionSpans(model, name)) {
    const list = byGoroutine.get(r.goroutine);
    if (list) list.push(r);
    else byGoroutine.set(r.goroutine, [r]);
  }
  const a = model.markAssists;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    for (const r of byGoroutine.get(a.scope[i]) ?? []) {
      const overlap = Math.min(a.end[i], r.end) - Math.max(a.start[i], r.start);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/** Total time (ns) of GC mark assists. */
export function assistTime(model: TraceModel): number {
  const a = model.markAssists;
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a.end[i] - a.start[i];
  return total;
}

/** Whether [start, end) overlaps a GC mark phase. */
export function duringGC(model: TraceModel, start: number, end: number): boolean {
  const gc = model.gcCycles;
  for (let i = 0; i < gc.length; i++) if (gc.start[i] < end && gc.end[i] > start) return true;
  return false;
}

/**
 * The sync blocking profile as `go tool trace -pprof=sync` computes it (cmd/trace/pprof.go,
 * computePprofBlock): every chan, sync or select wait that ended, its time added to the stack that
 * blocked. `focus` keeps only stacks with a frame whose function contains it (like pprof -focus).
 */
export interface ProfileRow {
  stack: number;
  funcs: string[];
  count: number;
  ns: number;
}

export function syncProfile(model: TraceModel, focus?: string, waits = endedWaits(model)): ProfileRow[] {
  const rows = new Map<string, ProfileRow>();
  for (const w of waits) {
    if (!isSyncReason(w.reason)) continue;
    const funcs = stackFuncs(model, w.stack);
    if (focus !== undefined && !funcs.some((f) => f.includes(focus))) continue;
    // Stacks that are equal frame for frame are one row, as pprof merges them.
    const key = (model.stacks[w.stack] ?? []).map((s) => model.strings[s]).join('\n');
    const row = rows.get(key);
    if (row) {
      row.count++;
      row.ns += w.end - w.start;
    } else rows.set(key, { stack: w.stack, funcs, count: 1, ns: w.end - w.start });
  }
  return [...rows.values()].sort((a, b) => b.ns - a.ns);
}

/** A profile's time by leaf function (pprof -top's "flat"), most first. */
export function flatByFunction(rows: ProfileRow[]): { func: string; ns: number }[] {
  const flat = new Map<string, number>();
  for (const r of rows) flat.set(r.funcs[0] ?? '', (flat.get(r.funcs[0] ?? '') ?? 0) + r.ns);
  return [...flat].map(([func, ns]) => ({ func, ns })).sort((a, b) => b.ns - a.ns);
}

/** Of the rows whose leaf is `leaf`, the time by the function that called it (pprof -peek's callers). */
export function callersOf(rows: ProfileRow[], leaf: string): { func: string; ns: number }[] {
  const by = new Map<string, number>();
  for (const r of rows) {
    if (r.funcs[0] !== leaf) continue;
    const caller = r.funcs[1] ?? '';
    by.set(caller, (by.get(caller) ?? 0) + r.ns);
  }
  return [...by].map(([func, ns]) => ({ func, ns })).sort((a, b) => b.ns - a.ns);
}
