// A seeded mutation fuzzer for Go execution traces.
//
// Every mutation is a pure function of (seed, case index, input), so a failing
// case is reproduced from the numbers printed with it. Mutations know the trace
// layout: a 16-byte header, then batches (`0x01 gen m time size payload` or
// `0x31 exp gen m time size payload`; in the old formats of Go 1.11–1.21, a Batch
// event `0x41 p ticks` and the events up to the next), so beyond random bit flips they cut at
// batch boundaries, duplicate, swap and drop whole batches, and plant huge
// varints where the reader expects small ones.

/** A small, fast, seedable PRNG (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  /** A uint32. */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : this.next() % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

/** Mixes a run seed and a case index into one case seed. */
export function caseSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export const HEADER_SIZE = 16;

/** One batch's place in the file: [start, end) including its header. */
export interface BatchSpan {
  start: number;
  end: number;
  /** Offset of the first payload byte. */
  payload: number;
}

function readUvarint(b: Uint8Array, pos: number): [bigint, number] | null {
  let x = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= b.length) return null;
    const c = b[pos + i];
    x |= BigInt(c & 0x7f) << shift;
    if (c < 0x80) return [x, pos + i + 1];
    shift += 7n;
  }
  return null;
}

/** True if `b` has an old-format header (Go 1.11–1.21: "go 1.11", "go 1.19", "go 1.21"). */
export function isOldFormat(b: Uint8Array): boolean {
  const h = String.fromCharCode(...b.subarray(0, 8));
  return h === 'go 1.11 ' || h === 'go 1.19 ' || h === 'go 1.21 ';
}

/**
 * Splits an old-format trace into its batches: an old batch has no size, so this walks
 * the events (a type byte whose top two bits give the argument count, length-prefixed
 * past three; String and UserLog carry bytes) and a batch runs from one Batch event
 * (type 1) to the next. Stops where the events stop making sense.
 */
function splitOldBatches(b: Uint8Array): BatchSpan[] {
  const starts: { start: number; payload: number }[] = [];
  let pos = HEADER_SIZE;
  const skipVarints = (n: number): boolean => {
    for (let i = 0; i < n; i++) {
      const r = readUvarint(b, pos);
      if (!r) return false;
      pos = r[1];
    }
    return true;
  };
  const skipBytes = (): boolean => {
    const r = readUvarint(b, pos);
    if (!r || r[1] + Number(r[0]) > b.length) return false;
    pos = r[1] + Number(r[0]);
    return true;
  };
  while (pos < b.length) {
    const start = pos;
    const typ = b[pos] & 0x3f;
    const narg = (b[pos] >> 6) + 1;
    pos++;
    if (typ === 0 || typ >= 50) break;
    let ok: boolean;
    if (typ === 1) {
      ok = skipVarints(2);
      if (ok) starts.push({ start, payload: pos });
    } else if (typ === 37) {
      ok = skipVarints(1) && skipBytes();
    } else if (narg <= 3) {
      ok = skipVarints(narg);
    } else {
      ok = skipBytes() && (typ !== 48 || skipBytes());
    }
    if (!ok) {
      pos = start;
      break;
    }
  }
  return starts.map((s, i) => ({ start: s.start, payload: s.payload, end: i + 1 < starts.length ? starts[i + 1].start : pos }));
}

/**
 * Splits a well-formed trace into its batches: a v2 trace (Go 1.22+) by their size
 * fields, an old-format one by walking its events. Stops at the first thing that does
 * not look like a batch, so on damaged input it returns the batches it could delimit.
 */
export function splitBatches(b: Uint8Array): BatchSpan[] {
  if (isOldFormat(b)) return splitOldBatches(b);
  const spans: BatchSpan[] = [];
  let pos = HEADER_SIZE;
  while (pos < b.length) {
    const start = pos;
    const kind = b[pos++];
    let fields: number;
    if (kind === 0x01) fields = 3; // gen m time
    else if (kind === 0x31) {
      pos++; // exp byte
      fields = 3;
    } else if (kind === 0x34) {
      spans.push({ start, end: pos, payload: pos }); // EndOfGeneration (Go 1.26)
      continue;
    } else break;
    let ok = true;
    for (let i = 0; i < fields && ok; i++) {
      const r = readUvarint(b, pos);
      if (!r) ok = false;
      else pos = r[1];
    }
    const size = ok ? readUvarint(b, pos) : null;
    if (!size) break;
    const payload = size[1];
    const end = payload + Number(size[0]);
    if (end > b.length) break;
    spans.push({ start, end, payload });
    pos = end;
  }
  return spans;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Offsets in [from, to) where a uvarint starts (the byte before is < 0x80). */
function varintStarts(b: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(from, 1); i < to; i++) if (b[i - 1] < 0x80) out.push(i);
  return out;
}

/** Replaces the uvarint at pos with `repl`. */
function replaceVarint(b: Uint8Array, pos: number, repl: Uint8Array): Uint8Array {
  let end = pos;
  while (end < b.length && b[end] >= 0x80 && end - pos < 10) end++;
  end = Math.min(end + 1, b.length);
  return concat(b.subarray(0, pos), repl, b.subarray(end));
}

const hugeVarints: Uint8Array[] = [
  Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // 2^64-1
  Uint8Array.from([0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // 2^64-2
  Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02]), // overflows 64 bits
  Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]), // 11 bytes
  Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80]), // never terminates
  Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f]), // 2^32-1
  Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x10]), // 2^32
  Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]), // 2^53-1 .. 2^56
  Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]), // 2^53
  Uint8Array.from([0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]), // 2^53+1
  Uint8Array.from([0x80, 0x80, 0x04]), // 65536 (just over MaxBatchSize)
  Uint8Array.from([0x81, 0x01]), // 129 (just over MaxFramesPerStack)
  Uint8Array.from([0x81, 0x08]), // 1025 (just over the string limit)
  Uint8Array.from([0x00]),
];

const headers = [
  'go 1.21 trace\x00\x00\x00',
  'go 1.22 trace\x00\x00\x00',
  'go 1.23 trace\x00\x00\x00',
  'go 1.24 trace\x00\x00\x00',
  'go 1.25 trace\x00\x00\x00',
  'go 1.26 trace\x00\x00\x00',
  'go 1.99 trace\x00\x00\x00',
  'go 1.5 trace\x00\x00\x00\x00',
  'go 1.11 trace\x00\x00\x00',
  'go 1.19 trace\x00\x00\x00',
  'go 2.22 trace\x00\x00\x00',
  'go 1.22 trace\x00\x00\x01',
  'go 1.22 tracf\x00\x00\x00',
  'go 1.2\x00 trace\x00\x00',
  'go  1.22 trace\x00\x00',
  '',
  'go 1.22',
  'go 1.22 trace\x00\x00\x00go 1.22 trace\x00\x00\x00',
];

/** What a mutation did, enough to describe the case. */
export interface Mutation {
  kind: string;
  detail: string;
  data: Uint8Array;
}

type Mutator = (rng: Rng, b: Uint8Array, spans: BatchSpan[]) => Mutation;

const mutators: Record<string, Mutator> = {
  bitflip(rng, b) {
    const out = b.slice();
    const n = 1 + rng.int(8);
    const at: number[] = [];
    for (let i = 0; i < n; i++) {
      const pos = HEADER_SIZE + rng.int(Math.max(1, b.length - HEADER_SIZE));
      if (pos >= out.length) continue;
      out[pos] ^= 1 << rng.int(8);
      at.push(pos);
    }
    return { kind: 'bitflip', detail: `at ${at.join(',')}`, data: out };
  },
  byteset(rng, b) {
    const out = b.slice();
    const pos = HEADER_SIZE + rng.int(Math.max(1, b.length - HEADER_SIZE));
    const v = rng.pick([0x00, 0x01, 0x7f, 0x80, 0xff, rng.int(256)]);
    if (pos < out.length) out[pos] = v;
    return { kind: 'byteset', detail: `b[${pos}]=${v}`, data: out };
  },
  insert(rng, b) {
    const pos = rng.int(b.length + 1);
    const n = 1 + rng.int(16);
    const ins = new Uint8Array(n);
    for (let i = 0; i < n; i++) ins[i] = rng.int(256);
    return { kind: 'insert', detail: `${n} bytes at ${pos}`, data: concat(b.subarray(0, pos), ins, b.subarray(pos)) };
  },
  delete(rng, b) {
    const pos = rng.int(b.length);
    const n = 1 + rng.int(rng.int(2) === 0 ? 4 : 256);
    return { kind: 'delete', detail: `${n} bytes at ${pos}`, data: concat(b.subarray(0, pos), b.subarray(pos + n)) };
  },
  truncate(rng, b) {
    const pos = rng.int(b.length);
    return { kind: 'truncate', detail: `at ${pos}`, data: b.slice(0, pos) };
  },
  hugeVarint(rng, b, spans) {
    // Prefer batch headers and the first bytes of payloads, where IDs, sizes and counts live.
    let from = HEADER_SIZE;
    let to = b.length;
    if (spans.length > 0 && rng.int(2) === 0) {
      const s = rng.pick(spans);
      from = s.start + 1;
      to = Math.min(s.end, s.payload + 64);
    }
    const starts = varintStarts(b, from, to);
    if (starts.length === 0) return { kind: 'hugeVarint', detail: 'no varint', data: b.slice() };
    const pos = rng.pick(starts);
    const which = rng.int(hugeVarints.length);
    return { kind: 'hugeVarint', detail: `#${which} at ${pos}`, data: replaceVarint(b, pos, hugeVarints[which]) };
  },
  duplicateBatch(rng, b, spans) {
    if (spans.length === 0) return mutators.insert(rng, b, spans);
    const s = rng.pick(spans);
    const at = rng.pick(spans.map((x) => x.end).concat([HEADER_SIZE]));
    const copy = b.slice(s.start, s.end);
    return {
      kind: 'duplicateBatch',
      detail: `[${s.start},${s.end}) at ${at}`,
      data: concat(b.subarray(0, at), copy, b.subarray(at)),
    };
  },
  swapBatches(rng, b, spans) {
    if (spans.length < 2) return mutators.delete(rng, b, spans);
    let i = rng.int(spans.length);
    let j = rng.int(spans.length);
    if (i === j) j = (i + 1) % spans.length;
    if (i > j) [i, j] = [j, i];
    const x = spans[i];
    const y = spans[j];
    return {
      kind: 'swapBatches',
      detail: `${i}<->${j}`,
      data: concat(
        b.subarray(0, x.start),
        b.subarray(y.start, y.end),
        b.subarray(x.end, y.start),
        b.subarray(x.start, x.end),
        b.subarray(y.end),
      ),
    };
  },
  dropBatch(rng, b, spans) {
    if (spans.length === 0) return mutators.delete(rng, b, spans);
    const i = rng.int(spans.length);
    const s = spans[i];
    return { kind: 'dropBatch', detail: `${i}`, data: concat(b.subarray(0, s.start), b.subarray(s.end)) };
  },
  batchField(rng, b, spans) {
    // Rewrite a batch header field (gen, m, time or size) with an odd value.
    if (spans.length === 0) return mutators.hugeVarint(rng, b, spans);
    const s = rng.pick(spans);
    const starts = varintStarts(b, s.start + 1, s.payload);
    if (starts.length === 0) return mutators.hugeVarint(rng, b, spans);
    const pos = rng.pick(starts);
    const v = rng.pick([0, 1, 2, 3, 0x7f, 1000, 65535, 65536]);
    const enc: number[] = [];
    let x = v;
    while (x >= 0x80) {
      enc.push((x & 0x7f) | 0x80);
      x >>>= 7;
    }
    enc.push(x);
    return { kind: 'batchField', detail: `${v} at ${pos}`, data: replaceVarint(b, pos, Uint8Array.from(enc)) };
  },
  eventType(rng, b, spans) {
    // Replace the first byte of some event-ish position with another event type.
    if (spans.length === 0) return mutators.byteset(rng, b, spans);
    const s = rng.pick(spans);
    if (s.end <= s.payload) return mutators.byteset(rng, b, spans);
    const starts = varintStarts(b, s.payload, s.end);
    const pos = starts.length > 0 ? rng.pick(starts) : s.payload;
    const out = b.slice();
    out[pos] = rng.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 0x31, 0x32, 0x33, 0x34, 0x35, 0x7f, 0x80, 0x88, 0x89, 0xff, rng.int(0x35)]);
    return { kind: 'eventType', detail: `b[${pos}]=${out[pos]}`, data: out };
  },
  header(rng, b) {
    const h = rng.pick(headers);
    const enc = new Uint8Array([...h].map((c) => c.charCodeAt(0)));
    return { kind: 'header', detail: JSON.stringify(h), data: concat(enc, b.subarray(HEADER_SIZE)) };
  },
  splice(rng, b) {
    // Copy a random chunk of the file to another place.
    const from = rng.int(b.length);
    const n = 1 + rng.int(512);
    const to = rng.int(b.length);
    const chunk = b.slice(from, from + n);
    return { kind: 'splice', detail: `${n}@${from} -> ${to}`, data: concat(b.subarray(0, to), chunk, b.subarray(to)) };
  },
};

/** The names of the random mutations, in a fixed order. */
export const mutationKinds: readonly string[] = Object.keys(mutators);

/**
 * Mutates `input` with 1–3 stacked random mutations chosen by `seed`.
 * Deterministic: the same seed and input give the same output.
 */
export function mutate(input: Uint8Array, seed: number): Mutation {
  const rng = new Rng(seed);
  let data = input;
  const steps: string[] = [];
  const rounds = 1 + (rng.int(4) === 0 ? 1 + rng.int(2) : 0);
  let kind = '';
  for (let r = 0; r < rounds; r++) {
    kind = rng.pick(mutationKinds);
    const m = mutators[kind](rng, data, splitBatches(data));
    data = m.data;
    steps.push(`${m.kind}(${m.detail})`);
  }
  return { kind: rounds === 1 ? kind : 'stacked', detail: steps.join(' + '), data };
}

/**
 * Every prefix of `input` that ends on a batch boundary, plus cuts one byte
 * either side of each boundary and inside each batch header.
 */
export function batchBoundaryTruncations(input: Uint8Array): { at: number; data: Uint8Array }[] {
  const cuts = new Set<number>([0, 1, HEADER_SIZE - 1, HEADER_SIZE, HEADER_SIZE + 1]);
  for (const s of splitBatches(input)) {
    for (const c of [s.start, s.start + 1, s.payload - 1, s.payload, s.payload + 1, s.end - 1, s.end]) {
      if (c >= 0 && c <= input.length) cuts.add(c);
    }
  }
  return [...cuts].sort((a, b) => a - b).map((at) => ({ at, data: input.slice(0, at) }));
}
