// The old-format (Go 1.11–1.21) parser: bytes to one time-ordered, checked list of events
// with the trace's string and stack tables. Port of Go 1.23's
// internal/trace/internal/oldtrace/parser.go, step for step, so that the events, their
// order and every error message are Go's:
//
// 1. One pass over the file records where each P's batches start and collects the CPU
//    samples (collectBatches).
// 2. The batches are merged into one stream (order.ts), loading one batch per P at a
//    time; strings, stacks and the frequency are read as their batches are loaded.
// 3. The stream must be sorted by time; syscall exits get their real timestamps and the
//    stream is sorted again (stably); ticks become ns since the first event; timer
//    unblocks and syscall exits move to fake Ps.
// 4. The whole stream is checked (postprocess.ts).
//
// Every event is an int64-exact wire number (wire.ts) throughout; size fields are checked
// against the bytes present before anything is allocated from them.

import { TraceError } from '../errors.ts';
import { decodeGoString } from '../format.ts';
import type { Frame } from '../generation.ts';
import { int64OfFloat } from '../time.ts';
import { BigValues, fmtUint64, readUvarint, uv, UvarintOK, uint64Exceeds } from '../wire.ts';
import {
  OldEv, OldEvent, OldEvents, ProfileP, SyscallP, TimerP, add64, cmpI64, int64ToFloat, oldEventDescs, sub64, toInt32,
  toUint32, wireOf,
} from './events.ts';
import { mergeBatches, type BatchLoader } from './order.ts';
import { postProcess } from './postprocess.ts';

/** A parsed old-format trace: its events in order and its tables (Go's oldtrace.Trace). */
export interface OldTrace {
  version: number;
  events: OldEvents;
  /** Read order: the store index of the k-th event, or null if store order is read order. */
  order: Int32Array | null;
  /** Stacks by (uint32) ID: their PCs. Stacks without frames are left out. */
  stacks: Map<number, number[]>;
  /** Frames by PC (the first stack naming a PC gives its frame). */
  pcs: Map<number, Frame>;
  /** The string dictionary. */
  strings: Map<number, string>;
  /** UserLog messages (inline in the old format), numbered in order of first use. */
  inlineStrings: string[];
  /**
   * Set where the first pass stopped at an event cut short (a UserLog message running past
   * the end): Go takes that for the end of the file. Null if the file was read to its end.
   */
  endedEarly: TraceError | null;
}

const errMalformedVarint = 'malformatted base-128 varint';
/** Go's ErrTimeOrder. */
export const errTimeOrder = 'time stamps out of order';

// readRawEvent flags.
const skipArgs = 1;
const skipStrings = 2;
// Past inlineArgs (3 on the wire, counting the timestamp), arguments are length-prefixed.
const inlineArgs = 3;
// Go's limit on a length-prefixed argument list, in bytes.
const maxArgBytes = 2048;
const maxStringLen = 1e6;
const maxInt32 = 2147483647;

/** A raw event as read from the wire (Go's rawEvent); args are reused between reads. */
interface RawEvent {
  typ: number;
  /** args[0:n] are the arguments. */
  args: Float64Array;
  n: number;
  /** The inline string of a UserLog (read only when args are read). */
  sarg: string;
  batchPid: number;
  batchOffset: number;
}

class Parser implements BatchLoader {
  readonly big: BigValues;
  private readonly data: Uint8Array;
  private readonly ver: number;
  /** File offset of data[0], for error locations. */
  private readonly base: number;
  private off = 0;

  readonly strings = new Map<number, string>();
  readonly inlineStrings: string[] = [];
  private readonly inlineStringIDs = new Map<string, number>();
  /** Batch start offsets per P, and how many of them have been loaded. */
  private readonly batchOffsets = new Map<number, number[]>();
  private readonly batchNext = new Map<number, number>();
  readonly stacks = new Map<number, number[]>();
  readonly pcs = new Map<number, Frame>();
  /** Ticks per second, an int64 wire number; 0 until the Frequency event is read. */
  ticksPerSec = 0;
  readonly cpuSamples: OldEvent[] = [];
  readonly timerGoids = new Set<number>();
  endedEarly: TraceError | null = null;

  // Room for the most arguments an event can have: maxArgBytes one-byte varints.
  private readonly raw: RawEvent = { typ: 0, args: new Float64Array(maxArgBytes), n: 0, sarg: '', batchPid: 0, batchOffset: 0 };
  // State of parseEvent: the last timestamp and goroutine of the batch being read, and
  // the last goroutine of each P (a batch continues where the P's previous one ended).
  private lastTs = 0;
  private lastG = 0;
  private readonly lastGs = new Map<number, number>();
  private lastP = 0;

  constructor(data: Uint8Array, ver: number, big: BigValues, base: number) {
    this.data = data;
    this.ver = ver;
    this.big = big;
    this.base = base;
  }

  private error(msg: string, at = this.off): TraceError {
    return new TraceError(msg, { offset: this.base + at });
  }

  /** The Ps that wrote batches, ascending (Go ranges over a map here; see order.ts). */
  pids(): number[] {
    return [...this.batchOffsets.keys()].sort((a, b) => a - b);
  }

  // Go's readVal: a uvarint, or errMalformedVarint (cut short or too long alike), in an
  // event's arguments prefixed with "failed to read event <type> argument: ".
  private readVal(argOf = -1): number {
    const v = readUvarint(this.data, this.off, this.data.length, this.big);
    if (uv.status !== UvarintOK) {
      throw this.error(argOf < 0 ? errMalformedVarint : `failed to read event ${argOf} argument: ${errMalformedVarint}`);
    }
    this.off = uv.pos;
    return v;
  }

  private discard(n: number): boolean {
    if (uint64Exceeds(n, this.data.length - this.off)) return false;
    this.off += n;
    return true;
  }

  // Go's readFull: n bytes, or io.ErrUnexpectedEOF (also for n = 0 at the very end).
  private readFull(n: number): number {
    if (this.off >= this.data.length || uint64Exceeds(n, this.data.length - this.off)) {
      throw this.error('failed to read trace: unexpected EOF');
    }
    const start = this.off;
    this.off += n;
    return start;
  }

  private readStr(): string {
    const sz = this.readVal();
    if (sz === 0) return '';
    if (uint64Exceeds(sz, maxStringLen)) throw this.error(`string is too large (len=${fmtUint64(sz, this.big)})`);
    const start = this.readFull(sz);
    return decodeGoString(this.data, start, start + sz);
  }

  /**
   * Reads one raw event into ev (Go's readRawEvent). Returns false for Go's io.EOF: the end
   * of the data, or (skipping) a UserLog message that runs past it. Throws TraceError.
   */
  private readRawEvent(flags: number, ev: RawEvent): boolean {
    const data = this.data;
    if (this.off >= data.length) return false;
    const b = data[this.off++];
    const typ = b & 0x3f;
    // Most events have a timestamp before their arguments, counted here as one more.
    const narg = (b >> 6) + 1;
    if (typ === OldEv.None || typ >= OldEv.Count || oldEventDescs[typ].minVersion > this.ver) {
      throw this.error(`unknown event type ${typ}`, this.off - 1);
    }
    const big = this.big;
    switch (typ) {
      case OldEv.String: {
        if (flags & skipStrings) {
          this.readVal();
          const ln = this.readVal();
          if (!this.discard(ln)) throw this.error('failed to read trace: EOF');
        } else {
          const id = this.readVal();
          if (id === 0) throw this.error('string has invalid id 0');
          if (this.strings.has(id)) throw this.error(`string has duplicate id ${fmtUint64(id, big)}`);
          const ln = this.readVal();
          if (ln === 0) throw this.error('string has invalid length 0');
          if (uint64Exceeds(ln, maxStringLen)) throw this.error(`string has too large length ${fmtUint64(ln, big)}`);
          const start = this.readFull(ln);
          this.strings.set(id, decodeGoString(data, start, start + ln));
        }
        ev.typ = OldEv.None;
        return true;
      }
      case OldEv.Batch: {
        if (narg !== 2) throw this.error(`EvBatch has wrong number of arguments: got ${narg}, want 2`);
        const off = this.off - 1;
        const pid = this.readVal();
        // 2^64-1 (the global buffer) reads as -1.
        if (pid !== -1 && uint64Exceeds(pid, maxInt32)) {
          throw this.error(`processor ID ${fmtUint64(pid, big)} is larger than maximum of 18446744073709551615`);
        }
        const v = this.readVal();
        ev.typ = OldEv.Batch;
        ev.args[0] = pid;
        ev.args[1] = v;
        ev.n = 2;
        ev.batchPid = pid;
        ev.batchOffset = off;
        return true;
      }
      default: {
        ev.typ = typ;
        ev.n = 0;
        ev.sarg = '';
        if (narg <= inlineArgs) {
          if (flags & skipArgs) {
            for (let i = 0; i < narg; i++) this.readVal(typ);
          } else {
            for (let i = 0; i < narg; i++) ev.args[ev.n++] = this.readVal(typ);
          }
          return true;
        }
        // Length-prefixed arguments.
        const v = this.readVal(typ);
        if (uint64Exceeds(v, maxArgBytes)) {
          throw this.error(
            `failed to read event ${typ} argument: length-prefixed argument too big: ${fmtUint64(v, big)} bytes, limit is ${maxArgBytes}`,
          );
        }
        if (!(flags & skipArgs) || typ === OldEv.CPUSample) {
          const start = this.readFull(v);
          const end = start + v;
          for (let pos = start; pos < end; ) {
            const x = readUvarint(data, pos, end, big);
            if (uv.status !== UvarintOK) throw this.error(errMalformedVarint, pos);
            ev.args[ev.n++] = x;
            pos = uv.pos;
          }
        } else if (!this.discard(v)) {
          throw this.error('failed to read trace: EOF');
        }
        if (typ === OldEv.UserLog) {
          // A UserLog is followed by its message string.
          if (!(flags & skipArgs)) {
            ev.sarg = this.readStr();
          } else {
            const n = this.readVal();
            if (!this.discard(n)) {
              // Go returns a bare io.EOF here, which its callers take for the end.
              this.endedEarly ??= this.error('EOF');
              return false;
            }
          }
        }
        return true;
      }
    }
  }

  // argNum: the arguments an event must have on the wire (timestamp and stack included).
  private argNum(ev: RawEvent): number {
    if (ev.typ === OldEv.Stack) return ev.n;
    const desc = oldEventDescs[ev.typ];
    const narg = desc.args.length + (desc.stack ? 1 : 0);
    if (ev.typ === OldEv.Batch || ev.typ === OldEv.Frequency || ev.typ === OldEv.TimerGoroutine) return narg;
    return narg + 1;
  }

  /** Pass 1 (Go's collectBatchesAndCPUSamples): where batches start, and the CPU samples. */
  collectBatches(): void {
    const raw = this.raw;
    let curP = 0;
    for (;;) {
      const start = this.off;
      if (!this.readRawEvent(skipArgs | skipStrings, raw)) break;
      if (raw.typ === OldEv.None) continue;
      if (raw.typ === OldEv.Batch) {
        let offs = this.batchOffsets.get(raw.batchPid);
        if (offs === undefined) this.batchOffsets.set(raw.batchPid, (offs = []));
        offs.push(raw.batchOffset);
        curP = raw.batchPid;
      }
      if (!this.batchOffsets.has(curP)) {
        throw this.error(`read event ${raw.typ} with current P of ${curP}, but P has no batches yet`, start);
      }
      if (raw.typ === OldEv.CPUSample) {
        const narg = this.argNum(raw);
        if (raw.n !== narg) {
          throw this.error(`CPU sample has wrong number of arguments: want ${narg}, got ${raw.n}`, start);
        }
        // Args: timestamp delta (unused), real timestamp, real P, G, stack.
        const e = new OldEvent();
        e.typ = OldEv.CPUSample;
        e.a1 = raw.args[2];
        e.a2 = raw.args[3];
        e.stk = toUint32(raw.args[4], this.big);
        e.ts = raw.args[1];
        e.p = toInt32(raw.args[2], this.big);
        e.g = raw.args[3];
        // Samples are written late, by another goroutine: they merge by the timestamp
        // taken in the signal handler, from a batch of their own (ProfileP).
        this.cpuSamples.push(e);
      }
    }
  }

  /**
   * Loads the next batch of P pid into buf (Go's loadBatch): returns the number of events,
   * or -1 when the P has no more batches.
   */
  loadBatch(pid: number, buf: OldEvent[]): number {
    const offs = this.batchOffsets.get(pid);
    const next = this.batchNext.get(pid) ?? 0;
    if (offs === undefined || next >= offs.length) return -1;
    this.batchNext.set(pid, next + 1);
    this.off = offs[next];
    const raw = this.raw;
    let gotHeader = false;
    let n = 0;
    for (;;) {
      if (!this.readRawEvent(0, raw)) break;
      if (raw.typ === OldEv.None || raw.typ === OldEv.CPUSample) continue;
      if (raw.typ === OldEv.Batch) {
        if (gotHeader) break;
        gotHeader = true;
      }
      let ev = buf[n];
      if (ev === undefined) buf[n] = ev = new OldEvent();
      if (this.parseEvent(raw, ev)) n++;
    }
    return n;
  }

  /** Turns a raw event into ev (Go's parseEvent); false if it is not an event to keep. */
  private parseEvent(raw: RawEvent, ev: OldEvent): boolean {
    const desc = oldEventDescs[raw.typ];
    const big = this.big;
    const narg = this.argNum(raw);
    if (raw.n !== narg) {
      throw this.error(`${desc.name} has wrong number of arguments: want ${narg}, got ${raw.n}`);
    }
    switch (raw.typ) {
      case OldEv.Batch:
        this.lastGs.set(this.lastP, this.lastG);
        this.lastP = raw.args[0] === -1 ? -1 : toInt32(raw.args[0], big);
        this.lastG = this.lastGs.get(this.lastP) ?? 0;
        this.lastTs = raw.args[1];
        return false;
      case OldEv.Frequency:
        this.ticksPerSec = raw.args[0];
        // Most likely tick skew on different CPUs.
        if (cmpI64(this.ticksPerSec, 0, big) <= 0) throw this.error(errTimeOrder);
        return false;
      case OldEv.TimerGoroutine:
        this.timerGoids.add(raw.args[0]);
        return false;
      case OldEv.Stack: {
        const args = raw.args;
        if (raw.n < 2) throw this.error(`EvStack has wrong number of arguments: want at least 2, got ${raw.n}`);
        const size = args[1];
        if (uint64Exceeds(size, 1000)) throw this.error(`EvStack has bad number of frames: ${fmtUint64(size, big)}`);
        const want = 2 + 4 * size;
        if (raw.n !== want) throw this.error(`EvStack has wrong number of arguments: want ${want}, got ${raw.n}`);
        const id = toUint32(args[0], big);
        if (id !== 0 && size > 0) {
          const stk: number[] = new Array(size);
          for (let i = 0; i < size; i++) {
            const pc = args[2 + i * 4];
            stk[i] = pc;
            if (!this.pcs.has(pc)) {
              this.pcs.set(pc, { pc, funcID: args[3 + i * 4], fileID: args[4 + i * 4], line: args[5 + i * 4] });
            }
          }
          this.stacks.set(id, stk);
        }
        return false;
      }
      case OldEv.CPUSample:
        // Read in pass 1; they do not belong to the batch.
        return false;
    }
    ev.typ = raw.typ;
    ev.p = this.lastP;
    ev.g = this.lastG;
    ev.a0 = ev.a1 = ev.a2 = ev.a3 = 0;
    ev.stk = 0;
    ev.ts = add64(this.lastTs, raw.args[0], big);
    this.lastTs = ev.ts;
    for (let i = 1; i < narg; i++) {
      const v = raw.args[i];
      if (i === narg - 1 && desc.stack) ev.stk = toUint32(v, big);
      else if (i === 1) ev.a0 = v;
      else if (i === 2) ev.a1 = v;
      else ev.a2 = v;
    }
    switch (raw.typ) {
      case OldEv.GoStart:
      case OldEv.GoStartLocal:
      case OldEv.GoStartLabel:
        this.lastG = ev.a0;
        ev.g = this.lastG;
        break;
      case OldEv.GoEnd: case OldEv.GoStop: case OldEv.GoSched: case OldEv.GoPreempt:
      case OldEv.GoSleep: case OldEv.GoBlock: case OldEv.GoBlockSend: case OldEv.GoBlockRecv:
      case OldEv.GoBlockSelect: case OldEv.GoBlockSync: case OldEv.GoBlockCond: case OldEv.GoBlockNet:
      case OldEv.GoSysBlock: case OldEv.GoBlockGC:
        this.lastG = 0;
        break;
      case OldEv.GoSysExit:
      case OldEv.GoWaiting:
      case OldEv.GoInSyscall:
        ev.g = ev.a0;
        break;
      case OldEv.UserLog: {
        // Args: task ID, key string ID, (stack), then the message's inline-string index.
        let id = this.inlineStringIDs.get(raw.sarg);
        if (id === undefined) {
          id = this.inlineStrings.length;
          this.inlineStringIDs.set(raw.sarg, id);
          this.inlineStrings.push(raw.sarg);
        }
        ev.a3 = id;
        break;
      }
    }
    return true;
  }
}

/**
 * Parses a whole old-format trace (the bytes after the header). `base` is the file
 * offset of data[0], for error locations. Throws TraceError with Go's message.
 */
export function parseOldTrace(data: Uint8Array, version: number, big: BigValues, base: number): OldTrace {
  const p = new Parser(data, version, big, base);
  p.collectBatches();
  const events = mergeBatches(p, p.cpuSamples, big);
  const order = fixSyscallTimes(events, big);
  if (p.ticksPerSec === 0) throw new TraceError('no EvFrequency event');

  const n = events.n;
  if (n > 0) {
    // Ticks to ns since the first event, in float64 (Go's arithmetic, to avoid overflow).
    const at = (k: number): number => (order === null ? k : order[k]);
    const minTs = events.ts(at(0));
    const freq = 1e9 / int64ToFloat(p.ticksPerSec, big);
    const timers = p.timerGoids;
    for (let k = 0; k < n; k++) {
      const i = at(k);
      const d = sub64(events.ts(i), minTs, big);
      const t = int64ToFloat(d, big) * freq;
      events.setTs(i, t > -9007199254740992 && t < 9007199254740992 ? Math.trunc(t) || 0 : wireOf(int64OfFloat(t), big));
      // Timer unblocks and syscall exits move to fake Ps.
      const typ = events.typ(i);
      if (typ === OldEv.GoUnblock && timers.size !== 0 && timers.has(events.g(i))) events.setP(i, TimerP);
      if (typ === OldEv.GoSysExit) events.setP(i, SyscallP);
    }
  }
  postProcess(events, order, p.stacks, big);
  return {
    version,
    events,
    order,
    stacks: p.stacks,
    pcs: p.pcs,
    strings: p.strings,
    inlineStrings: p.inlineStrings,
    endedEarly: p.endedEarly,
  };
}

/**
 * The end of Go's parseEventBatches: the merged stream must be sorted by time; then a
 * syscall exit, emitted when its goroutine next runs, gets the time the syscall really
 * returned, and the stream is sorted again, stably. Returns the new order (null if no
 * time changed). Only the moved exits are sorted; the rest stay sorted, so a merge of
 * the two is the stable sort.
 */
function fixSyscallTimes(events: OldEvents, big: BigValues): Int32Array | null {
  const n = events.n;
  for (let i = n - 1; i > 0; i--) {
    if (cmpI64(events.ts(i), events.ts(i - 1), big) < 0) throw new TraceError(errTimeOrder);
  }
  const lastSysBlock = new Map<number, number>();
  const moved: number[] = [];
  for (let i = 0; i < n; i++) {
    const typ = events.typ(i);
    if (typ === OldEv.GoSysBlock || typ === OldEv.GoInSyscall) {
      lastSysBlock.set(events.g(i), events.ts(i));
    } else if (typ === OldEv.GoSysExit) {
      // Local exits carry their real time in Args[1], not Args[2]: Go leaves them be.
      const ts = events.arg(i, 2);
      if (ts === 0) continue;
      const block = lastSysBlock.get(events.g(i)) ?? 0;
      if (block === 0) throw new TraceError('stray syscall exit');
      if (cmpI64(ts, block, big) < 0) throw new TraceError(errTimeOrder);
      if (ts !== events.ts(i)) moved.push(i);
      events.setTs(i, ts);
    }
  }
  if (moved.length === 0) return null;
  const byTime = (a: number, b: number): number => cmpI64(events.ts(a), events.ts(b), big) || a - b;
  moved.sort(byTime);
  const order = new Int32Array(n);
  let k = 0;
  let m = 0;
  const isMoved = new Uint8Array(n);
  for (const i of moved) isMoved[i] = 1;
  for (let i = 0; i < n; i++) {
    if (isMoved[i]) continue;
    while (m < moved.length && byTime(moved[m], i) < 0) order[k++] = moved[m++];
    order[k++] = i;
  }
  while (m < moved.length) order[k++] = moved[m++];
  return order;
}
