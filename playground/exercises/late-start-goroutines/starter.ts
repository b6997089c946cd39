import { EventKind, GoState, ResourceKind, type Event } from '#field-guide/trace';

/**
 * How many goroutines already existed when tracing started (`before`), and how many were created
 * while it was on (`after`)? Count every goroutine once, the runtime's own included.
 *
 * A goroutine the tracer finds already running shows up first as a state transition from
 * GoState.Undetermined; a goroutine created during the trace goes from GoState.NotExist to Runnable.
 */
export function goroutinesAroundStart(events: Event[]): { before: number; after: number } {
  const before = new Set<number>();
  const after = new Set<number>();
  for (const ev of events) {
    if (ev.kind() !== EventKind.StateTransition) continue;
    // TODO: look at ev.stateTransition(): its resource (kind ResourceKind.Goroutine) and its
    // goroutine() { from, to } states.
  }
  return { before: before.size, after: after.size };
}
