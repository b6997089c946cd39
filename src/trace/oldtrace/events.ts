// Old-format (Go 1.11–1.21) events: the event table, the record one event is decoded
// into, the compact store that holds a whole trace's events, and Go's int64/uint64
// arithmetic on wire numbers. Port of the data parts of Go 1.23's
// internal/trace/internal/oldtrace/parser.go.
//
// Old traces are not split into generations: the whole file is parsed, merged and
// checked before its first event can be returned (Go does the same). A 100 MB trace holds
// about 26 million events, so they are kept column by column in typed arrays (33 bytes
// an event) rather than as objects (which would take several times that).

import { fmtInt64, fmtUint64, isBig, type BigValues } from '../wire.ts';

/** Old event types (Go's oldtrace Ev* constants, the runtime's trace.go of Go 1.21). */
export const OldEv = {
  None: 0,
  Batch: 1, // start of per-P batch of events [pid, timestamp]
  Frequency: 2, // tracer timer frequency [ticks per second]
  Stack: 3, // stack [id, number of PCs, array of {PC, func string ID, file string ID, line}]
  Gomaxprocs: 4, // current value of GOMAXPROCS [timestamp, GOMAXPROCS, stack id]
  ProcStart: 5, // start of P [timestamp, thread id]
  ProcStop: 6, // stop of P [timestamp]
  GCStart: 7, // GC start [timestamp, seq, stack id]
  GCDone: 8, // GC done [timestamp]
  STWStart: 9, // stop-the-world start [timestamp, kind]
  STWDone: 10, // stop-the-world done [timestamp]
  GCSweepStart: 11, // GC sweep start [timestamp, stack id]
  GCSweepDone: 12, // GC sweep done [timestamp, swept, reclaimed]
  GoCreate: 13, // goroutine creation [timestamp, new goroutine id, new stack id, stack id]
  GoStart: 14, // goroutine starts running [timestamp, goroutine id, seq]
  GoEnd: 15, // goroutine ends [timestamp]
  GoStop: 16, // goroutine stops (like in select{}) [timestamp, stack]
  GoSched: 17, // goroutine calls Gosched [timestamp, stack]
  GoPreempt: 18, // goroutine is preempted [timestamp, stack]
  GoSleep: 19, // goroutine calls Sleep [timestamp, stack]
  GoBlock: 20, // goroutine blocks [timestamp, stack]
  GoUnblock: 21, // goroutine is unblocked [timestamp, goroutine id, seq, stack]
  GoBlockSend: 22, // goroutine blocks on chan send [timestamp, stack]
  GoBlockRecv: 23, // goroutine blocks on chan recv [timestamp, stack]
  GoBlockSelect: 24, // goroutine blocks on select [timestamp, stack]
  GoBlockSync: 25, // goroutine blocks on Mutex/RWMutex [timestamp, stack]
  GoBlockCond: 26, // goroutine blocks on Cond [timestamp, stack]
  GoBlockNet: 27, // goroutine blocks on network [timestamp, stack]
  GoSysCall: 28, // syscall enter [timestamp, stack]
  GoSysExit: 29, // syscall exit [timestamp, goroutine id, seq, real timestamp]
  GoSysBlock: 30, // syscall blocks [timestamp]
  GoWaiting: 31, // goroutine is blocked when tracing starts [timestamp, goroutine id]
  GoInSyscall: 32, // goroutine is in syscall when tracing starts [timestamp, goroutine id]
  HeapAlloc: 33, // heap live bytes change [timestamp, heap live bytes]
  HeapGoal: 34, // heap goal change [timestamp, heap goal bytes]
  TimerGoroutine: 35, // denotes timer goroutine [timer goroutine id]
  FutileWakeup: 36, // the previous wakeup of this goroutine was futile [timestamp]
  String: 37, // string dictionary entry [ID, length, string]
  GoStartLocal: 38, // goroutine starts running on the same P as the last event [timestamp, goroutine id]
  GoUnblockLocal: 39, // goroutine is unblocked on the same P as the last event [timestamp, goroutine id, stack]
  GoSysExitLocal: 40, // syscall exit on the same P as the last event [timestamp, goroutine id, real timestamp]
  GoStartLabel: 41, // goroutine starts running with label [timestamp, goroutine id, seq, label string id]
  GoBlockGC: 42, // goroutine blocks on GC assist [timestamp, stack]
  GCMarkAssistStart: 43, // GC mark assist start [timestamp, stack]
  GCMarkAssistDone: 44, // GC mark assist done [timestamp]
  UserTaskCreate: 45, // trace.NewTask [timestamp, task id, parent id, stack, name string]
  UserTaskEnd: 46, // end of task [timestamp, task id, stack]
  UserRegion: 47, // trace.WithRegion [timestamp, task id, mode (0: start, 1: end), name string]
  UserLog: 48, // trace.Log [timestamp, task id, key string id, stack, value string]
  CPUSample: 49, // CPU profiling sample [timestamp, stack, real timestamp, real P id (-1 when absent), goroutine id]
  Count: 50,
} as const;

/** One row of the old event table (Go's EventDescriptions). */
export interface OldEventDesc {
  readonly name: string;
  /** First format version that may contain the event. */
  readonly minVersion: number;
  /** The last argument on the wire is a stack ID. */
  readonly stack: boolean;
  /** Argument names, after the timestamp and without the stack. */
  readonly args: readonly string[];
}

const E = OldEv;
const d = (name: string, minVersion: number, stack: boolean, args: string[] = []): OldEventDesc =>
  Object.freeze({ name, minVersion, stack, args: Object.freeze(args) });

/** The event table, indexed by type (Go's EventDescriptions; Go 1.5–1.10 rows are unused). */
export const oldEventDescs: readonly OldEventDesc[] = (() => {
  const t: OldEventDesc[] = new Array(E.Count).fill(d('', 0, false));
  t[E.None] = d('None', 5, false);
  t[E.Batch] = d('Batch', 5, false, ['p', 'ticks']);
  t[E.Frequency] = d('Frequency', 5, false, ['freq']);
  t[E.Stack] = d('Stack', 5, false, ['id', 'siz']);
  t[E.Gomaxprocs] = d('Gomaxprocs', 5, true, ['procs']);
  t[E.ProcStart] = d('ProcStart', 5, false, ['thread']);
  t[E.ProcStop] = d('ProcStop', 5, false);
  t[E.GCStart] = d('GCStart', 5, true, ['seq']);
  t[E.GCDone] = d('GCDone', 5, false);
  t[E.STWStart] = d('GCSTWStart', 5, false, ['kindid']);
  t[E.STWDone] = d('GCSTWDone', 5, false);
  t[E.GCSweepStart] = d('GCSweepStart', 5, true);
  t[E.GCSweepDone] = d('GCSweepDone', 5, false, ['swept', 'reclaimed']);
  t[E.GoCreate] = d('GoCreate', 5, true, ['g', 'stack']);
  t[E.GoStart] = d('GoStart', 5, false, ['g', 'seq']);
  t[E.GoEnd] = d('GoEnd', 5, false);
  t[E.GoStop] = d('GoStop', 5, true);
  t[E.GoSched] = d('GoSched', 5, true);
  t[E.GoPreempt] = d('GoPreempt', 5, true);
  t[E.GoSleep] = d('GoSleep', 5, true);
  t[E.GoBlock] = d('GoBlock', 5, true);
  t[E.GoUnblock] = d('GoUnblock', 5, true, ['g', 'seq']);
  t[E.GoBlockSend] = d('GoBlockSend', 5, true);
  t[E.GoBlockRecv] = d('GoBlockRecv', 5, true);
  t[E.GoBlockSelect] = d('GoBlockSelect', 5, true);
  t[E.GoBlockSync] = d('GoBlockSync', 5, true);
  t[E.GoBlockCond] = d('GoBlockCond', 5, true);
  t[E.GoBlockNet] = d('GoBlockNet', 5, true);
  t[E.GoSysCall] = d('GoSysCall', 5, true);
  t[E.GoSysExit] = d('GoSysExit', 5, false, ['g', 'seq', 'ts']);
  t[E.GoSysBlock] = d('GoSysBlock', 5, false);
  t[E.GoWaiting] = d('GoWaiting', 5, false, ['g']);
  t[E.GoInSyscall] = d('GoInSyscall', 5, false, ['g']);
  t[E.HeapAlloc] = d('HeapAlloc', 5, false, ['mem']);
  t[E.HeapGoal] = d('HeapGoal', 5, false, ['mem']);
  t[E.TimerGoroutine] = d('TimerGoroutine', 5, false, ['g']);
  t[E.FutileWakeup] = d('FutileWakeup', 5, false);
  t[E.String] = d('String', 7, false);
  t[E.GoStartLocal] = d('GoStartLocal', 7, false, ['g']);
  t[E.GoUnblockLocal] = d('GoUnblockLocal', 7, true, ['g']);
  t[E.GoSysExitLocal] = d('GoSysExitLocal', 7, false, ['g', 'ts']);
  t[E.GoStartLabel] = d('GoStartLabel', 8, false, ['g', 'seq', 'labelid']);
  t[E.GoBlockGC] = d('GoBlockGC', 8, true);
  t[E.GCMarkAssistStart] = d('GCMarkAssistStart', 9, true);
  t[E.GCMarkAssistDone] = d('GCMarkAssistDone', 9, false);
  t[E.UserTaskCreate] = d('UserTaskCreate', 11, true, ['taskid', 'pid', 'typeid']);
  t[E.UserTaskEnd] = d('UserTaskEnd', 11, true, ['taskid']);
  t[E.UserRegion] = d('UserRegion', 11, true, ['taskid', 'mode', 'typeid']);
  t[E.UserLog] = d('UserLog', 11, true, ['id', 'keyid']);
  t[E.CPUSample] = d('CPUSample', 19, true, ['ts', 'p', 'g']);
  return Object.freeze(t);
})();

/** Special P IDs the parser moves events to (Go's FakeP and following). */
export const FakeP = 1000000;
export const TimerP = 1000001; // timer unblocks
export const NetpollP = 1000002; // network unblocks
export const SyscallP = 1000003; // returns from syscalls
export const GCP = 1000004; // GC state
export const ProfileP = 1000005; // CPU profile samples

/**
 * One decoded event (Go's oldtrace.Event), used while a batch is being read and merged.
 * Numbers are wire numbers (wire.ts): exact int64 readings of the uint64s on the wire.
 */
export class OldEvent {
  /** Timestamp: ticks while parsing, ns relative to the first event once converted. */
  ts = 0;
  /** Goroutine (0 = none). */
  g = 0;
  a0 = 0;
  a1 = 0;
  a2 = 0;
  a3 = 0;
  /** Stack ID (uint32). */
  stk = 0;
  /** P (int32), real or one of the fake Ps. */
  p = 0;
  typ = 0;
}

const ChunkBits = 16;
const ChunkSize = 1 << ChunkBits;
const ChunkMask = ChunkSize - 1;

// A column of wire numbers kept as int32s: almost every goroutine ID, sequence number,
// stack or string ID fits; the rest (large values, timestamps in arguments) is kept in a
// map, marked by an int32 no fitting value takes.
const Escape = -2147483648;

class Int32Column {
  private readonly chunks: Int32Array[] = [];
  private readonly wide = new Map<number, number>();

  grow(): void {
    this.chunks.push(new Int32Array(ChunkSize));
  }

  get(i: number): number {
    const v = this.chunks[i >>> ChunkBits][i & ChunkMask];
    return v !== Escape ? v : this.wide.get(i)!;
  }

  set(i: number, v: number): void {
    if ((v | 0) === v && v !== Escape) {
      this.chunks[i >>> ChunkBits][i & ChunkMask] = v;
      this.wide.delete(i);
    } else {
      this.chunks[i >>> ChunkBits][i & ChunkMask] = Escape;
      this.wide.set(i, v);
    }
  }

  // Set on a new index (no stale map entry to remove).
  init(i: number, v: number): void {
    if ((v | 0) === v && v !== Escape) {
      this.chunks[i >>> ChunkBits][i & ChunkMask] = v;
    } else {
      this.chunks[i >>> ChunkBits][i & ChunkMask] = Escape;
      this.wide.set(i, v);
    }
  }
}

/**
 * All events of a trace, column by column in chunks of 65536 (Go keeps them in buckets
 * of 524288 structs for the same reason: growth without copying the whole): 33 bytes an
 * event. The goroutine and the first three arguments are int32 columns (see Int32Column);
 * Args[3] is used by UserLog alone (the index of its inline message), so it lives in a map.
 */
export class OldEvents {
  n = 0;
  private readonly tsC: Float64Array[] = [];
  private readonly gC = new Int32Column();
  private readonly a0C = new Int32Column();
  private readonly a1C = new Int32Column();
  private readonly a2C = new Int32Column();
  private readonly stkC: Uint32Array[] = [];
  private readonly pC: Int32Array[] = [];
  private readonly typC: Uint8Array[] = [];
  private readonly a3s = new Map<number, number>();

  push(e: OldEvent): void {
    const i = this.n++;
    const c = i >>> ChunkBits;
    if (c === this.tsC.length) {
      this.tsC.push(new Float64Array(ChunkSize));
      this.gC.grow();
      this.a0C.grow();
      this.a1C.grow();
      this.a2C.grow();
      this.stkC.push(new Uint32Array(ChunkSize));
      this.pC.push(new Int32Array(ChunkSize));
      this.typC.push(new Uint8Array(ChunkSize));
    }
    const j = i & ChunkMask;
    this.tsC[c][j] = e.ts;
    this.gC.init(i, e.g);
    this.a0C.init(i, e.a0);
    this.a1C.init(i, e.a1);
    this.a2C.init(i, e.a2);
    this.stkC[c][j] = e.stk;
    this.pC[c][j] = e.p;
    this.typC[c][j] = e.typ;
    if (e.a3 !== 0) this.a3s.set(i, e.a3);
  }

  ts(i: number): number {
    return this.tsC[i >>> ChunkBits][i & ChunkMask];
  }
  setTs(i: number, v: number): void {
    this.tsC[i >>> ChunkBits][i & ChunkMask] = v;
  }
  g(i: number): number {
    return this.gC.get(i);
  }
  p(i: number): number {
    return this.pC[i >>> ChunkBits][i & ChunkMask];
  }
  setP(i: number, v: number): void {
    this.pC[i >>> ChunkBits][i & ChunkMask] = v;
  }
  typ(i: number): number {
    return this.typC[i >>> ChunkBits][i & ChunkMask];
  }
  stk(i: number): number {
    return this.stkC[i >>> ChunkBits][i & ChunkMask];
  }
  setStk(i: number, v: number): void {
    this.stkC[i >>> ChunkBits][i & ChunkMask] = v;
  }
  /** Args[k] (k < 4). */
  arg(i: number, k: number): number {
    switch (k) {
      case 0: return this.a0C.get(i);
      case 1: return this.a1C.get(i);
      case 2: return this.a2C.get(i);
      default: return this.a3s.get(i) ?? 0;
    }
  }

  /** Bytes held by the columns, for statistics. */
  get bytes(): number {
    return this.tsC.length * ChunkSize * 33;
  }
}

/** Go's (*oldtrace.Event).String() of event i: "ts Name p=P g=G stk=S arg=V ...". */
export function oldEventString(evs: OldEvents, i: number, big: BigValues): string {
  const desc = oldEventDescs[evs.typ(i)];
  let s = `${fmtInt64(evs.ts(i), big)} ${desc.name} p=${evs.p(i)} g=${fmtUint64(evs.g(i), big)} stk=${evs.stk(i)}`;
  desc.args.forEach((a, k) => (s += ` ${a}=${fmtUint64(evs.arg(i, k), big)}`));
  return s;
}

// Go's integer arithmetic on wire numbers (exact int64 readings; see wire.ts). The fast
// paths are plain number operations; values beyond ±2^53 (only broken traces have them)
// go through BigInt.

const two53 = 9007199254740992;

/** The wire number of an int64 (or of a uint64's bits). */
export function wireOf(x: bigint, big: BigValues): number {
  return big.fromUint64(BigInt.asUintN(64, x));
}

/** Compares two wire numbers as int64s. */
export function cmpI64(a: number, b: number, big: BigValues): number {
  if (!isBig(a) && !isBig(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = big.int64(a);
  const y = big.int64(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Compares two wire numbers as uint64s. */
export function cmpU64(a: number, b: number, big: BigValues): number {
  if (!isBig(a) && !isBig(b) && a >= 0 && b >= 0) return a < b ? -1 : a > b ? 1 : 0;
  const x = big.uint64(a);
  const y = big.uint64(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a + b with 64-bit wrap-around (the same bits for int64 and uint64). */
export function add64(a: number, b: number, big: BigValues): number {
  if (!isBig(a) && !isBig(b)) {
    const s = a + b;
    if (s > -two53 && s < two53) return s;
  }
  return wireOf(big.int64(a) + big.int64(b), big);
}

/** a - b with 64-bit wrap-around. */
export function sub64(a: number, b: number, big: BigValues): number {
  if (!isBig(a) && !isBig(b)) {
    const s = a - b;
    if (s > -two53 && s < two53) return s;
  }
  return wireOf(big.int64(a) - big.int64(b), big);
}

/** Go's uint32(x) of a wire number. */
export function toUint32(v: number, big: BigValues): number {
  if (!isBig(v)) return ((v % 4294967296) + 4294967296) % 4294967296;
  return Number(big.uint64(v) & 0xffffffffn);
}

/** Go's int32(x) of a wire number. */
export function toInt32(v: number, big: BigValues): number {
  return toUint32(v, big) | 0;
}

/** Go's float64(int64(x)) of a wire number. */
export function int64ToFloat(v: number, big: BigValues): number {
  return isBig(v) ? Number(big.int64(v)) : v;
}
