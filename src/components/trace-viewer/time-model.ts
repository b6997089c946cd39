/**
 * The time every view of one trace shares: the timeline's window and playhead, and requests from the
 * other views (goroutines, regions, mmu) to show something on the timeline. The views never reach into
 * each other; they talk through this, so a view can be loaded, or not, on its own.
 */
import type { TimeWindow } from './scale.ts';

/** What another view asks the timeline to show. Times are ns from the trace's first event. */
export type Focus =
  /** A goroutine (its Go ID): its lane revealed and highlighted, the window fitted to start..end. */
  | { kind: 'goroutine'; id: number; start: number; end: number }
  /** A stretch of time (a region instance, an MMU window), optionally on one goroutine's lane. */
  | { kind: 'window'; start: number; end: number; goroutine?: number };

type Listener<T> = (value: T) => void;

export class TimeModel {
  window: TimeWindow;
  playhead = 0;
  private windowListeners = new Set<Listener<TimeWindow>>();
  private focusListeners = new Set<Listener<Focus>>();

  readonly duration: number;

  constructor(duration: number, window?: TimeWindow) {
    this.duration = duration;
    this.window = window ?? { start: 0, end: duration };
  }

  /** Called by the timeline when its window changes; other views may follow it. */
  setWindow(w: TimeWindow) {
    this.window = w;
    for (const fn of this.windowListeners) fn(w);
  }

  onWindow(fn: Listener<TimeWindow>): () => void {
    this.windowListeners.add(fn);
    return () => this.windowListeners.delete(fn);
  }

  /** Asks the timeline to show something; the viewer shell also switches to the timeline's tab. */
  focus(f: Focus) {
    for (const fn of this.focusListeners) fn(f);
  }

  onFocus(fn: Listener<Focus>): () => void {
    this.focusListeners.add(fn);
    return () => this.focusListeners.delete(fn);
  }
}
