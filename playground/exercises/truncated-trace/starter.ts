import { analyseBytes } from '#field-guide/analysis';
import { Reader, TraceError } from '#field-guide/trace';

export type Ending = 'complete' | 'header-only' | 'ended-early' | 'generation-boundary' | 'broken';

/**
 * How does this trace file end?
 *  - 'header-only': no events at all: the program exited before the first flush (Go 1.22-1.25
 *    leave the 16-byte header, which does not read; Go 1.26+ also write the clock batch of a
 *    generation that never ends, which reads without an error and holds nothing);
 *  - 'broken': the reader stopped on an error (a TraceError) after the header;
 *  - 'ended-early': the reader reached a clean end, but in the middle of a generation: a batch cut
 *    short, or (Go 1.26+) a last generation that never got its end marker because trace.Stop did
 *    not run (Reader.endedEarly is set once next() has returned null);
 *  - 'generation-boundary': it reads cleanly, but the file stops where the runtime closed a
 *    generation, not at trace.Stop (Go 1.22-1.25 traces have no end marker: the analysis
 *    spots it, see TraceModel.truncatedCause);
 *  - 'complete': none of these.
 */
export function traceEnding(bytes: Uint8Array): Ending {
  // TODO: read every event with a Reader, then look at what the analysis says.
  return 'complete';
}
