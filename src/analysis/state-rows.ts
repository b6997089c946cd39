// The goroutine state table while a trace is read: rows grouped by goroutine as they arrive, so the
// finished table needs no sort and no end column (see GoroutineStateIntervals in model.ts).
//
// Rows arrive in time order across all goroutines, but the model keeps each goroutine's rows together.
// Each goroutine gets a chain of blocks in one shared slab (a bump allocator), each block twice the
// size of the one before, from FIRST_BLOCK up to MAX_BLOCK rows: an append is a few array writes, a
// goroutine with few rows wastes few, and one with millions is copied in large pieces. The table is
// copied once, at the end, into its final columns, one column at a time (the slab's column is then
// let go), so the peak is the slab plus one final column rather than two tables.
//
// The P runs (the Running rows, per P in time order) are logged as they begin, as (goroutine, row of
// the goroutine): the final row index is known only at the end.

import { IdMap, Table } from './columns.ts';
import { GState, type GoroutineStateIntervals, type ProcRuns } from './model.ts';

const FIRST_BLOCK = 16;
const MAX_BLOCK = 1024;

const slabSpec = { start: Float64Array, state: Uint8Array, reason: Uint16Array, stack: Uint32Array, proc: Int16Array };
const runSpec = { goroutine: Uint32Array, local: Uint32Array, proc: Int16Array };

/** Reason codes and proc indices are 16 bits in the slab: beyond that (never in a real trace) they saturate. */
const MAX_REASON_CODE = 0xffff;
const MAX_PROC_INDEX = 0x7fff;

export class StateRows {
  private readonly slab: Table<keyof typeof slabSpec>;
  /** Per block: the next block of its goroutine (-1 at the end of a chain), its first slab row and size. */
  private readonly blocks: Table<'next' | 'at' | 'size'>;
  private readonly runs: Table<keyof typeof runSpec>;
  // Per goroutine (by index).
  private readonly head: number[] = [];
  private readonly tail: number[] = [];
  /** Slab row of the tail block's next free row, and the end of the tail block. */
  private readonly free: number[] = [];
  private readonly limit: number[] = [];
  private readonly count: number[] = [];
  private readonly lastStart: number[] = [];
  /** Reason code -> strings index, and back (codes keep the slab's reason column 16 bits wide). */
  private readonly reasons: number[] = [0];
  private readonly reasonCode = new IdMap();

  /** @param reserve rows the table may reach (address space only: see columns.ts) */
  constructor(reserve?: number) {
    this.slab = new Table(slabSpec, 4096, reserve);
    this.blocks = new Table({ next: Int32Array, at: Uint32Array, size: Uint32Array }, 256, reserve === undefined ? undefined : Math.ceil(reserve / FIRST_BLOCK));
    this.runs = new Table(runSpec, 1024, reserve === undefined ? undefined : Math.ceil(reserve / 2));
  }

  /** Registers goroutine index g (indices are given out in order: g === number of goroutines so far). */
  addGoroutine(): void {
    this.head.push(-1);
    this.tail.push(-1);
    this.free.push(0);
    this.limit.push(0);
    this.count.push(0);
    this.lastStart.push(-Infinity);
  }

  /** Rows of goroutine g so far. */
  rows(g: number): number {
    return this.count[g];
  }

  /** Start of goroutine g's last row (-Infinity before its first). */
  last(g: number): number {
    return this.lastStart[g];
  }

  /** Appends a row to goroutine g. `why` is a strings index, `procIdx` the analyser's proc index or -1. */
  append(g: number, start: number, state: number, why: number, stack: number, procIdx: number): void {
    if (this.free[g] === this.limit[g]) this.newBlock(g);
    const r = this.free[g]++;
    const c = this.slab.cols;
    c.start[r] = start;
    c.state[r] = state;
    c.reason[r] = why === 0 ? 0 : this.code(why);
    c.stack[r] = stack;
    c.proc[r] = procIdx <= MAX_PROC_INDEX ? procIdx : -1;
    if (state === GState.Running && procIdx >= 0 && procIdx <= MAX_PROC_INDEX) {
      const k = this.runs.add();
      const rc = this.runs.cols;
      rc.goroutine[k] = g;
      rc.local[k] = this.count[g];
      rc.proc[k] = procIdx;
    }
    this.count[g]++;
    this.lastStart[g] = start;
  }

  private code(why: number): number {
    let c = this.reasonCode.get(why);
    if (c === undefined) {
      // Codes past the 16-bit range (never in a real trace: Go has a few dozen wait reasons) share the last.
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
    const at = this.slab.addRows(size);
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
   * ascending (the model's procs). Call once: the slab is given up column by column.
   */
  finish(procIDs: readonly number[], procOrder: readonly number[]): { states: GoroutineStateIntervals; procRuns: ProcRuns } {
    const nG = this.count.length;
    const offsets = new Uint32Array(nG + 1);
    for (let g = 0; g < nG; g++) offsets[g + 1] = offsets[g] + this.count[g];
    const n = offsets[nG];
    const { next, at, size } = this.blocks.cols;

    /** Copies one slab column into its final column, goroutine by goroutine along the block chains. */
    const gather = <T extends Float64Array | Uint8Array | Uint16Array | Uint32Array | Int16Array | Int32Array>(src: T, out: T): T => {
      for (let g = 0; g < nG; g++) {
        let left = this.count[g];
        let o = offsets[g];
        for (let b = this.head[g]; b >= 0 && left > 0; b = next[b]) {
          const take = Math.min(size[b], left);
          out.set(src.subarray(at[b], at[b] + take) as never, o);
          o += take;
          left -= take;
        }
      }
      return out;
    };

    const slab = this.slab.cols;
    const start = gather(slab.start as Float64Array, new Float64Array(n));
    this.slab.release('start');
    const state = gather(slab.state as Uint8Array, new Uint8Array(n));
    this.slab.release('state');
    // Reason codes become strings indices, 16 bits wide when they all fit.
    const reasons = this.reasons;
    const codes = gather(slab.reason as Uint16Array, new Uint16Array(n));
    this.slab.release('reason');
    const wide = reasons.some((i) => i > 0xffff);
    const reason = wide ? new Uint32Array(n) : codes;
    for (let r = 0; r < n; r++) reason[r] = reasons[codes[r]];
    const stack = gather(slab.stack as Uint32Array, new Uint32Array(n));
    this.slab.release('stack');
    // Proc indices become P IDs, 16 bits wide when they all fit.
    const indices = gather(slab.proc as Int16Array, new Int16Array(n));
    this.slab.release('proc');
    const narrow = procIDs.every((id) => id >= -0x8000 && id <= 0x7fff);
    const proc = narrow ? indices : new Int32Array(n);
    for (let r = 0; r < n; r++) proc[r] = indices[r] < 0 ? -1 : procIDs[indices[r]];

    return { states: { length: n, offsets, start, state, reason, stack, proc }, procRuns: this.finishRuns(offsets, start, procIDs, procOrder) };
  }

  /** The P runs: the logged Running rows, counted out per P in log order (time order), checked sorted. */
  private finishRuns(offsets: Uint32Array, start: Float64Array, procIDs: readonly number[], procOrder: readonly number[]): ProcRuns {
    const rankOfID = new Map(procOrder.map((id, i) => [id, i]));
    const rank = procIDs.map((id) => rankOfID.get(id)!);
    const nP = procOrder.length;
    const { goroutine: rg, local, proc } = this.runs.cols;
    const nRuns = this.runs.length;
    const pOff = new Uint32Array(nP + 1);
    for (let k = 0; k < nRuns; k++) pOff[rank[proc[k]] + 1]++;
    for (let p = 0; p < nP; p++) pOff[p + 1] += pOff[p];
    const fillAt = pOff.slice(0, nP);
    const row = new Uint32Array(nRuns);
    const goroutine = new Uint32Array(nRuns);
    for (let k = 0; k < nRuns; k++) {
      const j = fillAt[rank[proc[k]]]++;
      row[j] = offsets[rg[k]] + local[k];
      goroutine[j] = rg[k];
    }
    this.runs.release('goroutine');
    this.runs.release('local');
    this.runs.release('proc');
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
