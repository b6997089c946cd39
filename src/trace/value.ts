// Dynamically typed values carried by events (metric samples, range attributes,
// experimental events' arguments). Port of Go's value.go.

import { BigValues } from './wire.ts';

// Values made by hand beyond 2^53 keep their exact value here.
const madeBig = new BigValues();

/** Kinds of Value (Go's ValueKind). */
export const ValueKind = { Bad: 0, Uint64: 1, String: 2 } as const;
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

export class Value {
  private readonly k: ValueKind;
  private readonly scalar: number;
  private readonly big: BigValues | null;
  private readonly str: string;
  /** @internal */
  constructor(k: ValueKind, scalar: number, big: BigValues | null, str = '') {
    this.k = k;
    this.scalar = scalar;
    this.big = big;
    this.str = str;
  }

  kind(): ValueKind {
    return this.k;
  }

  /** The value as a number (exact below 2^53); throws unless kind is Uint64. */
  uint64(): number {
    if (this.k !== ValueKind.Uint64) throw new Error('Uint64 called on Value of a different Kind');
    return this.scalar >= 0 && Number.isInteger(this.scalar) ? this.scalar : Number(this.big!.uint64(this.scalar));
  }

  /** The exact value; throws unless kind is Uint64. */
  uint64BigInt(): bigint {
    if (this.k !== ValueKind.Uint64) throw new Error('Uint64 called on Value of a different Kind');
    return this.big === null ? BigInt(this.scalar) : this.big.uint64(this.scalar);
  }

  /** The string of a String value; for other kinds, Go 1.27's debug form: "Value{Uint64(123)}" or "Value{Bad}". */
  toString(): string {
    if (this.k === ValueKind.String) return this.str;
    if (this.k === ValueKind.Uint64) return `Value{Uint64(${this.decimal()})}`;
    return 'Value{Bad}';
  }

  /** @internal Go 1.23's debug form (its valueAsString): "Uint64(123)" or "Bad". */
  toStringGo123(): string {
    return this.k === ValueKind.Uint64 ? `Uint64(${this.decimal()})` : 'Bad';
  }

  private decimal(): string {
    const v = this.scalar;
    return v >= 0 && Number.isInteger(v) ? String(v) : String(this.big!.uint64(v));
  }
}

/** A Uint64 value (Go's Uint64Value); `x` a number up to 2^53 or a bigint up to 2^64-1. */
export function uint64Value(x: number | bigint): Value {
  if (typeof x === 'number') {
    if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`uint64Value: ${x} is not an exact uint64; pass a bigint`);
    return new Value(ValueKind.Uint64, x, null);
  }
  if (x < 0n || x > 0xffffffffffffffffn) throw new RangeError(`uint64Value: ${x} is outside uint64`);
  return new Value(ValueKind.Uint64, madeBig.fromUint64(x), madeBig);
}

/** A String value (Go's StringValue). */
export function stringValue(s: string): Value {
  return new Value(ValueKind.String, 0, null, s);
}
