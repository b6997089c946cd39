// What one fuzz case must do: read the input to the end or to a TraceError,
// printing every event on the way (toString() calls most accessors), reading as
// Go 1.27 (the default) or as Go 1.23. Any other exception is a reader bug.

import { Reader, TraceError, isOldFormat, type ReadAs } from '../../../src/trace/index.ts';

export interface CaseResult {
  /** 'eof': read to the end; 'trace-error': stopped with a TraceError; 'crash': anything else. */
  outcome: 'eof' | 'trace-error' | 'crash';
  events: number;
  /** The error's name and message (TraceError or crash). */
  error?: string;
  /** The crash's stack. */
  stack?: string;
  /**
   * Set if event times did not strictly increase from 1 on (Go's Reader guarantees they do).
   * An old-format trace's first event is Go 1.27's Sync at its first event's time less one,
   * which is not fixed up: its times are checked from the second event on.
   */
  timeOrder?: string;
  ms: number;
}

export function runCase(data: Uint8Array, readAs: ReadAs = 'go1.27'): CaseResult {
  const t0 = performance.now();
  let events = 0;
  let last: bigint | null = 0n;
  let timeOrder: string | undefined;
  try {
    const r = new Reader(data, { readAs });
    // Old-format traces start from -1 (Go's converter), so their first event may be at 0.
    if (isOldFormat(r.version)) last = readAs === 'go1.23' ? -1n : null;
    for (let ev = r.next(); ev !== null; ev = r.next()) {
      ev.toString();
      const t = ev.timeBigInt();
      if (last !== null && t <= last && timeOrder === undefined) timeOrder = `event ${events} at time ${t}, after ${last}`;
      last = t;
      events++;
    }
    return { outcome: 'eof', events, ms: performance.now() - t0, timeOrder };
  } catch (e) {
    if (e instanceof TraceError) return { outcome: 'trace-error', events, error: e.message, ms: performance.now() - t0, timeOrder };
    const err = e as Error;
    return {
      outcome: 'crash',
      events,
      error: `${err?.name ?? typeof e}: ${err?.message ?? String(e)}`,
      stack: err?.stack,
      ms: performance.now() - t0,
    };
  }
}
