// Growable columnar tables and string interning: the storage under the TraceModel.
//
// A 100 MB trace holds tens of millions of events, so the analysis keeps one typed array per field.
// Each column lives in a resizable ArrayBuffer that reserves address space for the rows the trace can
// hold (estimated from its size) and grows in place: no copy when it grows, and memory is only used for
// the rows written. At the end each buffer is shrunk in place to its length, so the model's arrays are
// exactly their size and move to the page by transfer, with no copy and no second model in memory.
// Where resizable buffers are missing (or a reservation fails), columns grow by doubling, as arrays do.

export type TypedColumn = Float64Array | Uint32Array | Int32Array | Uint16Array | Int16Array | Uint8Array;
export type ColumnType =
  | Float64ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor | Uint16ArrayConstructor | Int16ArrayConstructor
  | Uint8ArrayConstructor;

/** Whether `new ArrayBuffer(n, { maxByteLength })` gives a resizable buffer here. */
const resizableBuffers: boolean = (() => {
  try {
    const b = new ArrayBuffer(8, { maxByteLength: 16 });
    if (b.resizable !== true || typeof b.resize !== 'function') return false;
    b.resize(16);
    return b.byteLength === 16;
  } catch {
    return false;
  }
})();

/** Rows reserved when nothing is known of the trace's size, and the growth factor beyond a reservation. */
const DEFAULT_RESERVE = 1 << 20;
const RESERVE_GROWTH = 4;

/**
 * A typed array of `n` rows in a buffer reserving room for `reserve` rows (resizable, where possible and
 * `reserve` > n), holding `old`'s rows when given.
 */
export function allocate(ctor: ColumnType, n: number, reserve: number, old?: TypedColumn): TypedColumn {
  const bpe = ctor.BYTES_PER_ELEMENT;
  let col: TypedColumn | undefined;
  if (resizableBuffers && reserve > n) {
    try {
      const buf = new ArrayBuffer(n * bpe, { maxByteLength: reserve * bpe });
      col = new ctor(buf, 0, n);
    } catch {
      // Address space refused: an ordinary array.
    }
  }
  col ??= new ctor(n);
  if (old !== undefined) col.set(old as never);
  return col;
}

/**
 * Gives `col`'s memory back now: a resizable buffer shrunk to nothing returns its pages at once,
 * where an array merely dropped waits for the garbage collector (on a large trace, hundreds of MB at
 * the moment memory peaks). Only for arrays nothing else views.
 */
export function free(col: TypedColumn): void {
  const buf = col.buffer as ArrayBuffer;
  if (buf.resizable === true && !buf.detached) buf.resize(0);
}

/**
 * `col` with `n` rows, its own first: the same buffer grown in place where its reservation allows
 * (no copy, and only the new rows take memory), else a copy. For joining tables (part.ts).
 */
export function extend<T extends TypedColumn>(col: T, n: number): T {
  const ctor = col.constructor as ColumnType;
  // Grown in place only when the view is the whole buffer: nothing else may live in it.
  if (col.byteOffset === 0 && col.byteLength === col.buffer.byteLength) return grow(ctor, col, n, n) as T;
  const out = new ctor(n) as T;
  out.set(col as never);
  return out;
}

/** `col` grown to `n` rows: in place in its buffer's reservation, else a copy into a new one. */
function grow(ctor: ColumnType, col: TypedColumn, n: number, reserveHint: number): TypedColumn {
  const buf = col.buffer as ArrayBuffer;
  const bpe = ctor.BYTES_PER_ELEMENT;
  if (buf.resizable === true && n * bpe <= buf.maxByteLength) {
    buf.resize(n * bpe);
    return new ctor(buf, 0, n);
  }
  const reserve = Math.max(reserveHint, n * RESERVE_GROWTH);
  return allocate(ctor, n, reserve, col);
}

/** A typed array of exactly `n` elements holding `a`'s first ones (shrunk in place where it can be). `a` may be detached. */
function resize<T extends TypedColumn>(a: T, n: number): T {
  const ctor = a.constructor as ColumnType;
  const bpe = a.BYTES_PER_ELEMENT;
  const buf = a.buffer as ArrayBuffer;
  if (buf.resizable === true && a.byteOffset === 0 && n * bpe <= buf.maxByteLength) {
    buf.resize(n * bpe);
    return new ctor(buf, 0, n) as T;
  }
  if (buf.resizable !== true && typeof buf.transfer === 'function' && a.byteOffset === 0) return new ctor(buf.transfer(n * bpe)) as T;
  const out = new ctor(n);
  out.set(a.subarray(0, Math.min(n, a.length)) as never);
  return out as T;
}

/**
 * Rows of typed columns. `add()` appends a zeroed row and returns its index; write its fields through
 * `cols` right away, reading `cols.x` again after any add (growth may replace the arrays).
 */
export class Table<K extends string> {
  length = 0;
  cols: Record<K, TypedColumn>;
  /**
   * The same arrays by position in the spec (its key order). Code shared by tables of different specs
   * reads columns here: an access by name would see a different object shape per table (megamorphic).
   */
  readonly arrays: TypedColumn[] = [];
  private readonly spec: Record<K, ColumnType>;
  private readonly keys: K[];
  private cap: number;
  /** Rows to reserve address space for (an upper estimate of the rows the trace can give). */
  private readonly reserve: number;

  /**
   * @param capacity rows allocated at first
   * @param reserve rows the table may reach (an estimate: it grows past it, with a copy)
   */
  constructor(spec: Record<K, ColumnType>, capacity = 256, reserve = DEFAULT_RESERVE) {
    this.spec = spec;
    this.keys = Object.keys(spec) as K[];
    this.cap = capacity;
    this.reserve = Math.max(reserve, capacity);
    const cols = {} as Record<K, TypedColumn>;
    for (const k of this.keys) {
      cols[k] = allocate(spec[k], capacity, this.reserve);
      this.arrays.push(cols[k]);
    }
    this.cols = cols;
  }

  add(): number {
    if (this.length === this.cap) this.grow(this.nextCapacity());
    return this.length++;
  }

  /** Appends `n` zeroed rows at once; returns the first one's index. */
  addRows(n: number): number {
    while (this.length + n > this.cap) this.grow(this.nextCapacity());
    const r = this.length;
    this.length += n;
    return r;
  }

  /** Lets go of column `k` (its memory can be reclaimed); the table must not be used for it again. */
  release(k: K): void {
    const i = this.keys.indexOf(k);
    free(this.cols[k]);
    this.cols[k] = this.arrays[i] = new (this.spec[k])(0);
  }

  /**
   * Doubling while small or when growth copies; by an eighth once big and growing in place, so that
   * little reserved-and-committed room is left to give back at the end.
   */
  private nextCapacity(): number {
    const cap = this.cap;
    if (cap < 1 << 20) return cap * 2;
    const buf = this.arrays[0].buffer as ArrayBuffer;
    return buf.resizable === true && (cap + (cap >> 3)) * this.arrays[0].BYTES_PER_ELEMENT <= buf.maxByteLength ? cap + (cap >> 3) : cap * 2;
  }

  private grow(cap: number): void {
    this.keys.forEach((k, i) => (this.cols[k] = this.arrays[i] = grow(this.spec[k], this.cols[k], cap, this.reserve)));
    this.cap = cap;
  }

  /**
   * The columns cut to `length` plus `extra` zeroed rows, so no unused capacity travels to the page.
   * Takes the buffers over (shrunk or grown in place where they can be): call it last.
   */
  trimmed(extra = 0): Record<K, TypedColumn> & { length: number } {
    const n = this.length + extra;
    const out = { length: n } as Record<K, TypedColumn> & { length: number };
    for (const k of this.keys) {
      let col = this.cols[k];
      // Rows beyond length may hold nothing but zeros (never written), except after a shrink-then-grow,
      // which does not happen here; clear them anyway when growing.
      if (n > col.length) col = grow(this.spec[k], col, n, n);
      col = resize(col, n);
      if (extra > 0) col.fill(0, this.length, n);
      (out as Record<K, TypedColumn>)[k] = col;
    }
    return out;
  }
}

/**
 * Merges two tables whose rows are each sorted by `start` into one sorted set of columns, `a`'s rows
 * first among equal starts. Used for the few rows the analysis back-dates (state known since the
 * generation began, regions that began before the trace) so the main table can stay append-only.
 * Merges backwards into `a`'s columns grown by `b.length` rows (in place, in the buffer's reservation):
 * only rows after the first insertion point move, and nothing the size of `a` is allocated twice.
 */
export function mergeByStart<K extends string>(a: Table<K>, b: Table<K>, startKey: K): Record<K, TypedColumn> & { length: number } {
  const nA = a.length, nB = b.length;
  const out = a.trimmed(nB);
  if (nB === 0) return out;
  // Where each of b's rows lands among a's: after every a row starting at or before it.
  const as = out[startKey], bs = b.cols[startKey];
  const cut = new Float64Array(nB + 1);
  for (let j = 0; j < nB; j++) {
    let lo = 0, hi = nA;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (as[mid] <= bs[j]) lo = mid + 1;
      else hi = mid;
    }
    cut[j] = lo;
  }
  cut[nB] = nA;
  // Per column, from the end: shift each run of a's rows right by the b rows before it (memmove),
  // then drop the b row into the gap.
  for (const k of Object.keys(b.cols) as K[]) {
    const col = (out as Record<K, TypedColumn>)[k], src = b.cols[k];
    for (let j = nB - 1; j >= 0; j--) {
      if (cut[j + 1] > cut[j]) col.copyWithin(cut[j] + j + 1, cut[j], cut[j + 1]);
      col[cut[j] + j] = src[j];
    }
  }
  return out;
}

/** Sorts a table's rows by `start` in place (stable). For small side tables only. */
export function sortTableByStart<K extends string>(t: Table<K>, startKey: K): void {
  const s = t.cols[startKey];
  let sorted = true;
  for (let r = 1; r < t.length && sorted; r++) if (s[r] < s[r - 1]) sorted = false;
  if (sorted) return;
  const order = Array.from({ length: t.length }, (_, i) => i);
  order.sort((x, y) => s[x] - s[y] || x - y);
  for (const k of Object.keys(t.cols) as K[]) {
    const col = t.cols[k];
    const copy = col.slice(0, t.length);
    for (let r = 0; r < t.length; r++) col[r] = copy[order[r]];
  }
}

/** A growable pair of columns: a time series. */
export class SeriesBuilder {
  private t = new Table({ time: Float64Array, value: Float64Array }, 64, 1 << 16);

  push(time: number, value: number): void {
    const r = this.t.add();
    this.t.cols.time[r] = time;
    this.t.cols.value[r] = value;
  }

  finish(): { length: number; time: Float64Array; value: Float64Array } {
    const c = this.t.trimmed();
    return { length: c.length, time: c.time as Float64Array, value: c.value as Float64Array };
  }
}

/** Interned strings: each distinct string once, columns hold its index. Index 0 is "". */
export class Strings {
  readonly list: string[];
  private readonly index: Map<string, number>;

  /** @param list strings interned already (index 0 must be ""); interning then appends to it */
  constructor(list: string[] = ['']) {
    this.list = list;
    this.index = new Map(list.map((x, i) => [x, i]));
  }

  intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** IDs below this go to IdMap's array; others (rare: IDs are small counters) to its Map. */
const DENSE_IDS = 1 << 22;

/**
 * A map from IDs (goroutine, proc, stack and string IDs: small non-negative integers, mostly) to
 * non-negative numbers: an array indexed by ID, with a Map for the rest. Cheaper than a Map per event.
 */
export class IdMap {
  private dense = new Int32Array(64).fill(-1);
  /** Highest dense index set since the last clear, for a cheap clear. */
  private top = -1;
  private readonly sparse = new Map<number, number>();

  get(id: number): number | undefined {
    if (id >= 0 && id < this.dense.length && id === Math.floor(id)) {
      const v = this.dense[id];
      return v < 0 ? undefined : v;
    }
    return this.sparse.size === 0 ? undefined : this.sparse.get(id);
  }

  set(id: number, v: number): void {
    if (id >= 0 && id < DENSE_IDS && id === Math.floor(id) && v <= 0x7fffffff) {
      if (id >= this.dense.length) {
        let n = this.dense.length * 2;
        while (n <= id) n *= 2;
        const next = new Int32Array(Math.min(n, DENSE_IDS)).fill(-1);
        next.set(this.dense);
        this.dense = next;
      }
      this.dense[id] = v;
      if (id > this.top) this.top = id;
      // The value now lives here only.
      if (this.sparse.size > 0) this.sparse.delete(id);
      return;
    }
    this.sparse.set(id, v);
  }

  clear(): void {
    if (this.top >= 0) this.dense.fill(-1, 0, this.top + 1);
    this.top = -1;
    this.sparse.clear();
  }
}
