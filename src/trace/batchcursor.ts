// A cursor over one thread's batches in a generation, decoding one timed event at a
// time, and the min-heap of cursors (the frontier) keyed by the time of their next event.
// Port of Go's batchcursor.go; the heap functions are Go's exactly, so equal times come
// out in Go's order.

import type { Batch } from './batch.ts';
import { TraceError } from './errors.ts';
import type { EventSpec } from './spec.ts';
import { int64OfFloat, timeLess, type TimeBase } from './time.ts';
import { BigValues, readUvarint, uv, UvarintOK, uint64ToFloat, isBig } from './wire.ts';


/**
 * The decoded fields of one wire event (Go's baseEvent): type, relative time (see
 * time.ts) and up to five arguments, excluding the time delta. Both a thread's cursor
 * and a public Event have this shape.
 */
export interface BaseEvent {
  typ: number;
  ts: number;
  a0: number;
  a1: number;
  a2: number;
  a3: number;
  a4: number;
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
      if (s !== undefined && s.isTimedEvent && s.args.length > 0) a![i] = s.args.length - 1;
    });
    argCounts.set(specs, a);
  }
  return a;
}

/** args[i] of a BaseEvent (i < 5). */
export function argAt(e: BaseEvent, i: number): number {
  switch (i) {
    case 0: return e.a0;
    case 1: return e.a1;
    case 2: return e.a2;
    case 3: return e.a3;
    default: return e.a4;
  }
}

export class BatchCursor implements BaseEvent {
  typ = 0;
  ts = 0;
  a0 = 0;
  a1 = 0;
  a2 = 0;
  a3 = 0;
  a4 = 0;
  /** The ordering's state for this thread, once looked up (an optimization for Ordering.advance). */
  mstate: unknown = null;
  private readonly nargs: Int8Array;
  /** Index of the next batch. */
  private idx = 0;
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
    const batches = this.batches;
    // Accept empty batches, defensively, as Go does.
    while (this.idx < batches.length && batches[this.idx].data.length === this.dataOff) {
      this.idx++;
      this.dataOff = 0;
      this.batchStart = true;
    }
    if (this.idx === batches.length) return false;
    const batch = batches[this.idx];
    // The last time (this.ts) "0" means unset: Go's quirk, an event at absolute time 0
    // makes the next one start from the batch's time again.
    const tb = this.tb;
    if (this.batchStart || this.wide || this.ts === tb.zeroRel) {
      if (this.batchStart || tb.isZero(this)) {
        this.batchStart = false;
        tb.setProduct(this, uint64ToFloat(batch.time, this.big) * this.freq);
        this.wide = !tb.inWindow(this.ts);
      }
    }
    const data = batch.data;
    const end = data.length;
    let off = this.dataOff;
    const typ = data[off];
    const nargs = this.nargs[typ];
    if (nargs < 0) {
      if (typ >= this.specs.length) this.fail(batch, off, `found invalid event type: ${typ}`);
      this.fail(batch, off, `found event without a timestamp: type=${typ}`);
    }
    this.typ = typ;
    off++;
    // Timestamp delta, then the arguments; single-byte varints inline.
    let dt: number;
    let b = off < end ? data[off] : 0x80;
    let b1: number;
    if (b < 0x80) {
      dt = b;
      off++;
    } else if (off + 1 < end && (b1 = data[off + 1]) < 0x80) {
      dt = (b & 0x7f) | (b1 << 7);
      off += 2;
    } else {
      dt = readUvarint(data, off, end, this.big);
      if (uv.status !== UvarintOK) this.fail(batch, off, 'found invalid uvarint for timestamp');
      off = uv.pos;
    }
    for (let i = 0; i < nargs; i++) {
      let v: number;
      b = off < end ? data[off] : 0x80;
      let b2: number;
      if (b < 0x80) {
        v = b;
        off++;
      } else if (off + 1 < end && (b2 = data[off + 1]) < 0x80) {
        v = (b & 0x7f) | (b2 << 7);
        off += 2;
      } else {
        v = readUvarint(data, off, end, this.big);
        if (uv.status !== UvarintOK) this.fail(batch, off, 'found invalid uvarint');
        off = uv.pos;
      }
      if (i === 0) this.a0 = v;
      else if (i === 1) this.a1 = v;
      else if (i === 2) this.a2 = v;
      else if (i === 3) this.a3 = v;
      else this.a4 = v;
    }
    // Each delta is converted on its own and added as an integer, as Go does. With the
    // last time in TimeBase's fast window (±2^51), a product p >= 0 (the frequency is
    // positive, +Inf or NaN) and a sum still in the window, plain numbers are exact: a sum
    // at most maxRel means p < 2^52. Else (broken traces only) Go's int64 arithmetic is
    // done exactly.
    const p = (dt >= 0 && !isBig(dt) ? dt : uint64ToFloat(dt, this.big)) * this.freq;
    const t = Math.trunc(p) + this.ts;
    if (t <= tb.maxRel && !this.wide) {
      this.ts = t;
    } else {
      tb.setSum(this, this, int64OfFloat(p));
      this.wide = !tb.inWindow(this.ts);
    }
    this.dataOff = off;
    return true;
  }

  private fail(batch: Batch, off: number, msg: string): never {
    throw new TraceError(msg, { offset: batch.dataOffset + off, generation: this.gen });
  }
}

// Go's heap over []*batchCursor, by next event time. `less` compares two cursors' times:
// timesLess(tb) gives plain number comparison (inlined) until the reader has seen a time
// that is not an exact number (broken traces only), and exact comparison from then on;
// the heap built before is valid either way, since its numbers were exact.

export type CursorLess = (a: BatchCursor, b: BatchCursor) => boolean;

const numberLess: CursorLess = (a, b) => a.ts < b.ts;
const exactLess: CursorLess = timeLess;

/** The comparison for the frontier heap now (see above). */
export function cursorLess(tb: TimeBase): CursorLess {
  return tb.anyWide ? exactLess : numberLess;
}

export function heapInsert(heap: BatchCursor[], bc: BatchCursor, less: CursorLess): void {
  heap.push(bc);
  heapSiftUp(heap, heap.length - 1, less);
}

export function heapUpdate(heap: BatchCursor[], i: number, less: CursorLess): void {
  if (heapSiftUp(heap, i, less) !== i) return;
  heapSiftDown(heap, i, less);
}

export function heapRemove(heap: BatchCursor[], i: number, less: CursorLess): void {
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
  heapSiftDown(heap, 0, less);
}

function heapSiftUp(heap: BatchCursor[], i: number, less: CursorLess): number {
  while (i > 0 && less(heap[i], heap[(i - 1) >> 1])) {
    const p = (i - 1) >> 1;
    const t = heap[p];
    heap[p] = heap[i];
    heap[i] = t;
    i = p;
  }
  return i;
}

function heapSiftDown(heap: BatchCursor[], i: number, less: CursorLess): number {
  for (;;) {
    const m = min3(heap, i, 2 * i + 1, 2 * i + 2, less);
    if (m === i) break;
    const t = heap[i];
    heap[i] = heap[m];
    heap[m] = t;
    i = m;
  }
  return i;
}

function min3(b: BatchCursor[], i0: number, i1: number, i2: number, less: CursorLess): number {
  // Go starts from minT = MaxInt64; if i0 is past the end, so are i1 and i2.
  if (i0 >= b.length) return i0;
  let minIdx = i0;
  if (i1 < b.length && less(b[i1], b[minIdx])) minIdx = i1;
  if (i2 < b.length && less(b[i2], b[minIdx])) minIdx = i2;
  return minIdx;
}
