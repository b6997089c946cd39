// Old-format events to the public event model (Go's internal/trace/tracev1.go; oldtrace.go
// in Go 1.23, the same conversion).
//
// Most old events have a direct Go 1.22 equivalent, at most with their arguments moved.
// A few need more: the first Gomaxprocs ends the trace's start-up, and goroutines that
// existed before tracing began and said nothing yet get a GoStatus(Runnable) there (in
// ascending goroutine ID order; Go ranges over a map, so its order is random); a GoSysCall
// becomes GoSyscallBegin, followed 1 ns later by GoSyscallEnd unless the goroutine's next
// event says the syscall blocked; a GoStartLabel is a GoStart and a GoLabel. The whole
// trace is one generation with one table; its Sync events are the reader's (reader.ts).
// Times must strictly increase, so an event at or before the previous one is moved to 1 ns
// after it.

import { TraceError } from '../errors.ts';
import { Event } from '../event.ts';
import { EvTable, type Frame } from '../generation.ts';
import { Ev, GoStatus, ProcStatus, specsFor, type EventSpec } from '../spec.ts';
import { TimeBase } from '../time.ts';
import { Version, type ReadAs } from '../version.ts';
import { fmtUint64, hexUint64, isBig, type BigValues } from '../wire.ts';
import { OldEv, add64, cmpI64, cmpU64, oldEventDescs } from './events.ts';
import type { OldTrace } from './parser.ts';

// Strings the conversion adds: block reasons, then STW kinds (indexed by Go's STWReason).
const builtinStrings = [
  'forever', 'preempted', 'runtime.Gosched', 'sleep', 'chan send', 'chan receive', 'network', 'sync',
  'sync.(*Cond).Wait', 'select', '', 'GC mark assist wait for work',
  // STW kinds.
  '', 'GC mark termination', 'GC sweep termination', 'write heap dump', 'goroutine profile',
  'goroutine profile cleanup', 'all goroutine stack trace', 'read mem stats', 'AllThreadsSyscall', 'GOMAXPROCS',
  'start trace', 'stop trace', 'CountPagesInUse (test)', 'ReadMetricsSlow (test)', 'ReadMemStatsSlow (test)',
  'PageCachePagesLeaked (test)', 'ResetDebugLog (test)',
];
const sForever = 0;
const sPreempted = 1;
const sGosched = 2;
const sSleep = 3;
const sChanSend = 4;
const sChanRecv = 5;
const sNetwork = 6;
const sSync = 7;
const sSyncCond = 8;
const sSelect = 9;
const sEmpty = 10;
const sMarkAssistWait = 11;
const sSTWUnknown = 12;
const numSTWReasons = 17;

/** Blocking old events: the GoBlock/GoStop they become and its reason. */
const blockEvents: [old: number, type: number, reason: number][] = [
  [OldEv.GoStop, Ev.GoBlock, sForever],
  [OldEv.GoSched, Ev.GoStop, sGosched],
  [OldEv.GoPreempt, Ev.GoStop, sPreempted],
  [OldEv.GoSleep, Ev.GoBlock, sSleep],
  [OldEv.GoBlock, Ev.GoBlock, sEmpty],
  [OldEv.GoBlockSend, Ev.GoBlock, sChanSend],
  [OldEv.GoBlockRecv, Ev.GoBlock, sChanRecv],
  [OldEv.GoBlockSelect, Ev.GoBlock, sSelect],
  [OldEv.GoBlockSync, Ev.GoBlock, sSync],
  [OldEv.GoBlockCond, Ev.GoBlock, sSyncCond],
  [OldEv.GoBlockNet, Ev.GoBlock, sNetwork],
  [OldEv.GoBlockGC, Ev.GoBlock, sMarkAssistWait],
];
/** By old type: the new type of a blocking event, and (blockReason) its reason; 0 for others. */
const blockType = new Uint8Array(OldEv.Count);
const blockReason = new Uint8Array(OldEv.Count);
for (const [old, typ, reason] of blockEvents) {
  blockType[old] = typ;
  blockReason[old] = reason;
}

/** By old type: the new type of an event converted with the same arguments; 0 for others. */
const sameArgs = new Uint8Array(OldEv.Count);
for (const [old, typ] of [
  [OldEv.GCStart, Ev.GCBegin],
  [OldEv.GCDone, Ev.GCEnd],
  [OldEv.GCSweepStart, Ev.GCSweepBegin],
  [OldEv.GCSweepDone, Ev.GCSweepEnd],
  [OldEv.GoEnd, Ev.GoDestroy],
  [OldEv.GoUnblock, Ev.GoUnblock],
  [OldEv.GoSysExit, Ev.GoSyscallEndBlocked],
  [OldEv.HeapAlloc, Ev.HeapAlloc],
  [OldEv.HeapGoal, Ev.HeapGoal],
  [OldEv.GCMarkAssistStart, Ev.GCMarkAssistBegin],
  [OldEv.GCMarkAssistDone, Ev.GCMarkAssistEnd],
]) {
  sameArgs[old] = typ;
}

// How far to look ahead for a syscall's next event on its goroutine before falling back
// to a table of all syscalls (Go always scans, which is quadratic on some broken traces).
const syscallScanLimit = 4096;

/** Converts a parsed old trace into Events one at a time (Go's oldTraceConverter). */
export class OldTraceConverter {
  readonly table: EvTable;
  private readonly tr: OldTrace;
  private readonly big: BigValues;
  private readonly specs: readonly (EventSpec | undefined)[];
  /** Next position in read order. */
  private k = 0;
  private preInit = true;
  private createdPreInit: Set<number> | null = new Set();
  private extra: Event[] = [];
  private extraTs: number[] = [];
  private extraHead = 0;
  private readonly tasks = new Map<number, { name: string; parent: number }>();
  private readonly seenProcs = new Set<number>();
  /** Time of the last event returned, an int64 wire number; -1 before the first. */
  private lastTs = -1;
  private readonly procMs = new Map<number, number>();
  private lastStwReason = 0;
  private readonly inlineToStringID: number[] = [];
  private readonly builtinToStringID: number[] = [];
  /** Per store index: 1 if a GoSysCall's goroutine next has a GoSysBlock (built on demand). */
  private syscallBlocked: Uint8Array | null = null;
  /** Stacks whose frames have been checked. */
  private readonly goodStacks = new Set<number>();

  constructor(tr: OldTrace, big: BigValues, readAs: ReadAs = 'go1.27') {
    this.tr = tr;
    this.big = big;
    this.specs = specsFor(Version.Go122);
    const t = (this.table = new EvTable(Version.Go122, this.specs, big, new TimeBase(), readAs));

    let max = 0;
    for (const [id, s] of tr.strings) {
      t.strings.insert(id, s);
      if (cmpU64(id, max, big) > 0) max = id;
    }
    tr.strings.clear();
    // UserLog messages were inline in the old format: they get the IDs after the largest.
    const tooMany = (n: number): boolean => cmpU64(add64(max, n, big), max, big) < 0;
    if (tooMany(tr.inlineStrings.length)) throw new TraceError('trace contains too many strings');
    const first = add64(max, 1, big);
    tr.inlineStrings.forEach((s, i) => {
      const id = add64(first, i, big);
      this.inlineToStringID.push(id);
      t.strings.insert(id, s);
    });
    max = add64(max, tr.inlineStrings.length, big);
    tr.inlineStrings.length = 0;
    if (tooMany(builtinStrings.length)) throw new TraceError('trace contains too many strings');
    const firstBuiltin = add64(max, 1, big);
    builtinStrings.forEach((s, c) => {
      const id = add64(firstBuiltin, c, big);
      this.builtinToStringID.push(id);
      t.strings.insert(id, s);
    });
    t.strings.compactify();
    for (const [id, pcs] of tr.stacks) t.stacks.insert(id, pcs);
    for (const [pc, f] of tr.pcs) t.pcs.set(pc, f as Frame);
    tr.stacks.clear();
    tr.pcs.clear();
    t.stacks.compactify();
  }

  /** The time of the first old event in read order (an int64 wire number), or null if there is none. */
  firstTime(): number | null {
    const events = this.tr.events;
    if (events.n === 0) return null;
    return events.ts(this.tr.order === null ? 0 : this.tr.order[0]);
  }

  /** The time of the last event returned (an int64 wire number), -1 before the first. */
  get lastTime(): number {
    return this.lastTs;
  }

  /** The next event, or null at the end. Throws TraceError. */
  next(): Event | null {
    const events = this.tr.events;
    const order = this.tr.order;
    for (;;) {
      if (this.extraHead < this.extra.length) {
        const e = this.extra[this.extraHead];
        const ts = this.extraTs[this.extraHead++];
        if (this.extraHead === this.extra.length) {
          this.extra = [];
          this.extraTs = [];
          this.extraHead = 0;
        }
        return this.emit(e, ts);
      }
      if (this.k >= events.n) return null;
      const i = order === null ? this.k : order[this.k];
      this.k++;
      const e = this.convert(i);
      if (e !== null) return this.emit(e, events.ts(i));
    }
  }

  private pushExtra(e: Event, ts: number): void {
    this.extra.push(e);
    this.extraTs.push(ts);
  }

  // Strictly increasing times (two old events may share one, e.g. the GoStatus events of
  // start-up), then the checks that stand in for Go's panics.
  private emit(e: Event, ts: number): Event {
    const big = this.big;
    if (cmpI64(ts, this.lastTs, big) <= 0) ts = add64(this.lastTs, 1, big);
    this.lastTs = ts;
    if (isBig(ts)) this.table.timeBase.setRel(e, big.int64(ts));
    else e.ts = ts;
    this.checkIDs(e);
    return e;
  }

  private ev(g: number, p: number, m: number, typ: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0): Event {
    return new Event(this.table, g, p, m, typ, 0, a0, a1, a2, a3);
  }

  /** Converts the event at store index i; null if it becomes no event (yet). */
  private convert(i: number): Event | null {
    const evs = this.tr.events;
    const big = this.big;
    const typ = evs.typ(i);
    const ts = evs.ts(i);
    const p = evs.p(i);
    const g = evs.g(i);
    const stk = evs.stk(i);
    let a0 = evs.arg(i, 0);
    let a1 = evs.arg(i, 1);
    let a2 = evs.arg(i, 2);
    let a3 = evs.arg(i, 3);
    let mapped: number;
    if (sameArgs[typ] !== 0) {
      mapped = sameArgs[typ];
    } else if (blockType[typ] !== 0) {
      mapped = blockType[typ];
      a0 = this.builtinToStringID[blockReason[typ]]; a1 = stk; a2 = 0; a3 = 0;
    } else {
      switch (typ) {
        case OldEv.Gomaxprocs:
          mapped = Ev.ProcsChange;
          if (this.preInit) {
            // The first Gomaxprocs ends start-up: every goroutine that existed before tracing
            // has been seen. Those without GoWaiting, GoInSyscall or GoStart were idle or
            // runnable.
            this.preInit = false;
            const ids = [...this.createdPreInit!].sort((x, y) => cmpI64(x, y, big));
            for (const id of ids) this.pushExtra(this.ev(-1, -1, -1, Ev.GoStatus, id, -1, GoStatus.Runnable), ts);
            this.createdPreInit = null;
            return null;
          }
          break;
        case OldEv.ProcStart:
          this.procMs.set(p, a0);
          if (this.seenProcs.has(p)) {
            mapped = Ev.ProcStart;
            a0 = p; a1 = 0; a2 = 0; a3 = 0;
          } else {
            this.seenProcs.add(p);
            mapped = Ev.ProcStatus;
            a0 = p; a1 = ProcStatus.Running; a2 = 0; a3 = 0;
          }
          break;
        case OldEv.ProcStop:
          if (this.seenProcs.has(p)) {
            mapped = Ev.ProcStop;
            a0 = p; a1 = 0; a2 = 0; a3 = 0;
          } else {
            this.seenProcs.add(p);
            mapped = Ev.ProcStatus;
            a0 = p; a1 = ProcStatus.Idle; a2 = 0; a3 = 0;
          }
          break;
        case OldEv.STWStart: {
          const sid = this.builtinToStringID[sSTWUnknown + this.stwReason(a0)];
          this.lastStwReason = sid;
          mapped = Ev.STWBegin;
          a0 = sid; a1 = 0; a2 = 0; a3 = 0;
          break;
        }
        case OldEv.STWDone:
          mapped = Ev.STWEnd;
          a0 = this.lastStwReason; a1 = 0; a2 = 0; a3 = 0;
          break;
        case OldEv.GoCreate:
          if (this.preInit) {
            this.createdPreInit!.add(a0);
            return null;
          }
          mapped = Ev.GoCreate;
          break;
        case OldEv.GoStart:
          if (this.preInit) {
            mapped = Ev.GoStatus;
            this.createdPreInit!.delete(a0);
            a0 = a0; a1 = -1; a2 = GoStatus.Running; a3 = 0;
          } else {
            mapped = Ev.GoStart;
          }
          break;
        case OldEv.GoStartLabel: {
          const m = this.procMs.get(p) ?? 0;
          this.extra = [this.ev(g, p, m, Ev.GoLabel, a2)];
          this.extraTs = [ts];
          this.extraHead = 0;
          return this.ev(g, p, m, Ev.GoStart, a0, a1, a2, a3);
        }
        case OldEv.GoSysCall: {
          if (this.blocked(i, g)) {
            mapped = Ev.GoSyscallBegin;
            a0 = 0; a1 = stk; a2 = 0; a3 = 0;
            break;
          }
          // An instantaneous syscall: a begin and an end, 1 ns apart.
          const m = this.procMs.get(p) ?? 0;
          this.pushExtra(this.ev(g, p, m, Ev.GoSyscallEnd), add64(ts, 1, big));
          return this.ev(g, p, m, Ev.GoSyscallBegin, 0, stk);
        }
        case OldEv.GoSysBlock:
          return null;
        case OldEv.GoWaiting:
        case OldEv.GoInSyscall:
          // The old format does not say on which thread a syscall runs: no thread (-1).
          mapped = Ev.GoStatus;
          a0 = a0; a1 = -1; a2 = typ === OldEv.GoWaiting ? GoStatus.Waiting : GoStatus.Syscall; a3 = 0;
          this.createdPreInit?.delete(a0);
          break;
        case OldEv.UserTaskCreate: {
          mapped = Ev.UserTaskBegin;
          const parent = a1 === 0 ? -1 : a1;
          this.tasks.set(a0, { name: this.table.strings.get(a2) ?? '', parent: a1 });
          a0 = a0; a1 = parent; a2 = a2; a3 = stk;
          break;
        }
        case OldEv.UserTaskEnd: {
          mapped = Ev.UserTaskEnd;
          // The parent and name ride in the extra arguments, the name as an extra string.
          const task = this.tasks.get(a0);
          if (task !== undefined) {
            this.tasks.delete(a0);
            a2 = task.parent; a3 = this.table.addExtraString(task.name);
          } else {
            a2 = -1; a3 = this.table.addExtraString('');
          }
          break;
        }
        case OldEv.UserRegion:
          // Other modes fail the check in postprocess.ts.
          mapped = a1 === 0 ? Ev.UserRegionBegin : a1 === 1 ? Ev.UserRegionEnd : 0;
          a0 = a0; a1 = a2; a2 = stk; a3 = 0;
          break;
        case OldEv.UserLog:
          mapped = Ev.UserLog;
          a0 = a0; a1 = a1; a2 = this.inlineToStringID[a3]; a3 = stk;
          break;
        case OldEv.CPUSample:
          // Go 1.21 samples name no thread.
          mapped = Ev.CPUSample;
          a0 = stk; a1 = -1; a2 = p; a3 = g;
          break;
        default:
          throw new TraceError(`unexpected event type ${typ}`);
      }
    }

    // The stack goes where the new event keeps it (Go 1.23's table, which gives a CPU
    // sample none: its stack is already in a0).
    if (oldEventDescs[typ].stack && mapped !== Ev.CPUSample) {
      const ids = this.specs[mapped]?.stackIDs;
      if (ids !== undefined && ids.length > 0) {
        switch (ids[0] - 1) {
          case 0: a0 = stk; break;
          case 1: a1 = stk; break;
          case 2: a2 = stk; break;
          default: a3 = stk;
        }
      }
    }
    let m = -1;
    if (p !== -1 && typ !== OldEv.CPUSample) m = this.procMs.get(p) ?? -1;
    if (typ === OldEv.ProcStop) this.procMs.delete(p);
    return this.ev(g === 0 ? -1 : g, p, m, mapped, a0, a1, a2, a3);
  }

  // Go's Trace.STWReason: kinds by version.
  private stwReason(kind: number): number {
    if (this.tr.version < Version.Go121) return kind === 0 || kind === 1 ? kind + 1 : 0;
    return cmpU64(kind, numSTWReasons, this.big) < 0 ? kind : 0;
  }

  /** Whether the goroutine's next event after the GoSysCall at store index i is GoSysBlock. */
  private blocked(i: number, g: number): boolean {
    const evs = this.tr.events;
    const order = this.tr.order;
    if (this.syscallBlocked === null) {
      const end = Math.min(evs.n, this.k + syscallScanLimit);
      for (let k = this.k; k < end; k++) {
        const j = order === null ? k : order[k];
        if (evs.g(j) === g) return evs.typ(j) === OldEv.GoSysBlock;
      }
      if (end === evs.n) return false;
      this.buildSyscallTable();
    }
    return this.syscallBlocked![i] === 1;
  }

  // One backward pass: for every GoSysCall, the type of its goroutine's next event.
  private buildSyscallTable(): void {
    const evs = this.tr.events;
    const order = this.tr.order;
    const flags = new Uint8Array(evs.n);
    const nextType = new Map<number, number>();
    for (let k = evs.n - 1; k >= 0; k--) {
      const j = order === null ? k : order[k];
      const typ = evs.typ(j);
      const g = evs.g(j);
      if (typ === OldEv.GoSysCall && nextType.get(g) === OldEv.GoSysBlock) flags[j] = 1;
      nextType.set(g, typ);
    }
    this.syscallBlocked = flags;
  }

  // Go's reader does not check old traces' string and stack IDs, and its Event.String()
  // panics on a missing one; here the event fails instead, with the message the reader
  // gives for the same problem in newer traces.
  private checkIDs(e: Event): void {
    const t = this.table;
    const big = this.big;
    if (e.typ === Ev.CPUSample) {
      this.checkStack(e.a0, e.typ);
      return;
    }
    const slots = t.idSlots;
    const i = e.typ << 1;
    for (let k = i; k < i + 2 && slots.stacks[k] >= 0; k++) this.checkStack(argOf(e, slots.stacks[k]), e.typ);
    for (let k = i; k < i + 2 && slots.strings[k] >= 0; k++) {
      const id = argOf(e, slots.strings[k]);
      if (t.strings.get(id) === undefined) {
        throw new TraceError(`found invalid string ID ${fmtUint64(id, big)} for event ${this.specs[e.typ]!.name}`);
      }
    }
  }

  private checkStack(id: number, typ: number): void {
    if (id === 0 || this.goodStacks.has(id)) return;
    const t = this.table;
    const big = this.big;
    const pcs = t.stacks.get(id);
    if (pcs === undefined) throw new TraceError(`found invalid stack ID ${fmtUint64(id, big)} for event ${this.specs[typ]!.name}`);
    for (const pc of pcs) {
      const f = t.pcs.get(pc);
      if (f === undefined) throw new TraceError(`found unknown pc ${hexUint64(pc, big)} for stack ${fmtUint64(id, big)}`);
      if (t.strings.get(f.funcID) === undefined) {
        throw new TraceError(`found invalid func string ID ${fmtUint64(f.funcID, big)} for stack ${fmtUint64(id, big)}`);
      }
      if (t.strings.get(f.fileID) === undefined) {
        throw new TraceError(`found invalid file string ID ${fmtUint64(f.fileID, big)} for stack ${fmtUint64(id, big)}`);
      }
    }
    this.goodStacks.add(id);
  }
}

function argOf(e: Event, k: number): number {
  switch (k) {
    case 0: return e.a0;
    case 1: return e.a1;
    case 2: return e.a2;
    default: return e.a3;
  }
}
