/**
 * The analysed trace: what the viewer, the trace doctor, quizzes and exercises read.
 *
 * Built from the reader's ordered events (src/trace) by analyse.ts, with no DOM, so it runs in a Web
 * Worker and in Node. Everything is columnar (typed arrays, one array per field; rows in time order,
 * except the goroutine states, grouped by goroutine) rather than an object per event: a 100 MB trace
 * has tens of millions of events, and the tables must cross from the worker to the page by transfer,
 * not by copy. README.md beside this file says what the layout costs and why.
 *
 * Times are nanoseconds relative to `start` (the first event), as Float64Array: exact below 2^53 ns
 * (104 days) of trace, which no trace reaches. An interval still open when the trace ends has its
 * `end` set to `duration` and its `open` flag set.
 *
 * Strings (names, reasons, categories, messages, stack frames) are interned in `strings`; columns hold
 * indices into it. Strings come from the traced program and are data: render them as text, never HTML.
 */

/** Goroutine states drawn on the timeline (a finer split of Go's GoState: waiting is by reason). */
export const GState = {
  Running: 0,
  Runnable: 1,
  /** Waiting; the reason is in the interval's `reason` column ("chan receive", "sync", "network", "sleep", ...). */
  Waiting: 2,
  Syscall: 3,
  /** The goroutine had not been seen yet when tracing started (before its first status event). */
  Undetermined: 4,
  /**
   * Not an interval: the goroutine no longer exists from this row's start (it exited, or the trace
   * ended). Every goroutine's rows end with one, so each interval ends where the next row starts.
   * Out of the range of the states, so a timeline draws nothing for it.
   */
  End: 255,
} as const;
export type GState = (typeof GState)[keyof typeof GState];

/** A set of time intervals, columnar. Rows are sorted by `start`. */
export interface IntervalColumns {
  length: number;
  start: Float64Array;
  end: Float64Array;
  /** 1 when the interval was still open at the end of the trace. */
  open: Uint8Array;
}

/**
 * Every goroutine's states, one row per interval, grouped by goroutine: the rows of goroutine g are
 * offsets[g] .. offsets[g+1]-1, in time order, the last of them a GState.End row. An interval has no
 * end column: it ends where the next row starts (start[r + 1]), so one goroutine's rows are already a
 * timeline lane, and the largest table of a trace costs 15-17 bytes a row. A row is still open at the
 * end of the trace when the next row is its goroutine's last and the goroutine never ended
 * (goroutines[g].ended < 0); stateEnd() and stateOpen() in queries.ts say so.
 * End rows may also appear inside a goroutine's rows: it exited, and the trace shows it again later.
 */
export interface GoroutineStateIntervals {
  /** Rows, End rows included. */
  length: number;
  /** goroutines.length + 1 entries: where each goroutine's rows begin (and the last one ends). */
  offsets: Uint32Array;
  start: Float64Array;
  state: Uint8Array; // GState
  /** Index into strings of the wait/block reason ("" when none); 16 bits wide when every index fits. */
  reason: Uint16Array | Uint32Array;
  /** Index into TraceModel.stacks of the stack that began the interval (0 = no stack). */
  stack: Uint32Array;
  /** Proc (P) ID while running, -1 otherwise; 16 bits wide when every ID fits (Go has at most 1024 Ps). */
  proc: Int16Array | Int32Array;
}

/**
 * What ran on each P: the Running rows of goroutineStates, per P in time order. The runs of P
 * model.procs[i] are entries offsets[i] .. offsets[i+1]-1 of `row` and `goroutine`. A P that is held
 * with no goroutine on it (between two goroutines, a few hundred nanoseconds) shows no run.
 */
export interface ProcRuns {
  /** procs.length + 1 entries. */
  offsets: Uint32Array;
  /** Row in goroutineStates of each run; the run ends at goroutineStates.start[row + 1]. */
  row: Uint32Array;
  /** Index into TraceModel.goroutines of the goroutine that ran. */
  goroutine: Uint32Array;
}

export interface Goroutine {
  /** Go's goroutine ID. */
  id: number;
  /** Index into strings: the function the goroutine started in (top frame of its creation or first stack), "" if unknown. */
  startFunc: number;
  /** Index into goroutines of the creator, -1 if unknown (existed before tracing, or runtime-created). */
  parent: number;
  /** Creation time (ns from start); -1 when it already existed when tracing began. */
  created: number;
  /** End time (ns) when it exited during the trace; -1 when still alive at the end. */
  ended: number;
  /** State at the end of the trace (GState), and for Waiting the reason (strings index). */
  finalState: GState;
  finalReason: number;
  /** Grouping key like go tool trace's goroutine analysis: index into strings of startFunc without closure suffixes. */
  group: number;
  /** True for goroutines started by the runtime (runtime.* / GC workers), false for user code. */
  system: boolean;
}

/** A stop-the-world pause or a GC phase, with its kind (Go's range name, e.g. "stop-the-world (GC mark termination)"). */
export interface RangeIntervals extends IntervalColumns {
  /** Index into strings of the range name. */
  name: Uint32Array;
  /** The goroutine (index into goroutines) or proc ID the range is scoped to, -1 for the whole program. */
  scope: Int32Array;
}

export interface TimeSeries {
  length: number;
  time: Float64Array;
  value: Float64Array;
}

export interface TaskRow {
  id: number;
  parentId: number; // 0 = background (no parent)
  name: number; // strings index
  start: number; // ns, -1 if it began before the trace
  end: number; // ns, -1 if never ended in the trace
  /** Goroutine (index) that began and ended it, -1 if unknown. */
  startGoroutine: number;
  endGoroutine: number;
}

export interface RegionIntervals extends IntervalColumns {
  /** Index into TraceModel.goroutines. */
  goroutine: Uint32Array;
  /** Task ID (0 = background: a region attributed to no task). */
  task: Float64Array;
  name: Uint32Array;
  /** Nesting depth on its goroutine (0 = outermost). */
  depth: Uint8Array;
  /** 1 when the region began before tracing started (a RegionBegin never seen). */
  beganBefore: Uint8Array;
}

export interface LogRows {
  length: number;
  time: Float64Array;
  /** Index into TraceModel.goroutines, -1 for none. */
  goroutine: Int32Array;
  task: Float64Array;
  category: Uint32Array;
  message: Uint32Array;
}

/** One row per goroutine group: time spent per state, like go tool trace's goroutine analysis. */
export interface GoroutineGroupSummary {
  group: number; // strings index
  count: number;
  /** ns per GState, plus waiting time split by reason (strings index -> ns). */
  running: number;
  runnable: number;
  syscall: number;
  waiting: number;
  waitingByReason: Record<number, number>;
}

/** Share of goroutine time spent blocked, per fixed window of time. */
export interface BlockRateWindows {
  windowNs: number;
  /** Window i covers [i*windowNs, (i+1)*windowNs). */
  blockedShare: Float64Array; // 0..1: blocked goroutine-ns / alive goroutine-ns in the window
  /** Blocked goroutine-ns per reason (strings index) per window: byReason[reason][i]. */
  byReason: Record<number, Float64Array>;
}

export interface Finding {
  /** Stable identifier of the rule (e.g. 'truncated', 'late-start', 'long-stw', 'gc-share', 'leak', 'block-rate-jump', 'unended-region', 'unended-task', 'region-without-task'). */
  rule: string;
  severity: 'info' | 'warning' | 'problem';
  /** Where in the trace (ns from start); -1 for the whole trace. */
  time: number;
  /** Numbers for the message template, e.g. { goroutines: 12 }. */
  facts: Record<string, number | string>;
  /** Lesson slug that explains it (e.g. 'principles/capturing-and-opening'), linked in the site's language. */
  lesson: string;
}

export interface TraceModel {
  /** "go 1.23" etc. from the header. */
  version: string;
  bytes: number;
  events: number;
  /** Absolute time of the first event (ns, trace clock) and the span covered. */
  start: number;
  duration: number;
  /** The reader's error, if reading stopped early; everything before it is analysed. */
  error?: { message: string; offset?: number };
  /** The trace ended early (missing its end) though no error was raised (Go's quiet EOF). */
  truncated: boolean;
  /**
   * (Added by analyse.ts.) Why `truncated` is set: 'header-only' (no events: the program exited
   * before the first generation was written; up to Go 1.25 the file is the 16-byte header and `error`
   * is set too, from Go 1.26 it also holds the unended generation's clock batch), 'ended-early'
   * (the reader's quiet EOF: a generation cut short), 'generation-boundary' (Go 1.22-1.25 traces have
   * no end marker; the file stops where the runtime's advancer closed a generation, not at trace.Stop).
   */
  truncatedCause?: 'header-only' | 'ended-early' | 'generation-boundary';
  strings: string[];
  /** Stacks: each is a list of frames, as strings indices of "func file:line". Index 0 is the empty stack. */
  stacks: number[][];
  goroutines: Goroutine[];
  goroutineStates: GoroutineStateIntervals;
  procs: number[]; // Proc IDs seen, ascending
  procRuns: ProcRuns;
  gcCycles: IntervalColumns; // "GC concurrent mark phase" ranges
  stwPauses: RangeIntervals;
  markAssists: RangeIntervals; // scope = goroutine index
  heapAlloc: TimeSeries; // /memory/classes/heap/objects:bytes
  heapGoal: TimeSeries; // /gc/heap/goal:bytes
  tasks: TaskRow[];
  regions: RegionIntervals;
  logs: LogRows;
}
