// The goroutine state table while a trace is read: rows grouped by goroutine as they arrive, so the
// finished table needs no sort and no end column (see GoroutineStateIntervals in model.ts).
//
// Rows arrive in time order across all goroutines, but the model keeps each goroutine's rows together.
// Each goroutine gets a chain of blocks in a shared slab (a bump allocator), each block twice the size
// of the one before, from FIRST_BLOCK up to MAX_BLOCK rows: an append is three array writes, a
// goroutine with few rows wastes few, and one with millions is copied in large pieces.
//
// The slab is two arrays: the start times, and per row a pair of 32-bit words (the stack, and the
// state, proc and reason packed). Every live goroutine is writing into its own block, so each column
// is as many write streams as there are goroutines: two streams per goroutine rather than one per
// field keep those writes in the CPU's caches (this halves the cost of an append on a busy trace).
// At the end the slab is copied once into the model's columns, times first (their slab is then let
// go), so the peak is the slab plus one column rather than two tables.
//
// The P runs (the Running rows, per P in time order) are logged as they begin, as (goroutine, row of
// the goroutine): the final row index is known only at the end.

import { allocate, free, IdMap, Table } from './columns.ts';
import { GState, type GoroutineStateIntervals, type ProcRuns } from './model.ts';

const FIRST_BLOCK = 16;
const MAX_BLOCK = 1024;

// The packed word: state in 3 bits (End as 7), proc index + 1 in 12 bits, reason code in 17 bits.
// A real trace has a few dozen reasons and at most 1024 Ps (Go's limit); beyond these widths (a
// forged trace) procs read as none and reasons share the last code.
const STATE_BITS = 3;
const END_CODE = 7;
const PROC_SHIFT = STATE_BITS;
const PROC_MASK = 0xfff;
const REASON_SHIFT = STATE_BITS + 12;
const MAX_REASON_CODE = 0x1ffff;
const MAX_PROC_INDEX = PROC_MASK - 1;

export class StateRows {
  private readonly times: Table<'start'>;
  /** Two words per row: stack, then the packed state, proc and reason. */
  private readonly pairs: Table<'words'>;
  /** Per block: the next block of its goroutine (-1 at the end of a chain), its first slab row and size. */
  private readonly blocks: Table<'next' | 'at' | 'size'>;
  /** Two words per run: goroutine, row of the goroutine. */
  private readonly runs: Table<'words'>;
  // Per goroutine (by index).
  private readonly head: number[] = [];
  private readonly tail: number[] = [];
  /** Slab row of the tail block's next free row, and the end of the tail block. */
  private readonly free: number[] = [];
  private readonly limit: number[] = [];
  private readonly count: number[] = [];
  /** Rows the finished columns reserve room for (a part may be joined to the rest: part.ts). */
  private readonly reserve: number;
  /** Reason code -> strings index, and back. */
  private readonly reasons: number[] = [0];
  private readonly reasonCode = new IdMap();

  /** @param reserve rows the table may reach (address space only: see columns.ts) */
  constructor(reserve?: number) {
    const per = (k: number) => (reserve === undefined ? undefined : Math.ceil(reserve * k));
    this.reserve = reserve ?? 0;
    this.times = new Table({ start: Float64Array }, 4096, reserve);
    this.pairs = new Table({ words: Uint32Array }, 8192, per(2));
    this.blocks = new Table({ next: Int32Array, at: Uint32Array, size: Uint32Array }, 256, per(1 / FIRST_BLOCK));
    this.runs = new Table({ words: Uint32Array }, 2048, per(1));
  }

  /** Registers goroutine index g (indices are given out in order: g === number of goroutines so far). */
  addGoroutine(): void {
    this.head.push(-1);
    this.tail.push(-1);
    this.free.push(0);
    this.limit.push(0);
    this.count.push(0);
  }

  /** Rows of goroutine g so far. */
  rows(g: number): number {
    return this.count[g];
  }

  /** Appends a row to goroutine g. `why` is a strings index, `procIdx` the analyser's proc index or -1. */
  append(g: number, start: number, state: number, why: number, stack: number, procIdx: number): void {
    if (this.free[g] === this.limit[g]) this.newBlock(g);
    const r = this.free[g]++;
    this.times.cols.start[r] = start;
    const p = procIdx >= 0 && procIdx <= MAX_PROC_INDEX ? procIdx + 1 : 0;
    const w = this.pairs.cols.words;
    w[2 * r] = stack;
    w[2 * r + 1] = (state === GState.End ? END_CODE : state) | (p << PROC_SHIFT) | ((why === 0 ? 0 : this.code(why)) * (1 << REASON_SHIFT));
    if (state === GState.Running && p !== 0) {
      const k = this.runs.addRows(2);
      const rw = this.runs.cols.words;
      rw[k] = g;
      rw[k + 1] = this.count[g];
    }
    this.count[g]++;
  }

  private code(why: number): number {
    let c = this.reasonCode.get(why);
    if (c === undefined) {
      c = Math.min(this.reasons.length, MAX_REASON_CODE);
      if (c === this.reasons.length) this.reasons.push(why);
      this.reasonCode.set(why, c);
    }
    return c;
  }

  private newBlock(g: number): void {
    const prev = this.tail[g];
    const size = prev < 0 ? FIRST_BLOCK : Math.min(MAX_BLOCK, this.blocks.cols.size[prev] * 2);
    const b = this.blocks.add();
    const at = this.times.addRows(size);
    this.pairs.addRows(2 * size);
    const c = this.blocks.cols;
    c.next[b] = -1;
    c.at[b] = at;
    c.size[b] = size;
    if (prev < 0) this.head[g] = b;
    else c.next[prev] = b;
    this.tail[g] = b;
    this.free[g] = at;
    this.limit[g] = at + size;
  }

  /**
   * The finished tables. `procIDs[i]` is the ID of the analyser's proc index i, `procOrder` the P IDs
   * ascending (the model's procs). Call once: the slab is given up as it is copied.
   */
  finish(procIDs: readonly number[], procOrder: readonly number[]): { states: GoroutineStateIntervals; procRuns: ProcRuns } {
    const nG = this.count.length;
    const offsets = new Uint32Array(nG + 1);
    for (let g = 0; g < nG; g++) offsets[g + 1] = offsets[g] + this.count[g];
    const n = offsets[nG];
    const { next, at, size } = this.blocks.cols;
    /** Calls copy(slabRow, row, rows) for each piece of each goroutine's chain, in order. */
    const eachPiece = (copy: (from: number, to: number, rows: number) => void) => {
      for (let g = 0; g < nG; g++) {
        let left = this.count[g];
        let o = offsets[g];
        for (let b = this.head[g]; b >= 0 && left > 0; b = next[b]) {
          const take = Math.min(size[b], left);
          copy(at[b], o, take);
          o += take;
          left -= take;
        }
      }
    };

    // In buffers that can grow in place, when a reservation was given (see extend in columns.ts).
    const column = <C extends Float64ArrayConstructor | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor>(ctor: C) =>
      allocate(ctor, n, this.reserve) as InstanceType<C>;
    const start = column(Float64Array);
    const times = this.times.cols.start as Float64Array;
    eachPiece((from, to, rows) => start.set(times.subarray(from, from + rows), to));
    this.times.release('start');

    const stack = column(Uint32Array);
    const info = allocate(Uint32Array, n, n + 1) as Uint32Array; // resizable, so that free() returns it at once
    const words = this.pairs.cols.words;
    eachPiece((from, to, rows) => {
      for (let i = 0; i < rows; i++) {
        stack[to + i] = words[2 * (from + i)];
        info[to + i] = words[2 * (from + i) + 1];
      }
    });
    this.pairs.release('words');

    const state = column(Uint8Array);
    const reasons = this.reasons;
    const reason = reasons.some((i) => i > 0xffff) ? column(Uint32Array) : column(Uint16Array);
    const proc = procIDs.every((id) => id >= -0x8000 && id <= 0x7fff) ? column(Int16Array) : column(Int32Array);
    for (let r = 0; r < n; r++) {
      const x = info[r];
      const s = x & END_CODE;
      state[r] = s === END_CODE ? GState.End : s;
      const p = (x >>> PROC_SHIFT) & PROC_MASK;
      proc[r] = p === 0 ? -1 : procIDs[p - 1];
      reason[r] = reasons[x >>> REASON_SHIFT];
    }
    const procRuns = this.finishRuns(offsets, start, info, procIDs, procOrder);
    free(info);
    this.blocks.release('next');
    this.blocks.release('at');
    this.blocks.release('size');
    return { states: { length: n, offsets, start, state, reason, stack, proc }, procRuns };
  }

  /** The P runs: the logged Running rows, counted out per P in log order (time order), checked sorted. */
  private finishRuns(offsets: Uint32Array, start: Float64Array, info: Uint32Array, procIDs: readonly number[], procOrder: readonly number[]): ProcRuns {
    const rankOfID = new Map(procOrder.map((id, i) => [id, i]));
    // Rank of each proc index + 1 (the packed form), so a run's P is read straight from its row.
    const rank = Int32Array.from([-1, ...procIDs.map((id) => rankOfID.get(id)!)]);
    const nP = procOrder.length;
    const words = this.runs.cols.words;
    const nRuns = this.runs.length / 2;
    const rowOf = (k: number) => offsets[words[2 * k]] + words[2 * k + 1];
    const pOff = new Uint32Array(nP + 1);
    for (let k = 0; k < nRuns; k++) pOff[rank[(info[rowOf(k)] >>> PROC_SHIFT) & PROC_MASK] + 1]++;
    for (let p = 0; p < nP; p++) pOff[p + 1] += pOff[p];
    const fillAt = pOff.slice(0, nP);
    const row = new Uint32Array(nRuns);
    const goroutine = new Uint32Array(nRuns);
    for (let k = 0; k < nRuns; k++) {
      const r = rowOf(k);
      const j = fillAt[rank[(info[r] >>> PROC_SHIFT) & PROC_MASK]]++;
      row[j] = r;
      goroutine[j] = words[2 * k];
    }
    this.runs.release('words');
    // A goroutine first seen running is dated back to its generation's start, which can put its run
    // before runs logged earlier on the same P: such a P's runs are sorted (rare, and short lists).
    for (let p = 0; p < nP; p++) {
      const a = pOff[p], b = pOff[p + 1];
      let sorted = true;
      for (let j = a + 1; j < b && sorted; j++) if (start[row[j]] < start[row[j - 1]]) sorted = false;
      if (sorted) continue;
      const order = Array.from({ length: b - a }, (_, i) => a + i).sort((x, y) => start[row[x]] - start[row[y]] || x - y);
      const rows = order.map((j) => row[j]);
      const gs = order.map((j) => goroutine[j]);
      row.set(rows, a);
      goroutine.set(gs, a);
    }
    return { offsets: pOff, row, goroutine };
  }
}
