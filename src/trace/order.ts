// The ordering: a model of the scheduler (goroutines, procs, threads, GC, tasks,
// regions) that decides whether an event may happen next and, if so, what it means.
//
// Per-thread batches only give a partial order; timestamps across threads cannot be
// trusted. The reader offers the ordering candidate events (the next event of each thread);
// `advance` accepts one if the model says it can happen now (sequence numbers line up,
// states allow it), updates the model and returns the resulting Event (queueing any more it
// implies for `next`); null means "not yet, try another thread"; a TraceError means the
// trace is broken. Port of Go's order.go, one handler per event type in `dispatch`; Go
// 1.27's and Go 1.23's differ only in how their errors name event types and proc states.

import type { BaseEvent, BatchCursor } from './batchcursor.ts';
import { TraceError } from './errors.ts';
import { Event, goStatusToGoState, procStatusToProcState, low8, NoTask } from './event.ts';
import type { EvTable } from './generation.ts';
import { GoState, NoGoroutine, NoProc, NoThread, ProcState } from './resources.ts';
import { Ev, GoStatus, ProcStatus, eventString, goStatusString, procStatusString, versionEventName, type EventType } from './spec.ts';
import type { ReadAs } from './version.ts';
import { copyExactTime, isExactTime, type Timed } from './time.ts';
import { fmtInt64, fmtUint64, type BigValues } from './wire.ts';

// Scheduling context requirements (Go's event.Constraint).
const MustNotHave = 0;
const MayHave = 1;
const MustHave = 2;

const gcUndetermined = 0;
const gcNotRunning = 1;
const gcRunning = 2;
const gcStateNames = ['Undetermined', 'NotRunning', 'Running'];

/** A special time range bound to a resource: its begin event type and optional subtype (a string ID). */
interface RangeType {
  typ: EventType;
  desc: number;
}

interface UserRegion {
  taskID: number;
  name: string;
}

class GState {
  regions: UserRegion[] | null = null;
  inFlight: RangeType[] | null = null;
  readonly id: number;
  status: number;
  seqGen: number;
  seq: number;
  constructor(id: number, status: number, seqGen: number, seq: number) {
    this.id = id;
    this.status = status;
    this.seqGen = seqGen;
    this.seq = seq;
  }
}

class PState {
  inFlight: RangeType[] | null = null;
  readonly id: number;
  status: number;
  seqGen: number;
  seq: number;
  constructor(id: number, status: number, seqGen: number, seq: number) {
    this.id = id;
    this.status = status;
    this.seqGen = seqGen;
    this.seq = seq;
  }
}

class MState {
  g: number;
  p: number;
  constructor(g: number, p: number) {
    this.g = g;
    this.p = p;
  }
}

interface TaskState {
  name: string;
  parentID: number;
}

// A handler advances with `ev` and returns the first event that makes (any more wait in the
// ordering's queue), or null if `ev` cannot happen yet.
type Handler = (o: Ordering, ev: BaseEvent, evt: EvTable, gen: number) => Event | null;

export class Ordering {
  readonly gStates = new Map<number, GState>();
  readonly pStates = new Map<number, PState>();
  readonly mStates = new Map<number, MState>();
  readonly activeTasks = new Map<number, TaskState>();
  gcSeq = 0;
  gcState = gcUndetermined;
  initialGen = 0;

  // Events an advance implied after the one it returned, in order; head..tail are live. Slots are
  // reused, never shrunk.
  private queue: (Event | null)[] = [];
  private head = 0;
  private tail = 0;

  // The scheduling context of the event being advanced (Go's curCtx, which handlers may
  // re-point) and the context the thread will have after it (Go's newCtx).
  curG = NoGoroutine;
  curP = NoProc;
  curM = NoThread;
  newG = NoGoroutine;
  newP = NoProc;
  gen = 0;

  readonly big: BigValues;

  readonly readAs: ReadAs;

  constructor(big: BigValues, readAs: ReadAs = 'go1.27') {
    this.big = big;
    this.readAs = readAs;
  }

  /**
   * Tries to advance with `ev`, the next event of thread `m` in generation `gen` (gens must
   * not decrease across calls). Returns the event it makes, and queues any other it implies
   * for `next`, which must then be taken before advancing further; null if it cannot happen
   * yet (try another thread). Throws TraceError if the trace is broken. (Go's Advance queues
   * them all; returning the first keeps the common single event off the long-lived queue,
   * whose every store of a new object costs the garbage collector's write barrier.)
   */
  advance(ev: BatchCursor, evt: EvTable, m: number, gen: number): Event | null {
    if (this.initialGen === 0) this.initialGen = gen;
    this.gen = gen;
    this.curM = m;
    let ms: MState | undefined;
    if (m === NoThread) {
      this.curP = NoProc;
      this.curG = NoGoroutine;
    } else {
      // Entries are never replaced, so a thread's cursor may keep its state object.
      ms = ev.mstate as MState | null ?? this.mStates.get(m);
      if (ms === undefined) {
        ms = new MState(NoGoroutine, NoProc);
        this.mStates.set(m, ms);
      }
      ev.mstate = ms;
      this.curP = ms.p;
      this.curG = ms.g;
    }
    this.newG = this.curG;
    this.newP = this.curP;
    const f = dispatch[ev.typ];
    if (f === undefined) throw this.err(`bad event type found while ordering: ${ev.typ}`);
    const e = f(this, ev, evt, gen);
    if (e !== null && ms !== undefined) {
      ms.p = this.newP;
      ms.g = this.newG;
    }
    return e;
  }

  /** The next queued event (one an advance implied after the one it returned), or null. */
  next(): Event | null {
    if (this.head === this.tail) return null;
    const e = this.queue[this.head];
    this.queue[this.head++] = null;
    if (this.head === this.tail) this.head = this.tail = 0;
    return e;
  }

  /** Queues `e` to follow the event being returned. */
  later(e: Event): void {
    if (this.tail === this.queue.length) this.queue.push(e);
    else this.queue[this.tail] = e;
    this.tail++;
  }

  /** `ev` as an Event in the current context. */
  event(ev: BaseEvent, evt: EvTable): Event {
    const e = new Event(evt, this.curG, this.curP, this.curM, ev.typ, ev.ts, ev.a0, ev.a1, ev.a2, ev.a3);
    if (!isExactTime(ev.ts)) copyExactTime(ev, e);
    return e;
  }

  /** A synthetic event at the time of `at` (Go's makeEvent). */
  made(evt: EvTable, g: number, typ: EventType, at: Timed, a0 = 0, a1 = 0, a2 = 0, a3 = 0): Event {
    const e = new Event(evt, g, this.curP, this.curM, typ, at.ts, a0, a1, a2, a3);
    if (!isExactTime(at.ts)) copyExactTime(at, e);
    return e;
  }

  err(msg: string): TraceError {
    return new TraceError(msg, { generation: this.gen || undefined });
  }

  validateCtx(thread: number, proc: number, goroutine: number): void {
    if (thread === MustHave && this.curM === NoThread) throw this.err("expected a thread but didn't have one");
    if (thread === MustNotHave && this.curM !== NoThread) throw this.err('expected no thread but had one');
    if (proc === MustHave && this.curP === NoProc) throw this.err("expected a proc but didn't have one");
    if (proc === MustNotHave && this.curP !== NoProc) throw this.err('expected no proc but had one');
    if (goroutine === MustHave && this.curG === NoGoroutine) throw this.err("expected a goroutine but didn't have one");
    if (goroutine === MustNotHave && this.curG !== NoGoroutine) throw this.err('expected no goroutine but had one');
  }

  userGoReqs(): void {
    this.validateCtx(MustHave, MustHave, MustHave);
  }

  /** True if seq is the immediate successor of prev, as uint64s. */
  succ(seq: number, prev: number): boolean {
    // A wire number at least 0 is an exact integer (a value beyond 2^53 is a negative marker,
    // wire.ts); below 2^53 - 1 its successor is exact too, and no other wire number equals it.
    if (prev >= 0 && prev < 0x1fffffffffffff) return seq === prev + 1;
    return this.big.uint64(seq) === ((this.big.uint64(prev) + 1n) & 0xffffffffffffffffn);
  }

  i64(v: number): string {
    return fmtInt64(v, this.big);
  }
  u64(v: number): string {
    return fmtUint64(v, this.big);
  }
  seqString(gen: number, seq: number): string {
    return `${this.u64(seq)} (gen=${this.u64(gen)})`;
  }

  /** Go's dumpOrdering, for "failed to advance" errors. */
  dump(): string {
    let s = '';
    for (const [id, st] of this.gStates) s += `G ${this.i64(id)} [status=${goStatusString(st.status)} seq=${this.seqString(st.seqGen, st.seq)}]\n`;
    s += '\n';
    for (const [id, st] of this.pStates) s += `P ${this.i64(id)} [status=${procStatusString(st.status, this.readAs)} seq=${this.seqString(st.seqGen, st.seq)}]\n`;
    s += '\n';
    for (const [id, st] of this.mStates) s += `M ${this.i64(id)} [g=${this.i64(st.g)} p=${this.i64(st.p)}]\n`;
    s += '\n';
    s += `GC ${this.u64(this.gcSeq)} ${gcStateNames[this.gcState]}\n`;
    return s;
  }
}

// --- Range bookkeeping (Go's rangeState). ---

function makeRangeType(evt: EvTable, typ: EventType, desc: number): RangeType {
  const start = evt.specs[typ]?.startEv ?? 0;
  return { typ: start !== 0 ? start : typ, desc };
}

// The in-flight ranges of a goroutine or proc (allocated on first use: most never have any).
function rangesOf(s: { inFlight: RangeType[] | null }): RangeType[] {
  return (s.inFlight ??= []);
}

function hasRange(inFlight: RangeType[], r: RangeType): boolean {
  for (const f of inFlight) if (f.typ === r.typ && f.desc === r.desc) return true;
  return false;
}

function beginRange(o: Ordering, evt: EvTable, inFlight: RangeType[], r: RangeType): void {
  if (hasRange(inFlight, r)) {
    throw o.err(`discovered event already in-flight for when starting event ${evt.specs[r.typ]!.name}`);
  }
  inFlight.push(r);
}

function activeRange(o: Ordering, evt: EvTable, inFlight: RangeType[], r: RangeType, isInitialGen: boolean): void {
  if (isInitialGen) {
    if (hasRange(inFlight, r)) throw o.err(`found named active range already in first gen: {${r.typ} ${o.u64(r.desc)}}`);
    inFlight.push(r);
  } else if (!hasRange(inFlight, r)) {
    const list = inFlight.map((f) => `{${f.typ} ${o.u64(f.desc)}}`).join(' ');
    throw o.err(`resource is missing active range: ${evt.specs[r.typ]!.name} [${list}]`);
  }
}

function endRange(o: Ordering, evt: EvTable, inFlight: RangeType[], typ: EventType): number {
  const st = evt.specs[typ]!.startEv;
  const idx = inFlight.findIndex((r) => r.typ === st);
  if (idx < 0) throw o.err(`tried to end event ${evt.specs[st]!.name}, but not in-flight`);
  const desc = inFlight[idx].desc;
  inFlight[idx] = inFlight[inFlight.length - 1];
  inFlight.pop();
  return desc;
}

// An event type in the ordering's errors: Go 1.27 names it by the trace version's own table
// (Version.EventName), Go 1.23 by its one table (go122.EventString).
function name(evt: EvTable, typ: EventType): string {
  return evt.readAs === 'go1.27' ? versionEventName(evt.version, typ) : eventString(evt.specs, typ);
}

// --- Handlers, one per event type. ---

const advanceProcStatus: Handler = (o, ev, evt, gen) => {
  const pid = ev.a0;
  const status = low8(ev.a1, o.big);
  if (status >= procStatusToProcState.length) throw o.err(`invalid status for proc ${o.i64(pid)}: ${status}`);
  let oldState: number = procStatusToProcState[status];
  const s = o.pStates.get(pid);
  if (s !== undefined) {
    if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.Syscall) {
      // SyscallAbandoned is a special case of Syscall: no information was lost. Promote it.
      oldState = ProcState.Running;
      ev.a1 = ProcStatus.Syscall;
    } else if (status === ProcStatus.SyscallAbandoned && s.status === ProcStatus.SyscallAbandoned) {
      // Passing through SyscallAbandoned: we lost the M; the P appears idle in the API.
      oldState = ProcState.Idle;
      ev.a1 = ProcStatus.SyscallAbandoned;
    } else if (s.status !== status) {
      throw o.err(`inconsistent status for proc ${o.i64(pid)}: old ${procStatusString(s.status, o.readAs)} vs. new ${procStatusString(status, o.readAs)}`);
    }
    s.seqGen = gen;
    s.seq = 0;
  } else {
    o.pStates.set(pid, new PState(pid, status, gen, 0));
    oldState = gen === o.initialGen ? ProcState.Undetermined : ProcState.NotExist;
  }
  ev.a2 = oldState; // extra[0]: the old state, for StateTransition.
  if (status === ProcStatus.Running || status === ProcStatus.Syscall) o.newP = pid;
  // A SyscallAbandoned P that was Syscall is about to be stolen, and its status is likely
  // not emitted by the thread it is bound to: emit it in the context it is bound to.
  if (status === ProcStatus.SyscallAbandoned && oldState === ProcState.Running) {
    let found = false;
    for (const [mid, ms] of o.mStates) {
      if (ms.p === pid) {
        o.curM = mid;
        o.curP = pid;
        o.curG = ms.g;
        found = true;
      }
    }
    if (!found) throw o.err(`failed to find sched context for proc ${o.i64(pid)} that's about to be stolen`);
  }
  return o.event(ev, evt);
};

const advanceProcStart: Handler = (o, ev, evt, gen) => {
  const pid = ev.a0;
  const state = o.pStates.get(pid);
  // Not yet: the P's status may not have been seen, or we are still in a syscall with a P.
  if (state === undefined || state.status !== ProcStatus.Idle || state.seqGen !== gen || !o.succ(ev.a1, state.seq) || o.curP !== NoProc) {
    return null;
  }
  // A goroutine may be present if it is leaving a syscall.
  o.validateCtx(MustHave, MustNotHave, MayHave);
  state.status = ProcStatus.Running;
  state.seqGen = gen;
  state.seq = ev.a1;
  o.newP = pid;
  return o.event(ev, evt);
};

const advanceProcStop: Handler = (o, ev, evt) => {
  // A P stops on the M that started it, so a ProcStop can always advance.
  const state = o.pStates.get(o.curP);
  if (state === undefined) throw o.err(`event ${name(evt, ev.typ)} for proc (${o.i64(o.curP)}) that doesn't exist`);
  if (state.status !== ProcStatus.Running && state.status !== ProcStatus.Syscall) {
    throw o.err(`${name(evt, ev.typ)} event for proc that's not Running or Syscall`);
  }
  o.validateCtx(MustHave, MustHave, MayHave);
  state.status = ProcStatus.Idle;
  o.newP = NoProc;
  return o.event(ev, evt);
};

const advanceProcSteal: Handler = (o, ev, evt, gen) => {
  const pid = ev.a0;
  const state = o.pStates.get(pid);
  if (
    state === undefined ||
    (state.status !== ProcStatus.Syscall && state.status !== ProcStatus.SyscallAbandoned) ||
    state.seqGen !== gen || !o.succ(ev.a1, state.seq)
  ) {
    return null;
  }
  o.validateCtx(MustHave, MayHave, MayHave);
  // The P state that let us advance: the transition reads Idle->Idle for an abandoned P.
  const oldStatus = state.status;
  ev.a3 = oldStatus; // extra[0]
  state.status = ProcStatus.Idle;
  state.seqGen = gen;
  state.seq = ev.a1;
  // We lost the M for an abandoned P: leave the Ms alone.
  if (oldStatus === ProcStatus.SyscallAbandoned) {
    return o.event(ev, evt);
  }
  const mid = ev.a2; // The M we steal from.
  if (mid === o.curM) {
    // Stealing from ourselves: like a ProcStop.
    if (o.curP !== pid) {
      throw o.err(`tried to self-steal proc ${o.i64(pid)} (thread ${o.i64(mid)}), but got proc ${o.i64(o.curP)} instead`);
    }
    o.newP = NoProc;
    return o.event(ev, evt);
  }
  const ms = o.mStates.get(mid);
  if (ms === undefined) throw o.err(`stole proc from non-existent thread ${o.i64(mid)}`);
  if (ms.p !== pid) throw o.err(`tried to steal proc ${o.i64(pid)} from thread ${o.i64(mid)}, but got proc ${o.i64(ms.p)} instead`);
  // The other M is leaving its syscall; it can proceed without its P.
  ms.p = NoProc;
  return o.event(ev, evt);
};

const advanceGoStatus: Handler = (o, ev, evt, gen) => {
  const gid = ev.a0;
  const mid = ev.a1;
  const status = low8(ev.a2, o.big);
  if (status >= goStatusToGoState.length) throw o.err(`invalid status for goroutine ${o.i64(gid)}: ${status}`);
  let oldState: number = goStatusToGoState[status];
  const s = o.gStates.get(gid);
  if (s !== undefined) {
    if (s.status !== status) {
      throw o.err(`inconsistent status for goroutine ${o.i64(gid)}: old ${goStatusString(s.status)} vs. new ${goStatusString(status)}`);
    }
    s.seqGen = gen;
    s.seq = 0;
  } else if (gen === o.initialGen) {
    o.gStates.set(gid, new GState(gid, status, gen, 0));
    oldState = GoState.Undetermined;
  } else {
    throw o.err(`found goroutine status for new goroutine after the first generation: id=${o.i64(gid)} status=${goStatusString(status)}`);
  }
  // The old state, for StateTransition, packed with the status (below 8), as Go 1.27 packs them
  // (old << 32 | status there; a small number here, which the engine keeps unboxed).
  ev.a2 = oldState * 8 + status;
  if (status === GoStatus.Running) {
    o.newG = gid;
  } else if (status === GoStatus.Syscall) {
    if (mid === NoThread) throw o.err(`found goroutine ${o.i64(gid)} in syscall without a thread`);
    if (mid === o.curM) {
      // After the first generation we must have seen this binding already.
      if (gen !== o.initialGen && o.curG !== gid) {
        throw o.err(`inconsistent thread for syscalling goroutine ${o.i64(gid)}: thread has goroutine ${o.i64(o.curG)}`);
      }
      o.newG = gid;
    } else {
      // A goroutine sitting in a syscall on another M for the whole generation (no P).
      const ms = o.mStates.get(mid);
      if (ms !== undefined) {
        if (ms.g !== gid) throw o.err(`inconsistent thread for syscalling goroutine ${o.i64(gid)}: thread has goroutine ${o.i64(ms.g)}`);
        // A Syscall->Syscall event, in the context of that M.
        o.curG = ms.g;
      } else {
        // First sight of this M: this event binds the goroutine to it.
        o.mStates.set(mid, new MState(gid, NoProc));
      }
      o.curM = mid;
    }
  }
  return o.event(ev, evt);
};

const advanceGoCreate: Handler = (o, ev, evt, gen) => {
  // Created on a running P, by a running goroutine or not.
  o.validateCtx(MustHave, MustHave, MayHave);
  const state = o.gStates.get(o.curG);
  if (state !== undefined && state.status !== GoStatus.Running) {
    throw o.err(`${name(evt, ev.typ)} event for goroutine that's not Running`);
  }
  const newgid = ev.a0;
  if (o.gStates.has(newgid)) throw o.err(`tried to create goroutine (${o.i64(newgid)}) that already exists`);
  const status = ev.typ === Ev.GoCreateBlocked ? GoStatus.Waiting : GoStatus.Runnable;
  o.gStates.set(newgid, new GState(newgid, status, gen, 0));
  return o.event(ev, evt);
};

const advanceGoStopExec: Handler = (o, ev, evt) => {
  // These need the running goroutine, which is bound to this M: always advanceable.
  o.userGoReqs();
  const state = o.gStates.get(o.curG);
  if (state === undefined) throw o.err(`event ${name(evt, ev.typ)} for goroutine (${o.i64(o.curG)}) that doesn't exist`);
  if (state.status !== GoStatus.Running) throw o.err(`${name(evt, ev.typ)} event for goroutine that's not Running`);
  switch (ev.typ) {
    case Ev.GoDestroy:
      o.gStates.delete(o.curG);
      break;
    case Ev.GoStop:
      state.status = GoStatus.Runnable;
      break;
    case Ev.GoBlock:
      state.status = GoStatus.Waiting;
      break;
  }
  o.newG = NoGoroutine;
  return o.event(ev, evt);
};

const advanceGoStart: Handler = (o, ev, evt, gen) => {
  const gid = ev.a0;
  const state = o.gStates.get(gid);
  if (state === undefined || state.status !== GoStatus.Runnable || state.seqGen !== gen || !o.succ(ev.a1, state.seq)) return null;
  o.validateCtx(MustHave, MustHave, MustNotHave);
  state.status = GoStatus.Running;
  state.seqGen = gen;
  state.seq = ev.a1;
  o.newG = gid;
  return o.event(ev, evt);
};

const advanceGoUnblock: Handler = (o, ev, evt, gen) => {
  // The goroutine named, not the current one. Anything may unblock a goroutine (e.g. sysmon).
  const gid = ev.a0;
  const state = o.gStates.get(gid);
  if (state === undefined || state.status !== GoStatus.Waiting || state.seqGen !== gen || !o.succ(ev.a1, state.seq)) return null;
  state.status = GoStatus.Runnable;
  state.seqGen = gen;
  state.seq = ev.a1;
  return o.event(ev, evt);
};

const advanceGoSwitch: Handler = (o, ev, evt, gen) => {
  // A trio: unblock the next goroutine, block or destroy the current one, start the next.
  o.userGoReqs();
  const curGState = o.gStates.get(o.curG);
  if (curGState === undefined) throw o.err(`event ${name(evt, ev.typ)} for goroutine (${o.i64(o.curG)}) that doesn't exist`);
  if (curGState.status !== GoStatus.Running) throw o.err(`${name(evt, ev.typ)} event for goroutine that's not Running`);
  const nextg = ev.a0;
  const nextGState = o.gStates.get(nextg);
  if (nextGState === undefined || nextGState.status !== GoStatus.Waiting || nextGState.seqGen !== gen || !o.succ(ev.a1, nextGState.seq)) {
    return null;
  }
  const first = o.event(ev, evt);
  if (ev.typ === Ev.GoSwitch) {
    curGState.status = GoStatus.Waiting;
    o.later(o.made(evt, o.curG, Ev.GoBlock, ev, 0 /* no reason */, 0 /* no stack */));
  } else {
    o.gStates.delete(o.curG);
    o.later(o.made(evt, o.curG, Ev.GoDestroy, ev));
  }
  nextGState.status = GoStatus.Running;
  nextGState.seqGen = gen;
  nextGState.seq = ev.a1;
  o.newG = nextg;
  o.later(o.made(evt, NoGoroutine, Ev.GoStart, ev, nextg, ev.a1));
  return first;
};

const advanceGoSyscallBegin: Handler = (o, ev, evt, gen) => {
  o.userGoReqs();
  const state = o.gStates.get(o.curG);
  if (state === undefined) throw o.err(`event ${name(evt, ev.typ)} for goroutine (${o.i64(o.curG)}) that doesn't exist`);
  if (state.status !== GoStatus.Running) throw o.err(`${name(evt, ev.typ)} event for goroutine that's not Running`);
  state.status = GoStatus.Syscall;
  const pState = o.pStates.get(o.curP);
  if (pState === undefined) throw o.err(`uninitialized proc ${o.i64(o.curP)} found during ${name(evt, ev.typ)}`);
  pState.status = ProcStatus.Syscall;
  // The P sequence number only disambiguates ProcSteal; on a running P it must line up.
  if (pState.seqGen !== gen || !o.succ(ev.a0, pState.seq)) {
    throw o.err(`failed to advance ${name(evt, ev.typ)}: can't make sequence: ${o.seqString(pState.seqGen, pState.seq)} -> ${o.seqString(gen, ev.a0)}`);
  }
  pState.seq = ev.a0;
  return o.event(ev, evt);
};

const advanceGoSyscallEnd: Handler = (o, ev, evt) => {
  // Same thread as the GoSyscallBegin, which the goroutine cannot leave: always advanceable.
  o.userGoReqs();
  const state = o.gStates.get(o.curG);
  if (state === undefined) throw o.err(`event ${name(evt, ev.typ)} for goroutine (${o.i64(o.curG)}) that doesn't exist`);
  // (Go's message says Running here although the check is for Syscall.)
  if (state.status !== GoStatus.Syscall) throw o.err(`${name(evt, ev.typ)} event for goroutine that's not Running`);
  state.status = GoStatus.Running;
  const pState = o.pStates.get(o.curP);
  if (pState === undefined) throw o.err(`uninitialized proc ${o.i64(o.curP)} found during ${name(evt, ev.typ)}`);
  if (pState.status !== ProcStatus.Syscall) {
    throw o.err(`expected proc ${o.i64(o.curP)} in state Syscall, but got ${procStatusString(pState.status, o.readAs)} instead`);
  }
  pState.status = ProcStatus.Running;
  return o.event(ev, evt);
};

const advanceGoSyscallEndBlocked: Handler = (o, ev, evt) => {
  // Only once the P has left the syscall state (ProcStop or ProcSteal): while we still hold
  // a P in a syscall we know we are going to lose it.
  if (o.curP !== NoProc) {
    const pState = o.pStates.get(o.curP);
    if (pState === undefined) throw o.err(`uninitialized proc ${o.i64(o.curP)} found during ${name(evt, ev.typ)}`);
    if (pState.status === ProcStatus.Syscall) return null;
  }
  // We may have a new P already.
  o.validateCtx(MustHave, MayHave, MustHave);
  const state = o.gStates.get(o.curG);
  if (state === undefined) throw o.err(`event ${name(evt, ev.typ)} for goroutine (${o.i64(o.curG)}) that doesn't exist`);
  if (state.status !== GoStatus.Syscall) throw o.err(`${name(evt, ev.typ)} event for goroutine that's not Running`);
  o.newG = NoGoroutine;
  state.status = GoStatus.Runnable;
  return o.event(ev, evt);
};

const advanceGoCreateSyscall: Handler = (o, ev, evt, gen) => {
  // A goroutine appearing from a cgo callback, created in the syscall state.
  o.validateCtx(MustHave, MayHave, MustNotHave);
  const newgid = ev.a0;
  if (o.gStates.has(newgid)) throw o.err(`tried to create goroutine (${o.i64(newgid)}) in syscall that already exists`);
  o.gStates.set(newgid, new GState(newgid, GoStatus.Syscall, gen, 0));
  o.newG = newgid;
  return o.event(ev, evt);
};

const advanceGoDestroySyscall: Handler = (o, ev, evt) => {
  // A cgo-callback goroutine going away. Treat it as losing its P too: the thread ID may be
  // reused, and a new M with the same ID must not appear to steal the P from itself.
  o.validateCtx(MustHave, MayHave, MustHave);
  const state = o.gStates.get(o.curG);
  if (state === undefined) throw o.err(`event ${name(evt, ev.typ)} for goroutine (${o.i64(o.curG)}) that doesn't exist`);
  if (state.status !== GoStatus.Syscall) throw o.err(`${name(evt, ev.typ)} event for goroutine that's not Syscall`);
  o.gStates.delete(o.curG);
  o.newG = NoGoroutine;
  if (o.curP !== NoProc) {
    const pState = o.pStates.get(o.curP);
    if (pState === undefined) throw o.err(`found invalid proc ${o.i64(o.curP)} during ${name(evt, ev.typ)}`);
    if (pState.status !== ProcStatus.Syscall) {
      throw o.err(`proc ${o.i64(o.curP)} in unexpected state ${procStatusString(pState.status, o.readAs)} during ${name(evt, ev.typ)}`);
    }
    // See the go122-create-syscall-reuse-thread-id test.
    pState.status = ProcStatus.SyscallAbandoned;
    o.newP = NoProc;
    // An extra self-ProcSteal first, with the old status in extra[0].
    const steal = o.made(evt, o.curG, Ev.ProcSteal, ev, o.curP, 0, 0, ProcStatus.Syscall);
    o.later(o.event(ev, evt));
    return steal;
  }
  return o.event(ev, evt);
};

const advanceUserTaskBegin: Handler = (o, ev, evt) => {
  // Tasks need no Begin to be referenced and may End many times; only a double Begin is wrong.
  const id = ev.a0;
  if (o.activeTasks.has(id)) throw o.err(`task ID conflict: ${o.u64(id)}`);
  // A parent of 0 means no parent, not the background task.
  let parentID = ev.a1;
  if (parentID === 0) {
    parentID = NoTask;
    ev.a1 = NoTask;
  }
  const nameID = ev.a2;
  const nm = evt.strings.get(nameID);
  if (nm === undefined) throw o.err(`invalid string ID ${o.u64(nameID)} for ${ev.typ} event`);
  o.activeTasks.set(id, { name: nm, parentID });
  o.userGoReqs();
  return o.event(ev, evt);
};

const advanceUserTaskEnd: Handler = (o, ev, evt) => {
  const id = ev.a0;
  const ts = o.activeTasks.get(id);
  if (ts !== undefined) {
    // Carry the parent and name; the name goes to the extra strings, since this may be a
    // generation whose string table lacks it.
    ev.a2 = ts.parentID;
    ev.a3 = evt.addExtraString(ts.name);
    o.activeTasks.delete(id);
  } else {
    ev.a2 = NoTask;
    ev.a3 = evt.addExtraString('');
  }
  o.userGoReqs();
  return o.event(ev, evt);
};

function regionArgs(o: Ordering, ev: BaseEvent, evt: EvTable, which: string): { gs: GState; r: UserRegion } {
  o.userGoReqs();
  const nm = evt.strings.get(ev.a1);
  if (nm === undefined) throw o.err(`invalid string ID ${o.u64(ev.a1)} for ${ev.typ} event`);
  const gs = o.gStates.get(o.curG);
  if (gs === undefined) throw o.err(`encountered ${which} without known state for current goroutine ${o.i64(o.curG)}`);
  return { gs, r: { taskID: ev.a0, name: nm } };
}

const advanceUserRegionBegin: Handler = (o, ev, evt) => {
  const { gs, r } = regionArgs(o, ev, evt, 'EvUserRegionBegin');
  (gs.regions ??= []).push(r);
  return o.event(ev, evt);
};

const advanceUserRegionEnd: Handler = (o, ev, evt) => {
  const { gs, r } = regionArgs(o, ev, evt, 'EvUserRegionEnd');
  // Regions that began before tracing started are unknown: accept their ends.
  const regions = gs.regions;
  if (regions !== null && regions.length !== 0) {
    const next = regions[regions.length - 1];
    if (next.taskID !== r.taskID || next.name !== r.name) {
      throw o.err(
        `misuse of region in goroutine ${o.i64(gs.id)}: region end {${o.u64(r.taskID)} ${r.name}} when the inner-most active region start event is {${o.u64(next.taskID)} ${next.name}}`,
      );
    }
    regions.pop();
  }
  return o.event(ev, evt);
};

// The GC mark phase has sequence numbers at both ends, since begin and end may be on
// different threads: an explicit edge instead of trusting timestamps.
const advanceGCActive: Handler = (o, ev, evt, gen) => {
  const seq = ev.a0;
  if (gen === o.initialGen) {
    if (o.gcState !== gcUndetermined) throw o.err("GCActive in the first generation isn't first GC event");
    o.gcSeq = seq;
    o.gcState = gcRunning;
    return o.event(ev, evt);
  }
  if (!o.succ(seq, o.gcSeq)) return null;
  if (o.gcState !== gcRunning) throw o.err('encountered GCActive while GC was not in progress');
  o.gcSeq = seq;
  o.userGoReqs();
  return o.event(ev, evt);
};

const advanceGCBegin: Handler = (o, ev, evt) => {
  const seq = ev.a0;
  if (o.gcState === gcUndetermined) {
    o.gcSeq = seq;
    o.gcState = gcRunning;
    return o.event(ev, evt);
  }
  if (!o.succ(seq, o.gcSeq)) return null;
  if (o.gcState === gcRunning) throw o.err('encountered GCBegin while GC was already in progress');
  o.gcSeq = seq;
  o.gcState = gcRunning;
  o.userGoReqs();
  return o.event(ev, evt);
};

const advanceGCEnd: Handler = (o, ev, evt) => {
  const seq = ev.a0;
  if (!o.succ(seq, o.gcSeq)) return null;
  if (o.gcState === gcNotRunning) throw o.err('encountered GCEnd when GC was not in progress');
  if (o.gcState === gcUndetermined) throw o.err('encountered GCEnd when GC was in an undetermined state');
  o.gcSeq = seq;
  o.gcState = gcNotRunning;
  o.userGoReqs();
  return o.event(ev, evt);
};

const advanceAnnotation: Handler = (o, ev, evt) => {
  // Instantaneous events that need a running goroutine.
  o.userGoReqs();
  return o.event(ev, evt);
};

const advanceHeapMetric: Handler = (o, ev, evt) => {
  // Allocation metrics, which need no goroutine.
  o.validateCtx(MustHave, MustHave, MayHave);
  return o.event(ev, evt);
};

function pStateOfCurrent(o: Ordering, evt: EvTable, ev: BaseEvent): PState {
  const ps = o.pStates.get(o.curP);
  // Go dereferences a nil state here and panics; a broken trace is an error, not a crash.
  if (ps === undefined) throw o.err(`event ${name(evt, ev.typ)} for proc (${o.i64(o.curP)}) that doesn't exist`);
  return ps;
}

const advanceGCSweepBegin: Handler = (o, ev, evt) => {
  // Sweeping is bound to a P and needs no goroutine.
  o.validateCtx(MustHave, MustHave, MayHave);
  beginRange(o, evt, rangesOf(pStateOfCurrent(o, evt, ev)), makeRangeType(evt, ev.typ, 0));
  return o.event(ev, evt);
};

const advanceGCSweepActive: Handler = (o, ev, evt, gen) => {
  // In practice only the current P, but be lenient like GCMarkAssistActive.
  const pid = ev.a0;
  const ps = o.pStates.get(pid);
  if (ps === undefined) throw o.err(`encountered GCSweepActive for unknown proc ${o.i64(pid)}`);
  activeRange(o, evt, rangesOf(ps), makeRangeType(evt, ev.typ, 0), gen === o.initialGen);
  return o.event(ev, evt);
};

const advanceGCSweepEnd: Handler = (o, ev, evt) => {
  o.validateCtx(MustHave, MustHave, MayHave);
  endRange(o, evt, rangesOf(pStateOfCurrent(o, evt, ev)), ev.typ);
  return o.event(ev, evt);
};

const advanceGoRangeBegin: Handler = (o, ev, evt) => {
  // Goroutine-bound ranges (STW, mark assist).
  o.userGoReqs();
  const desc = ev.typ === Ev.STWBegin ? ev.a0 : 0;
  const gs = o.gStates.get(o.curG);
  if (gs === undefined) throw o.err(`encountered event of type ${ev.typ} without known state for current goroutine ${o.i64(o.curG)}`);
  beginRange(o, evt, rangesOf(gs), makeRangeType(evt, ev.typ, desc));
  return o.event(ev, evt);
};

const advanceGoRangeActive: Handler = (o, ev, evt, gen) => {
  // Like GoStatus, may name a goroutine that is not running: no context checks.
  const gid = ev.a0;
  const gs = o.gStates.get(gid);
  if (gs === undefined) throw o.err(`uninitialized goroutine ${o.i64(gid)} found during ${name(evt, ev.typ)}`);
  activeRange(o, evt, rangesOf(gs), makeRangeType(evt, ev.typ, 0), gen === o.initialGen);
  return o.event(ev, evt);
};

const advanceGoRangeEnd: Handler = (o, ev, evt) => {
  o.userGoReqs();
  const gs = o.gStates.get(o.curG);
  if (gs === undefined) throw o.err(`encountered event of type ${ev.typ} without known state for current goroutine ${o.i64(o.curG)}`);
  const desc = endRange(o, evt, rangesOf(gs), ev.typ);
  // Carry the STW kind into the end event (where Begin has it).
  if (ev.typ === Ev.STWEnd) ev.a0 = desc;
  return o.event(ev, evt);
};

const advanceAllocFree: Handler = (o, ev, evt) => {
  // Instantaneous events that may or may not have a P.
  o.validateCtx(MustHave, MayHave, MayHave);
  return o.event(ev, evt);
};

/** Handler per event type (Go's orderingDispatch). */
const dispatch: (Handler | undefined)[] = (() => {
  const d: (Handler | undefined)[] = new Array(256).fill(undefined);
  const set = (h: Handler, ...types: number[]): void => types.forEach((t) => (d[t] = h));
  // Procs.
  set(advanceAnnotation, Ev.ProcsChange);
  set(advanceProcStart, Ev.ProcStart);
  set(advanceProcStop, Ev.ProcStop);
  set(advanceProcSteal, Ev.ProcSteal);
  set(advanceProcStatus, Ev.ProcStatus);
  // Goroutines.
  set(advanceGoCreate, Ev.GoCreate, Ev.GoCreateBlocked);
  set(advanceGoCreateSyscall, Ev.GoCreateSyscall);
  set(advanceGoStart, Ev.GoStart);
  set(advanceGoStopExec, Ev.GoDestroy, Ev.GoStop, Ev.GoBlock);
  set(advanceGoDestroySyscall, Ev.GoDestroySyscall);
  set(advanceGoUnblock, Ev.GoUnblock);
  set(advanceGoSyscallBegin, Ev.GoSyscallBegin);
  set(advanceGoSyscallEnd, Ev.GoSyscallEnd);
  set(advanceGoSyscallEndBlocked, Ev.GoSyscallEndBlocked);
  set(advanceGoStatus, Ev.GoStatus, Ev.GoStatusStack);
  // STW.
  set(advanceGoRangeBegin, Ev.STWBegin, Ev.GCMarkAssistBegin);
  set(advanceGoRangeEnd, Ev.STWEnd, Ev.GCMarkAssistEnd);
  // GC.
  set(advanceGCActive, Ev.GCActive);
  set(advanceGCBegin, Ev.GCBegin);
  set(advanceGCEnd, Ev.GCEnd);
  set(advanceGCSweepActive, Ev.GCSweepActive);
  set(advanceGCSweepBegin, Ev.GCSweepBegin);
  set(advanceGCSweepEnd, Ev.GCSweepEnd);
  set(advanceGoRangeActive, Ev.GCMarkAssistActive);
  set(advanceHeapMetric, Ev.HeapAlloc, Ev.HeapGoal);
  // Annotations.
  set(advanceAnnotation, Ev.GoLabel, Ev.UserLog);
  set(advanceUserTaskBegin, Ev.UserTaskBegin);
  set(advanceUserTaskEnd, Ev.UserTaskEnd);
  set(advanceUserRegionBegin, Ev.UserRegionBegin);
  set(advanceUserRegionEnd, Ev.UserRegionEnd);
  // Coroutines (Go 1.23).
  set(advanceGoSwitch, Ev.GoSwitch, Ev.GoSwitchDestroy);
  // Experimental (AllocFree).
  set(advanceAllocFree, Ev.Span, Ev.SpanAlloc, Ev.SpanFree, Ev.HeapObject, Ev.HeapObjectAlloc,
    Ev.HeapObjectFree, Ev.GoroutineStack, Ev.GoroutineStackAlloc, Ev.GoroutineStackFree);
  return d;
})();
