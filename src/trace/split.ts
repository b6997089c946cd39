// Where a trace can be cut: the generation boundaries of a Go 1.22+ trace.
//
// Each generation is readable on its own (its own strings, stacks and frequency), so the header
// followed by the bytes from a generation's first batch on is itself a trace, one that starts later.
// Tools use this to read a large trace in pieces at once (src/analysis reads one in two workers).
// Only batch headers are read: a batch names its generation and its size, which leads to the next.

import { isEndOfGeneration, readBatch, rb, NeedMore, EndOfInput } from './batch.ts';
import { isOldFormat, readHeader, Version } from './version.ts';
import { BigValues } from './wire.ts';

export interface GenerationStart {
  /** Length of the header: a piece is bytes[0, headerLength) followed by bytes[offset, ...). */
  headerLength: number;
  /** File offset of the first batch of a generation. */
  offset: number;
}

/** Reads `length` bytes at `offset` (fewer at the end of the input). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/** Bytes read at a time: few reads (each a round trip for a File), little memory. */
const WINDOW = 4 << 20;

/**
 * The generation boundaries of a trace in file order (not the first generation's start), reading
 * batch headers through `read`, a window at a time; nothing for old-format traces (no generations).
 * Stops quietly at bytes that are not batches: the reader reports those, not this.
 */
export async function* generationBoundaries(read: ReadAt, size: number): AsyncGenerator<GenerationStart> {
  let buf = await read(0, Math.min(size, WINDOW));
  let base = 0;
  let header;
  try {
    header = readHeader(buf, true);
  } catch {
    return;
  }
  if (header === null || isOldFormat(header.version)) return;
  const big = new BigValues();
  const allowEnd = header.version >= Version.Go126;
  let pos = header.length;
  let gen: number | null = null;
  let ended = false;
  while (pos < size) {
    const local = pos - base;
    const b = readBatch(buf, local, buf.length, base + buf.length >= size, base, 'go1.27', big);
    if (b === NeedMore) {
      if (local === 0 && buf.length >= Math.min(WINDOW, size - base)) return; // a batch larger than a window: not a trace
      buf = await read(pos, Math.min(size - pos, WINDOW));
      base = pos;
      continue;
    }
    if (b === null || b === EndOfInput) return;
    if (isEndOfGeneration(b)) {
      // Before Go 1.26 the reader fails there (a generation numbered 0).
      if (!allowEnd) return;
      ended = true;
    } else {
      if (gen !== null && b.gen !== gen) {
        // The reader takes a generation as complete at the first batch of the next one (or, from
        // Go 1.26, at its end marker) and fails on any other change ("generations out of order"),
        // before it gives the generation's events: no cut from there on reads as one reading.
        if (b.gen !== gen + 1 || (allowEnd && !ended)) return;
        yield { headerLength: header.length, offset: pos };
      }
      gen = b.gen;
      ended = false;
    }
    pos = base + rb.pos;
  }
}

/** The generation boundary nearest to byte `at` (reading up to the first one past it), or null. */
export async function nearestGenerationStart(read: ReadAt, size: number, at: number): Promise<GenerationStart | null> {
  let before: GenerationStart | null = null;
  for await (const s of generationBoundaries(read, size)) {
    if (s.offset < at) before = s;
    else return before !== null && at - before.offset < s.offset - at ? before : s;
  }
  return before;
}

/** Every generation boundary of a whole trace in memory (for tests and tools). */
export async function generationStarts(bytes: Uint8Array): Promise<GenerationStart[]> {
  const out: GenerationStart[] = [];
  for await (const s of generationBoundaries(async (offset, length) => bytes.subarray(offset, offset + length), bytes.length)) out.push(s);
  return out;
}
