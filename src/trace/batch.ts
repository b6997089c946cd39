// Batches: the unit the runtime writes. Each is a header (generation, thread, base
// time, size) followed by `size` bytes of events, kept unparsed here. Port of Go's batch.go.

import { Ev, MaxBatchSize, NoExperiment, eventString, specsFor, type Experiment } from './spec.ts';
import { Version, type ReadAs } from './version.ts';
import { BigValues, readUvarint, readUvarintErrorText, uv, UvarintOK, UvarintShort, fmtUint64, uint64Exceeds } from './wire.ts';

/** One batch: its header and a view of its payload. */
export interface Batch {
  /** Generation number (wire number). */
  gen: number;
  /** Thread (M) that wrote it, int64 reading (-1 = no thread). */
  m: number;
  /** Base timestamp in trace-clock ticks (wire number). */
  time: number;
  /** The payload (events), a view into the input. */
  data: Uint8Array;
  /** Experiment for an ExperimentalBatch, else NoExperiment. */
  exp: Experiment;
  /** Offset of the batch header from the start of the file. */
  offset: number;
  /** Offset of the payload's first byte from the start of the file. */
  dataOffset: number;
}

/**
 * Go 1.27's batch.isEndOfGeneration: the lone EndOfGeneration byte (Go 1.26 traces), which
 * readBatch returns as a batch of that one byte, and also any batch whose payload starts with it.
 */
export function isEndOfGeneration(b: Batch): boolean {
  return b.exp === NoExperiment && b.data.length > 0 && b.data[0] === Ev.EndOfGeneration;
}

/** readBatch ran out of bytes and more may come (streaming). */
export const NeedMore = 1;
/** readBatch found the clean end of the input (no byte of a new batch). */
export const EndOfInput = 2;

/** A failure reading a batch: Go's message and where. */
export interface BatchError {
  message: string;
  offset: number;
}

/** Registers set by readBatch: the position after what it consumed, and its error if any. */
export const rb = { pos: 0, error: null as BatchError | null };

/**
 * Reads the batch starting at buf[pos] (Go's readBatch). Returns the batch, NeedMore (if
 * the input is incomplete and `final` is false), EndOfInput, or null with rb.error set.
 * `base` is the file offset of buf[0]. Payloads are views into `buf`, never copies.
 *
 * Go 1.27 returns an EndOfGeneration byte as a batch of its own in every version (a reader
 * of an older format then fails on its generation number, 0); Go 1.23 knows no such byte.
 */
export function readBatch(
  buf: Uint8Array,
  pos: number,
  end: number,
  final: boolean,
  base: number,
  readAs: ReadAs,
  big: BigValues,
): Batch | typeof NeedMore | typeof EndOfInput | null {
  const start = pos;
  rb.error = null;
  if (pos >= end) return final ? EndOfInput : NeedMore;
  const typ = buf[pos++];
  const fail = (message: string): null => {
    rb.error = { message, offset: base + start };
    rb.pos = pos;
    return null;
  };
  if (typ === Ev.EndOfGeneration && readAs === 'go1.27') {
    rb.pos = pos;
    return { gen: 0, m: -1, time: 0, data: buf.subarray(start, pos), exp: NoExperiment, offset: base + start, dataOffset: base + start };
  }
  if (typ !== Ev.EventBatch && typ !== Ev.ExperimentalBatch) {
    return fail(readAs === 'go1.27' ? `expected batch event, got event ${typ}` : `expected batch event, got ${eventString(specsFor(Version.Go123), typ)}`);
  }
  let exp = NoExperiment;
  if (typ === Ev.ExperimentalBatch) {
    if (pos >= end) return final ? fail('EOF') : NeedMore;
    exp = buf[pos++];
  }
  const fields = ['gen', 'M ID', 'timestamp', 'size'];
  const vals = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const v = readUvarint(buf, pos, end, big);
    if (uv.status !== UvarintOK) {
      if (!final && uv.status === UvarintShort) return NeedMore;
      pos = uv.pos;
      return fail(`error reading batch ${fields[i]}: ${readUvarintErrorText()}`);
    }
    vals[i] = v;
    pos = uv.pos;
  }
  const size = vals[3];
  if (uint64Exceeds(size, MaxBatchSize)) {
    return fail(`invalid batch size ${fmtUint64(size, big)}, maximum is ${MaxBatchSize}`);
  }
  if (end - pos < size) {
    if (!final) return NeedMore;
    const got = end - pos;
    pos = end;
    return fail(`failed to read full batch: read ${got} but wanted ${size}`);
  }
  rb.pos = pos + size;
  return {
    gen: vals[0],
    m: vals[1],
    time: vals[2],
    data: buf.subarray(pos, pos + size),
    exp,
    offset: base + start,
    dataOffset: base + pos,
  };
}
