// The event table of the v2 wire format (Go 1.22 onwards), as data.
//
// This is Go 1.27's tracev2/events.go: one row per event type, read by the batch decoder,
// the ordering, Event accessors, String() and the text format. Go 1.23's table
// (event/go122/event.go) is the same without the Go 1.25/1.26 rows (specsFor(23)); each
// reader decodes every trace with its own table (readerSpecs). Adding an event is one row here
// plus, if it is timed, one handler in order.ts.

import { Version, type ReadAs } from './version.ts';

/** A wire event type byte. */
export type EventType = number;

/** An experiment ID (0 = not experimental). */
export type Experiment = number;

export const NoExperiment: Experiment = 0;
/** The alloc/free experiment (GODEBUG=traceallocfree=1). */
export const AllocFree: Experiment = 1;

/** One event type's shape on the wire. Mirrors Go's event.Spec. */
export interface EventSpec {
  /** Human-readable name, as in Go ("GoCreate"). */
  readonly name: string;
  /**
   * Argument names in wire order. For timed events the first is always "dt".
   * Names follow Go's convention: an optional name, "_", then a type
   * (seq, pstatus, gstatus, g, m, p, string, stack, value, task).
   */
  readonly args: readonly string[];
  /** Indices into args that are string IDs. */
  readonly stringIDs: readonly number[];
  /** Indices into args that are stack IDs; the first is the event's own stack. */
  readonly stackIDs: readonly number[];
  /** For an "end" event, the type of its "begin" event; 0 otherwise. */
  readonly startEv: EventType;
  /** Appears in M batches with a timestamp delta as its first argument. */
  readonly isTimedEvent: boolean;
  /** Followed by a uvarint length and that many raw bytes (String, ExperimentalBatch). */
  readonly hasData: boolean;
  /** Followed by nframes × (pc, func string ID, file string ID, line) (Stack). */
  readonly isStack: boolean;
  /** Experiment this event belongs to; NoExperiment for regular events. */
  readonly experiment: Experiment;
  /** First trace version that may contain this event. */
  readonly since: number;
}

/** Wire event type numbers (Go's Ev* constants). */
export const Ev = {
  None: 0,
  // Structural events.
  EventBatch: 1,
  Stacks: 2,
  Stack: 3,
  Strings: 4,
  String: 5,
  CPUSamples: 6,
  CPUSample: 7,
  Frequency: 8,
  // Procs.
  ProcsChange: 9,
  ProcStart: 10,
  ProcStop: 11,
  ProcSteal: 12,
  ProcStatus: 13,
  // Goroutines.
  GoCreate: 14,
  GoCreateSyscall: 15,
  GoStart: 16,
  GoDestroy: 17,
  GoDestroySyscall: 18,
  GoStop: 19,
  GoBlock: 20,
  GoUnblock: 21,
  GoSyscallBegin: 22,
  GoSyscallEnd: 23,
  GoSyscallEndBlocked: 24,
  GoStatus: 25,
  // STW.
  STWBegin: 26,
  STWEnd: 27,
  // GC.
  GCActive: 28,
  GCBegin: 29,
  GCEnd: 30,
  GCSweepActive: 31,
  GCSweepBegin: 32,
  GCSweepEnd: 33,
  GCMarkAssistActive: 34,
  GCMarkAssistBegin: 35,
  GCMarkAssistEnd: 36,
  HeapAlloc: 37,
  HeapGoal: 38,
  // Annotations.
  GoLabel: 39,
  UserTaskBegin: 40,
  UserTaskEnd: 41,
  UserRegionBegin: 42,
  UserRegionEnd: 43,
  UserLog: 44,
  // Coroutines (Go 1.23).
  GoSwitch: 45,
  GoSwitchDestroy: 46,
  GoCreateBlocked: 47,
  // GoStatus with a stack (Go 1.23).
  GoStatusStack: 48,
  // Experimental batch (Go 1.23).
  ExperimentalBatch: 49,
  // Sync batch and clock snapshot (Go 1.25).
  Sync: 50,
  ClockSnapshot: 51,
  // In-band end of generation (Go 1.26).
  EndOfGeneration: 52,
  // Experimental events (AllocFree, Go 1.23).
  Span: 128,
  SpanAlloc: 129,
  SpanFree: 130,
  HeapObject: 131,
  HeapObjectAlloc: 132,
  HeapObjectFree: 133,
  GoroutineStack: 134,
  GoroutineStackAlloc: 135,
  GoroutineStackFree: 136,
} as const;

/** Go's go122 GoStatus (wire goroutine status). */
export const GoStatus = { Bad: 0, Runnable: 1, Running: 2, Syscall: 3, Waiting: 4 } as const;
/** Go's go122 ProcStatus (wire proc status). */
export const ProcStatus = { Bad: 0, Running: 1, Idle: 2, Syscall: 3, SyscallAbandoned: 4 } as const;

const goStatusNames = ['Bad', 'Runnable', 'Running', 'Syscall', 'Waiting'];
const procStatusNames = ['Bad', 'Running', 'Idle', 'Syscall', 'SyscallAbandoned'];
/** GoStatus.String() in Go. */
export function goStatusString(s: number): string {
  return goStatusNames[s] ?? 'Bad';
}
/** ProcStatus.String() in Go 1.27 (Go 1.23 printed SyscallAbandoned as "Bad": pass readAs "go1.23"). */
export function procStatusString(s: number, readAs: ReadAs = 'go1.27'): string {
  if (readAs === 'go1.23' && s === ProcStatus.SyscallAbandoned) return 'Bad';
  return procStatusNames[s] ?? 'Bad';
}

/** Format limits. */
export const MaxBatchSize = 64 << 10;
export const MaxFramesPerStack = 128;
/** Maximum length of a String event's data (MaxEventTrailerDataSize in newer Go). */
export const MaxStringSize = 1 << 10;

interface Row {
  name: string;
  args?: string[];
  stringIDs?: number[];
  stackIDs?: number[];
  startEv?: EventType;
  timed?: boolean;
  hasData?: boolean;
  isStack?: boolean;
  experiment?: Experiment;
  since?: number;
}

const rows: Record<number, Row> = {
  // Structural events.
  [Ev.EventBatch]: { name: 'EventBatch', args: ['gen', 'm', 'time', 'size'] },
  [Ev.Stacks]: { name: 'Stacks' },
  [Ev.Stack]: { name: 'Stack', args: ['id', 'nframes'], isStack: true },
  [Ev.Strings]: { name: 'Strings' },
  [Ev.String]: { name: 'String', args: ['id'], hasData: true },
  [Ev.CPUSamples]: { name: 'CPUSamples' },
  // N.B. CPUSample has a timestamp, but it never appears in M batches. Go 1.27's row lists its
  // stack (argument 4), which nothing here reads: a sample event keeps its stack in a0 (reader.ts
  // checks it), where Go's check of the listed slot always passes.
  [Ev.CPUSample]: { name: 'CPUSample', args: ['time', 'm', 'p', 'g', 'stack'] },
  [Ev.Frequency]: { name: 'Frequency', args: ['freq'] },
  [Ev.ExperimentalBatch]: { name: 'ExperimentalBatch', args: ['exp', 'gen', 'm', 'time'], hasData: true, since: 23 },

  // Timed events.
  [Ev.ProcsChange]: { name: 'ProcsChange', args: ['dt', 'procs_value', 'stack'], timed: true, stackIDs: [2] },
  [Ev.ProcStart]: { name: 'ProcStart', args: ['dt', 'p', 'p_seq'], timed: true },
  [Ev.ProcStop]: { name: 'ProcStop', args: ['dt'], timed: true },
  [Ev.ProcSteal]: { name: 'ProcSteal', args: ['dt', 'p', 'p_seq', 'm'], timed: true },
  [Ev.ProcStatus]: { name: 'ProcStatus', args: ['dt', 'p', 'pstatus'], timed: true },
  [Ev.GoCreate]: { name: 'GoCreate', args: ['dt', 'new_g', 'new_stack', 'stack'], timed: true, stackIDs: [3, 2] },
  [Ev.GoCreateSyscall]: { name: 'GoCreateSyscall', args: ['dt', 'new_g'], timed: true },
  [Ev.GoStart]: { name: 'GoStart', args: ['dt', 'g', 'g_seq'], timed: true },
  [Ev.GoDestroy]: { name: 'GoDestroy', args: ['dt'], timed: true },
  [Ev.GoDestroySyscall]: { name: 'GoDestroySyscall', args: ['dt'], timed: true },
  [Ev.GoStop]: { name: 'GoStop', args: ['dt', 'reason_string', 'stack'], timed: true, stackIDs: [2], stringIDs: [1] },
  [Ev.GoBlock]: { name: 'GoBlock', args: ['dt', 'reason_string', 'stack'], timed: true, stackIDs: [2], stringIDs: [1] },
  [Ev.GoUnblock]: { name: 'GoUnblock', args: ['dt', 'g', 'g_seq', 'stack'], timed: true, stackIDs: [3] },
  [Ev.GoSyscallBegin]: { name: 'GoSyscallBegin', args: ['dt', 'p_seq', 'stack'], timed: true, stackIDs: [2] },
  [Ev.GoSyscallEnd]: { name: 'GoSyscallEnd', args: ['dt'], timed: true, startEv: Ev.GoSyscallBegin },
  [Ev.GoSyscallEndBlocked]: { name: 'GoSyscallEndBlocked', args: ['dt'], timed: true, startEv: Ev.GoSyscallBegin },
  [Ev.GoStatus]: { name: 'GoStatus', args: ['dt', 'g', 'm', 'gstatus'], timed: true },
  [Ev.STWBegin]: { name: 'STWBegin', args: ['dt', 'kind_string', 'stack'], timed: true, stackIDs: [2], stringIDs: [1] },
  [Ev.STWEnd]: { name: 'STWEnd', args: ['dt'], timed: true, startEv: Ev.STWBegin },
  [Ev.GCActive]: { name: 'GCActive', args: ['dt', 'gc_seq'], timed: true, startEv: Ev.GCBegin },
  [Ev.GCBegin]: { name: 'GCBegin', args: ['dt', 'gc_seq', 'stack'], timed: true, stackIDs: [2] },
  [Ev.GCEnd]: { name: 'GCEnd', args: ['dt', 'gc_seq'], timed: true, startEv: Ev.GCBegin },
  [Ev.GCSweepActive]: { name: 'GCSweepActive', args: ['dt', 'p'], timed: true, startEv: Ev.GCSweepBegin },
  [Ev.GCSweepBegin]: { name: 'GCSweepBegin', args: ['dt', 'stack'], timed: true, stackIDs: [1] },
  [Ev.GCSweepEnd]: { name: 'GCSweepEnd', args: ['dt', 'swept_value', 'reclaimed_value'], timed: true, startEv: Ev.GCSweepBegin },
  [Ev.GCMarkAssistActive]: { name: 'GCMarkAssistActive', args: ['dt', 'g'], timed: true, startEv: Ev.GCMarkAssistBegin },
  [Ev.GCMarkAssistBegin]: { name: 'GCMarkAssistBegin', args: ['dt', 'stack'], timed: true, stackIDs: [1] },
  [Ev.GCMarkAssistEnd]: { name: 'GCMarkAssistEnd', args: ['dt'], timed: true, startEv: Ev.GCMarkAssistBegin },
  [Ev.HeapAlloc]: { name: 'HeapAlloc', args: ['dt', 'heapalloc_value'], timed: true },
  [Ev.HeapGoal]: { name: 'HeapGoal', args: ['dt', 'heapgoal_value'], timed: true },
  [Ev.GoLabel]: { name: 'GoLabel', args: ['dt', 'label_string'], timed: true, stringIDs: [1] },
  [Ev.UserTaskBegin]: { name: 'UserTaskBegin', args: ['dt', 'task', 'parent_task', 'name_string', 'stack'], timed: true, stackIDs: [4], stringIDs: [3] },
  [Ev.UserTaskEnd]: { name: 'UserTaskEnd', args: ['dt', 'task', 'stack'], timed: true, stackIDs: [2] },
  [Ev.UserRegionBegin]: { name: 'UserRegionBegin', args: ['dt', 'task', 'name_string', 'stack'], timed: true, stackIDs: [3], stringIDs: [2] },
  [Ev.UserRegionEnd]: { name: 'UserRegionEnd', args: ['dt', 'task', 'name_string', 'stack'], timed: true, startEv: Ev.UserRegionBegin, stackIDs: [3], stringIDs: [2] },
  [Ev.UserLog]: { name: 'UserLog', args: ['dt', 'task', 'key_string', 'value_string', 'stack'], timed: true, stackIDs: [4], stringIDs: [2, 3] },
  [Ev.GoSwitch]: { name: 'GoSwitch', args: ['dt', 'g', 'g_seq'], timed: true, since: 23 },
  [Ev.GoSwitchDestroy]: { name: 'GoSwitchDestroy', args: ['dt', 'g', 'g_seq'], timed: true, since: 23 },
  [Ev.GoCreateBlocked]: { name: 'GoCreateBlocked', args: ['dt', 'new_g', 'new_stack', 'stack'], timed: true, stackIDs: [3, 2], since: 23 },
  [Ev.GoStatusStack]: { name: 'GoStatusStack', args: ['dt', 'g', 'm', 'gstatus', 'stack'], timed: true, stackIDs: [4], since: 23 },

  // Go 1.25: the sync batch and its clock snapshot; Go 1.26: end of generation.
  [Ev.Sync]: { name: 'Sync', since: 25 },
  // N.B. timed, but it only appears inside a Sync batch; in an M batch the ordering rejects it.
  [Ev.ClockSnapshot]: { name: 'ClockSnapshot', args: ['dt', 'mono', 'sec', 'nsec'], timed: true, since: 25 },
  [Ev.EndOfGeneration]: { name: 'EndOfGeneration', since: 26 },

  // Experimental events (AllocFree).
  [Ev.Span]: { name: 'Span', args: ['dt', 'id', 'npages_value', 'kindclass'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.SpanAlloc]: { name: 'SpanAlloc', args: ['dt', 'id', 'npages_value', 'kindclass'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.SpanFree]: { name: 'SpanFree', args: ['dt', 'id'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.HeapObject]: { name: 'HeapObject', args: ['dt', 'id', 'type'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.HeapObjectAlloc]: { name: 'HeapObjectAlloc', args: ['dt', 'id', 'type'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.HeapObjectFree]: { name: 'HeapObjectFree', args: ['dt', 'id'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.GoroutineStack]: { name: 'GoroutineStack', args: ['dt', 'id', 'order'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.GoroutineStackAlloc]: { name: 'GoroutineStackAlloc', args: ['dt', 'id', 'order'], timed: true, experiment: AllocFree, since: 23 },
  [Ev.GoroutineStackFree]: { name: 'GoroutineStackFree', args: ['dt', 'id'], timed: true, experiment: AllocFree, since: 23 },
};

function toSpec(r: Row): EventSpec {
  return Object.freeze({
    name: r.name,
    args: Object.freeze(r.args ?? []),
    stringIDs: Object.freeze(r.stringIDs ?? []),
    stackIDs: Object.freeze(r.stackIDs ?? []),
    startEv: r.startEv ?? 0,
    isTimedEvent: r.timed ?? false,
    hasData: r.hasData ?? false,
    isStack: r.isStack ?? false,
    experiment: r.experiment ?? NoExperiment,
    since: r.since ?? 22,
  });
}

/**
 * Length of Go 1.23's spec array (the last experimental event + 1). Types below it
 * without a row have an empty name in Go ("expected batch event, got " + ""), above it
 * they print as "Invalid(N)".
 */
export const SpecTableLength = Ev.GoroutineStackFree + 1;

/**
 * Every known event type, newest format (Go 1.27's tracev2.Specs()); index = type byte; holes
 * are undefined. Go 1.27's reader decodes and names events by this one table whatever the
 * trace's version.
 */
export const allSpecs: readonly (EventSpec | undefined)[] = (() => {
  const a: (EventSpec | undefined)[] = new Array(SpecTableLength).fill(undefined);
  for (const [k, r] of Object.entries(rows)) a[Number(k)] = toSpec(r);
  return Object.freeze(a);
})();

const byVersion = new Map<number, readonly (EventSpec | undefined)[]>();

/**
 * The event table for one trace version: the rows that version may contain (Go's
 * version.Specs()). Go 1.22 and 1.23 share one table in Go's reader (a 1.22 trace is a
 * valid 1.23 trace), so rows since 1.23 are kept for 1.22 too; 1.25 and 1.26 rows are not.
 */
export function specsFor(v: number): readonly (EventSpec | undefined)[] {
  let t = byVersion.get(v);
  if (t === undefined) {
    const limit = v <= Version.Go123 ? Version.Go123 : v;
    t = Object.freeze(allSpecs.map((s) => (s !== undefined && s.since <= limit ? s : undefined)));
    byVersion.set(v, t);
  }
  return t;
}

/** The table a Go release's reader decodes every trace's events with (go122.Specs() in Go 1.23). */
export function readerSpecs(readAs: ReadAs): readonly (EventSpec | undefined)[] {
  return readAs === 'go1.23' ? specsFor(Version.Go123) : allSpecs;
}

// Go 1.27's version.Specs(): each version's table is tracev2.Specs() cut after its newest
// structural or timed event, so the experimental rows (128 and up) fall outside every table
// but Go 1.26's.
const versionSpecsEnd: Record<number, number> = {
  [Version.Go122]: Ev.UserLog + 1,
  [Version.Go123]: Ev.ExperimentalBatch + 1,
  [Version.Go125]: Ev.ClockSnapshot + 1,
  [Version.Go126]: SpecTableLength,
};

/** Go 1.27's Version.EventName: an event type's name in the ordering's errors. */
export function versionEventName(v: number, typ: EventType): string {
  const end = versionSpecsEnd[v];
  if (end === undefined) return v === Version.Go111 || v === Version.Go119 || v === Version.Go121 ? '<v1 trace event type>' : '<invalid trace version>';
  const name = typ < end ? allSpecs[typ]?.name : undefined;
  return name !== undefined ? name : `Invalid(${typ})`;
}

/** Go's EventString: the name of an event type, "" for an unnamed row, or "Invalid(N)". */
export function eventString(specs: readonly (EventSpec | undefined)[], typ: EventType): string {
  if (typ < specs.length) return specs[typ]?.name ?? '';
  return `Invalid(${typ})`;
}

/** Map from event name to type, for a table (Go's event.Names). */
export function eventNames(specs: readonly (EventSpec | undefined)[]): Map<string, EventType> {
  const m = new Map<string, EventType>();
  specs.forEach((s, i) => {
    if (s !== undefined) m.set(s.name, i);
  });
  return m;
}

/**
 * For each event type of a table, the args slots (index after the time delta) holding stack
 * and string IDs: at most two of each, at [2 * type] and [2 * type + 1], -1 where there is none.
 * Flat arrays, since the reader checks every event's IDs.
 */
export interface IDArgSlots {
  readonly stacks: Int8Array;
  readonly strings: Int8Array;
}

const idArgSlotsCache = new WeakMap<readonly (EventSpec | undefined)[], IDArgSlots>();

/** The stack- and string-ID argument slots of every type in a table (cached per table). */
export function idArgSlots(specs: readonly (EventSpec | undefined)[]): IDArgSlots {
  let s = idArgSlotsCache.get(specs);
  if (s === undefined) {
    const stacks = new Int8Array(512).fill(-1);
    const strings = new Int8Array(512).fill(-1);
    specs.forEach((spec, t) => {
      if (spec === undefined) return;
      if (spec.stackIDs.length > 2 || spec.stringIDs.length > 2) throw new Error(`${spec.name}: more than two stack or string IDs`);
      spec.stackIDs.forEach((i, k) => (stacks[2 * t + k] = i - 1));
      spec.stringIDs.forEach((i, k) => (strings[2 * t + k] = i - 1));
    });
    s = { stacks, strings };
    idArgSlotsCache.set(specs, s);
  }
  return s;
}
