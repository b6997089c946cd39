import { BackgroundTask, EventKind, type Event } from '#field-guide/trace';

/**
 * The names (region types) of the regions begun outside any task, in the order they begin. A region
 * started with a context that carries no task belongs to the background task (task ID
 * BackgroundTask, 0): it still appears in the trace, but no task's view will ever show it.
 *
 * ev.region() gives { task, type } for RegionBegin and RegionEnd events.
 */
export function regionsWithoutTask(events: Event[]): string[] {
  const names: string[] = [];
  // TODO
  return names;
}

/** True when every region of the trace belongs to a task. */
export function everyRegionInATask(events: Event[]): boolean {
  // TODO
  return true;
}
