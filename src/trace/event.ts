// The public Event: an ordered event with its scheduling context and accessors that
// interpret it (Go's event.go). String() follows Go 1.23.5 byte for byte.

import { argAt, type BaseEvent } from './batchcursor.ts';
import type { EvTable, ExperimentalBatch } from './generation.ts';
import { goQuote } from './format.ts';
import {
  GoState, ProcState, ResourceID, ResourceKind, StateTransition, goStateString, procStateString,
} from './resources.ts';
import { Ev, ProcStatus, type EventSpec } from './spec.ts';
import { Value, ValueKind } from './value.ts';
import { fmtInt64, fmtUint64, hexUint64, isBig, type BigValues } from './wire.ts';

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

  /** Go's frame lines: "\tfunc @ 0xpc\n\t\tfile:line\n" per frame. */
  framesText(): string {
    if (this.id === 0 || this.table === null) return '';
    const t = this.table;
    const pcs = t.stacks.get(this.id)!;
    let s = '';
    for (const pc of pcs) {
      const f = t.pcs.get(pc)!;
      s += `\t${t.strings.get(f.funcID)} @ 0x${hexUint64(f.pc, t.big)}\n\t\t${t.strings.get(f.fileID)}:${fmtUint64(f.line, t.big)}\n`;
    }
    return s;
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
/** A clock snapshot (Go 1.25+ traces): the same instant on the trace, wall and monotonic clocks. */
export interface ClockSnapshot {
  /** Trace time, ns (like Event.time()). */
  trace: number;
  /** Wall clock. */
  wall: Date;
  /** Wall clock seconds and nanoseconds since the Unix epoch, exact. */
  wallSec: bigint;
  wallNsec: bigint;
  /** Runtime monotonic clock, ns. */
  mono: bigint;
}
/** Details of a Sync event. */
export interface Sync {
  /** 1 for the first Sync, counting up. */
  n: number;
  /** Go 1.25+: the clock snapshot of the generation this Sync closes; null before 1.25. */
  clockSnapshot: ClockSnapshot | null;
  /** Experimental side data of that generation, by experiment ID. */
  experimentalBatches: ReadonlyMap<number, readonly ExperimentalBatch[]>;
}
/** A raw experimental event. */
export interface ExperimentalEvent {
  name: string;
  argNames: readonly string[];
  args: number[];
  experiment: number;
  /** The experiment's side data in this generation. */
  batches: readonly ExperimentalBatch[];
}

const noBatches = new Map<number, readonly ExperimentalBatch[]>();

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
  a4: number;
  /** @internal */
  table: EvTable;
  /** @internal */
  g: number;
  /** @internal */
  p: number;
  /** @internal */
  m: number;

  /** @internal */
  constructor(table: EvTable, g: number, p: number, m: number, typ: number, ts: number, a0: number, a1: number, a2: number, a3: number, a4: number) {
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
    this.a4 = a4;
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
      case Ev.GoStatus: return go(this.a0, this.a3, goStatusToGoState[low8(this.a2, big)] ?? GoState.Undetermined);
      default: // GoStatusStack
        return go(this.a0, this.a4, goStatusToGoState[low8(this.a2, big)] ?? GoState.Undetermined);
    }
  }

  /** Details of a Sync event. */
  sync(): Sync {
    this.must(EventKind.Sync, 'Sync');
    const t = this.table;
    let snap: ClockSnapshot | null = null;
    const cs = t.clockSnapshot;
    if (cs !== null) {
      const sec = BigInt.asIntN(64, t.big.uint64(cs.sec));
      const nsec = BigInt.asIntN(64, t.big.uint64(cs.nsec));
      snap = {
        trace: t.timeBase.abs(cs.traceRel),
        wall: new Date(Number(sec * 1000n + nsec / 1000000n)),
        wallSec: sec,
        wallNsec: nsec,
        mono: t.big.uint64(cs.mono),
      };
    }
    return { n: this.a0, clockSnapshot: snap, experimentalBatches: t.expBatches ?? noBatches };
  }

  experimental(): ExperimentalEvent {
    this.must(EventKind.Experimental, 'Experimental');
    const spec = this.spec()!;
    const argNames = spec.args.slice(1);
    const args = argNames.map((_, i) => idNumber(argAt(this, i), this.table.big));
    return { name: spec.name, argNames, args, experiment: spec.experiment, batches: this.table.expBatches?.get(spec.experiment) ?? [] };
  }

  /** Go 1.23.5's Event.String(), byte for byte. */
  toString(): string {
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
        // Go 1.23 overwrites the GCSweepActive scope with the context's proc.
        const scope = this.typ === Ev.GCSweepActive ? `Proc(${fmtInt64(this.p, big)})` : r.scope.toString();
        s += ` Name=${goQuote(r.name)} Scope=${scope}`;
        if (this.kind() === EventKind.RangeEnd) {
          s += ' Attributes=[';
          this.rangeAttributes().forEach((a, i) => {
            if (i !== 0) s += ' ';
            s += `${goQuote(a.name)}=${a.value.toString()}`;
          });
          s += ']';
        }
        break;
      }
      case EventKind.TaskBegin:
      case EventKind.TaskEnd: {
        const tk = this.task();
        s += ` ID=${fmtUint64(tk.id, big)} Parent=${fmtUint64(tk.parent, big)} Type=${goQuote(tk.type)}`;
        break;
      }
      case EventKind.RegionBegin:
      case EventKind.RegionEnd:
        s += ` Task=${fmtUint64(this.a0, big)} Type=${goQuote(this.str(this.a1))}`;
        break;
      case EventKind.Log:
        s += ` Task=${fmtUint64(this.a0, big)} Category=${goQuote(this.str(this.a1))} Message=${goQuote(this.str(this.a2))}`;
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
        if (!st.stack.isNone) s += '\nTransitionStack=\n' + st.stack.framesText();
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
