// Test helpers over the reader, as Go's internal/trace/testtrace: the trace
// validator, and validateTrace, which reads a whole trace and validates every
// event (what Go's reader tests do with each trace they read).

export { Validator, ValidationError, type ValidatorOptions } from './validation.ts';

import { TraceError } from '../errors.ts';
import { Reader } from '../reader.ts';
import { readHeader } from '../version.ts';
import { Validator, type ValidatorOptions } from './validation.ts';

/** One event the validator rejected. */
export interface InvalidEvent {
  /** 0-based position in read order. */
  index: number;
  /** The event's toString(). */
  event: string;
  problems: readonly string[];
}

export interface ValidateResult {
  /** Events read (up to the error, if any). */
  events: number;
  /** The reader's error, or null if the trace read to the end. */
  readError: TraceError | null;
  /** Events the validator rejected (at most `maxInvalid`). */
  invalid: InvalidEvent[];
}

/**
 * Reads `bytes` to the end (or the reader's error) and validates every event.
 * Errors other than TraceError (reader bugs) propagate.
 */
export function validateTrace(
  bytes: Uint8Array,
  opts: ValidatorOptions & { maxInvalid?: number } = {},
): ValidateResult {
  const maxInvalid = opts.maxInvalid ?? 20;
  const invalid: InvalidEvent[] = [];
  let events = 0;
  let goVersion = opts.goVersion;
  if (goVersion === undefined) {
    try {
      goVersion = readHeader(bytes, true)?.version;
    } catch {
      // The reader reports a bad header below.
    }
  }
  const v = new Validator({ ...opts, goVersion });
  try {
    const r = new Reader(bytes);
    for (let ev = r.next(); ev !== null; ev = r.next()) {
      const err = v.event(ev);
      if (err !== null && invalid.length < maxInvalid) {
        invalid.push({ index: events, event: ev.toString(), problems: err.problems });
      }
      events++;
    }
  } catch (e) {
    if (!(e instanceof TraceError)) throw e;
    return { events, readError: e, invalid };
  }
  return { events, readError: null, invalid };
}
