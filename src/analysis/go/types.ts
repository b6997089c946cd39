// The results of go tool trace's own analyses, ported from Go 1.27 (src/internal/trace/summary.go,
// gc.go, src/cmd/trace/pprof.go): what the viewer's goroutines, profiles, regions and mmu views
// show. Plain data (numbers, strings, arrays), so a worker can post it to the page as it is.
// Times are nanoseconds, as Go's trace.Time and time.Duration.

/** Go's GoroutineExecStats, with its maps as records. */
export interface ExecStats {
  execTime: number;
  schedWaitTime: number;
  /** Reason (Go's StateTransition.Reason, '' for none) -> time blocked for it. */
  blockTimeByReason: Record<string, number>;
  syscallTime: number;
  syscallBlockTime: number;
  /** Time between the goroutine's (or region's) start, or the trace's start, and its end or the trace's end. */
  totalTime: number;
  /** Range name ("GC mark assist", ...) -> time inside it. */
  rangeTime: Record<string, number>;
}

/** Go's UserRegionSummary. start/end are -1 when the region began before, or ended after, the trace. */
export interface RegionSummary {
  taskId: number;
  name: string;
  goroutine: number;
  start: number;
  end: number;
  /** Stack of the region's begin event: frames as "func file:line", innermost first ([] for none). */
  startStack: string[];
  /** cmd/trace's regionTopStackFrame: the start stack's outermost frame (all zero for none); with the name, a region's type on /userregions. */
  startFrame: { func: string; file: string; line: number; pc: number };
  stats: ExecStats;
}

/** Go's GoroutineSummary. */
export interface GoroutineSummary {
  id: number;
  /** Start function (Go's Name), '' when unknown. */
  name: string;
  pc: number;
  /** -1 when unknown (Go's zero Time). */
  creationTime: number;
  startTime: number;
  endTime: number;
  regions: RegionSummary[];
  stats: ExecStats;
}

/** Go's UserTaskSummary, its links as task IDs. start/end are -1 when not in the trace. */
export interface TaskSummary {
  id: number;
  name: string;
  parent: number;
  children: number[];
  start: number;
  end: number;
  /** Region indices into goroutines' regions are not kept: regions are listed whole. */
  regions: RegionSummary[];
  goroutines: number[];
  logs: { time: number; category: string; message: string; goroutine: number }[];
  complete: boolean;
  descendents: number;
}

/** One stack's total in a blocking profile (cmd/trace's traceviewer.ProfileRecord). */
export interface ProfileRecord {
  /** Frames innermost first. */
  stack: { func: string; file: string; line: number; pc: number }[];
  count: number;
  /** Total time, in nanoseconds. */
  time: number;
}

/** The four profiles of go tool trace -pprof=net|sync|syscall|sched. */
export type ProfileKind = 'net' | 'sync' | 'syscall' | 'sched';

/** Which time counts against mutator utilization: Go's UtilSTW, UtilBackground, UtilAssist (UtilSweep left out, as cmd/trace's default). */
export interface MmuFlags { stw: boolean; background: boolean; assist: boolean; perProc: boolean; /** Go's UtilSweep (off on cmd/trace's page by default: "may be very slow"). */ sweep?: boolean }

/** One point of the MMU curve: the minimum mutator utilization over all windows of this size. */
export interface MmuPoint { window: number; mmu: number }

export interface GoAnalyses {
  /** By goroutine ID. */
  goroutines: GoroutineSummary[];
  /** By task ID. */
  tasks: TaskSummary[];
  profiles: Record<ProfileKind, ProfileRecord[]>;
  /** Times of the first and last events read (cmd/trace's startTime/endTime: a region without start or end runs from or to them); -1 for none. */
  startTime: number;
  endTime: number;
  /** Events read. */
  events: number;
  /** The reader's error, when the trace breaks off: the analyses cover the events before it. */
  error?: string;
}
