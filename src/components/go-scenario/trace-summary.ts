/**
 * A short summary of a freshly recorded trace, through the reader's public API: what a reader checks
 * first (is it complete, how much happened) before opening the timeline.
 */
import { EventKind, eventKindString, GoState, Reader, ResourceKind, TraceError } from '../../trace/index.ts';

export interface TraceSummary {
  header: string;
  bytes: number;
  events: number;
  byKind: Record<string, number>;
  goroutines: number;
  gcs: number;
  durationNs: number;
  /** The reader's error if the trace is broken or truncated; what was read before it is still counted. */
  error?: string;
}

export function summarizeTrace(bytes: Uint8Array): TraceSummary {
  const header = new TextDecoder().decode(bytes.subarray(0, 16)).replace(/\0+$/, '');
  const summary: TraceSummary = { header, bytes: bytes.byteLength, events: 0, byKind: {}, goroutines: 0, gcs: 0, durationNs: 0 };
  const goroutines = new Set<number>();
  let first = -1;
  let last = -1;
  try {
    for (const ev of new Reader(bytes)) {
      summary.events++;
      const kind = eventKindString(ev.kind());
      summary.byKind[kind] = (summary.byKind[kind] ?? 0) + 1;
      if (first < 0) first = ev.time();
      last = ev.time();
      if (ev.kind() === EventKind.StateTransition) {
        const st = ev.stateTransition();
        if (st.resource.kind === ResourceKind.Goroutine && st.goroutine().to !== GoState.NotExist) goroutines.add(st.resource.goroutine());
      } else if (ev.kind() === EventKind.RangeBegin && ev.range().name === 'GC concurrent mark phase') {
        summary.gcs++;
      }
    }
  } catch (error) {
    summary.error = error instanceof TraceError ? error.message : `unexpected failure: ${String(error)}`;
  }
  summary.goroutines = goroutines.size;
  summary.durationNs = first >= 0 ? last - first : 0;
  return summary;
}
