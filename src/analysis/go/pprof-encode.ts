// A blocking profile as the gzipped pprof protobuf `go tool trace -pprof=KIND` writes: Go 1.27's
// traceviewer.BuildProfile (sample types contentions/count and delay/nanoseconds, period type
// trace/count, one location per PC, one function per file+name, no mappings) encoded as
// internal/profile's Profile.Write encodes it. For records in the same order the uncompressed
// bytes are Go's byte for byte (Go's own order is its map's, at random).
//
// Hand-written rather than an npm protobuf library: the message is small and fixed, and
// matching Go's encoder (which fields it omits when zero, when it packs) is the point.

import { goTextBytes } from '../../trace/index.ts';
import type { ProfileKind, ProfileRecord } from './types.ts';

/** Protobuf writer with Go's internal/profile conventions. */
class Buffer {
  private data = new Uint8Array(1 << 12);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.data.length) return;
    let size = this.data.length * 2;
    while (size < this.length + n) size *= 2;
    const d = new Uint8Array(size);
    d.set(this.data.subarray(0, this.length));
    this.data = d;
  }

  /** A varint of a non-negative integer (up to 2^53) or of a negative int64 as Go's uint64(x). */
  varint(x: number): void {
    this.room(10);
    if (x < 0) {
      let u = BigInt.asUintN(64, BigInt(x));
      while (u >= 128n) {
        this.data[this.length++] = Number(u & 127n) | 128;
        u >>= 7n;
      }
      this.data[this.length++] = Number(u);
      return;
    }
    while (x >= 128) {
      this.data[this.length++] = (x % 128) | 128;
      x = Math.floor(x / 128);
    }
    this.data[this.length++] = x;
  }

  uint(tag: number, x: number): void {
    this.varint(tag * 8);
    this.varint(x);
  }

  /** encodeUint64Opt / encodeInt64Opt: nothing for zero. */
  opt(tag: number, x: number): void {
    if (x !== 0) this.uint(tag, x);
  }

  bytes(tag: number, b: Uint8Array): void {
    this.varint(tag * 8 + 2);
    this.varint(b.length);
    this.room(b.length);
    this.data.set(b, this.length);
    this.length += b.length;
  }

  /** encodeMessage: the body written by fill, then length-prefixed. */
  message(tag: number, fill: (b: Buffer) => void): void {
    const body = new Buffer();
    fill(body);
    this.bytes(tag, body.result());
  }

  /** encodeUint64s: packed when more than two. */
  uints(tag: number, xs: number[]): void {
    if (xs.length > 2) {
      const body = new Buffer();
      for (const x of xs) body.varint(x);
      this.bytes(tag, body.result());
    } else {
      for (const x of xs) this.uint(tag, x);
    }
  }

  result(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

interface Location { id: number; address: number; functionID: number; line: number }
interface Func { id: number; name: string; file: string }

/** The uncompressed profile.proto message of traceviewer.BuildProfile(records).Write. */
export function pprofProto(records: ProfileRecord[]): Uint8Array {
  // BuildProfile: locations by PC, functions by file+name, both numbered from 1 in first-use order.
  const locs = new Map<number, Location>();
  const funcs = new Map<string, Func>();
  const locList: Location[] = [];
  const funcList: Func[] = [];
  const samples: { locs: number[]; count: number; time: number }[] = [];
  for (const rec of records) {
    const sloc: number[] = [];
    for (const f of rec.stack) {
      let loc = locs.get(f.pc);
      if (loc === undefined) {
        const fkey = f.file + f.func;
        let fn = funcs.get(fkey);
        if (fn === undefined) {
          fn = { id: funcList.length + 1, name: f.func, file: f.file };
          funcList.push(fn);
          funcs.set(fkey, fn);
        }
        loc = { id: locList.length + 1, address: f.pc, functionID: fn.id, line: f.line };
        locList.push(loc);
        locs.set(f.pc, loc);
      }
      sloc.push(loc.id);
    }
    samples.push({ locs: sloc, count: rec.count, time: rec.time });
  }

  // preEncode: the string table in first-use order, "" first.
  const strings = new Map<string, number>();
  const str = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) {
      i = strings.size;
      strings.set(s, i);
    }
    return i;
  };
  str('');
  const sampleTypes = [[str('contentions'), str('count')], [str('delay'), str('nanoseconds')]];
  const funcStrings = funcList.map((f) => [str(f.name), str(f.name), str(f.file)]);
  const periodType = [str('trace'), str('count')];

  const b = new Buffer();
  for (const [type, unit] of sampleTypes) b.message(1, (m) => { m.opt(1, type); m.opt(2, unit); });
  for (const s of samples) {
    b.message(2, (m) => {
      m.uints(1, s.locs);
      m.uint(2, s.count);
      m.uint(2, s.time);
    });
  }
  for (const l of locList) {
    b.message(4, (m) => {
      m.opt(1, l.id);
      m.opt(3, l.address);
      m.message(4, (line) => { line.opt(1, l.functionID); line.opt(2, l.line); });
    });
  }
  funcList.forEach((f, i) => {
    const [name, systemName, file] = funcStrings[i];
    b.message(5, (m) => { m.opt(1, f.id); m.opt(2, name); m.opt(3, systemName); m.opt(4, file); });
  });
  for (const s of strings.keys()) b.bytes(6, goTextBytes(s));
  b.message(11, (m) => { m.opt(1, periodType[0]); m.opt(2, periodType[1]); });
  b.opt(12, 1);
  return b.result();
}

/**
 * The gzipped profile, as go tool trace -pprof=kind writes it (CompressionStream: browsers and
 * Node). Go builds all four kinds alike: kind only names what the records are.
 */
export async function pprofBytes(records: ProfileRecord[], _kind?: ProfileKind): Promise<Uint8Array> {
  const stream = new Blob([pprofProto(records) as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
