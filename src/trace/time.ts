// Trace times: Go's Time, an int64 count of nanoseconds, with Go's exact arithmetic.
//
// Go computes every time as `Time(float64(ticks) * nsPerTick)` (frequency.mul), adds
// per-event deltas to the thread's last time with int64 wrap-around, and bumps each
// returned time to one past the previous (`lastTs + 1`, wrapping too). The float64 to
// int64 conversion is amd64's: it truncates, and anything out of range (or NaN, e.g. a
// frequency of 0) becomes MinInt64. Broken and fuzzed traces reach all of these, and Go's
// output depends on them, so they are reproduced exactly.
//
// Representation. An object that carries a time (a thread's cursor, an Event, a CPU
// sample) holds it in its `ts` number, relative to a per-reader base chosen from the first
// generation: real traces (whatever the machine's uptime) then hold small exact integers,
// and the hot path is plain arithmetic. A relative time of 2^53 or more in magnitude (only
// a broken or fuzzed trace has one, as a spread of over 104 days) holds its rounded value
// in `ts` and its exact value in a side table keyed by the object. Rounding is monotonic,
// so different `ts` numbers still order correctly; only equal ones consult the table.

/** Anything that carries a relative time. */
export interface Timed {
  ts: number;
}

const two51 = 2251799813685248;
const two53 = 9007199254740992;
const two63 = 9223372036854775808;
const minInt64 = -(1n << 63n);

// Exact relative times of objects whose `ts` is not exact (|ts| >= 2^53). Entries of
// objects whose `ts` is exact again are stale and never read.
const wide = new WeakMap<Timed, bigint>();

/** True if `ts` is an exact relative time (no side-table entry needed). */
export function isExactTime(ts: number): boolean {
  return ts < two53 && ts > -two53;
}
const exact = isExactTime;

// The helpers below take objects of every kind that carries a time, so their property
// loads are polymorphic: hot paths compare `ts` numbers themselves (monomorphic) and call
// these only on ties or when a time is not exact.

/** a's time < b's time, exactly. */
export function timeLess(a: Timed, b: Timed): boolean {
  const x = a.ts;
  const y = b.ts;
  return x < y || (x === y && !exact(x) && wide.get(a)! < wide.get(b)!);
}

/** cmp.Compare on two objects' times, exactly (for sorting). */
export function timeCompare(a: Timed, b: Timed): number {
  const x = a.ts;
  const y = b.ts;
  if (x !== y) return x < y ? -1 : 1;
  if (exact(x)) return 0;
  const p = wide.get(a)!;
  const q = wide.get(b)!;
  return p < q ? -1 : p > q ? 1 : 0;
}

/**
 * Gives `to`, which already holds the number `from.ts`, the exact time of `from` (a no-op
 * unless that number is not exact). Objects made with a copy of a `ts` call it.
 */
export function copyExactTime(from: Timed, to: Timed): void {
  if (!exact(from.ts)) wide.set(to, wide.get(from)!);
}

/** Go's int64(p) for a float64 on amd64: truncation, MinInt64 when out of range or NaN. */
export function int64OfFloat(p: number): bigint {
  return p < two63 && p >= -two63 ? BigInt(Math.trunc(p)) : minInt64;
}

/**
 * The per-reader base of relative times, and Go's arithmetic on them. The fast window
 * [minRel, maxRel] holds the relative times for which plain number arithmetic is exact and
 * cannot wrap: within ±2^51 (so a window value plus a delta under 2^52 is exact, and a
 * sum inside the window implies such a delta) and with base + rel inside int64.
 */
export class TimeBase {
  /** The absolute time of relative time 0: an int64 that is also exactly a double. */
  base = 0n;
  baseNum = 0;
  minRel = -(two51 - 1);
  maxRel = two51 - 1;
  /** The relative time of absolute 0 as a number (NaN if not exact): Go's "unset" lastTs. */
  zeroRel = 0;
  /** Some time of this reader is not an exact number (so ties must be looked at). */
  anyWide = false;
  private chosen = false;

  /**
   * Picks the base from the first product seen (the first generation's earliest batch),
   * so that real traces stay in the fast window. Later calls do nothing.
   */
  choose(p: number): void {
    if (this.chosen) return;
    this.chosen = true;
    const t = int64OfFloat(p);
    // Leave the base at 0 for small times, and for a failed conversion (MinInt64).
    if (t === minInt64 || (t < BigInt(two51) && t > -BigInt(two51))) return;
    this.base = t;
    this.baseNum = Number(t);
    const lo = minInt64 - t;
    const hi = -minInt64 - 1n - t;
    this.minRel = lo > -BigInt(two51 - 1) ? Number(lo) : -(two51 - 1);
    this.maxRel = hi < BigInt(two51 - 1) ? Number(hi) : two51 - 1;
    const z = -t;
    this.zeroRel = exact(Number(z)) ? Number(z) : NaN;
  }

  /** True if plain number arithmetic on relative time `ts` is exact (see the class comment). */
  inWindow(ts: number): boolean {
    return ts >= this.minRel && ts <= this.maxRel;
  }

  /** The exact relative time of `o`. */
  rel(o: Timed): bigint {
    return exact(o.ts) ? BigInt(o.ts) : wide.get(o)!;
  }

  /** Sets `o`'s time to the exact relative time `rel`. */
  setRel(o: Timed, rel: bigint): void {
    const n = Number(rel);
    o.ts = n;
    if (!exact(n)) {
      wide.set(o, rel);
      this.anyWide = true;
    }
  }

  /** Sets `o`'s time to Go's Time(p), p = float64(ticks) * nsPerTick. */
  setProduct(o: Timed, p: number): void {
    this.setRel(o, int64OfFloat(p) - this.base);
  }

  /** Go's Time(p) as a relative number (rounded if beyond 2^53). */
  productNumber(p: number): number {
    return Number(int64OfFloat(p) - this.base);
  }

  /** Sets `o`'s time to int64(time of `from` + delta), wrapping as Go's int64 addition does. */
  setSum(o: Timed, from: Timed, delta: bigint): void {
    this.setRel(o, BigInt.asIntN(64, this.base + this.rel(from) + delta) - this.base);
  }

  /** True if `o`'s absolute time is 0. */
  isZero(o: Timed): boolean {
    return o.ts === this.zeroRel || (!exact(o.ts) && this.rel(o) === -this.base);
  }

  /** The exact absolute int64 time of `o`. */
  exact(o: Timed): bigint {
    return this.base + this.rel(o);
  }

  /** Absolute time of a relative number (exact below 2^53). */
  abs(rel: number): number {
    return this.baseNum + rel;
  }

  /** Decimal absolute time of `o` (Go's %d on a Time). */
  format(o: Timed): string {
    const ts = o.ts;
    if (this.baseNum === 0 && exact(ts)) return String(ts);
    return String(this.exact(o));
  }
}
