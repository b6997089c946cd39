/** What the viewer shell (viewer.ts) gives each view it mounts. */
import type { TraceModel } from '../../../analysis/model.ts';
import type { GoViewData } from '../go-data.ts';
import type { TimeModel } from '../time-model.ts';

export interface ViewContext {
  model: TraceModel;
  /** The timeline's window; focus() asks the timeline to show something, and switches to it. */
  time: TimeModel;
  /** A UI string by key (the viewer's string table), with {placeholders} filled. */
  S: (key: string, facts?: Record<string, string | number>) => string;
  /** The analyses, requested from the worker once for all views (the shell shows the progress). */
  data(): Promise<GoViewData>;
  /** Aborted when the viewer goes away. */
  signal: AbortSignal;
}

export interface ViewHandle {
  destroy(): void;
}
