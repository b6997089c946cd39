// A raw trace event: one wire event, framing included, uninterpreted.
//
// This is Go's internal/trace/raw Event. The raw layer reads and writes the
// wire format and Go's text format of it (see text.ts) without validating or
// ordering anything, which makes it the tool for writing test traces by hand,
// for dumping a trace's bytes, and for fuzzing. The event table is spec.ts.

import { specsFor, type EventSpec, type EventType } from '../spec.ts';
import { quoteGoBytes } from './quote.ts';

export interface RawEvent {
  /** Trace version (22 = Go 1.22, ...), from the header. */
  version: number;
  /** Wire event type byte. */
  ev: EventType;
  /**
   * The arguments in wire order, spec.args first (for EventBatch: gen, m,
   * time, size). For a Stack event, 4 more per frame follow: pc, func, file, line.
   */
  args: bigint[];
  /** Trailing bytes of a HasData event (String, ExperimentalBatch); undefined otherwise. */
  data?: Uint8Array;
}

/** A malformed raw trace (bytes or text); the message says what and where. */
export class RawFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RawFormatError';
  }
}

/** The versions of the v2 format (Go 1.22+) the raw layer reads and writes. */
export const rawVersions: readonly number[] = [22, 23, 25, 26];

export function isRawVersion(v: number): boolean {
  return rawVersions.includes(v);
}

/** The spec for ev in version v, or a RawFormatError. */
export function rawSpec(v: number, ev: EventType): EventSpec {
  const s = specsFor(v)[ev];
  if (s === undefined || ev === 0) throw new RawFormatError(`invalid event type: ${ev}`);
  return s;
}

/** Names of a stack frame's four fields in the text format. */
export const frameFields: readonly string[] = ['pc', 'func', 'file', 'line'];

/**
 * The event in Go's text format (raw.Event.String): `Name arg=value ...`, then
 * for a Stack one line per frame and for a HasData event a `data="..."` line,
 * each indented by a tab. No trailing newline.
 */
export function rawEventString(e: RawEvent): string {
  const spec = rawSpec(e.version, e.ev);
  let s = spec.name;
  for (let i = 0; i < spec.args.length; i++) s += ` ${spec.args[i]}=${e.args[i]}`;
  if (spec.isStack) {
    const frames = e.args.slice(spec.args.length);
    for (let i = 0; i < frames.length; i++) {
      s += i % 4 === 0 ? '\n\t' : ' ';
      s += `${frameFields[i % 4]}=${frames[i]}`;
    }
  }
  if (e.data !== undefined) s += '\n\tdata=' + quoteGoBytes(e.data);
  return s;
}
