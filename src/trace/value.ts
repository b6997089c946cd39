// Dynamically typed values carried by events (metric samples, range attributes).
// Port of Go's value.go.

import type { BigValues } from './wire.ts';

/** Kinds of Value (Go's ValueKind). */
export const ValueKind = { Bad: 0, Uint64: 1 } as const;
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];

export class Value {
  private readonly k: ValueKind;
  private readonly scalar: number;
  private readonly big: BigValues | null;
  /** @internal */
  constructor(k: ValueKind, scalar: number, big: BigValues | null) {
    this.k = k;
    this.scalar = scalar;
    this.big = big;
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
    return this.big!.uint64(this.scalar);
  }

  /** Go 1.23's debug form: "Uint64(123)" or "Bad". */
  toString(): string {
    if (this.k === ValueKind.Uint64) {
      const v = this.scalar;
      return `Uint64(${v >= 0 && Number.isInteger(v) ? v : this.big!.uint64(v)})`;
    }
    return 'Bad';
  }
}
