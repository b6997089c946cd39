import { EventKind, GoState, ResourceKind, type Event } from '#field-guide/trace';

/**
 * How many goroutines already existed when tracing started (`before`), and how many were created
 * while it was on (`after`)? Count every goroutine once, the runtime's own included.
 */
export function goroutinesAroundStart(events: Event[]): { before: number; after: number } {
  const before = new Set<number>();
  const after = new Set<number>();
  for (const ev of events) {
    if (ev.kind() !== EventKind.StateTransition) continue;
    const st = ev.stateTransition();
    if (st.resource.kind !== ResourceKind.Goroutine) continue;
    const { from, to } = st.goroutine();
    const id = st.resource.goroutine();
    if (from === GoState.Undetermined) before.add(id);
    else if (from === GoState.NotExist && to === GoState.Runnable) after.add(id);
  }
  return { before: before.size, after: after.size };
}
