import { analyseBytes } from '#field-guide/analysis';
import { Reader, TraceError } from '#field-guide/trace';

export type Ending = 'complete' | 'header-only' | 'ended-early' | 'generation-boundary' | 'broken';

/** How does this trace file end? */
export function traceEnding(bytes: Uint8Array): Ending {
  let events = 0;
  try {
    const reader = new Reader(bytes);
    while (reader.next() !== null) events++;
    if (reader.endedEarly) return 'ended-early';
  } catch (error) {
    if (!(error instanceof TraceError)) throw error;
    return events === 0 && bytes.length <= 16 ? 'header-only' : 'broken';
  }
  return analyseBytes(bytes).truncatedCause === 'generation-boundary' ? 'generation-boundary' : 'complete';
}
