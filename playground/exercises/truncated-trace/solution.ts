import { analyseBytes } from '#field-guide/analysis';
import { EventKind, Reader, TraceError } from '#field-guide/trace';

export type Ending = 'complete' | 'header-only' | 'ended-early' | 'generation-boundary' | 'broken';

/** How does this trace file end? */
export function traceEnding(bytes: Uint8Array): Ending {
  // Events the program recorded: the reader's Sync events are its own (it closes what it read
  // with one even when that is nothing, as Go 1.27's reader does).
  let events = 0;
  try {
    const reader = new Reader(bytes);
    for (let ev = reader.next(); ev !== null; ev = reader.next()) if (ev.kind() !== EventKind.Sync) events++;
    if (reader.endedEarly) return 'ended-early';
  } catch (error) {
    if (!(error instanceof TraceError)) throw error;
    return events === 0 && bytes.length <= 16 ? 'header-only' : 'broken';
  }
  return analyseBytes(bytes).truncatedCause === 'generation-boundary' ? 'generation-boundary' : 'complete';
}
