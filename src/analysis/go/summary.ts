// A port of Go 1.27's src/internal/trace/summary.go: the Summarizer behind go tool trace's
// goroutine analysis (/goroutines), its regions and tasks pages (/userregions, /usertasks).
// Event(ev) per event, in the reader's order; finish() then gives Go's Summary.
//
// The state machine is Go's, line for line: a trace that begins mid-life (a flight-recorder snapshot)
// names goroutines as they leave GoUndetermined and counts their time since the last Sync as spent
// in their first known state; a region begun before the trace is "fabricated" at its end, with no
// start; a goroutine created inside a region inherits a nameless region of that region's task.
// Go's zero Time means "not yet"; trace times are never 0, so 0 keeps that meaning here.
//
// Kept from Go on purpose, though they look odd: a goroutine finalized twice (it exits, then the
// trace ends) keeps its first TotalTime unless that was 0; stats maps keep keys whose time is 0
// (they appear in go tool trace's columns too); a "forever" wait ends a goroutine like its exit.
// Where Go would panic (an event of a goroutine it never saw), the event is skipped here.

import { EventKind, GoState, NoProc, ProcState, ResourceKind, NoTask, type Event, type Stack, type StateTransition } from '../../trace/index.ts';
import type { ExecStats, GoroutineSummary, RegionSummary, TaskSummary } from './types.ts';

/** Go's GoroutineExecStats while it is being built: maps keep insertion (and zero-valued) keys. */
interface Stats {
  execTime: number;
  schedWaitTime: number;
  blockTimeByReason: Map<string, number>;
  syscallTime: number;
  syscallBlockTime: number;
  totalTime: number;
  rangeTime: Map<string, number>;
}

const newStats = (): Stats => ({
  execTime: 0, schedWaitTime: 0, blockTimeByReason: new Map(), syscallTime: 0, syscallBlockTime: 0, totalTime: 0, rangeTime: new Map(),
});

function clone(s: Stats): Stats {
  return { ...s, blockTimeByReason: new Map(s.blockTimeByReason), rangeTime: new Map(s.rangeTime) };
}

const add = (m: Map<string, number>, k: string, v: number): void => {
  m.set(k, (m.get(k) ?? 0) + v);
};

/** s - v over s's keys (Go's sub). */
function sub(s: Stats, v: Stats): Stats {
  const r = clone(s);
  r.execTime -= v.execTime;
  r.schedWaitTime -= v.schedWaitTime;
  for (const reason of s.blockTimeByReason.keys()) add(r.blockTimeByReason, reason, -(v.blockTimeByReason.get(reason) ?? 0));
  r.syscallTime -= v.syscallTime;
  r.syscallBlockTime -= v.syscallBlockTime;
  r.totalTime -= v.totalTime;
  for (const name of s.rangeTime.keys()) add(r.rangeTime, name, -(v.rangeTime.get(name) ?? 0));
  return r;
}

// Shared by every summary with nothing there: a million regions or tasks need not hold a million
// empty objects and arrays. (Plain data still: a structured clone keeps them shared.)
const EMPTY_RECORD: Record<string, number> = Object.freeze({}) as Record<string, number>;
const EMPTY_LIST: never[] = Object.freeze([]) as unknown as never[];

const record = (m: Map<string, number>): Record<string, number> => (m.size === 0 ? EMPTY_RECORD : Object.fromEntries(m));

export function execStats(s: Stats): ExecStats {
  return {
    execTime: s.execTime, schedWaitTime: s.schedWaitTime, blockTimeByReason: record(s.blockTimeByReason),
    syscallTime: s.syscallTime, syscallBlockTime: s.syscallBlockTime, totalTime: s.totalTime, rangeTime: record(s.rangeTime),
  };
}

/**
 * A region still open: its summary (in the goroutine's and task's lists once due) and the
 * goroutine's stats at its start. Summaries are built as regions begin, and their start stacks
 * shared, so a trace of a million regions holds a million small objects, not several each.
 */
interface Region {
  out: RegionSummary;
  /** Null in lean mode: no region keeps its stats there. */
  snap: Stats | null;
}

const EMPTY_STATS: ExecStats = Object.freeze({ execTime: 0, schedWaitTime: 0, blockTimeByReason: {}, syscallTime: 0, syscallBlockTime: 0, totalTime: 0, rangeTime: {} }) as ExecStats;

interface StackInfo { startStack: string[]; startFrame: RegionSummary['startFrame'] }
const NO_STACK: StackInfo = { startStack: [], startFrame: { func: '', file: '', line: 0, pc: 0 } };

/** Go's private goroutineSummary: the state only needed while reading. */
interface Pending {
  lastStartTime: number;
  lastRunnableTime: number;
  lastBlockTime: number;
  lastBlockReason: string;
  lastSyscallTime: number;
  lastSyscallBlockTime: number;
  lastRangeTime: Map<string, number> | null;
  activeRegions: Region[];
}

const emptyPending = (): Pending => ({
  lastStartTime: 0, lastRunnableTime: 0, lastBlockTime: 0, lastBlockReason: '', lastSyscallTime: 0, lastSyscallBlockTime: 0,
  lastRangeTime: null, activeRegions: [],
});

/** A GoroutineSummary being built: its stats as Go keeps them, and what is pending. */
interface G extends Omit<GoroutineSummary, 'stats'> {
  stats: Stats;
  p: Pending;
}

interface Task {
  id: number;
  name: string;
  parent: Task | null;
  children: Task[] | null;
  start: number;
  end: number;
  logs: TaskSummary['logs'] | null;
  regions: RegionSummary[];
  /** Go's map[GoID]*GoroutineSummary: every goroutine mentioned, known or not (a few; kept as a list). */
  goroutines: number[];
  /** The same as a set, once the list is long. */
  goroutineSet: Set<number> | null;
}

/** Go's IsSystemGoroutine. */
export function isSystemGoroutine(entryFn: string): boolean {
  return entryFn === '' || (entryFn !== 'runtime.main' && entryFn.startsWith('runtime.'));
}

function snapshotStat(g: G, lastTs: number): Stats {
  const ret = clone(g.stats);
  const p = g.p;
  if (g.stats.totalTime === 0) ret.totalTime = lastTs - g.creationTime;
  if (p.lastStartTime !== 0) ret.execTime += lastTs - p.lastStartTime;
  if (p.lastRunnableTime !== 0) ret.schedWaitTime += lastTs - p.lastRunnableTime;
  if (p.lastBlockTime !== 0) add(ret.blockTimeByReason, p.lastBlockReason, lastTs - p.lastBlockTime);
  if (p.lastSyscallTime !== 0) ret.syscallTime += lastTs - p.lastSyscallTime;
  // Go adds pending syscall-block time to SchedWaitTime here (not SyscallBlockTime): kept.
  if (p.lastSyscallBlockTime !== 0) ret.schedWaitTime += lastTs - p.lastSyscallBlockTime;
  if (p.lastRangeTime !== null) for (const [name, ts] of p.lastRangeTime) add(ret.rangeTime, name, lastTs - ts);
  return ret;
}

/** Go's finalize; trigger is the event ending the goroutine, or null at the end of the trace. */
function finalize(g: G, lastTs: number, trigger: Event | null, sink: RegionSink | null): void {
  if (trigger !== null) g.endTime = trigger.time();
  const finalStat = snapshotStat(g, lastTs);
  g.stats = finalStat;
  if (!isSystemGoroutine(g.name)) {
    for (const s of g.p.activeRegions) {
      s.out.end = trigger === null ? -1 : trigger.time();
      if (sink !== null) sink(s.out);
      else {
        s.out.stats = execStats(sub(finalStat, s.snap!));
        g.regions.push(s.out);
      }
    }
  } else if (sink === null) {
    // Go leaves these as they began: no end, the goroutine's stats at their start (seen in tasks).
    for (const s of g.p.activeRegions) s.out.stats = execStats(s.snap!);
  }
  g.p = emptyPending();
}

/**
 * Where ended regions go instead of their goroutine's and task's lists (SummarizerOptions.regionSink):
 * called once per region Go would list on its goroutine, as it ends (or at the trace's end), with
 * `stats` left empty.
 */
export type RegionSink = (region: RegionSummary) => void;

export interface SummarizerOptions {
  /**
   * Lean mode: ended regions are handed to this sink, not kept; tasks keep no region or log lists
   * (their summaries' `regions` and `logs` are empty), and regions' stats are not computed. What a
   * page of a large trace needs: a million regions need not be held to be counted.
   */
  regionSink?: RegionSink;
}

export interface Summary {
  goroutines: GoroutineSummary[];
  tasks: TaskSummary[];
  /** Times of the first and last events (cmd/trace's parsedTrace startTime/endTime); -1 for none (and for Go 1.21's first Sync). */
  startTime: number;
  endTime: number;
}

export class Summarizer {
  private readonly gs = new Map<number, G>();
  private readonly tasks = new Map<number, Task>();
  private readonly syscallingP = new Map<number, number>();
  private readonly syscallingG = new Map<number, number>();
  /** Go's rangesP, keyed by proc and range name. */
  private readonly rangesP = new Map<string, number>();
  private lastTs = 0;
  private syncTs = 0;
  private firstTs = -1;
  private seen = false;
  private readonly sink: RegionSink | null;

  constructor(opts: SummarizerOptions = {}) {
    this.sink = opts.regionSink ?? null;
  }

  /** `st`: the event's stateTransition(), when the caller has it already. */
  event(ev: Event, st?: StateTransition): void {
    const t = ev.time();
    if (!this.seen) {
      this.seen = true;
      this.firstTs = t;
    }
    if (this.syncTs === 0) this.syncTs = t;
    this.lastTs = t;
    switch (ev.kind()) {
      case EventKind.Sync:
        this.syncTs = t;
        break;
      case EventKind.StateTransition:
        this.transition(ev, t, st ?? ev.stateTransition());
        break;
      case EventKind.RangeBegin:
      case EventKind.RangeActive: {
        const r = ev.range();
        let g: G | undefined;
        if (r.scope.kind === ResourceKind.Goroutine) g = this.gs.get(r.scope.id);
        else if (r.scope.kind === ResourceKind.Proc) {
          g = this.gs.get(ev.goroutine());
          if (g !== undefined) this.rangesP.set(`${r.scope.id}\0${r.name}`, ev.goroutine());
        }
        if (g === undefined || g.p.lastRangeTime === null) break;
        if (ev.kind() === EventKind.RangeActive) {
          const ts = g.p.lastRangeTime.get(r.name) ?? 0;
          if (ts !== 0) add(g.stats.rangeTime, r.name, this.syncTs - ts);
          g.p.lastRangeTime.set(r.name, this.syncTs);
        } else {
          g.p.lastRangeTime.set(r.name, t);
        }
        break;
      }
      case EventKind.RangeEnd: {
        const r = ev.range();
        let g: G | undefined;
        if (r.scope.kind === ResourceKind.Goroutine) g = this.gs.get(r.scope.id);
        else if (r.scope.kind === ResourceKind.Proc) {
          const key = `${r.scope.id}\0${r.name}`;
          const goid = this.rangesP.get(key);
          if (goid !== undefined) {
            // Only if the range ends on the goroutine it began on (see Go's comment).
            if (goid === ev.goroutine()) g = this.gs.get(goid);
            this.rangesP.delete(key);
          }
        }
        if (g === undefined || g.p.lastRangeTime === null) break;
        const ts = g.p.lastRangeTime.get(r.name) ?? 0;
        if (ts === 0) break;
        add(g.stats.rangeTime, r.name, t - ts);
        g.p.lastRangeTime.delete(r.name);
        break;
      }
      case EventKind.RegionBegin: {
        const g = this.gs.get(ev.goroutine());
        if (g === undefined) break;
        const r = ev.region();
        const region = this.region(r.task, r.type, g.id, t, ev.stack(), this.sink === null ? snapshotStat(g, t) : null);
        g.p.activeRegions.push(region);
        const task = this.getOrAddTask(r.task);
        if (this.sink === null) task.regions.push(region.out);
        addGoroutine(task, g.id);
        break;
      }
      case EventKind.RegionEnd: {
        const g = this.gs.get(ev.goroutine());
        if (g === undefined) break;
        const r = ev.region();
        let sd: Region;
        if (g.p.activeRegions.length > 0) {
          sd = g.p.activeRegions.pop()!;
        } else {
          // An end without a start (the region began before the trace): fabricated now.
          sd = this.region(r.task, r.type, g.id, -1, null, this.sink === null ? newStats() : null);
          const task = this.getOrAddTask(r.task);
          addGoroutine(task, g.id);
          if (this.sink === null) task.regions.push(sd.out);
        }
        sd.out.end = t;
        if (this.sink !== null) {
          this.sink(sd.out);
          break;
        }
        sd.out.stats = execStats(sub(snapshotStat(g, t), sd.snap!));
        g.regions.push(sd.out);
        break;
      }
      case EventKind.TaskBegin:
      case EventKind.TaskEnd: {
        const tk = ev.task();
        const task = this.getOrAddTask(tk.id);
        task.name = tk.type;
        addGoroutine(task, ev.goroutine());
        if (ev.kind() === EventKind.TaskBegin) task.start = t;
        else task.end = t;
        // Only once: a task must not appear twice in its parent's children.
        if (tk.parent !== NoTask && task.parent === null) {
          const parent = this.getOrAddTask(tk.parent);
          task.parent = parent;
          (parent.children ??= []).push(task);
        }
        break;
      }
      case EventKind.Log: {
        const log = ev.log();
        const task = this.getOrAddTask(log.task);
        addGoroutine(task, ev.goroutine());
        if (this.sink === null) (task.logs ??= []).push({ time: t, category: log.category, message: log.message, goroutine: ev.goroutine() });
        break;
      }
    }
  }

  private transition(ev: Event, t: number, st: StateTransition): void {
    if (st.resource.kind === ResourceKind.Proc) {
      // A proc going idle while its goroutine is in a syscall: the syscall blocks from here.
      const { from, to } = st.proc();
      if (from !== to && to === ProcState.Idle) {
        const goid = this.syscallingP.get(st.resource.id);
        if (goid !== undefined) {
          const g = this.gs.get(goid);
          if (g !== undefined) g.p.lastSyscallBlockTime = t;
          this.syscallingP.delete(st.resource.id);
        }
      }
      return;
    }
    if (st.resource.kind !== ResourceKind.Goroutine) return;
    const id = st.resource.id;
    const { from: old, to: nw } = st.goroutine();
    if (old === nw) return;

    let g = this.gs.get(id);
    switch (old) {
      case GoState.Undetermined: {
        // Named for the first time: it existed since the last Sync, in the state it leaves.
        g = this.newG(id, this.syncTs);
        const stateTime = t - this.syncTs;
        switch (nw) {
          case GoState.Running: g.stats.execTime += stateTime; break;
          case GoState.Waiting: add(g.stats.blockTimeByReason, st.reason, stateTime); break;
          case GoState.Runnable: g.stats.schedWaitTime += stateTime; break;
          case GoState.Syscall:
            // With a P it has had that P since the start: syscall time; without, syscall-block time.
            if (ev.proc() === NoProc) g.stats.syscallBlockTime += stateTime;
            else g.stats.syscallTime += stateTime;
            break;
        }
        this.gs.set(id, g);
        break;
      }
      case GoState.NotExist: {
        g = this.newG(id, t);
        // A goroutine created inside a region inherits its task, as a nameless region.
        const creator = this.gs.get(ev.goroutine());
        if (creator !== undefined && creator.p.activeRegions.length > 0) {
          const top = creator.p.activeRegions[creator.p.activeRegions.length - 1];
          g.p.activeRegions = [this.region(top.out.taskId, '', id, t, ev.stack(), this.sink === null ? newStats() : null)];
        }
        this.gs.set(id, g);
        break;
      }
      case GoState.Running:
        if (g === undefined) return;
        g.stats.execTime += t - g.p.lastStartTime;
        g.p.lastStartTime = 0;
        break;
      case GoState.Waiting:
        if (g === undefined) return;
        if (g.p.lastBlockTime !== 0) {
          add(g.stats.blockTimeByReason, g.p.lastBlockReason, t - g.p.lastBlockTime);
          g.p.lastBlockTime = 0;
        }
        break;
      case GoState.Runnable:
        if (g === undefined) return;
        if (g.p.lastRunnableTime !== 0) {
          g.stats.schedWaitTime += t - g.p.lastRunnableTime;
          g.p.lastRunnableTime = 0;
        }
        break;
      case GoState.Syscall:
        if (g === undefined) return;
        if (g.p.lastSyscallTime !== 0) {
          if (g.p.lastSyscallBlockTime !== 0) {
            g.stats.syscallBlockTime += t - g.p.lastSyscallBlockTime;
            g.stats.syscallTime += g.p.lastSyscallBlockTime - g.p.lastSyscallTime;
          } else {
            g.stats.syscallTime += t - g.p.lastSyscallTime;
          }
          g.p.lastSyscallTime = 0;
          g.p.lastSyscallBlockTime = 0;
          const p = this.syscallingG.get(id);
          if (p !== undefined) this.syscallingP.delete(p);
          this.syscallingG.delete(id);
        }
        break;
    }
    if (g === undefined) return;

    // Named by the root frame of its first stack: its start function, the same in every stack.
    if (g.name === '') {
      const frames = st.stack.frames();
      if (frames.length > 0) {
        const root = frames[frames.length - 1];
        g.pc = root.pc;
        g.name = root.func;
      }
    }

    switch (nw) {
      case GoState.Running:
        g.p.lastStartTime = t;
        if (g.startTime === 0) g.startTime = t;
        break;
      case GoState.Runnable:
        g.p.lastRunnableTime = t;
        break;
      case GoState.Waiting:
        if (st.reason !== 'forever') {
          g.p.lastBlockTime = t;
          g.p.lastBlockReason = st.reason;
          break;
        }
        finalize(g, t, ev, this.sink); // "forever" is like the goroutine's death
        break;
      case GoState.NotExist:
        finalize(g, t, ev, this.sink);
        break;
      case GoState.Syscall:
        this.syscallingP.set(ev.proc(), id);
        this.syscallingG.set(id, ev.proc());
        g.p.lastSyscallTime = t;
        break;
    }
  }

  private newG(id: number, creationTime: number): G {
    const p = emptyPending();
    p.lastRangeTime = new Map();
    return { id, name: '', pc: 0, creationTime, startTime: 0, endTime: 0, regions: [], stats: newStats(), p };
  }

  private readonly stacks = new Map<string, StackInfo>();

  private region(taskId: number, name: string, goroutine: number, start: number, stack: Stack | null, snap: Stats | null): Region {
    const { startStack, startFrame } = this.stackInfo(stack);
    return { out: { taskId, name, goroutine, start, end: -1, startStack, startFrame, stats: EMPTY_STATS }, snap };
  }

  /** A start stack's frames as text and its outermost frame, shared by every region with that stack. */
  private stackInfo(stack: Stack | null): StackInfo {
    const frames = stack === null ? [] : stack.frames();
    if (frames.length === 0) return NO_STACK;
    const key = frames.map((f) => f.pc).join(',');
    let info = this.stacks.get(key);
    if (info === undefined) {
      const root = frames[frames.length - 1];
      info = {
        startStack: frames.map((f) => `${f.func} ${f.file}:${f.line}`),
        startFrame: { func: root.func, file: root.file, line: root.line, pc: root.pc },
      };
      this.stacks.set(key, info);
    }
    return info;
  }

  private getOrAddTask(id: number): Task {
    let task = this.tasks.get(id);
    if (task === undefined) {
      task = { id, name: '', parent: null, children: null, start: -1, end: -1, logs: null, regions: [], goroutines: [], goroutineSet: null };
      this.tasks.set(id, task);
    }
    return task;
  }

  /** Go's Finalize: goroutines by ID, tasks by ID. */
  finish(): Summary {
    const goroutines: GoroutineSummary[] = [];
    for (const g of [...this.gs.values()].sort((a, b) => a.id - b.id)) {
      finalize(g, this.lastTs, null, this.sink);
      // By start time, regions without a start first (Go sorts with slices.SortFunc; stable here).
      g.regions.sort((a, b) => (a.start < 0 ? (b.start < 0 ? 0 : -1) : b.start < 0 ? 1 : a.start - b.start));
      goroutines.push({
        id: g.id, name: g.name, pc: g.pc, creationTime: g.creationTime, startTime: g.startTime === 0 ? -1 : g.startTime,
        endTime: g.endTime === 0 ? -1 : g.endTime, regions: g.regions, stats: execStats(g.stats),
      });
    }
    this.gs.clear();
    const descendents = (t: Task): number => 1 + (t.children === null ? 0 : t.children.reduce((n, c) => n + descendents(c), 0));
    const tasks: TaskSummary[] = [...this.tasks.values()].sort((a, b) => a.id - b.id).map((t) => ({
      id: t.id, name: t.name, parent: t.parent === null ? NoTask : t.parent.id, children: t.children === null ? EMPTY_LIST : t.children.map((c) => c.id),
      start: t.start, end: t.end, regions: t.regions, goroutines: t.goroutines.sort((a, b) => a - b),
      logs: t.logs ?? EMPTY_LIST, complete: t.start >= 0 && t.end >= 0, descendents: descendents(t),
    }));
    this.tasks.clear();
    return { goroutines, tasks, startTime: this.firstTs, endTime: this.seen ? this.lastTs : -1 };
  }
}

function addGoroutine(t: Task, g: number): void {
  if (t.goroutineSet !== null) {
    if (!t.goroutineSet.has(g)) {
      t.goroutineSet.add(g);
      t.goroutines.push(g);
    }
  } else if (!t.goroutines.includes(g)) {
    t.goroutines.push(g);
    if (t.goroutines.length > 16) t.goroutineSet = new Set(t.goroutines);
  }
}
