// The public Event: an ordered event with its scheduling context and accessors that
// interpret it (Go's event.go). The accessors follow Go 1.27; toString() is Go 1.27.3's
// Event.String() byte for byte, or Go 1.23.5's for a reader that reads as Go 1.23.

import { argAt, type BaseEvent } from './batchcursor.ts';
import { EvTable as EvTableClass, type EvTable, type ExperimentalBatch } from './generation.ts';
import { goQuote, goRFC3339NanoUTC, goUnix } from './format.ts';
import {
  GoState, ProcState, ResourceID, ResourceKind,
  StateTransition, goStateString, procStateString,
} from './resources.ts';
import { Ev, ProcStatus, allSpecs, type EventSpec } from './spec.ts';
import { TimeBase, int64OfFloat } from './time.ts';
import { Version } from './version.ts';
import { Value, ValueKind, stringValue } from './value.ts';
import { BigValues, fmtInt64, fmtUint64, hexUint64, isBig, uint64ToFloat } from './wire.ts';

/** Kinds of event (Go's EventKind). */
export const EventKind = {
  Bad: 0,
  Sync: 1,
  Metric: 2,
  Label: 3,
  StackSample: 4,
  RangeBegin: 5,
  RangeActive: 6,
  RangeEnd: 7,
  TaskBegin: 8,
  TaskEnd: 9,
  RegionBegin: 10,
  RegionEnd: 11,
  Log: 12,
  StateTransition: 13,
  Experimental: 14,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

const eventKindNames = [
  'Bad', 'Sync', 'Metric', 'Label', 'StackSample', 'RangeBegin', 'RangeActive', 'RangeEnd',
  'TaskBegin', 'TaskEnd', 'RegionBegin', 'RegionEnd', 'Log', 'StateTransition', 'Experimental',
];

/** EventKind.String() in Go. */
export function eventKindString(k: number): string {
  return eventKindNames[k] ?? 'Bad';
}

/** The synthetic wire type of Sync events (Go's evSync = ^event.Type(0)). */
export const evSync = 255;

/** Task IDs are numbers; NoTask is Go's 2^64-1, which reads as -1 here. */
export const NoTask = -1;
/** The background task (ID 0), to which events outside any task belong. */
export const BackgroundTask = 0;

// Go's go122Type2Kind.
const typeToKind: Uint8Array = (() => {
  const k = new Uint8Array(256);
  const set = (kind: number, ...types: number[]): void => types.forEach((t) => (k[t] = kind));
  set(EventKind.StackSample, Ev.CPUSample);
  set(EventKind.Metric, Ev.ProcsChange, Ev.HeapAlloc, Ev.HeapGoal);
  set(EventKind.StateTransition, Ev.ProcStart, Ev.ProcStop, Ev.ProcSteal, Ev.ProcStatus, Ev.GoCreate,
    Ev.GoCreateSyscall, Ev.GoStart, Ev.GoDestroy, Ev.GoDestroySyscall, Ev.GoStop, Ev.GoBlock, Ev.GoUnblock,
    Ev.GoSyscallBegin, Ev.GoSyscallEnd, Ev.GoSyscallEndBlocked, Ev.GoStatus, Ev.GoSwitch, Ev.GoSwitchDestroy,
    Ev.GoCreateBlocked, Ev.GoStatusStack);
  set(EventKind.RangeBegin, Ev.STWBegin, Ev.GCBegin, Ev.GCSweepBegin, Ev.GCMarkAssistBegin);
  set(EventKind.RangeActive, Ev.GCActive, Ev.GCSweepActive, Ev.GCMarkAssistActive);
  set(EventKind.RangeEnd, Ev.STWEnd, Ev.GCEnd, Ev.GCSweepEnd, Ev.GCMarkAssistEnd);
  set(EventKind.Label, Ev.GoLabel);
  set(EventKind.TaskBegin, Ev.UserTaskBegin);
  set(EventKind.TaskEnd, Ev.UserTaskEnd);
  set(EventKind.RegionBegin, Ev.UserRegionBegin);
  set(EventKind.RegionEnd, Ev.UserRegionEnd);
  set(EventKind.Log, Ev.UserLog);
  set(EventKind.Experimental, Ev.Span, Ev.SpanAlloc, Ev.SpanFree, Ev.HeapObject, Ev.HeapObjectAlloc,
    Ev.HeapObjectFree, Ev.GoroutineStack, Ev.GoroutineStackAlloc, Ev.GoroutineStackFree);
  set(EventKind.Sync, evSync);
  return k;
})();

/** Wire goroutine status -> GoState (Go's go122GoStatus2GoState). */
export const goStatusToGoState = [GoState.Undetermined, GoState.Runnable, GoState.Running, GoState.Syscall, GoState.Waiting];
/** Wire proc status -> ProcState (Go's go122ProcStatus2ProcState). */
export const procStatusToProcState = [ProcState.Undetermined, ProcState.Running, ProcState.Idle, ProcState.Running, ProcState.Idle];

/** The low 8 bits of a wire number (Go's uint8 conversion of a status argument). */
export function low8(v: number, big: BigValues): number {
  if (Number.isInteger(v)) return ((v % 256) + 256) % 256;
  return Number(big.uint64(v) & 0xffn);
}

/** One frame of a stack. */
export interface StackFrame {
  /** Program counter (exact below 2^53). */
  pc: number;
  /** Function name. */
  func: string;
  /** Source file. */
  file: string;
  /** Line number. */
  line: number;
}

/** A handle to a stack in a generation's table. Compare with `equals`, or check `isEmpty`. */
export class Stack {
  private readonly table: EvTable | null;
  /** The stack's ID within its generation (0 = none). */
  readonly id: number;
  /** @internal */
  constructor(table: EvTable | null, id: number) {
    this.table = table;
    this.id = id;
  }

  /** True for NoStack. Note Go prints a CPU sample's or a creation's stack even if its ID is 0. */
  get isNone(): boolean {
    return this.table === null;
  }

  equals(o: Stack): boolean {
    return this.table === o.table && this.id === o.id;
  }

  /** The frames, innermost first. */
  frames(): StackFrame[] {
    const out: StackFrame[] = [];
    if (this.id === 0 || this.table === null) return out;
    const t = this.table;
    const pcs = t.stacks.get(this.id)!;
    for (const pc of pcs) {
      const f = t.pcs.get(pc)!;
      out.push({
        pc: isBig(f.pc) ? Number(t.big.uint64(f.pc)) : f.pc,
        func: t.strings.get(f.funcID)!,
        file: t.strings.get(f.fileID)!,
        line: isBig(f.line) || f.line < 0 ? Number(t.big.uint64(f.line)) : f.line,
      });
    }
    return out;
  }

  /** Go's frame lines (printStack): "<prefix>func @ 0xpc\n<prefix>\tfile:line\n" per frame. */
  framesText(prefix = '\t'): string {
    if (this.id === 0 || this.table === null) return '';
    const t = this.table;
    const pcs = t.stacks.get(this.id)!;
    let s = '';
    for (const pc of pcs) {
      const f = t.pcs.get(pc)!;
      s += `${prefix}${t.strings.get(f.funcID)} @ 0x${hexUint64(f.pc, t.big)}\n${prefix}\t${t.strings.get(f.fileID)}:${fmtUint64(f.line, t.big)}\n`;
    }
    return s;
  }

  /** Go 1.27's Stack.String(): "func @ 0xpc\n\tfile:line\n" per frame. */
  toString(): string {
    return this.framesText('');
  }
}

/** The absence of a stack. */
export const NoStack = new Stack(null, 0);

/** Details of a Metric event. */
export interface Metric {
  /** runtime/metrics-style name with unit, e.g. "/gc/heap/goal:bytes". */
  name: string;
  value: Value;
}
/** Details of a Label event. */
export interface Label {
  label: string;
  resource: ResourceID;
}
/** Details of a RangeBegin/RangeActive/RangeEnd event. */
export interface Range {
  name: string;
  scope: ResourceID;
}
/** An attribute of a completed range. */
export interface RangeAttribute {
  name: string;
  value: Value;
}
/** Details of a TaskBegin/TaskEnd event. */
export interface Task {
  id: number;
  parent: number;
  /** The task type given to trace.NewTask ("" if its begin is not in the trace). */
  type: string;
}
/** Details of a RegionBegin/RegionEnd event. */
export interface Region {
  task: number;
  type: string;
}
/** Details of a Log event. */
export interface Log {
  task: number;
  category: string;
  message: string;
}
/**
 * A clock snapshot (Go 1.25+ traces): the same instant on the trace, wall and monotonic
 * clocks, for correlating trace times with other tools' (Go's ClockSnapshot).
 */
export interface ClockSnapshot {
  /** Trace time, ns (like Event.time(): exact below 2^53; see traceBigInt). */
  trace: number;
  /** The exact trace time, ns (Go's Time, an int64). */
  traceBigInt: bigint;
  /** Wall clock (an invalid Date beyond JavaScript's range; wallSec and wallNsec are exact). */
  wall: Date;
  /** Wall clock as Go's time.Unix(sec, nsec) holds it: seconds since the Unix epoch, and nanoseconds in [0, 1e9). */
  wallSec: bigint;
  wallNsec: bigint;
  /** Wall clock as Go 1.27's String() prints it: RFC 3339 with nanoseconds, in UTC. */
  wallText: string;
  /** Runtime monotonic clock, ns. */
  mono: bigint;
}
/** Details of a Sync event (Go's Sync). */
export interface Sync {
  /** 1 for the first Sync of the trace, counting up. */
  n: number;
  /**
   * The clock snapshot of the generation this Sync opens (Go 1.25+ traces read as Go 1.27);
   * null otherwise, and for the Sync that ends a trace.
   */
  clockSnapshot: ClockSnapshot | null;
  /** The unparsed side data of experiments in that generation, by experiment name ("AllocFree"). */
  experimentalBatches: ReadonlyMap<string, readonly ExperimentalBatch[]>;
}
/** A raw experimental event (Go's ExperimentalEvent). */
export interface ExperimentalEvent {
  /** The event's name ("SpanAlloc"). */
  name: string;
  /** The experiment it belongs to ("AllocFree"). */
  experiment: string;
  /** The names of its arguments, in order. */
  args: readonly string[];
  /** The i'th argument: a String value if its name ends in "string" (a string ID), else a Uint64. */
  argValue(i: number): Value;
}

/** Experiment names by ID (Go's tracev2.Experiments()); an unknown ID gets "Experiment(N)". */
const experimentNames = ['None', 'AllocFree'];
export function experimentName(id: number): string {
  return experimentNames[id] ?? `Experiment(${id})`;
}

const noBatches: ReadonlyMap<string, readonly ExperimentalBatch[]> = new Map();

/** An event, in the order the reader produces them. */
export class Event implements BaseEvent {
  /** @internal */
  typ: number;
  /** @internal Relative time (see time.ts). */
  ts: number;
  /** @internal */
  a0: number;
  /** @internal */
  a1: number;
  /** @internal */
  a2: number;
  /** @internal */
  a3: number;
  /** @internal */
  table: EvTable;
  /** @internal */
  g: number;
  /** @internal */
  p: number;
  /** @internal */
  m: number;

  /** @internal */
  constructor(table: EvTable, g: number, p: number, m: number, typ: number, ts: number, a0: number, a1: number, a2: number, a3: number) {
    this.table = table;
    this.g = g;
    this.p = p;
    this.m = m;
    this.typ = typ;
    this.ts = ts;
    this.a0 = a0;
    this.a1 = a1;
    this.a2 = a2;
    this.a3 = a3;
  }

  /** The wire event type this event came from (Ev.* or evSync). */
  get type(): number {
    return this.typ;
  }

  kind(): EventKind {
    return typeToKind[this.typ] as EventKind;
  }

  /** Timestamp in ns (exact below 2^53; see timeBigInt). Strictly increasing in read order. */
  time(): number {
    return this.table.timeBase.abs(this.ts);
  }

  /** The exact timestamp in ns. */
  timeBigInt(): bigint {
    return this.table.timeBase.exact(this);
  }

  /** The goroutine running on the thread before this event (-1 = none). */
  goroutine(): number {
    return idNumber(this.g, this.table.big);
  }
  /** The proc held by the thread before this event (-1 = none). */
  proc(): number {
    return idNumber(this.p, this.table.big);
  }
  /** The thread (M) of this event (-1 = none, e.g. for Sync). */
  thread(): number {
    return idNumber(this.m, this.table.big);
  }

  private spec(): EventSpec | undefined {
    return this.typ === evSync ? undefined : this.table.specs[this.typ];
  }

  /** The stack of the current execution context at this event, or NoStack. */
  stack(): Stack {
    if (this.typ === evSync) return NoStack;
    if (this.typ === Ev.CPUSample) return new Stack(this.table, this.a0);
    const spec = this.spec();
    if (spec === undefined || spec.stackIDs.length === 0) return NoStack;
    const id = argAt(this, spec.stackIDs[0] - 1);
    return id === 0 ? NoStack : new Stack(this.table, id);
  }

  private must(kind: number, what: string): void {
    if (this.kind() !== kind) throw new Error(`${what} called on non-${what} event`);
  }

  private str(id: number): string {
    return this.table.strings.get(id)!;
  }

  private u64(v: number): Value {
    return new Value(ValueKind.Uint64, v, this.table.big);
  }

  metric(): Metric {
    this.must(EventKind.Metric, 'Metric');
    switch (this.typ) {
      case Ev.ProcsChange: return { name: '/sched/gomaxprocs:threads', value: this.u64(this.a0) };
      case Ev.HeapAlloc: return { name: '/memory/classes/heap/objects:bytes', value: this.u64(this.a0) };
      default: return { name: '/gc/heap/goal:bytes', value: this.u64(this.a0) };
    }
  }

  label(): Label {
    this.must(EventKind.Label, 'Label');
    return { label: this.str(this.a0), resource: this.res(ResourceKind.Goroutine, this.g) };
  }

  private res(kind: ResourceKind, id: number): ResourceID {
    return new ResourceID(kind, idNumber(id, this.table.big), fmtInt64(id, this.table.big));
  }

  /**
   * Details of a range event. For GCSweepActive the scope is the proc named by the event
   * (newer Go); Go 1.23's String() prints the context's proc instead, and toString() does too.
   */
  range(): Range {
    const k = this.kind();
    if (k !== EventKind.RangeBegin && k !== EventKind.RangeActive && k !== EventKind.RangeEnd) {
      throw new Error('Range called on non-Range event');
    }
    switch (this.typ) {
      case Ev.STWBegin:
      case Ev.STWEnd:
        return { name: `stop-the-world (${this.str(this.a0)})`, scope: this.res(ResourceKind.Goroutine, this.g) };
      case Ev.GCBegin:
      case Ev.GCActive:
      case Ev.GCEnd:
        return { name: 'GC concurrent mark phase', scope: ResourceID.none() };
      case Ev.GCSweepBegin:
      case Ev.GCSweepActive:
      case Ev.GCSweepEnd:
        return { name: 'GC incremental sweep', scope: this.res(ResourceKind.Proc, this.typ === Ev.GCSweepActive ? this.a0 : this.p) };
      default:
        return { name: 'GC mark assist', scope: this.res(ResourceKind.Goroutine, this.typ === Ev.GCMarkAssistActive ? this.a0 : this.g) };
    }
  }

  /** Attributes of a completed range (GC sweep: bytes swept and reclaimed). */
  rangeAttributes(): RangeAttribute[] {
    this.must(EventKind.RangeEnd, 'Range');
    if (this.typ !== Ev.GCSweepEnd) return [];
    return [
      { name: 'bytes swept', value: this.u64(this.a0) },
      { name: 'bytes reclaimed', value: this.u64(this.a1) },
    ];
  }

  task(): Task {
    const k = this.kind();
    if (k !== EventKind.TaskBegin && k !== EventKind.TaskEnd) throw new Error('Task called on non-Task event');
    if (this.typ === Ev.UserTaskBegin) return { id: this.a0, parent: this.a1, type: this.str(this.a2) };
    // The ordering smuggles the parent and the name (as an extra string) into the extra slots.
    return { id: this.a0, parent: this.a2, type: this.table.getExtraString(this.a3) };
  }

  region(): Region {
    const k = this.kind();
    if (k !== EventKind.RegionBegin && k !== EventKind.RegionEnd) throw new Error('Region called on non-Region event');
    return { task: this.a0, type: this.str(this.a1) };
  }

  log(): Log {
    this.must(EventKind.Log, 'Log');
    return { task: this.a0, category: this.str(this.a1), message: this.str(this.a2) };
  }

  stateTransition(): StateTransition {
    this.must(EventKind.StateTransition, 'StateTransition');
    const big = this.table.big;
    const go = (id: number, from: number, to: number, reason = '', stack: Stack = NoStack): StateTransition =>
      new StateTransition(this.res(ResourceKind.Goroutine, id), reason, stack, from, to);
    const proc = (id: number, from: number, to: number): StateTransition =>
      new StateTransition(this.res(ResourceKind.Proc, id), '', NoStack, from, to);
    switch (this.typ) {
      case Ev.ProcStart: return proc(this.a0, ProcState.Idle, ProcState.Running);
      case Ev.ProcStop: return proc(this.p, ProcState.Running, ProcState.Idle);
      case Ev.ProcSteal:
        // The ordering put the P's old status in extra[0]; a SyscallAbandoned P was already idle.
        return proc(this.a0, low8(this.a3, big) === ProcStatus.SyscallAbandoned ? ProcState.Idle : ProcState.Running, ProcState.Idle);
      case Ev.ProcStatus: return proc(this.a0, this.a2, procStatusToProcState[low8(this.a1, big)] ?? ProcState.Undetermined);
      case Ev.GoCreate:
      case Ev.GoCreateBlocked:
        return go(this.a0, GoState.NotExist, this.typ === Ev.GoCreateBlocked ? GoState.Waiting : GoState.Runnable, '', new Stack(this.table, this.a1));
      case Ev.GoCreateSyscall: return go(this.a0, GoState.NotExist, GoState.Syscall);
      case Ev.GoStart: return go(this.a0, GoState.Runnable, GoState.Running);
      case Ev.GoDestroy: return go(this.g, GoState.Running, GoState.NotExist, '', this.stack());
      case Ev.GoDestroySyscall: return go(this.g, GoState.Syscall, GoState.NotExist);
      case Ev.GoStop: return go(this.g, GoState.Running, GoState.Runnable, this.str(this.a0), this.stack());
      case Ev.GoBlock: return go(this.g, GoState.Running, GoState.Waiting, this.str(this.a0), this.stack());
      case Ev.GoUnblock:
      case Ev.GoSwitch:
      case Ev.GoSwitchDestroy:
        return go(this.a0, GoState.Waiting, GoState.Runnable);
      case Ev.GoSyscallBegin: return go(this.g, GoState.Running, GoState.Syscall, '', this.stack());
      case Ev.GoSyscallEnd: return go(this.g, GoState.Syscall, GoState.Running, '', this.stack());
      case Ev.GoSyscallEndBlocked: return go(this.g, GoState.Syscall, GoState.Runnable, '', this.stack());
      default: {
        // GoStatus and GoStatusStack: the ordering packed the old state with the status, as Go
        // 1.27 does. The status event's stack is the goroutine's own (GoStatusStack has one).
        return go(this.a0, this.a2 >> 3, goStatusToGoState[this.a2 & 7] ?? GoState.Undetermined, '', this.stack());
      }
    }
  }

  /** Details of a Sync event. */
  sync(): Sync {
    this.must(EventKind.Sync, 'Sync');
    const t = this.table;
    let snap: ClockSnapshot | null = null;
    const cs = t.clockSnapshot;
    if (cs !== null) {
      const traceBigInt = int64OfFloat(uint64ToFloat(cs.ticks, t.big) * t.freq);
      const wall = goUnix(BigInt.asIntN(64, t.big.uint64(cs.sec)), BigInt.asIntN(64, t.big.uint64(cs.nsec)));
      const ms = wall.sec * 1000n + wall.nsec / 1000000n;
      snap = {
        trace: Number(traceBigInt),
        traceBigInt,
        wall: new Date(ms > 8640000000000000n || ms < -8640000000000000n ? NaN : Number(ms)),
        wallSec: wall.sec,
        wallNsec: wall.nsec,
        wallText: goRFC3339NanoUTC(wall.sec, wall.nsec),
        mono: t.big.uint64(cs.mono),
      };
    }
    let batches = noBatches;
    if (t.expBatches !== null) {
      const byName = new Map<string, readonly ExperimentalBatch[]>();
      for (const [exp, list] of t.expBatches) byName.set(experimentName(exp), list);
      batches = byName;
    }
    return { n: this.a0, clockSnapshot: snap, experimentalBatches: batches };
  }

  experimental(): ExperimentalEvent {
    this.must(EventKind.Experimental, 'Experimental');
    const spec = this.spec()!;
    const args = spec.args.slice(1); // the time delta is not an argument
    const t = this.table;
    const values = args.map((_, i) => argAt(this, i));
    return {
      name: spec.name,
      experiment: experimentName(spec.experiment),
      args,
      argValue(i: number): Value {
        if (!(i >= 0 && i < args.length)) throw new RangeError(`experimental event argument index ${i} out of bounds [0, ${args.length})`);
        if (args[i].endsWith('string')) {
          const str = t.strings.get(values[i]);
          if (str === undefined) throw new Error(`expected id ${fmtUint64(values[i], t.big)} in string table`);
          return stringValue(str);
        }
        return new Value(ValueKind.Uint64, values[i], t.big);
      },
    };
  }

  /** Go 1.27.3's Event.String(), byte for byte (Go 1.23.5's for a reader reading as Go 1.23). */
  toString(): string {
    return this.table.readAs === 'go1.23' ? this.toStringGo123() : this.toStringGo127();
  }

  private toStringGo127(): string {
    const t = this.table;
    const big = t.big;
    let s = `M=${fmtInt64(this.m, big)} P=${fmtInt64(this.p, big)} G=${fmtInt64(this.g, big)} ${eventKindNames[typeToKind[this.typ]]} Time=${t.timeBase.format(this)}`;
    switch (typeToKind[this.typ]) {
      case EventKind.Metric: {
        const m = this.metric();
        s += ` Name=${goQuote(m.name)} Value=${m.value.toString()}`;
        break;
      }
      case EventKind.Label:
        s += ` Label=${goQuote(this.str(this.a0))} Resource=Goroutine(${fmtInt64(this.g, big)})`;
        break;
      case EventKind.RangeBegin:
      case EventKind.RangeActive:
      case EventKind.RangeEnd: {
        const r = this.range();
        s += ` Name=${goQuote(r.name)} Scope=${r.scope.toString()}`;
        if (this.kind() === EventKind.RangeEnd) s += ` Attributes=[${this.rangeAttributes().map((a) => `${goQuote(a.name)}=${a.value.toString()}`).join(' ')}]`;
        break;
      }
      case EventKind.TaskBegin:
      case EventKind.TaskEnd:
      case EventKind.RegionBegin:
      case EventKind.RegionEnd:
      case EventKind.Log:
        s += this.annotationFields(big);
        break;
      case EventKind.StateTransition: {
        const st = this.stateTransition();
        if (st.resource.kind === ResourceKind.Goroutine) {
          const { from, to } = st.goroutine();
          s += ` GoID=${st.resource.idText} ${goStateString(from)}->${goStateString(to)}`;
        } else {
          const { from, to } = st.proc();
          s += ` ProcID=${st.resource.idText} ${procStateString(from)}->${procStateString(to)}`;
        }
        s += ` Reason=${goQuote(st.reason)}`;
        if (!st.stack.isNone) s += '\nTransitionStack=\n' + st.stack.framesText();
        break;
      }
      case EventKind.Experimental: {
        const x = this.experimental();
        s += ` Name=${x.name} Args=[${x.args.map((a, i) => `${a}=${x.argValue(i).toString()}`).join(', ')}]`;
        break;
      }
      case EventKind.Sync: {
        const sy = this.sync();
        s += ` N=${sy.n}`;
        const cs = sy.clockSnapshot;
        if (cs !== null) s += ` Trace=${cs.traceBigInt} Mono=${cs.mono} Wall=${cs.wallText}`;
        break;
      }
    }
    const stk = this.stack();
    if (!stk.isNone) s += '\nStack=\n' + stk.framesText();
    return s;
  }

  // Go 1.23.5's Event.String(): the resource before the states, values as Uint64(N), a
  // GCSweepActive scoped to the context's proc, no transition stack on status events, and
  // Syncs and experimental events without their details.
  /** A task, region or log event's fields, the same in Go 1.23's String() and Go 1.27's. */
  private annotationFields(big: BigValues): string {
    switch (this.kind()) {
      case EventKind.TaskBegin:
      case EventKind.TaskEnd: {
        const tk = this.task();
        return ` ID=${fmtUint64(tk.id, big)} Parent=${fmtUint64(tk.parent, big)} Type=${goQuote(tk.type)}`;
      }
      case EventKind.Log:
        return ` Task=${fmtUint64(this.a0, big)} Category=${goQuote(this.str(this.a1))} Message=${goQuote(this.str(this.a2))}`;
      default:
        return ` Task=${fmtUint64(this.a0, big)} Type=${goQuote(this.str(this.a1))}`;
    }
  }

  private toStringGo123(): string {
    const t = this.table;
    const big = t.big;
    let s = `M=${fmtInt64(this.m, big)} P=${fmtInt64(this.p, big)} G=${fmtInt64(this.g, big)} ${eventKindNames[typeToKind[this.typ]]} Time=${t.timeBase.format(this)}`;
    switch (typeToKind[this.typ]) {
      case EventKind.Metric: {
        const m = this.metric();
        s += ` Name=${goQuote(m.name)} Value=${m.value.toStringGo123()}`;
        break;
      }
      case EventKind.Label:
        s += ` Label=${goQuote(this.str(this.a0))} Resource=Goroutine(${fmtInt64(this.g, big)})`;
        break;
      case EventKind.RangeBegin:
      case EventKind.RangeActive:
      case EventKind.RangeEnd: {
        const r = this.range();
        // Go 1.23 overwrites the GCSweepActive scope with the context's proc.
        const scope = this.typ === Ev.GCSweepActive ? `Proc(${fmtInt64(this.p, big)})` : r.scope.toString();
        s += ` Name=${goQuote(r.name)} Scope=${scope}`;
        if (this.kind() === EventKind.RangeEnd) {
          s += ' Attributes=[';
          this.rangeAttributes().forEach((a, i) => {
            if (i !== 0) s += ' ';
            s += `${goQuote(a.name)}=${a.value.toStringGo123()}`;
          });
          s += ']';
        }
        break;
      }
      case EventKind.TaskBegin:
      case EventKind.TaskEnd:
      case EventKind.RegionBegin:
      case EventKind.RegionEnd:
      case EventKind.Log:
        s += this.annotationFields(big);
        break;
      case EventKind.StateTransition: {
        const st = this.stateTransition();
        s += ` Resource=${st.resource.toString()} Reason=${goQuote(st.reason)}`;
        if (st.resource.kind === ResourceKind.Goroutine) {
          const { from, to } = st.goroutine();
          s += ` GoID=${st.resource.idText} ${goStateString(from)}->${goStateString(to)}`;
        } else {
          const { from, to } = st.proc();
          s += ` ProcID=${st.resource.idText} ${procStateString(from)}->${procStateString(to)}`;
        }
        if (!st.stack.isNone && this.typ !== Ev.GoStatusStack) s += '\nTransitionStack=\n' + st.stack.framesText();
        break;
      }
      case EventKind.Experimental: {
        const spec = this.spec()!;
        const names = spec.args.slice(1);
        s += ` Name=${spec.name} ArgNames=[${names.join(' ')}] Args=[${names.map((_, i) => fmtUint64(argAt(this, i), big)).join(' ')}]`;
        break;
      }
    }
    const stk = this.stack();
    if (!stk.isNone) s += '\nStack=\n' + stk.framesText();
    return s;
  }
}

// A wire number as an ID for the API: exact below 2^53, rounded beyond (never written by the runtime).
function idNumber(v: number, big: BigValues): number {
  return isBig(v) ? Number(big.int64(v)) : v;
}

// --- Making events by hand (Go 1.27's MakeEvent, MakeStack, Make*StateTransition): for tools and
// tests that write or transform traces. Each made event has a table of its own, as in Go. ---

/** The details of a StackSample event made by hand (Go's StackSample): none, the stack is the event's. */
export type StackSample = Record<string, never>;

/** What makeEvent builds an event from (Go's EventConfig). */
export interface EventConfig {
  /** Timestamp, ns (a bigint for any int64). */
  time: number | bigint;
  kind: EventKind;
  goroutine?: number;
  proc?: number;
  thread?: number;
  /** The event's stack (where its kind has one). */
  stack?: Stack;
  /** The kind's details: Metric, Label, Range, StateTransition, Sync, Task, Region, Log or StackSample ({}). */
  details: Metric | Label | Range | StateTransition | Sync | Task | Region | Log | StackSample;
}

function madeTable(): EvTable {
  const t = new EvTableClass(Version.Go126, allSpecs, new BigValues(), new TimeBase(), 'go1.27');
  t.freq = 1;
  return t;
}

// Go's addStack: every frame's strings and the stack appended to the table, new IDs each time.
function addStack(t: EvTable, frames: readonly StackFrame[]): number {
  const pcs: number[] = [];
  for (const f of frames) {
    const pc = t.big.fromUint64(BigInt(f.pc));
    t.pcs.set(pc, { pc, funcID: t.strings.append(f.func), fileID: t.strings.append(f.file), line: t.big.fromUint64(BigInt(f.line)) });
    pcs.push(pc);
  }
  return t.stacks.append(pcs);
}

/** A stack of the given frames, innermost first (Go's MakeStack). */
export function makeStack(frames: readonly StackFrame[]): Stack {
  const t = madeTable();
  return new Stack(t, addStack(t, frames));
}

/** A goroutine state transition (Go's MakeGoStateTransition); set `reason` and `stack` as needed. */
export function makeGoStateTransition(id: number, from: GoState, to: GoState): StateTransition {
  return new StateTransition(new ResourceID(ResourceKind.Goroutine, id), '', NoStack, from, to);
}

/** A proc state transition (Go's MakeProcStateTransition). */
export function makeProcStateTransition(id: number, from: ProcState, to: ProcState): StateTransition {
  return new StateTransition(new ResourceID(ResourceKind.Proc, id), '', NoStack, from, to);
}

// ProcState and GoState to the wire statuses (Go's procState2Tracev2ProcStatus and
// goState2Tracev2GoStatus: states without a status give 0).
const procStateToStatus = [0, 0, ProcStatus.Running, ProcStatus.Idle];
const goStateToStatus = [0, 0, 1 /* Runnable */, 2 /* Running */, 4 /* Waiting */, 3 /* Syscall */];

const stwRangeName = /^stop-the-world \((.*)\)$/;

/**
 * An event made from `c` (Go's MakeEvent), with the wire event Go's reader would have read for
 * it. Throws an Error with Go's message if the details do not fit the kind or cannot be made.
 */
export function makeEvent(c: EventConfig): Event {
  const t = madeTable();
  const big = t.big;
  // Unset IDs are 0, as Go's zero values (not NoGoroutine and the like).
  const e = new Event(t, c.goroutine ?? 0, c.proc ?? 0, c.thread ?? 0, 0, 0, 0, 0, 0, 0);
  t.timeBase.setRel(e, BigInt(c.time));
  const d = c.details as Record<string, unknown>;
  const str = (s: string): number => t.strings.append(s);
  const u64 = (v: number | bigint): number => big.fromUint64(BigInt.asUintN(64, BigInt(v)));
  const incompatible = (): never => {
    throw new Error(`the Kind field ${eventKindString(c.kind)} is incompatible with Details type ${detailsTypeName(c.details)}`);
  };
  switch (c.kind) {
    case EventKind.Bad:
      throw new Error('the Kind field must be provided');
    case EventKind.Metric: {
      if (!(d.value instanceof Value) || typeof d.name !== 'string') incompatible();
      const m = c.details as Metric;
      if (m.value.kind() !== ValueKind.Uint64) throw new Error(`metric value must be a uint64, got: ${m.value.toString()}`);
      const types: Record<string, number> = {
        '/sched/gomaxprocs:threads': Ev.ProcsChange, '/memory/classes/heap/objects:bytes': Ev.HeapAlloc, '/gc/heap/goal:bytes': Ev.HeapGoal,
      };
      const typ = types[m.name];
      if (typ === undefined) throw new Error(`unknown metric name: ${m.name}`);
      e.typ = typ;
      e.a0 = u64(m.value.uint64BigInt());
      break;
    }
    case EventKind.Label: {
      if (typeof d.label !== 'string' || !(d.resource instanceof ResourceID)) incompatible();
      const l = c.details as Label;
      if (l.resource.kind !== ResourceKind.Goroutine) throw new Error(`resource must be a goroutine: ${l.resource}`);
      e.typ = Ev.GoLabel;
      e.a0 = str(l.label);
      e.g = l.resource.goroutine();
      break;
    }
    case EventKind.RangeBegin:
    case EventKind.RangeActive:
    case EventKind.RangeEnd:
      if (typeof d.name !== 'string' || !(d.scope instanceof ResourceID)) incompatible();
      makeRange(e, c.kind, c.details as Range);
      break;
    case EventKind.StateTransition:
      if (!(c.details instanceof StateTransition)) incompatible();
      makeStateTransition(e, c.details as StateTransition);
      break;
    case EventKind.Sync: {
      if (typeof d.n !== 'number' || !('clockSnapshot' in d)) incompatible();
      const s = c.details as Sync;
      e.typ = evSync;
      e.a0 = s.n;
      t.expBatches = new Map();
      for (const [name, batches] of s.experimentalBatches) {
        const id = experimentNames.indexOf(name);
        if (id < 0) throw new Error(`unknown experiment: ${name}`);
        t.expBatches.set(id, [...batches]);
      }
      const cs = s.clockSnapshot;
      if (cs !== null) t.clockSnapshot = { ticks: u64(cs.traceBigInt), mono: u64(cs.mono), sec: u64(cs.wallSec), nsec: u64(cs.wallNsec) };
      break;
    }
    case EventKind.TaskBegin:
    case EventKind.TaskEnd: {
      if (typeof d.id !== 'number' || typeof d.parent !== 'number' || typeof d.type !== 'string') incompatible();
      const k = c.details as Task;
      if (k.id === NoTask) throw new Error('task ID cannot be NoTask');
      e.a0 = k.id;
      if (c.kind === EventKind.TaskBegin) {
        e.typ = Ev.UserTaskBegin;
        e.a1 = k.parent;
        e.a2 = str(k.type);
      } else {
        // The parent and the name go where the reader's ordering puts them (extra arguments).
        e.typ = Ev.UserTaskEnd;
        e.a2 = k.parent;
        e.a3 = t.addExtraString(k.type);
      }
      break;
    }
    case EventKind.RegionBegin:
    case EventKind.RegionEnd: {
      if (typeof d.task !== 'number' || typeof d.type !== 'string') incompatible();
      const r = c.details as Region;
      e.typ = c.kind === EventKind.RegionBegin ? Ev.UserRegionBegin : Ev.UserRegionEnd;
      e.a0 = r.task;
      e.a1 = str(r.type);
      break;
    }
    case EventKind.Log: {
      if (typeof d.task !== 'number' || typeof d.category !== 'string' || typeof d.message !== 'string') incompatible();
      const l = c.details as Log;
      e.typ = Ev.UserLog;
      e.a0 = l.task;
      e.a1 = str(l.category);
      e.a2 = str(l.message);
      break;
    }
    case EventKind.StackSample:
      if (Object.keys(d).length !== 0) incompatible();
      e.typ = Ev.CPUSample;
      e.a0 = addStack(t, (c.stack ?? NoStack).frames());
      break;
    default:
      incompatible();
  }
  // The event's own stack goes where its kind keeps it (the first of its stack arguments).
  const spec = e.typ === evSync ? undefined : allSpecs[e.typ];
  if (spec !== undefined && spec.stackIDs.length > 0 && c.stack !== undefined && !c.stack.isNone) {
    setArg(e, spec.stackIDs[0] - 1, addStack(t, c.stack.frames()));
  }
  t.strings.compactify();
  t.stacks.compactify();
  return e;
}

function makeRange(e: Event, kind: EventKind, r: Range): void {
  const wrongScope = (): never => {
    throw new Error(`unexpected scope: ${r.scope}`);
  };
  const wrongKind = (): never => {
    throw new Error(`unexpected range kind: ${eventKindString(kind)}`);
  };
  switch (r.name) {
    case 'GC concurrent mark phase':
      if (r.scope.kind !== ResourceKind.None) wrongScope();
      e.typ = kind === EventKind.RangeBegin ? Ev.GCBegin : kind === EventKind.RangeActive ? Ev.GCActive : Ev.GCEnd;
      return;
    case 'GC incremental sweep':
      if (r.scope.kind !== ResourceKind.Proc) wrongScope();
      if (kind === EventKind.RangeActive) {
        e.typ = Ev.GCSweepActive;
        e.a0 = r.scope.proc();
      } else {
        e.typ = kind === EventKind.RangeBegin ? Ev.GCSweepBegin : Ev.GCSweepEnd;
        e.p = r.scope.proc();
      }
      return;
    case 'GC mark assist':
      if (r.scope.kind !== ResourceKind.Goroutine) wrongScope();
      if (kind === EventKind.RangeActive) {
        e.typ = Ev.GCMarkAssistActive;
        e.a0 = r.scope.goroutine();
      } else {
        e.typ = kind === EventKind.RangeBegin ? Ev.GCMarkAssistBegin : Ev.GCMarkAssistEnd;
        e.g = r.scope.goroutine();
      }
      return;
  }
  const m = stwRangeName.exec(r.name);
  if (m === null) throw new Error(`unexpected range name: ${r.name}`);
  if (r.scope.kind !== ResourceKind.Goroutine) wrongScope();
  if (kind === EventKind.RangeActive) wrongKind();
  e.typ = kind === EventKind.RangeBegin ? Ev.STWBegin : Ev.STWEnd;
  e.g = r.scope.goroutine();
  e.a0 = e.table.strings.append(m[1]);
}

function makeStateTransition(e: Event, st: StateTransition): void {
  const t = e.table;
  const bad = (from: number, to: number): never => {
    throw new Error(`unexpected transition: ${goStateString(from)} -> ${goStateString(to)}`);
  };
  if (st.resource.kind === ResourceKind.Proc) {
    const { from, to } = st.proc();
    const p = st.resource.proc();
    if (from === ProcState.Idle && to === ProcState.Idle) {
      e.typ = Ev.ProcSteal;
      e.a0 = p;
      e.a3 = ProcStatus.SyscallAbandoned; // extra[0]: the P's status before
    } else if (from === ProcState.Idle && to === ProcState.Running) {
      e.typ = Ev.ProcStart;
      e.a0 = p;
    } else if (from === ProcState.Running && to === ProcState.Idle) {
      e.typ = Ev.ProcStop;
      if (p !== e.p) {
        e.typ = Ev.ProcSteal;
        e.a0 = p;
      }
    } else {
      // Go stores the old state's wire status where the reader reads back an old ProcState: a
      // made Running->Running status reads NotExist->Running, as in Go.
      e.typ = Ev.ProcStatus;
      e.a0 = p;
      e.a1 = procStateToStatus[to] ?? 0;
      e.a2 = procStateToStatus[from] ?? 0;
    }
    return;
  }
  if (st.resource.kind !== ResourceKind.Goroutine) throw new Error(`unsupported state transition resource: ${st.resource}`);
  const { from, to } = st.goroutine();
  const g = st.resource.goroutine();
  const frames = st.stack.frames();
  if ((from === GoState.Undetermined || from === to) && from !== GoState.NotExist) {
    e.typ = frames.length > 0 ? Ev.GoStatusStack : Ev.GoStatus;
    e.a0 = g;
    // The old state packed with the status, as the reader's ordering packs them.
    e.a2 = from * 8 + (goStateToStatus[to] ?? 0);
    return;
  }
  switch (from) {
    case GoState.NotExist:
      if (to === GoState.Waiting || to === GoState.Runnable) {
        e.typ = to === GoState.Waiting ? Ev.GoCreateBlocked : Ev.GoCreate;
        e.a0 = g;
        e.a1 = addStack(t, frames);
      } else if (to === GoState.Syscall) {
        e.typ = Ev.GoCreateSyscall;
        e.a0 = g;
      } else bad(from, to);
      return;
    case GoState.Runnable:
      e.typ = Ev.GoStart;
      e.a0 = g;
      return;
    case GoState.Running: {
      const typ = [0, Ev.GoDestroy, Ev.GoStop, 0, Ev.GoBlock, Ev.GoSyscallBegin][to] ?? 0;
      if (typ === 0) bad(from, to);
      e.typ = typ;
      e.g = g;
      if (typ === Ev.GoStop || typ === Ev.GoBlock) e.a0 = t.strings.append(st.reason);
      return;
    }
    case GoState.Syscall: {
      const typ = [0, Ev.GoDestroySyscall, Ev.GoSyscallEndBlocked, Ev.GoSyscallEnd][to] ?? 0;
      if (typ === 0) bad(from, to);
      e.typ = typ;
      e.g = g;
      return;
    }
    case GoState.Waiting:
      if (to !== GoState.Runnable) bad(from, to);
      e.typ = Ev.GoUnblock;
      e.a0 = g;
      return;
    default:
      bad(from, to);
  }
}

function setArg(e: Event, i: number, v: number): void {
  if (i === 0) e.a0 = v;
  else if (i === 1) e.a1 = v;
  else if (i === 2) e.a2 = v;
  else e.a3 = v;
}

// Go's %T of the details, for makeEvent's errors.
function detailsTypeName(d: object): string {
  if (d instanceof StateTransition) return 'trace.StateTransition';
  const k = Object.keys(d).sort().join(',');
  const names: Record<string, string> = {
    'name,value': 'trace.Metric', 'label,resource': 'trace.Label', 'name,scope': 'trace.Range',
    'clockSnapshot,experimentalBatches,n': 'trace.Sync', 'id,parent,type': 'trace.Task', 'task,type': 'trace.Region',
    'category,message,task': 'trace.Log', '': 'trace.StackSample',
  };
  return names[k] ?? 'object';
}
