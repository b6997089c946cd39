/**
 * The data of the goroutines, profiles, regions and mmu views, as the analysis layer gives it
 * (src/analysis/go: go tool trace's summaries, blocking profiles and MMU, ported from Go 1.27 and
 * computed in the analysis worker). Imported only when the first of those views opens. This module
 * is the one place that knows the analysis layer's API; the views see GoViewData only.
 */
import { MMUCurve, allMmuFlags, goAnalysesOfStream, mmuFlagsKey, mmuPlot } from '../../analysis/go/index.ts';
import { blockingProfilesOf } from '../../analysis/go/pprof.ts';
import { pprofBytes } from '../../analysis/go/pprof-encode.ts';
import type { GoAnalyses, MmuFlags, MmuPoint, ProfileKind } from '../../analysis/go/types.ts';

export type { GoAnalyses, MmuFlags, MmuPoint, ProfileKind };

/** One window of the MMU: where it starts (ns from the trace's first event) and its utilization. */
export interface MmuWindow { start: number; end: number; util: number }

export interface MmuCurve {
  points: MmuPoint[];
  /** The n worst windows of this size, worst first (Go's MMUCurve.Examples). */
  worst(window: number, n: number): MmuWindow[];
}

export interface GoViewData {
  analyses: GoAnalyses;
  /** Absolute time (trace clock, ns) of the first event: analyses' times minus this are the timeline's. */
  origin: number;
  mmu(flags: MmuFlags): MmuCurve;
  /** go tool trace -pprof=kind, gzipped. */
  pprof(kind: ProfileKind): Promise<Uint8Array>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onProgress?: (read: number, total: number) => void;
}

// The flag combinations the mmu view offers (its three checkboxes, system-wide as cmd/trace's default).
const SYSTEM_FLAGS: MmuFlags[] = allMmuFlags.filter((f) => !f.perProc);

export async function requestGoViewData(source: Blob, opts: RequestOptions): Promise<GoViewData> {
  const a = await goAnalysesOfStream(source.stream() as ReadableStream<Uint8Array>, {
    mmuFlags: SYSTEM_FLAGS,
    signal: opts.signal,
    onProgress: (read) => opts.onProgress?.(read, source.size),
  });
  // The summaries' pass does not compute the blocking profiles yet (src/analysis/go/index.ts, GoAnalyser):
  // until it does, they are a pass of their own.
  if (Object.values(a.profiles).every((p) => p.length === 0)) {
    if (opts.signal?.aborted) throw new DOMException('The analysis was cancelled', 'AbortError');
    a.profiles = blockingProfilesOf(new Uint8Array(await source.arrayBuffer()));
  }
  const curves = new Map<string, MmuCurve>();
  return {
    analyses: a,
    origin: a.startTime,
    mmu(flags) {
      const key = mmuFlagsKey({ ...flags, perProc: false, sweep: false });
      let c = curves.get(key);
      if (!c) {
        const utils = a.utilization[key] ?? [];
        const curve = new MMUCurve(utils);
        const plot = mmuPlot(utils, curve);
        c = {
          points: plot.curve,
          worst: (window, n) => curve.examples(window, n).map((w) => ({ start: w.time, end: w.time + window, util: w.mutatorUtil })),
        };
        curves.set(key, c);
      }
      return c;
    },
    pprof: (kind) => pprofBytes(a.profiles[kind], kind),
  };
}
