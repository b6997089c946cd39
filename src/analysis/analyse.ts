// From the reader's ordered events to the columnar TraceModel (model.ts).
//
// One pass, one event at a time, as Go's cmd/trace generators and internal/trace/summary.go do:
// goroutine and proc transitions become state intervals, ranges become GC cycles, STW pauses and
// mark assists, metrics become the heap series, user annotations become tasks, regions and logs.
// The same Analyser serves the whole-buffer reader and the streaming one, so both give the same model.
//
// Rows are appended when an interval opens, in event order, so every table is already sorted by
// start. The few rows that begin before the event that reveals them (a region whose begin preceded the
// trace, a range already running when a generation began) go to a side table, merged at the end.
// Goroutine states are kept per goroutine as they arrive (state-rows.ts): an interval ends where its
// goroutine's next row starts, so a transition is one append, with nothing to close.

import {
  Reader, StreamReader, NeedMoreData, TraceError, EventKind, GoState, ResourceKind, Ev,
  type Event, type Stack, type ByteSource,
} from '../trace/index.ts';
import { Table, SeriesBuilder, Strings, IdMap, mergeByStart, sortTableByStart, type TypedColumn, type ColumnType } from './columns.ts';
import { StateRows } from './state-rows.ts';
import {
  GState, type TraceModel, type Goroutine, type TaskRow, type RangeIntervals, type RegionIntervals, type LogRows,
  type IntervalColumns,
} from './model.ts';
import type { AnalysisPart } from './part.ts';

export interface AnalyseOptions {
  /** Called every few thousand events and per chunk: bytes read so far, events analysed so far. */
  onProgress?(bytesRead: number, eventsRead: number): void;
  /** Stops the analysis with an AbortError. */
  signal?: AbortSignal;
  /** The trace's size in bytes, when known before reading (a File's size): sizes the tables up front. */
  totalBytes?: number;
}

/**
 * Rows a table may reach for a trace of `bytes` bytes: a table gets at most one row per event, and an
 * event takes at least a few bytes (type, time delta, arguments). Only address space is reserved for
 * them (see columns.ts); a table that outgrows it moves, with a copy.
 */
function rowsFor(bytes: number | undefined): number | undefined {
  return bytes !== undefined && bytes > 0 ? Math.ceil(bytes / 3) + 4096 : undefined;
}

/** Go's GoState -> the model's GState (-1 = not existing: no interval). */
const gstateOf: number[] = [];
gstateOf[GoState.Undetermined] = GState.Undetermined;
gstateOf[GoState.NotExist] = -1;
gstateOf[GoState.Runnable] = GState.Runnable;
gstateOf[GoState.Running] = GState.Running;
gstateOf[GoState.Waiting] = GState.Waiting;
gstateOf[GoState.Syscall] = GState.Syscall;

/** Start function of the runtime's generation advancer (runtime/trace.go): see truncation below. */
const traceAdvancerFunc = 'runtime.(*traceAdvancerState).start.func1';

/** Event times a continuation part keeps for the join (see AnalysisPart.firstTimes). */
const FIRST_TIMES = 1 << 16;

/** A row reference: main-table rows are >= 0, side-table rows are -(index+1); NO_ROW for none. */
const NO_ROW = -0x80000000;

const intervalSpec = { start: Float64Array, end: Float64Array, open: Uint8Array };
const rangeSpec = { start: Float64Array, end: Float64Array, open: Uint8Array, name: Uint32Array, scope: Int32Array };
const regionSpec = {
  start: Float64Array, end: Float64Array, open: Uint8Array, goroutine: Uint32Array, task: Float64Array,
  name: Uint32Array, depth: Uint8Array, beganBefore: Uint8Array,
};
const logSpec = { time: Float64Array, goroutine: Int32Array, task: Float64Array, category: Uint32Array, message: Uint32Array };

/** An append-only table of intervals plus its side table of back-dated rows. */
class Intervals<K extends string> {
  readonly main: Table<K | 'start' | 'end' | 'open'>;
  readonly side: Table<K | 'start' | 'end' | 'open'>;
  constructor(spec: Record<K | 'start' | 'end' | 'open', ColumnType>, cap = 1024, reserve?: number) {
    this.main = new Table(spec, cap, reserve);
    this.side = new Table(spec, 16, 1 << 16);
    const keys = Object.keys(spec);
    if (keys[0] !== 'start' || keys[1] !== 'end' || keys[2] !== 'open') throw new Error('interval columns must begin with start, end, open');
  }
  /** Opens a row at `start`; `backdated` when start lies before the current event. Returns its ref. */
  open(start: number, backdated: boolean): number {
    const t = backdated ? this.side : this.main;
    const r = t.add();
    (t.arrays[0] as Float64Array)[r] = start;
    (t.arrays[2] as Uint8Array)[r] = 1;
    return backdated ? -(r + 1) : r;
  }
  set(ref: number, key: K, v: number): void {
    if (ref >= 0) this.main.cols[key][ref] = v;
    else this.side.cols[key][-ref - 1] = v;
  }
  close(ref: number, end: number): void {
    const t = ref >= 0 ? this.main : this.side;
    const r = ref >= 0 ? ref : -ref - 1;
    // Columns 1 and 2 are `end` and `open` (every spec starts with start, end, open).
    (t.arrays[1] as Float64Array)[r] = end;
    (t.arrays[2] as Uint8Array)[r] = 0;
  }
  /** Ends rows still open at `end` (open flag kept), sorts, merges, trims. */
  finish(end: number): Record<K | 'start' | 'end' | 'open', TypedColumn> & { length: number } {
    for (const t of [this.main, this.side]) {
      const open = t.cols.open, e = t.cols.end;
      for (let r = 0; r < t.length; r++) if (open[r] === 1) e[r] = end;
    }
    sortTableByStart<K | 'start' | 'end' | 'open'>(this.side, 'start');
    return mergeByStart<K | 'start' | 'end' | 'open'>(this.main, this.side, 'start');
  }
}

/**
 * The event-by-event analysis. `event(ev)` for each event in read order, then `finish()`.
 * Exposed for tests and tools; the site calls analyseTrace / analyseBytes.
 */
export class Analyser {
  private readonly strings = new Strings();
  private readonly stacks: number[][] = [[]];
  private readonly stackKeys = new Map<string, number>();
  /** Strings index of the innermost and outermost frame's function per model stack. */
  private readonly stackTop: number[] = [0];
  private readonly stackRoot: number[] = [0];
  /** Stack IDs are per generation: this cache maps the current generation's IDs, cleared at each Sync. */
  private readonly genStacks = new IdMap();
  /** The same for string IDs (wait reasons, region names): wire ID -> strings index. */
  private readonly genStrings = new IdMap();
  /** The event table (one per generation) the caches above belong to, and whether its specs allow the fast path. */
  private genTable: unknown = null;
  private fast = false;

  version = '';
  bytes = 0;
  events = 0;
  /** Of `events`, the reader's Syncs. */
  private syncs = 0;
  private start = NaN;
  private last = 0;
  /** Start of the generation being read, relative ns. */
  private genStart = 0;

  // Goroutines, by index (gIndex maps Go's ID to it).
  private readonly gIndex = new IdMap();
  private readonly gID: number[] = [];
  private readonly gParent: number[] = [];
  private readonly gCreated: number[] = [];
  private readonly gEnded: number[] = [];
  private readonly gStartFunc: number[] = [];
  private readonly gState: number[] = []; // current GState, -1 = none (no open interval)
  private readonly gFinal: number[] = [];
  private readonly gFinalReason: number[] = [];
  private readonly gRegions: (number[] | undefined)[] = [];

  // Procs, by index (in order of first sight).
  private readonly pIndex = new IdMap();
  private readonly pID: number[] = [];

  private readonly states: StateRows;
  private readonly gc = new Intervals(intervalSpec, 16);
  private gcRow = NO_ROW;
  private readonly stw = new Intervals(rangeSpec, 16);
  private readonly stwOpen = new Map<number, number>();
  private readonly assists = new Intervals(rangeSpec, 64);
  private readonly assistOpen = new Map<number, number>();
  private readonly heapAlloc = new SeriesBuilder();
  private readonly heapGoal = new SeriesBuilder();
  private readonly tasks = new Map<number, TaskRow>();
  private readonly regions: Intervals<keyof typeof regionSpec>;
  private readonly logs: Table<keyof typeof logSpec>;

  /** False: every event through the accessors (the general path), for tests comparing both paths. */
  private readonly fastPath: boolean;
  /**
   * Reading a trace from a later generation on, to be joined to the analysis of what came before
   * (part.ts). The first generation's status events then describe goroutines the earlier part
   * already knows: they are noted in `assumed` (goroutine, state) for the join to check, not drawn,
   * and ranges active at its start open at -1, "since the cut", for the join to connect.
   */
  private readonly continuation: boolean;
  private initialGeneration = true;
  private readonly assumed: number[] = [];
  /** Continuation parts: the times of the first events (see AnalysisPart.firstTimes). */
  private readonly firstTimes: Float64Array = new Float64Array(0);

  /**
   * @param totalBytes the trace's size, when known: the big tables reserve room for it (see rowsFor).
   * @param opts.fastPath false to read every event through its accessors (for tests); the result is the same.
   */
  constructor(totalBytes?: number, opts: { fastPath?: boolean; continuation?: boolean } = {}) {
    this.fastPath = opts.fastPath ?? true;
    this.continuation = opts.continuation ?? false;
    if (this.continuation) {
      this.genStart = -1;
      this.firstTimes = new Float64Array(FIRST_TIMES);
    }
    const rows = rowsFor(totalBytes);
    this.states = new StateRows(rows);
    this.regions = new Intervals(regionSpec, 256, rows);
    this.logs = new Table(logSpec, 64, rows);
  }

  private error: { message: string; offset?: number } | undefined;
  private endedEarly = false;

  /** Analyses one event. */
  event(ev: Event): void {
    const abs = ev.time();
    if (this.events === 0) this.start = abs;
    this.events++;
    const t = abs - this.start;
    this.last = t;
    if (this.events <= this.firstTimes.length) this.firstTimes[this.events - 1] = t;
    if (ev.table !== this.genTable) this.newTable(ev);
    if (this.fast && this.fastEvent(ev, t)) return;
    switch (ev.kind()) {
      case EventKind.StateTransition: {
        const st = ev.stateTransition();
        if (st.resource.kind === ResourceKind.Goroutine) this.goroutineTransition(ev, st.resource.id, st.goroutine(), st.reason, st.stack, t);
        else if (st.resource.kind === ResourceKind.Proc) this.proc(st.resource.id); // P runs come from the goroutines
        break;
      }
      case EventKind.RangeBegin:
      case EventKind.RangeActive:
      case EventKind.RangeEnd:
        this.range(ev, t);
        break;
      case EventKind.Metric: {
        const m = ev.metric();
        if (m.name === '/memory/classes/heap/objects:bytes') this.heapAlloc.push(t, m.value.uint64());
        else if (m.name === '/gc/heap/goal:bytes') this.heapGoal.push(t, m.value.uint64());
        break;
      }
      case EventKind.TaskBegin: {
        const k = ev.task();
        const row = this.task(k.id);
        row.parentId = k.parent > 0 ? k.parent : 0;
        row.name = this.strings.intern(k.type);
        row.start = t;
        row.startGoroutine = this.goroutineOrNone(ev.goroutine());
        break;
      }
      case EventKind.TaskEnd: {
        const k = ev.task();
        const row = this.task(k.id);
        if (row.name === 0 && k.type !== '') row.name = this.strings.intern(k.type);
        if (row.parentId === 0 && k.parent > 0) row.parentId = k.parent;
        row.end = t;
        row.endGoroutine = this.goroutineOrNone(ev.goroutine());
        break;
      }
      case EventKind.RegionBegin:
      case EventKind.RegionEnd:
        this.region(ev, t);
        break;
      case EventKind.Log: {
        const l = ev.log();
        const r = this.logs.add();
        const c = this.logs.cols;
        c.time[r] = t;
        c.goroutine[r] = this.goroutineOrNone(ev.goroutine());
        c.task[r] = l.task;
        c.category[r] = this.strings.intern(l.category);
        c.message[r] = this.strings.intern(l.message);
        break;
      }
      case EventKind.Sync:
        this.syncs++;
        // The reader (Go 1.27's) opens every generation with a Sync and closes the trace with one:
        // from the second on, what follows belongs to a later generation, which starts there. The
        // generation's stack and string IDs are its own.
        if (ev.sync().n > 1) {
          this.genStart = t;
          this.initialGeneration = false;
        }
        this.genStacks.clear();
        this.genStrings.clear();
        break;
    }
  }

  /** A new generation's event table: its IDs are new, and the fast path needs the usual wire layout. */
  private newTable(ev: Event): void {
    this.genTable = ev.table;
    this.genStacks.clear();
    this.genStrings.clear();
    const specs = (ev.table as { specs?: readonly ({ args: readonly string[] } | undefined)[] }).specs;
    const args = (typ: number) => specs?.[typ]?.args.join(',');
    this.fast = this.fastPath && args(Ev.GoStop) === 'dt,reason_string,stack' && args(Ev.GoBlock) === 'dt,reason_string,stack' &&
      args(Ev.GoStart) === 'dt,g,g_seq' && args(Ev.GoUnblock) === 'dt,g,g_seq,stack' &&
      args(Ev.ProcStart) === 'dt,p,p_seq' && args(Ev.ProcStop) === 'dt' &&
      args(Ev.UserRegionBegin) === 'dt,task,name_string,stack' && args(Ev.UserRegionEnd) === 'dt,task,name_string,stack';
  }

  /**
   * The most frequent events (a goroutine starting, stopping, blocking, unblocking; a proc starting or
   * stopping; regions), read from the event's wire arguments rather than through the accessors, which
   * build objects for each event: the same result as the general path below, without the garbage.
   * Returns false to leave the event to the general path (IDs that are not plain numbers, for one).
   */
  private fastEvent(ev: Event, t: number): boolean {
    switch (ev.typ) {
      case Ev.GoStart: {
        const id = ev.a0;
        if (id !== Math.floor(id)) return false;
        this.goTransition(ev, id, GoState.Runnable, GoState.Running, t);
        return true;
      }
      case Ev.GoUnblock: {
        const id = ev.a0;
        if (id !== Math.floor(id)) return false;
        this.goTransition(ev, id, GoState.Waiting, GoState.Runnable, t);
        return true;
      }
      case Ev.GoStop:
      case Ev.GoBlock: {
        const id = ev.goroutine();
        if (id < 0 || ev.a1 !== Math.floor(ev.a1) || ev.a0 !== Math.floor(ev.a0)) return false;
        this.goTransition(ev, id, GoState.Running, ev.typ === Ev.GoStop ? GoState.Runnable : GoState.Waiting, t);
        return true;
      }
      case Ev.ProcStart: {
        const id = ev.a0;
        if (id !== Math.floor(id)) return false;
        this.proc(id);
        return true;
      }
      case Ev.ProcStop:
        // The P stops on the P itself: already known. What ran on a P is read from the goroutines.
        return true;
      case Ev.UserRegionBegin:
      case Ev.UserRegionEnd: {
        if (ev.a0 !== Math.floor(ev.a0) || ev.a1 !== Math.floor(ev.a1)) return false;
        const goID = ev.goroutine();
        if (goID < 0) return true;
        const g = this.goroutine(goID);
        let name = this.genStrings.get(ev.a1);
        if (name === undefined) {
          name = this.strings.intern(ev.region().type);
          this.genStrings.set(ev.a1, name);
        }
        this.regionEvent(ev.typ === Ev.UserRegionBegin, g, ev.a0, name, t);
        return true;
      }
    }
    return false;
  }

  /**
   * goroutineTransition for the fast path's events (never a creation or a first sight): the stack is
   * the event's own (GoStop, GoBlock) or none, the reason the event's string (GoStop, GoBlock) or none.
   */
  private goTransition(ev: Event, id: number, from: GoState, to: GoState, t: number): void {
    const g = this.goroutine(id);
    const withStack = from === GoState.Running; // GoStop, GoBlock
    let stk = 0;
    let why = 0;
    if (withStack) {
      if (ev.a1 !== 0) {
        const cached = this.genStacks.get(ev.a1);
        stk = cached !== undefined ? cached : this.stack(ev.stack());
        if (stk !== 0 && this.gStartFunc[g] === 0) this.gStartFunc[g] = this.stackRoot[stk];
      }
      const cached = this.genStrings.get(ev.a0);
      if (cached !== undefined) why = cached;
      else {
        const reason = ev.stateTransition().reason;
        why = reason === '' ? 0 : this.strings.intern(reason);
        this.genStrings.set(ev.a0, why);
      }
    }
    let procIdx = -1;
    if (to === GoState.Running) {
      const p = ev.proc();
      if (p >= 0) procIdx = this.proc(p);
    }
    this.enter(g, t, gstateOf[to], why, stk, procIdx);
  }


  private goroutine(id: number): number {
    let g = this.gIndex.get(id);
    if (g === undefined) {
      g = this.gID.length;
      this.gIndex.set(id, g);
      this.gID.push(id);
      this.gParent.push(-1);
      this.gCreated.push(-1);
      this.gEnded.push(-1);
      this.gStartFunc.push(0);
      this.gState.push(-1);
      this.gFinal.push(-1); // none yet: Undetermined in the model
      this.gFinalReason.push(0);
      this.gRegions.push(undefined);
      this.states.addGoroutine();
    }
    return g;
  }

  private goroutineOrNone(id: number): number {
    return id < 0 ? -1 : this.goroutine(id);
  }

  private proc(id: number): number {
    let p = this.pIndex.get(id);
    if (p === undefined) {
      p = this.pID.length;
      this.pIndex.set(id, p);
      this.pID.push(id);
    }
    return p;
  }

  private stack(s: Stack): number {
    if (s.isNone || s.id === 0) return 0;
    let i = this.genStacks.get(s.id);
    if (i !== undefined) return i;
    const frames = s.frames();
    const ids = frames.map((f) => this.strings.intern(`${f.func} ${f.file}:${f.line}`));
    const key = ids.join(',');
    i = this.stackKeys.get(key);
    if (i === undefined) {
      i = this.stacks.length;
      this.stacks.push(ids);
      this.stackKeys.set(key, i);
      this.stackTop.push(frames.length ? this.strings.intern(frames[0].func) : 0);
      this.stackRoot.push(frames.length ? this.strings.intern(frames[frames.length - 1].func) : 0);
    }
    this.genStacks.set(s.id, i);
    return i;
  }

  private goroutineTransition(ev: Event, id: number, fromTo: { from: GoState; to: GoState }, reason: string, stack: Stack, t: number): void {
    const { from, to } = fromTo;
    if (from === to) return; // status events that tell nothing new
    const g = this.goroutine(id);
    if (from === GoState.Undetermined && this.continuation && this.initialGeneration) {
      // Known to the part before the cut, which read on past this point as if this event said X -> X.
      const s = gstateOf[to];
      this.assumed.push(g, s);
      this.gState[g] = s;
      return;
    }
    let start = t;
    let stk: number;
    if (from === GoState.NotExist) {
      // Creation: the transition's stack is the new goroutine's entry (its top frame is the start
      // function); the interval shows where it was created, the creator's stack.
      this.gCreated[g] = t;
      this.gEnded[g] = -1;
      this.gParent[g] = this.goroutineOrNone(ev.goroutine());
      const entry = this.stack(stack);
      if (entry !== 0) this.gStartFunc[g] = this.stackTop[entry];
      stk = this.stack(ev.stack());
    } else {
      stk = this.stack(stack);
      if (from === GoState.Undetermined) {
        // First sight of a goroutine that already existed. Its status is written when it is first
        // touched in a generation, so it has been in this state since the generation began.
        if (stk === 0) stk = this.stack(ev.stack()); // GoStatusStack carries the goroutine's stack
        if (this.states.rows(g) === 0) {
          if (this.genStart > 0) this.states.append(g, 0, GState.Undetermined, 0, 0, -1);
          start = this.genStart;
        }
      }
      if (stk !== 0 && this.gStartFunc[g] === 0) this.gStartFunc[g] = this.stackRoot[stk];
    }

    const s = gstateOf[to];
    if (s < 0) {
      if (this.gState[g] >= 0 || this.states.rows(g) === 0) this.states.append(g, t, GState.End, 0, 0, -1);
      this.gEnded[g] = t;
      this.gState[g] = -1;
      return;
    }
    const why = reason === '' ? 0 : this.strings.intern(reason);
    let procIdx = -1;
    if (to === GoState.Running && ev.proc() >= 0) procIdx = this.proc(ev.proc());
    this.enter(g, start, s, why, stk, procIdx);
  }

  /** Goroutine g is in state s from `start` on (on P procIdx while running): one row, the previous one ends here. */
  private enter(g: number, start: number, s: number, why: number, stk: number, procIdx: number): void {
    this.states.append(g, start, s, why, stk, procIdx);
    this.gState[g] = s;
    this.gFinal[g] = s;
    this.gFinalReason[g] = why;
  }


  private range(ev: Event, t: number): void {
    const kind = ev.kind();
    const r = ev.range();
    const name = r.name;
    if (name === 'GC concurrent mark phase') {
      if (kind === EventKind.RangeBegin) {
        if (this.gcRow !== NO_ROW) this.gc.close(this.gcRow, t);
        this.gcRow = this.gc.open(t, false);
      } else if (kind === EventKind.RangeActive) {
        // The cycle was already running when this generation (or the trace) began.
        if (this.gcRow === NO_ROW) this.gcRow = this.gc.open(this.genStart, this.genStart < t);
      } else {
        if (this.gcRow === NO_ROW) this.gcRow = this.gc.open(this.genStart, this.genStart < t);
        this.gc.close(this.gcRow, t);
        this.gcRow = NO_ROW;
      }
      return;
    }
    const isSTW = name.startsWith('stop-the-world');
    if (!isSTW && name !== 'GC mark assist') return; // sweeps are not in the model
    const table = isSTW ? this.stw : this.assists;
    const open = isSTW ? this.stwOpen : this.assistOpen;
    const scopeID = r.scope.kind === ResourceKind.Goroutine ? r.scope.id : -1;
    const key = isSTW ? 0 : scopeID; // one stop-the-world at a time; assists per goroutine
    const scope = this.goroutineOrNone(scopeID);
    let row = open.get(key);
    if (kind !== EventKind.RangeEnd) {
      if (row !== undefined) {
        if (kind === EventKind.RangeActive) return;
        table.close(row, t);
      }
      const start = kind === EventKind.RangeActive ? this.genStart : t;
      row = table.open(start, start < t);
      table.set(row, 'name', this.strings.intern(name));
      table.set(row, 'scope', scope);
      open.set(key, row);
      return;
    }
    if (row === undefined) {
      row = table.open(this.genStart, this.genStart < t);
      table.set(row, 'name', this.strings.intern(name));
      table.set(row, 'scope', scope);
    }
    table.close(row, t);
    open.delete(key);
  }

  private task(id: number): TaskRow {
    let row = this.tasks.get(id);
    if (row === undefined) {
      row = { id, parentId: 0, name: 0, start: -1, end: -1, startGoroutine: -1, endGoroutine: -1 };
      this.tasks.set(id, row);
    }
    return row;
  }

  private region(ev: Event, t: number): void {
    const goID = ev.goroutine();
    if (goID < 0) return; // regions live on goroutines; Go's reader never gives one without
    const g = this.goroutine(goID);
    const reg = ev.region();
    const name = this.strings.intern(reg.type);
    this.regionEvent(ev.kind() === EventKind.RegionBegin, g, reg.task, name, t);
  }

  private regionEvent(begin: boolean, g: number, task: number, name: number, t: number): void {
    let open = this.gRegions[g];
    if (begin) {
      if (open === undefined) open = this.gRegions[g] = [];
      // Written straight into the main columns: regions can be most of a trace's events.
      const m = this.regions.main;
      const row = m.add();
      const c = m.cols;
      c.start[row] = t;
      c.open[row] = 1;
      c.goroutine[row] = g;
      c.task[row] = task;
      c.name[row] = name;
      c.depth[row] = open.length < 255 ? open.length : 255;
      open.push(row);
      return;
    }
    // The innermost open region of that name ends; none means it began before the trace.
    if (open !== undefined) {
      const c = this.regions.main.cols;
      for (let i = open.length - 1; i >= 0; i--) {
        const row = open[i];
        if (c.name[row] === name) {
          c.end[row] = t;
          c.open[row] = 0;
          if (i === open.length - 1) open.pop();
          else open.splice(i, 1);
          return;
        }
      }
    }
    const row = this.regions.open(0, true);
    this.fillRegion(row, g, task, name, 0, 1);
    this.regions.close(row, t);
  }

  private fillRegion(row: number, g: number, task: number, name: number, depth: number, beganBefore: number): void {
    this.regions.set(row, 'goroutine', g);
    this.regions.set(row, 'task', task);
    this.regions.set(row, 'name', name);
    this.regions.set(row, 'depth', Math.min(depth, 255));
    this.regions.set(row, 'beganBefore', beganBefore);
  }

  /** Records why reading stopped: a TraceError, or the reader's quiet early end. */
  stopped(err: unknown, endedEarly: TraceError | null): void {
    if (err instanceof TraceError) this.error = { message: err.message, offset: err.offset };
    else if (err !== undefined) throw err;
    if (endedEarly !== null) this.endedEarly = true;
  }

  /** The model. Call once, after the last event (or the error). */
  finish(): TraceModel {
    return modelFromPart(this.finishPart(), this.strings);
  }

  /** What was read, as the tables of a model plus what joining it to a neighbouring part needs (part.ts). Call once. */
  finishPart(): AnalysisPart {
    // Syncs alone read nothing from the trace: Go 1.27's reader gives one before the error when
    // it cannot read the first generation.
    if (this.syncs === this.events) this.events = 0;
    const duration = this.events > 0 ? this.last : 0;
    const nG = this.gID.length;
    const realRows = this.gID.map((_, g) => this.states.rows(g));
    // Every goroutine's rows end with an End row: its exit, else the end of the trace.
    for (let g = 0; g < nG; g++) {
      if (this.gState[g] >= 0 || this.states.rows(g) === 0) this.states.append(g, duration, GState.End, 0, 0, -1);
    }
    const procs = [...this.pID].sort((a, b) => a - b);
    const { states, procRuns } = this.states.finish(this.pID, procs);
    const part: AnalysisPart = {
      version: this.version,
      bytes: this.bytes,
      events: this.events,
      start: this.events > 0 ? this.start : 0,
      duration,
      endedEarly: this.endedEarly,
      strings: this.strings.list,
      stacks: this.stacks,
      g: {
        id: this.gID, parent: this.gParent, created: this.gCreated, ended: this.gEnded, startFunc: this.gStartFunc,
        final: this.gFinal, finalReason: this.gFinalReason, state: this.gState, realRows,
      },
      procs,
      goroutineStates: states,
      procRuns,
      gcCycles: this.gc.finish(duration) as unknown as IntervalColumns,
      stwPauses: this.stw.finish(duration) as unknown as RangeIntervals,
      markAssists: this.assists.finish(duration) as unknown as RangeIntervals,
      heapAlloc: this.heapAlloc.finish(),
      heapGoal: this.heapGoal.finish(),
      tasks: [...this.tasks.values()],
      regions: this.regions.finish(duration) as unknown as RegionIntervals,
      logs: this.logs.trimmed() as unknown as LogRows,
      assumed: this.assumed,
      firstTimes: this.firstTimes.slice(0, Math.min(this.events, this.firstTimes.length)),
    };
    if (this.error !== undefined) part.error = this.error;
    return part;
  }
}

/**
 * The model of an analysed part (a whole trace, or parts joined by joinParts): the goroutines with
 * their groups, and whether the trace was cut short. `strings` is the part's strings, indexed (the
 * analyser passes the index it built).
 */
export function modelFromPart(part: AnalysisPart, strings = new Strings(part.strings)): TraceModel {
  const gp = part.g;
  const goroutines: Goroutine[] = gp.id.map((id, g) => {
    const startFunc = gp.startFunc[g];
    const fn = strings.list[startFunc];
    return {
      id,
      startFunc,
      parent: gp.parent[g],
      created: gp.created[g],
      ended: gp.ended[g],
      finalState: (gp.final[g] < 0 ? GState.Undetermined : gp.final[g]) as GState,
      finalReason: gp.finalReason[g],
      group: strings.intern(groupName(fn)),
      system: isSystemFunc(fn),
    };
  });

  // Truncation. Go 1.22-1.25 traces have no end marker: a program that exits before trace.Stop
  // leaves its last complete generation, which reads as a clean trace. Such a file ends where
  // the runtime's advancer goroutine cut a generation, so that goroutine is running at the end;
  // after trace.Stop it is asleep, waiting for its next period. (Runnable is no sign: in a short
  // trace the advancer may not have run yet.)
  // Nothing of the program in it: up to Go 1.25 only the 16-byte header (an error to read), from
  // Go 1.26 the header and the clock batch of a generation that was never ended (the reader's
  // endedEarly): either way the program exited before anything was flushed.
  let truncatedCause: TraceModel['truncatedCause'];
  if (part.events === 0 && ((part.bytes <= 16 && part.error !== undefined) || part.endedEarly)) truncatedCause = 'header-only';
  else if (part.endedEarly) truncatedCause = 'ended-early';
  else if (part.error === undefined) {
    const advancerCut = goroutines.some((g, i) => strings.list[g.startFunc] === traceAdvancerFunc && g.ended < 0 && gp.state[i] === GState.Running);
    if (advancerCut) truncatedCause = 'generation-boundary';
  }
  const model: TraceModel = {
    version: part.version,
    bytes: part.bytes,
    events: part.events,
    start: part.start,
    duration: part.duration,
    truncated: truncatedCause !== undefined,
    strings: strings.list,
    stacks: part.stacks,
    goroutines,
    goroutineStates: part.goroutineStates,
    procs: part.procs,
    procRuns: part.procRuns,
    gcCycles: part.gcCycles,
    stwPauses: part.stwPauses,
    markAssists: part.markAssists,
    heapAlloc: part.heapAlloc,
    heapGoal: part.heapGoal,
    tasks: [...part.tasks].sort((a, b) => (a.start < 0 ? -1 : a.start) - (b.start < 0 ? -1 : b.start) || a.id - b.id),
    regions: part.regions,
    logs: part.logs,
  };
  if (truncatedCause !== undefined) model.truncatedCause = truncatedCause;
  if (part.error !== undefined) model.error = part.error;
  return model;
}

/** go tool trace groups goroutines by start function; closures of one function form one group. */
export function groupName(startFunc: string): string {
  if (startFunc === '') return '(unknown)';
  return startFunc.replace(/(\.(func|gowrap)\d+)+(\.\d+)*$/, '');
}

/**
 * Goroutines the runtime starts for itself (GC workers, sweeper, scavenger, the tracer's own).
 * A goroutine never seen with a stack is counted here too: only parked runtime goroutines stay
 * stackless in a trace (a user goroutine shows its stack when created or when it blocks).
 */
export function isSystemFunc(fn: string): boolean {
  if (fn === '') return true;
  if (fn === 'runtime.main') return false;
  return fn.startsWith('runtime.') || fn.startsWith('runtime/trace.') || fn.startsWith('internal/');
}

/** "go 1.23" as in the header; "" before the header has been read. */
function versionText(v: number): string {
  return v > 0 ? `go 1.${v}` : '';
}

function abortError(): Error {
  // DOMException exists in browsers, workers and Node 17+.
  return new DOMException('The analysis was cancelled', 'AbortError');
}

/** Analyses a whole trace held in memory. Never throws for a broken trace: see model.error. */
export function analyseBytes(bytes: Uint8Array): TraceModel {
  const a = new Analyser(bytes.length);
  a.bytes = bytes.length;
  let reader: Reader | null = null;
  try {
    reader = new Reader(bytes);
    a.version = versionText(reader.version);
    for (let ev = reader.next(); ev !== null; ev = reader.next()) a.event(ev);
    a.stopped(undefined, reader.endedEarly);
  } catch (err) {
    a.stopped(err, null);
  }
  if (reader !== null && a.version === '') a.version = versionText(reader.version);
  return a.finish();
}

const CHUNK = 1 << 20;

/** Cuts a buffer into chunks, so a whole-buffer analysis can report progress and be cancelled too. */
async function* chunksOfBuffer(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += 4 * CHUNK) yield bytes.subarray(i, Math.min(bytes.length, i + 4 * CHUNK));
}

/** The chunks of a ReadableStream or AsyncIterable, the stream cancelled if the reading stops early. */
export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (Symbol.asyncIterator in source) {
    yield* source as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (source as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/**
 * Lets queued messages (a worker's 'cancel') run: a macrotask, not a microtask. A message to itself
 * rather than setTimeout(0), which browsers clamp to 4 ms once nested: a hundred yields would cost
 * 0.4 s on a 100 MB trace.
 */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Analyses a trace as its bytes arrive, holding one generation of input at a time. Reports progress,
 * stops with an AbortError when `signal` aborts, and never throws for a broken trace (see model.error).
 */
export async function analyseTrace(source: Uint8Array | ByteSource, opts: AnalyseOptions = {}): Promise<TraceModel> {
  return (await readInto(new Analyser(sizeOf(source, opts)), source, opts)).finish();
}

/**
 * Analyses part of a trace, to be joined with joinParts (part.ts): the generations before a cut, or
 * (continuation) the header followed by the generations from a cut on.
 */
export async function analyseTracePart(source: Uint8Array | ByteSource, opts: AnalyseOptions & { continuation?: boolean } = {}): Promise<AnalysisPart> {
  return (await readInto(new Analyser(sizeOf(source, opts), { continuation: opts.continuation }), source, opts)).finishPart();
}

function sizeOf(source: Uint8Array | ByteSource, opts: AnalyseOptions): number | undefined {
  return opts.totalBytes ?? (source instanceof Uint8Array ? source.length : undefined);
}

async function readInto(a: Analyser, source: Uint8Array | ByteSource, opts: AnalyseOptions): Promise<Analyser> {
  const { onProgress, signal } = opts;
  const r = new StreamReader();
  const input = source instanceof Uint8Array ? chunksOfBuffer(source) : chunksOf(source);
  let bytesRead = 0;
  let lastYield = Date.now();
  try {
    for (;;) {
      if (signal?.aborted) throw abortError();
      const next = await input.next();
      if (next.done) r.end();
      else {
        bytesRead += next.value.length;
        r.push(next.value);
      }
      for (;;) {
        const ev = r.next();
        if (ev === null || ev === NeedMoreData) break;
        if (a.version === '') a.version = versionText(r.version);
        a.event(ev);
        if ((a.events & 0x3fff) === 0) {
          onProgress?.(bytesRead, a.events);
          if (Date.now() - lastYield > 50) {
            await yieldToEventLoop();
            lastYield = Date.now();
            if (signal?.aborted) throw abortError();
          }
        }
      }
      onProgress?.(bytesRead, a.events);
      if (next.done) break;
    }
    a.bytes = bytesRead;
    a.stopped(undefined, r.endedEarly);
  } catch (err) {
    if (!(err instanceof TraceError)) {
      await input.return(undefined).catch(() => undefined);
      throw err;
    }
    // The model's size is the file's, as for a whole buffer: count the bytes left unread.
    for (let next = await input.next(); !next.done; next = await input.next()) {
      if (signal?.aborted) throw abortError();
      bytesRead += next.value.length;
    }
    a.bytes = bytesRead;
    a.stopped(err, null);
  }
  if (a.version === '') a.version = versionText(r.version);
  return a;
}
