// Wire numbers: LEB128 uvarints decoded into plain JS numbers without losing any of
// their 64 bits.
//
// A decoded uint64 is kept as its int64 reading (Go converts IDs with a plain int64(x)
// cast, so 2^64-1 is -1 = NoGoroutine/NoProc/NoThread): every value whose int64 reading
// lies in (-2^53, 2^53) is that exact integer. The rare rest (no runtime writes them, but
// a file may) is interned in a per-reader BigValues table and stands in the number as a
// non-integer marker -(index + 0.5); equal values share one marker, so `===` and Map keys
// still compare IDs exactly. Only formatting and arithmetic on such values go through BigInt.

/** Exact storage for 64-bit values outside the safe-integer range. */
export class BigValues {
  private readonly values: bigint[] = [];
  private readonly index = new Map<bigint, number>();

  /** The wire number for uint64 `x` (0 <= x < 2^64). */
  fromUint64(x: bigint): number {
    if (x < 0x20000000000000n) return Number(x);
    if (x > 0xffe0000000000000n) return Number(x - 0x10000000000000000n);
    let i = this.index.get(x);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(x);
      this.index.set(x, i);
    }
    return -(i + 0.5);
  }

  /** The exact uint64 of a wire number. */
  uint64(v: number): bigint {
    if (Number.isInteger(v)) return v >= 0 ? BigInt(v) : BigInt(v) + 0x10000000000000000n;
    return this.values[-v - 0.5];
  }

  /** The exact int64 of a wire number. */
  int64(v: number): bigint {
    if (Number.isInteger(v)) return BigInt(v);
    return BigInt.asIntN(64, this.values[-v - 0.5]);
  }
}

/** True if `v` is a marker for a value kept in BigValues. */
export function isBig(v: number): boolean {
  return v !== Math.floor(v);
}

/** Decimal of a wire number read as int64 (Go's %d on GoID, ProcID, ThreadID, Time). */
export function fmtInt64(v: number, big: BigValues): string {
  return Number.isInteger(v) ? String(v) : String(big.int64(v));
}

/** Decimal of a wire number read as uint64 (Go's %d on TaskID, values, args). */
export function fmtUint64(v: number, big: BigValues): string {
  if (v >= 0 && Number.isInteger(v)) return String(v);
  return String(big.uint64(v));
}

/** Lower-case hex of a wire number read as uint64 (Go's %x). */
export function hexUint64(v: number, big: BigValues): string {
  if (v >= 0 && Number.isInteger(v)) return v.toString(16);
  return big.uint64(v).toString(16);
}

/** Go's float64(uint64(x)) for a wire number (round to nearest even). */
export function uint64ToFloat(v: number, big: BigValues): number {
  if (Number.isInteger(v)) return v >= 0 ? v : 18446744073709551616 + v;
  return Number(big.uint64(v));
}

/** True if the wire number, read as uint64, is greater than `limit` (a safe non-negative integer). */
export function uint64Exceeds(v: number, limit: number): boolean {
  return !(v >= 0 && v <= limit && Number.isInteger(v));
}

/** Uvarint decoding outcome codes. */
export const UvarintOK = 0;
/** The buffer ended before the varint did (Go: n == 0 / io.EOF or io.ErrUnexpectedEOF). */
export const UvarintShort = 1;
/** More than 64 bits (Go: n < 0 / "binary: varint overflows a 64-bit integer"). */
export const UvarintOverflow = 2;

/**
 * Result registers of the last readUvarint call: the position after the varint, the
 * outcome and how many bytes were looked at. Module state, so decoding allocates nothing.
 */
export const uv = { pos: 0, status: UvarintOK, read: 0 };

/**
 * Decodes a uvarint from buf[pos:end] (Go's binary.Uvarint) and returns its wire number.
 * Sets uv.pos and uv.status; on failure returns 0.
 */
export function readUvarint(buf: Uint8Array, pos: number, end: number, big: BigValues): number {
  let b = pos < end ? buf[pos] : 0x80;
  if (b < 0x80 && pos < end) {
    uv.pos = pos + 1;
    uv.status = UvarintOK;
    uv.read = 1;
    return b;
  }
  // Up to 7 bytes (49 bits) fit a double exactly.
  let x = 0;
  let mul = 1;
  let i = 0;
  for (; i < 7; i++) {
    if (pos + i >= end) return short(pos, i);
    b = buf[pos + i];
    if (b < 0x80) {
      uv.pos = pos + i + 1;
      uv.status = UvarintOK;
      uv.read = i + 1;
      return x + b * mul;
    }
    x += (b & 0x7f) * mul;
    mul *= 128;
  }
  // Slow path: bytes 8..10.
  let bx = BigInt(x);
  let shift = 49n;
  for (; i < 10; i++) {
    if (pos + i >= end) return short(pos, i);
    b = buf[pos + i];
    if (b < 0x80) {
      uv.read = i + 1;
      if (i === 9 && b > 1) {
        uv.status = UvarintOverflow;
        uv.pos = pos + i + 1;
        return 0;
      }
      uv.pos = pos + i + 1;
      uv.status = UvarintOK;
      return big.fromUint64(bx | (BigInt(b) << shift));
    }
    bx |= BigInt(b & 0x7f) << shift;
    shift += 7n;
  }
  uv.read = 10;
  uv.pos = pos + 10;
  uv.status = UvarintOverflow;
  return 0;
}

function short(pos: number, i: number): number {
  uv.status = UvarintShort;
  uv.pos = pos + i;
  uv.read = i;
  return 0;
}

/** Go's error text for a failed binary.ReadUvarint on a stream, given how it failed. */
export function readUvarintErrorText(): string {
  if (uv.status === UvarintOverflow) return 'binary: varint overflows a 64-bit integer';
  return uv.read === 0 ? 'EOF' : 'unexpected EOF';
}
