import { analyseBytes } from '#field-guide/analysis';
import { EventKind, Reader, TraceError } from '#field-guide/trace';

export type Ending = 'complete' | 'header-only' | 'ended-early' | 'generation-boundary' | 'broken';

/** How does this trace file end? */
export function traceEnding(bytes: Uint8Array): Ending {
  // Events the program recorded: the reader's Sync events are its own (it closes what it read
  // with one even when that is nothing, as Go 1.27's reader does).
  let events = 0;
  let endedEarly = false;
  try {
    const reader = new Reader(bytes);
    for (let ev = reader.next(); ev !== null; ev = reader.next()) if (ev.kind() !== EventKind.Sync) events++;
    endedEarly = reader.endedEarly !== null;
  } catch (error) {
    if (!(error instanceof TraceError)) throw error;
    // Go 1.22-1.25: a program that exits before its first flush leaves only the header, which does not read.
    return events === 0 && bytes.length <= 16 ? 'header-only' : 'broken';
  }
  // Go 1.26+: the header and the clock batch of a generation that never ended, which reads, holding nothing.
  if (endedEarly) return events === 0 ? 'header-only' : 'ended-early';
  return analyseBytes(bytes).truncatedCause === 'generation-boundary' ? 'generation-boundary' : 'complete';
}
