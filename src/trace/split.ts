// Where a trace can be cut: the generation boundaries of a Go 1.22+ trace.
//
// Each generation is readable on its own (its own strings, stacks and frequency), so the header
// followed by the bytes from a generation's first batch on is itself a trace, one that starts later.
// Tools use this to read a large trace in pieces at once (src/analysis reads one in two workers).
// Only batch headers are read: a batch names its generation and its size, which leads to the next.

import { readBatch, rb, NeedMore, EndOfInput } from './batch.ts';
import { specsFor } from './spec.ts';
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

const WINDOW = 1 << 20;

/**
 * The first generation boundary at or after byte `from` (not the first generation's start), reading
 * batch headers through `read`; null for old-format traces (no generations), unreadable bytes, or
 * no boundary after `from`. Reads the bytes before the boundary once, a window at a time.
 */
export async function findGenerationStart(read: ReadAt, size: number, from: number): Promise<GenerationStart | null> {
  let buf = await read(0, Math.min(size, WINDOW));
  let base = 0;
  let header;
  try {
    header = readHeader(buf, true);
  } catch {
    return null;
  }
  if (header === null || isOldFormat(header.version)) return null;
  const specs = specsFor(header.version);
  const big = new BigValues();
  const allowEnd = header.version >= Version.Go126;
  let pos = header.length;
  let gen: number | null = null;
  while (pos < size) {
    const local = pos - base;
    const b = readBatch(buf, local, buf.length, base + buf.length >= size, base, specs, allowEnd, big);
    if (b === NeedMore) {
      if (local === 0 && buf.length >= Math.min(WINDOW, size - base)) return null; // a batch larger than a window: not a trace
      buf = await read(pos, Math.min(size - pos, WINDOW));
      base = pos;
      continue;
    }
    if (b === null || b === EndOfInput) return null;
    if (!b.endOfGeneration) {
      if (gen !== null && b.gen !== gen && pos >= from) return { headerLength: header.length, offset: pos };
      gen = b.gen;
    }
    pos = base + rb.pos;
  }
  return null;
}

/** Every generation boundary of a whole trace in memory (for tests and tools). */
export async function generationStarts(bytes: Uint8Array): Promise<GenerationStart[]> {
  const out: GenerationStart[] = [];
  const read: ReadAt = async (offset, length) => bytes.subarray(offset, offset + length);
  for (let from = 0; ; ) {
    const s = await findGenerationStart(read, bytes.length, from);
    if (s === null) return out;
    out.push(s);
    from = s.offset + 1;
  }
}
