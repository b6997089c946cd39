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

  /** The columns cut to `length` (copies, so no unused capacity travels to the page). */
  trimmed(): Record<K, TypedColumn> & { length: number } {
    const out = { length: this.length } as Record<K, TypedColumn> & { length: number };
    for (const k of Object.keys(this.spec) as K[]) (out as Record<K, TypedColumn>)[k] = this.cols[k].slice(0, this.length);
    return out;
  }
}

/**
 * Merges two tables whose rows are each sorted by `start` into one sorted set of columns, `a`'s rows
 * first among equal starts. Used for the few rows the analysis back-dates (state known since the
 * generation began, regions that began before the trace) so the main table can stay append-only.
 */
export function mergeByStart<K extends string>(a: Table<K>, b: Table<K>, startKey: K): Record<K, TypedColumn> & { length: number } {
  if (b.length === 0) return a.trimmed();
  const n = a.length + b.length;
  const keys = Object.keys(a.cols) as K[];
  const out = { length: n } as Record<K, TypedColumn> & { length: number };
  for (const k of keys) (out as Record<K, TypedColumn>)[k] = new (a.cols[k].constructor as ColumnType)(n);
  const as = a.cols[startKey], bs = b.cols[startKey];
  let i = 0, j = 0;
  for (let r = 0; r < n; r++) {
    const fromA = j >= b.length || (i < a.length && as[i] <= bs[j]);
    const src = fromA ? a.cols : b.cols;
    const at = fromA ? i++ : j++;
    for (const k of keys) (out as Record<K, TypedColumn>)[k][r] = src[k][at];
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
