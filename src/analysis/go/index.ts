// go tool trace's own analyses (Go 1.27), in one pass over a trace's events: the Summarizer
// (goroutines, tasks, regions), the mutator utilization behind the MMU page, and the blocking
// profiles. Each is an event-stream state machine, fed here in the reader's order.
//
//   goAnalyses(events, opts?)            Iterable<Event> -> GoAnalyses
//   goAnalysesOfBytes(bytes, opts?)      a whole trace in memory
//   goAnalysesOfStream(source, opts?)    a ReadableStream or AsyncIterable of chunks (a File's stream)
//   GoAnalyser                           the consumer itself: event(ev), finish()
//   goViewSummary(source, opts?)         lean mode, for the page: per-type region and task figures, no regions (GoViewSummary)
//   LatencyTypes, latencyTypes, latencyStats, histogram   the regions view's per-type figures (latency.ts)
//   goroutineGroups, nonOverlappingStats, unknownTime, regionTypes, taskTypes, timeHistogram, latency
//                                        what cmd/trace's pages compute from the summaries (tables.ts)
//   MutatorUtilization, MutatorUtilizations, MMUCurve, mmuPlot, utilFlags, defaultMmuFlags, mmuFlagsKey   (mmu.ts)
//
// This is a second pass over the trace, apart from the model's (analyse.ts): Go's algorithms carry
// state from the trace's first event to its last (a goroutine's pending times, the regions on its
// stack, each P's GC count), so unlike the model they cannot be computed in two parts and joined.

import { EventKind, TraceError, readEventBatchesAsync, readEvents, type ByteSource, type Event } from '../../trace/index.ts';
import { MMUCurve, MutatorUtilizations, mmuPlot, utilFlags, defaultMmuFlags, type MmuPlot, type UtilSeries } from './mmu.ts';
import { chunksOf } from '../analyse.ts';
import { BlockingProfiles } from './pprof.ts';
import { Summarizer, type RegionSink } from './summary.ts';
import { LatencyTypes, latencyTypes, taskInstance, type LatencyType } from './latency.ts';
import type { GoAnalyses, GoroutineSummary, MmuFlags, ProfileKind, ProfileRecord } from './types.ts';

export * from './types.ts';
export { Summarizer, isSystemGoroutine, type Summary, type SummarizerOptions, type RegionSink } from './summary.ts';
export {
  LatencyTypes, latencyTypes, latencyStats, histogram, sortedHistogram, nearestRank, regionInstance, taskInstance, SLOWEST,
  type LatencyType, type LatencyStats, type Histogram, type Instance,
} from './latency.ts';
export {
  goroutineGroups, nonOverlappingStats, unknownTime, regionTypes, taskTypes, regionDuration, timeHistogram, latency, histogramBucket, bucketMin,
  type GoroutineGroup, type GoroutineRow, type RegionType, type TaskType, type TimeHistogram, type Latency,
} from './tables.ts';
export {
  MutatorUtilization, MutatorUtilizations, MMUCurve, mmuPlot, utilFlags, defaultMmuFlags, UtilSTW, UtilBackground, UtilAssist, UtilSweep, UtilPerProc,
  type UtilSeries, type UtilWindow, type MmuPlot,
} from './mmu.ts';
export { BlockingProfiles, blockingProfilesOf, profileRecordsOf, profileKinds } from './pprof.ts';
export { pprofBytes, pprofProto } from './pprof-encode.ts';

/** Go's flags text for the MMU page ("perProc|stw|background|assist|sweep", in that order, those set). */
export function mmuFlagsKey(f: MmuFlags): string {
  const names: string[] = [];
  if (f.perProc) names.push('perProc');
  if (f.stw) names.push('stw');
  if (f.background) names.push('background');
  if (f.assist) names.push('assist');
  if (f.sweep === true) names.push('sweep');
  return names.join('|');
}

/** Every combination of STW, background workers and mark assists, in the System and Per-goroutine views (sweep off). */
export const allMmuFlags: MmuFlags[] = [false, true].flatMap((perProc) =>
  [0, 1, 2, 3, 4, 5, 6, 7].map((b) => ({ stw: (b & 1) !== 0, background: (b & 2) !== 0, assist: (b & 4) !== 0, perProc, sweep: false })),
);

export interface GoAnalysesOptions {
  /** The flag combinations whose mutator utilization is kept (default: cmd/trace's default only). */
  mmuFlags?: readonly MmuFlags[];
  /** Lean mode (Summarizer's regionSink): ended regions go here, not into the summaries. */
  regionSink?: RegionSink;
}

/** GoAnalyses with the mutator utilization of each requested flag combination (key: mmuFlagsKey). */
export interface GoAnalysesWithUtil extends GoAnalyses {
  utilization: Record<string, UtilSeries[]>;
}

/** Every consumer, fed one event at a time. */
export class GoAnalyser {
  private readonly summarizer: Summarizer;
  private readonly keys: string[];
  private readonly utils: MutatorUtilizations;
  private readonly profiles = new BlockingProfiles();
  events = 0;
  /** Time of the last Sync: where cmd/trace ends a trace that breaks off. */
  private lastSyncTime: number | null = null;

  constructor(opts: GoAnalysesOptions = {}) {
    this.summarizer = new Summarizer({ regionSink: opts.regionSink });
    const flags = opts.mmuFlags ?? [defaultMmuFlags];
    this.keys = flags.map(mmuFlagsKey);
    this.utils = new MutatorUtilizations(flags.map(utilFlags));
  }

  event(ev: Event): void {
    this.events++;
    const kind = ev.kind();
    if (kind === EventKind.Sync) this.lastSyncTime = ev.time();
    // Decoded once for both: the reader builds a new StateTransition at each call.
    const st = kind === EventKind.StateTransition ? ev.stateTransition() : undefined;
    this.summarizer.event(ev, st);
    this.utils.event(ev, st);
    this.profiles.event(ev, st);
  }

  /** `error`: the reader's, when the trace broke off. */
  finish(error?: string): GoAnalysesWithUtil {
    const s = this.summarizer.finish();
    // cmd/trace keeps a broken trace's events up to its last Sync: the trace ends there.
    const endTime = error !== undefined && this.lastSyncTime !== null ? this.lastSyncTime : s.endTime;
    const utilization: Record<string, UtilSeries[]> = {};
    this.utils.all.forEach((mu, i) => (utilization[this.keys[i]] = mu.finish()));
    return {
      goroutines: s.goroutines,
      tasks: s.tasks,
      profiles: this.profiles.finish(),
      startTime: s.startTime,
      endTime,
      events: this.events,
      utilization,
      ...(error !== undefined ? { error } : {}),
    };
  }
}

/**
 * A trace's events. A trace that breaks off (the reader throws) is analysed up to the error, given as
 * `error`. (Go's cmd/trace summarizes those events too, but plots the MMU only up to the last Sync
 * before the error; here the MMU covers them all.)
 */
export function goAnalyses(events: Iterable<Event>, opts: GoAnalysesOptions = {}): GoAnalysesWithUtil {
  const a = new GoAnalyser(opts);
  let error: string | undefined;
  try {
    for (const ev of events) a.event(ev);
  } catch (err) {
    if (!(err instanceof TraceError)) throw err;
    error = err.message;
  }
  return a.finish(error);
}

/** A whole trace in memory. */
export function goAnalysesOfBytes(bytes: Uint8Array, opts: GoAnalysesOptions = {}): GoAnalysesWithUtil {
  return goAnalyses(readEvents(bytes), opts);
}

export interface GoAnalysesStreamOptions extends GoAnalysesOptions {
  onProgress?(bytesRead: number, events: number): void;
  signal?: AbortSignal;
}

/** A trace read chunk by chunk (a File's stream): only the generation being read is held. */
export async function goAnalysesOfStream(source: ByteSource, opts: GoAnalysesStreamOptions = {}): Promise<GoAnalysesWithUtil> {
  const a = new GoAnalyser(opts);
  let error: string | undefined;
  let read = 0;
  try {
    for await (const batch of readEventBatchesAsync(countBytes(source, opts.onProgress === undefined ? null : (n) => (read = n)), 4096)) {
      if (opts.signal?.aborted) throw new DOMException('The analysis was cancelled', 'AbortError');
      for (const ev of batch) a.event(ev);
      opts.onProgress?.(read, a.events);
    }
  } catch (err) {
    if (!(err instanceof TraceError)) throw err;
    error = err.message;
  }
  return a.finish(error);
}

/** The chunks of a source, counting their bytes. */
async function* countBytes(source: ByteSource, onBytes: ((n: number) => void) | null): AsyncGenerator<Uint8Array> {
  let n = 0;
  for await (const chunk of chunksOf(source)) {
    n += chunk.length;
    onBytes?.(n);
    yield chunk;
  }
}

/**
 * What the analysis worker sends the page: the analyses, with the MMU page's plot for every
 * combination of allMmuFlags precomputed (a few hundred ms in all on a 42 MB trace), and the
 * utilization functions themselves (tens of thousands of points at most: they change only when GC
 * work starts or stops), from which the page finds the worst windows of a plotted size.
 */
export interface GoAnalysesData extends GoAnalyses {
  /** mmuFlagsKey -> the utilization functions (allMmuFlags). */
  utilization: Record<string, UtilSeries[]>;
  /** mmuFlagsKey -> the /mmu page's plot (allMmuFlags). */
  mmu: Record<string, MmuPlot>;
}

/** The worker's part: every analysis and every MMU plot, from a source read once. */
export async function goAnalysesData(source: ByteSource, opts: Omit<GoAnalysesStreamOptions, 'mmuFlags'> = {}): Promise<GoAnalysesData> {
  const a = await goAnalysesOfStream(source, { ...opts, mmuFlags: allMmuFlags });
  return { ...a, mmu: mmuPlots(a.utilization) };
}

/** The MMU page's plot for each flag combination kept. */
export function mmuPlots(utilization: Record<string, UtilSeries[]>): Record<string, MmuPlot> {
  const out: Record<string, MmuPlot> = {};
  for (const [k, u] of Object.entries(utilization)) out[k] = mmuPlot(u, new MMUCurve(u));
  return out;
}

/**
 * What the page's views show, and only that (the worker's result, posted to the page): goroutines
 * without their regions, the regions and tasks summed up per type, the blocking profiles, the MMU
 * plots and utilization functions. On a 315 MB trace of 1.3 M regions and tasks the full summaries
 * are over a gigabyte; this is a few megabytes.
 */
export interface GoViewSummary {
  /** By goroutine ID, each with its stats; `regions` empty. */
  goroutines: GoroutineSummary[];
  /** Named regions with both ends in the trace, by type (name), in the order first ended. */
  regionTypes: LatencyType[];
  /** Complete tasks by type (name). */
  taskTypes: LatencyType[];
  profiles: Record<ProfileKind, ProfileRecord[]>;
  startTime: number;
  endTime: number;
  events: number;
  error?: string;
  /** mmuFlagsKey -> the utilization functions (allMmuFlags). */
  utilization: Record<string, UtilSeries[]>;
  /** mmuFlagsKey -> the /mmu page's plot (allMmuFlags). */
  mmu: Record<string, MmuPlot>;
}

/** The worker's part for the page: the Go analyses in lean mode, from a source read once. */
export async function goViewSummary(source: ByteSource, opts: Omit<GoAnalysesStreamOptions, 'mmuFlags' | 'regionSink'> = {}): Promise<GoViewSummary> {
  const regions = new LatencyTypes();
  const a = await goAnalysesOfStream(source, {
    ...opts,
    mmuFlags: allMmuFlags,
    // regionInstance's test, without its object.
    regionSink: (r) => {
      if (r.start >= 0 && r.end >= 0 && r.name !== '') regions.add(r.name, r.start, r.end, r.goroutine);
    },
  });
  return {
    goroutines: a.goroutines,
    regionTypes: regions.finish(),
    taskTypes: latencyTypes(a.tasks, (t) => t.name, taskInstance),
    profiles: a.profiles,
    startTime: a.startTime,
    endTime: a.endTime,
    events: a.events,
    ...(a.error !== undefined ? { error: a.error } : {}),
    utilization: a.utilization,
    mmu: mmuPlots(a.utilization),
  };
}
