// A cursor over one thread's batches in a generation, decoding one timed event at a
// time, and the min-heap of cursors (the frontier) keyed by the time of their next event.
// Port of Go's batchcursor.go; the heap functions are Go's exactly, so equal times come
// out in Go's order. Every event the reader returns is decoded here, so decoding has a fast
// path (decodeFast: no bounds checks where a whole event surely fits, uvarints as plain
// numbers) beside the checked one with Go's errors (decodeChecked); both give the same.

import type { Batch } from './batch.ts';
import { TraceError } from './errors.ts';
import type { EventSpec } from './spec.ts';
import { int64OfFloat, timeLess, type TimeBase } from './time.ts';
import { BigValues, readUvarint, uv, UvarintOK, uint64ToFloat } from './wire.ts';


/**
 * The decoded fields of one wire event (Go's baseEvent): type, relative time (see
 * time.ts) and up to four arguments, excluding the time delta (Go 1.27's
 * MaxTimedEventArgs - 1; the ordering smuggles what it adds into unused ones). Both a
 * thread's cursor and a public Event have this shape.
 */
export interface BaseEvent {
  typ: number;
  ts: number;
  a0: number;
  a1: number;
  a2: number;
  a3: number;
}

/**
 * Per event type of a spec table: the number of arguments after the time delta, or -1
 * if the type is not a timed event (Go's readTimedBaseEvent checks).
 */
const argCounts = new WeakMap<readonly (EventSpec | undefined)[], Int8Array>();
function argCountsOf(specs: readonly (EventSpec | undefined)[]): Int8Array {
  let a = argCounts.get(specs);
  if (a === undefined) {
    a = new Int8Array(256).fill(-1);
    specs.forEach((s, i) => {
      if (s === undefined || !s.isTimedEvent || s.args.length === 0) return;
      if (s.args.length > 5) throw new Error(`${s.name}: more arguments than an event holds`);
      a![i] = s.args.length - 1;
    });
    argCounts.set(specs, a);
  }
  return a;
}

const empty = new Uint8Array(0);

// The most bytes an event can take: its type and up to five uvarints of at most 10 bytes.
const MaxEventBytes = 51;

// Where the uvarint uvarintAt read last ends: a register, so that decoding allocates nothing (an
// object's field: a module-level variable costs a check on every access).
const fast = { end: 0 };

// The uvarint at data[off], which the caller knows to have 10 bytes after it (no bounds checks):
// its value if below 2^49 (exact in a double), else -1 (for the exact, slower path). The common
// one-byte case is small enough to be inlined where it is called.
function uvarintAt(data: Uint8Array, off: number): number {
  const b = data[off];
  if (b < 0x80) {
    fast.end = off + 1;
    return b;
  }
  return uvarintLongAt(data, off, b & 0x7f);
}

function uvarintLongAt(data: Uint8Array, off: number, x: number): number {
  let b = data[off + 1];
  if (b < 0x80) {
    fast.end = off + 2;
    return x | (b << 7);
  }
  x |= (b & 0x7f) << 7;
  b = data[off + 2];
  if (b < 0x80) {
    fast.end = off + 3;
    return x | (b << 14);
  }
  x |= (b & 0x7f) << 14;
  b = data[off + 3];
  if (b < 0x80) {
    fast.end = off + 4;
    return x | (b << 21);
  }
  x |= (b & 0x7f) << 21;
  let mul = 0x10000000;
  for (let i = 4; i < 7; i++) {
    b = data[off + i];
    if (b < 0x80) {
      fast.end = off + i + 1;
      return x + b * mul;
    }
    x += (b & 0x7f) * mul;
    mul *= 128;
  }
  return -1;
}

/** args[i] of a BaseEvent (i < 4). */
export function argAt(e: BaseEvent, i: number): number {
  switch (i) {
    case 0: return e.a0;
    case 1: return e.a1;
    case 2: return e.a2;
    default: return e.a3;
  }
}

export class BatchCursor implements BaseEvent {
  typ = 0;
  ts = 0;
  a0 = 0;
  a1 = 0;
  a2 = 0;
  a3 = 0;
  /** The ordering's state for this thread, once looked up (an optimization for Ordering.advance). */
  mstate: unknown = null;
  private readonly nargs: Int8Array;
  /** Index of the batch being read, its payload, and where in it the next event starts. */
  private idx = 0;
  private data: Uint8Array = empty;
  private end = 0;
  private dataOff = 0;
  /** Go's `lastTs = 0` at a batch start: the next event starts from the batch's time. */
  private batchStart = true;
  /** `ts` is outside TimeBase's fast window (broken traces only): compute the slow way. */
  private wide = false;

  readonly m: number;

  private readonly batches: Batch[];

  private readonly freq: number;

  private readonly specs: readonly (EventSpec | undefined)[];

  private readonly big: BigValues;

  private readonly tb: TimeBase;

  private readonly gen: number;

  constructor(m: number, batches: Batch[], freq: number, specs: readonly (EventSpec | undefined)[], big: BigValues, tb: TimeBase, gen: number) {
    this.m = m;
    this.batches = batches;
    this.freq = freq;
    this.specs = specs;
    this.big = big;
    this.tb = tb;
    this.gen = gen;
    this.nargs = argCountsOf(specs);
  }

  /** Decodes the next event into this cursor's fields; false at the end of the batches. */
  nextEvent(): boolean {
    let off = this.dataOff;
    if (off === this.end || this.batchStart) {
      // Go accepts empty batches, defensively: skip them.
      const batches = this.batches;
      if (!this.batchStart) {
        this.idx++;
        this.batchStart = true;
      }
      while (this.idx < batches.length && batches[this.idx].data.length === 0) this.idx++;
      if (this.idx >= batches.length) {
        this.end = this.dataOff = 0;
        return false;
      }
      this.data = batches[this.idx].data;
      this.end = this.data.length;
      off = this.dataOff = 0;
    }
    // The last time (this.ts) "0" means unset: Go's quirk, an event at absolute time 0
    // makes the next one start from the batch's time again.
    const tb = this.tb;
    if (this.batchStart || this.wide || this.ts === tb.zeroRel) {
      if (this.batchStart || tb.isZero(this)) {
        this.batchStart = false;
        tb.setProduct(this, uint64ToFloat(this.batches[this.idx].time, this.big) * this.freq);
        this.wide = !tb.inWindow(this.ts);
      }
    }
    const dt = off + MaxEventBytes <= this.end ? this.decodeFast(off) : -1;
    if (dt >= 0) this.addDelta(dt);
    else this.addDelta(uint64ToFloat(this.decodeChecked(off), this.big));
    return true;
  }

  // Decodes the event at `off` when a whole event surely fits before the batch's end: no bounds
  // checks, uvarints below 2^49 as plain numbers. Returns the time delta, or -1 to leave the event
  // to decodeChecked (a larger value, or a type that is not a timed event).
  private decodeFast(off: number): number {
    const data = this.data;
    const typ = data[off];
    const nargs = this.nargs[typ];
    if (nargs < 0) return -1;
    const dt = uvarintAt(data, off + 1);
    if (dt < 0) return -1;
    off = fast.end;
    // Arguments the type does not have keep their values, as Go's reused baseEvent does. Those
    // written before a fallback are written again by decodeChecked.
    let v: number;
    if (nargs > 0) {
      if ((v = uvarintAt(data, off)) < 0) return -1;
      this.a0 = v;
      off = fast.end;
      if (nargs > 1) {
        if ((v = uvarintAt(data, off)) < 0) return -1;
        this.a1 = v;
        off = fast.end;
        if (nargs > 2) {
          if ((v = uvarintAt(data, off)) < 0) return -1;
          this.a2 = v;
          off = fast.end;
          if (nargs > 3) {
            if ((v = uvarintAt(data, off)) < 0) return -1;
            this.a3 = v;
            off = fast.end;
          }
        }
      }
    }
    this.typ = typ;
    this.dataOff = off;
    return dt;
  }

  // Decodes the event at `off` with every check and Go's errors (Go's readTimedBaseEvent);
  // returns its time delta as a wire number.
  private decodeChecked(off: number): number {
    const data = this.data;
    const end = this.end;
    const typ = data[off];
    const nargs = this.nargs[typ];
    if (nargs < 0) {
      if (typ >= this.specs.length) this.fail(off, `found invalid event type: ${typ}`);
      this.fail(off, `found event without a timestamp: type=${typ}`);
    }
    this.typ = typ;
    off++;
    const dt = readUvarint(data, off, end, this.big);
    if (uv.status !== UvarintOK) this.fail(off, 'found invalid uvarint for timestamp');
    off = uv.pos;
    for (let i = 0; i < nargs; i++) {
      const v = readUvarint(data, off, end, this.big);
      if (uv.status !== UvarintOK) this.fail(off, 'found invalid uvarint');
      off = uv.pos;
      if (i === 0) this.a0 = v;
      else if (i === 1) this.a1 = v;
      else if (i === 2) this.a2 = v;
      else this.a3 = v;
    }
    this.dataOff = off;
    return dt;
  }

  // Each delta (Go's float64 of the uint64) is converted on its own and added as an integer, as
  // Go does. With the last time in TimeBase's fast window (±2^51), a product p >= 0 (the frequency
  // is positive, +Inf or NaN) and a sum still in the window, plain numbers are exact: a sum at
  // most maxRel means p < 2^52. Else (broken traces only) Go's int64 arithmetic is done exactly.
  private addDelta(dt: number): void {
    const tb = this.tb;
    const p = dt * this.freq;
    const t = Math.trunc(p) + this.ts;
    if (t <= tb.maxRel && !this.wide) {
      this.ts = t;
    } else {
      tb.setSum(this, this, int64OfFloat(p));
      this.wide = !tb.inWindow(this.ts);
    }
  }

  private fail(off: number, msg: string): never {
    throw new TraceError(msg, { offset: this.batches[this.idx].dataOffset + off, generation: this.gen });
  }
}

// Go's heap over []*batchCursor, by next event time. `exact` says how to compare two cursors'
// times: false (the TimeBase has seen no time that is not an exact number, so every trace but
// broken ones) compares plain numbers, true compares exact times (time.ts). The heap built
// before a time turned wide is valid either way, since its numbers were exact.

function before(a: BatchCursor, b: BatchCursor, exact: boolean): boolean {
  return exact ? timeLess(a, b) : a.ts < b.ts;
}

export function heapInsert(heap: BatchCursor[], bc: BatchCursor, exact: boolean): void {
  heap.push(bc);
  heapSiftUp(heap, heap.length - 1, exact);
}

export function heapUpdate(heap: BatchCursor[], i: number, exact: boolean): void {
  if (heapSiftUp(heap, i, exact) !== i) return;
  heapSiftDown(heap, i, exact);
}

export function heapRemove(heap: BatchCursor[], i: number, exact: boolean): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    const t = heap[p];
    heap[p] = heap[i];
    heap[i] = t;
    i = p;
  }
  const last = heap.length - 1;
  const t = heap[0];
  heap[0] = heap[last];
  heap[last] = t;
  heap.pop();
  heapSiftDown(heap, 0, exact);
}

function heapSiftUp(heap: BatchCursor[], i: number, exact: boolean): number {
  while (i > 0 && before(heap[i], heap[(i - 1) >> 1], exact)) {
    const p = (i - 1) >> 1;
    const t = heap[p];
    heap[p] = heap[i];
    heap[i] = t;
    i = p;
  }
  return i;
}

function heapSiftDown(heap: BatchCursor[], i: number, exact: boolean): number {
  for (;;) {
    const m = min3(heap, i, 2 * i + 1, 2 * i + 2, exact);
    if (m === i) break;
    const t = heap[i];
    heap[i] = heap[m];
    heap[m] = t;
    i = m;
  }
  return i;
}

function min3(b: BatchCursor[], i0: number, i1: number, i2: number, exact: boolean): number {
  // Go starts from minT = MaxInt64; if i0 is past the end, so are i1 and i2.
  if (i0 >= b.length) return i0;
  let minIdx = i0;
  if (i1 < b.length && before(b[i1], b[minIdx], exact)) minIdx = i1;
  if (i2 < b.length && before(b[i2], b[minIdx], exact)) minIdx = i2;
  return minIdx;
}
