// The raw wire format: a 16-byte header `go 1.NN trace\0\0\0`, then events,
// each a type byte, one uvarint per spec argument (plus 4 per stack frame for
// Stack), and for HasData events a uvarint length and that many bytes.
// Mirrors Go's internal/trace/raw reader.go and writer.go. Like Go's, the
// writer emits minimal varints, so bytes the runtime wrote (which pads batch
// sizes to 10 bytes) come back shorter, while bytes this writer wrote
// round-trip exactly.

import { headerBytes, readHeader as readTraceHeader } from '../version.ts';
import { rawSpec, isRawVersion, RawFormatError, type RawEvent } from './event.ts';

export { headerBytes };

/** Parses the header (version.ts); returns [version, header length]. Throws TraceError. */
export function readHeader(b: Uint8Array): [number, number] {
  const h = readTraceHeader(b, true)!;
  return [h.version, h.length];
}

/** Reads raw events from trace bytes, one at a time. */
export class RawReader {
  readonly version: number;
  private readonly b: Uint8Array;
  private pos: number;

  constructor(bytes: Uint8Array) {
    this.b = bytes;
    const [v, n] = readHeader(bytes);
    this.version = v;
    this.pos = n;
  }

  /** Offset of the next event in the input. */
  get offset(): number {
    return this.pos;
  }

  /** The next event, or null at the end of the input. Throws RawFormatError. */
  readEvent(): RawEvent | null {
    if (this.pos >= this.b.length) return null;
    const at = this.pos;
    const ev = this.b[this.pos++];
    const spec = rawSpec(this.version, ev);
    const args: bigint[] = [];
    try {
      for (let i = 0; i < spec.args.length; i++) args.push(this.uvarint());
      if (spec.isStack) {
        const n = args[1];
        // Each frame is at least 4 bytes; refuse counts the input cannot hold.
        if (n * 4n > BigInt(this.b.length - this.pos)) throw new RawFormatError('unexpected EOF');
        for (let i = 0; i < Number(n) * 4; i++) args.push(this.uvarint());
      }
      let data: Uint8Array | undefined;
      if (spec.hasData) {
        const len = this.uvarint();
        if (len > BigInt(this.b.length - this.pos)) throw new RawFormatError('unexpected EOF');
        data = this.b.slice(this.pos, this.pos + Number(len));
        this.pos += Number(len);
      }
      return data === undefined ? { version: this.version, ev, args } : { version: this.version, ev, args, data };
    } catch (e) {
      if (e instanceof RawFormatError) throw new RawFormatError(`${spec.name} at offset ${at}: ${e.message}`);
      throw e;
    }
  }

  private uvarint(): bigint {
    const b = this.b;
    // Fast path: up to 7 bytes fit a double exactly.
    let x = 0;
    let mul = 1;
    for (let i = 0; i < 7; i++) {
      if (this.pos >= b.length) throw new RawFormatError('unexpected EOF');
      const c = b[this.pos++];
      x += (c & 0x7f) * mul;
      if (c < 0x80) return BigInt(x);
      mul *= 128;
    }
    let big = BigInt(x);
    let shift = 49n;
    for (let i = 7; i < 10; i++) {
      if (this.pos >= b.length) throw new RawFormatError('unexpected EOF');
      const c = b[this.pos++];
      if (c < 0x80) {
        if (i === 9 && c > 1) throw new RawFormatError('varint overflows a 64-bit integer');
        return big | (BigInt(c) << shift);
      }
      big |= BigInt(c & 0x7f) << shift;
      shift += 7n;
    }
    throw new RawFormatError('varint overflows a 64-bit integer');
  }
}

/** Collects the wire encoding of raw events (minimal varints). */
export class RawWriter {
  readonly version: number;
  private buf: Uint8Array;
  private len = 0;

  constructor(version: number) {
    if (!isRawVersion(version)) throw new RawFormatError(`unknown or unsupported trace version go 1.${version}`);
    this.version = version;
    this.buf = new Uint8Array(1 << 12);
    this.bytes(headerBytes(version));
  }

  writeEvent(e: RawEvent): void {
    if (e.version !== this.version) {
      throw new RawFormatError(
        `mismatched version between writer (go 1.${this.version}) and event (go 1.${e.version})`,
      );
    }
    const spec = rawSpec(e.version, e.ev);
    this.byte(e.ev);
    const n = spec.isStack ? e.args.length : spec.args.length;
    if (e.args.length < n) throw new RawFormatError(`${spec.name}: ${e.args.length} args, want ${n}`);
    for (let i = 0; i < n; i++) this.uvarint(e.args[i]);
    if (spec.hasData) {
      const data = e.data ?? new Uint8Array(0);
      this.uvarint(BigInt(data.length));
      this.bytes(data);
    }
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const nb = new Uint8Array(cap);
    nb.set(this.buf.subarray(0, this.len));
    this.buf = nb;
  }

  private byte(c: number): void {
    this.grow(1);
    this.buf[this.len++] = c;
  }

  private bytes(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  private uvarint(v: bigint): void {
    if (v < 0n || v >= 1n << 64n) throw new RawFormatError(`value out of uint64 range: ${v}`);
    this.grow(10);
    if (v <= 0x1fffffffffffffn) {
      let x = Number(v);
      while (x >= 0x80) {
        this.buf[this.len++] = (x % 128) | 0x80;
        x = Math.floor(x / 128);
      }
      this.buf[this.len++] = x;
      return;
    }
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
  }
}
