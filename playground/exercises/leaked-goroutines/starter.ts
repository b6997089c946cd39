import { GState, type TraceModel } from '#field-guide/analysis';

/**
 * The goroutines of the program (not the runtime's own: goroutine.system) still blocked when the
 * trace ends, with why they wait, sorted by goroutine ID. In a trace stopped after the work is done,
 * each of them is a leak suspect.
 *
 * model.goroutines[i] has id, system, ended (-1 while alive), finalState (a GState) and finalReason
 * (an index into model.strings).
 */
export function blockedAtEnd(model: TraceModel): { id: number; reason: string }[] {
  const out: { id: number; reason: string }[] = [];
  // TODO
  return out;
}
