import { GState, type TraceModel } from '#field-guide/analysis';

/**
 * The goroutines of the program (not the runtime's own) still blocked when the trace ends, with why
 * they wait, sorted by goroutine ID.
 */
export function blockedAtEnd(model: TraceModel): { id: number; reason: string }[] {
  return model.goroutines
    .filter((g) => !g.system && g.ended < 0 && g.finalState === GState.Waiting)
    .map((g) => ({ id: g.id, reason: model.strings[g.finalReason] }))
    .sort((a, b) => a.id - b.id);
}
