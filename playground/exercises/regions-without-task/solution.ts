import { BackgroundTask, EventKind, type Event } from '#field-guide/trace';

/** The names (region types) of the regions begun outside any task, in the order they begin. */
export function regionsWithoutTask(events: Event[]): string[] {
  const names: string[] = [];
  for (const ev of events) {
    if (ev.kind() === EventKind.RegionBegin && ev.region().task === BackgroundTask) names.push(ev.region().type);
  }
  return names;
}

/** True when every region of the trace belongs to a task. */
export function everyRegionInATask(events: Event[]): boolean {
  return regionsWithoutTask(events).length === 0;
}
