// Growable columnar tables and string interning: the storage under the TraceModel.
//
// A trace of 100 MB holds tens of millions of events, so the analysis keeps one typed array per
// field and grows it by doubling (amortised O(1) appends, no object per row), then trims every
// column to its length at the end so the buffers can be transferred from the worker as they are.

export type TypedColumn = Float64Array | Uint32Array | Int32Array | Uint8Array;
type ColumnType = Float64ArrayConstructor | Uint32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

/**
 * Rows of typed columns. `add()` appends a zeroed row and returns its index; write its fields through
 * `cols` right away, reading `cols.x` again after any add (growth replaces the arrays).
 */
export class Table<K extends string> {
  length = 0;
  cols: Record<K, TypedColumn>;
  private readonly spec: Record<K, ColumnType>;
  private cap: number;

  constructor(spec: Record<K, ColumnType>, capacity = 256) {
    this.spec = spec;
    this.cap = capacity;
    const cols = {} as Record<K, TypedColumn>;
    for (const k of Object.keys(spec) as K[]) cols[k] = new spec[k](capacity);
    this.cols = cols;
  }

  add(): number {
    if (this.length === this.cap) this.grow(this.cap * 2);
    return this.length++;
  }

  private grow(cap: number): void {
    for (const k of Object.keys(this.spec) as K[]) {
      const next = new this.spec[k](cap);
      next.set(this.cols[k] as never);
      this.cols[k] = next;
    }
    this.cap = cap;
  }

  /**
   * The columns cut to `length` plus `extra` zeroed rows, so no unused capacity travels to the page.
   * Takes the buffers over (ArrayBuffer.transfer, a reallocation where the engine can): call it last.
   */
  trimmed(extra = 0): Record<K, TypedColumn> & { length: number } {
    const n = this.length + extra;
    const out = { length: n } as Record<K, TypedColumn> & { length: number };
    for (const k of Object.keys(this.spec) as K[]) (out as Record<K, TypedColumn>)[k] = resize(this.cols[k], n);
    return out;
  }
}

type Transferable = ArrayBuffer & { transfer?(newLength: number): ArrayBuffer };

/** A typed array of `n` elements holding `a`'s first ones; `a` may be detached. */
function resize<T extends TypedColumn>(a: T, n: number): T {
  const ctor = a.constructor as ColumnType;
  const buf = a.buffer as Transferable;
  if (typeof buf.transfer === 'function' && a.byteOffset === 0) return new ctor(buf.transfer(n * a.BYTES_PER_ELEMENT)) as T;
  const out = new ctor(n);
  out.set(a.subarray(0, Math.min(n, a.length)) as never);
  return out as T;
}

/**
 * Merges two tables whose rows are each sorted by `start` into one sorted set of columns, `a`'s rows
 * first among equal starts. Used for the few rows the analysis back-dates (state known since the
 * generation began, regions that began before the trace) so the main table can stay append-only.
 * Merges backwards into `a`'s columns grown by `b.length` rows: only rows after the first insertion
 * point move, and nothing the size of `a` is allocated twice.
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
      const mid = (lo + hi) >> 1;
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
  private t = new Table({ time: Float64Array, value: Float64Array }, 64);

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
  readonly list: string[] = [''];
  private readonly index = new Map<string, number>([['', 0]]);

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
