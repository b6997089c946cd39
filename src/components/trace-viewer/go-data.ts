/**
 * The data of the goroutines, profiles, regions and mmu views, as the analysis layer gives it
 * (src/analysis/go: go tool trace's summaries, blocking profiles and MMU, ported from Go 1.27),
 * computed in the analysis worker in lean mode (requestGoViewSummary: regions and tasks come summed
 * up per type, never one by one). Imported only when the Go analyses are first asked for. This
 * module is the one place that knows the analysis layer's API; the views see GoViewData.
 */
// client.ts and pprof-encode.ts directly rather than index.ts, which also re-exports the analyser.
import { requestGoViewSummary } from '../../analysis/client.ts';
import { pprofBytes } from '../../analysis/go/pprof-encode.ts';
import type { GoViewSummary } from '../../analysis/go/index.ts';
import type { LatencyType } from '../../analysis/go/latency.ts';
import type { GoAnalyses, MmuFlags, MmuPoint, ProfileKind } from '../../analysis/go/types.ts';

export type { GoAnalyses, GoViewSummary, MmuFlags, MmuPoint, ProfileKind };

/** One window of the MMU: where it starts (ns from the trace's first event) and its utilization. */
export interface MmuWindow { start: number; end: number; util: number }

export interface MmuCurve {
  points: MmuPoint[];
  /** The n worst windows of this size, worst first (Go's MMUCurve.Examples). */
  worst(window: number, n: number): MmuWindow[];
}

export interface GoViewData {
  /** Goroutines (without their regions), profiles, MMU: the worker's lean result. */
  analyses: GoViewSummary;
  regionTypes: LatencyType[];
  taskTypes: LatencyType[];
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

export async function requestGoViewData(source: Blob, opts: RequestOptions): Promise<GoViewData> {
  const a = await requestGoViewSummary(source, { signal: opts.signal, onProgress: (read, total) => opts.onProgress?.(read, total) });
  const curves = new Map<string, MmuCurve>();
  return {
    analyses: a,
    regionTypes: a.regionTypes,
    taskTypes: a.taskTypes,
    origin: a.startTime,
    mmu(flags) {
      const f = { ...flags, perProc: false, sweep: false };
      const key = JSON.stringify(f);
      let c = curves.get(key);
      if (!c) {
        c = {
          points: a.mmuCurve(f).curve,
          worst: (window, n) => a.mmuExamples(f, window, n).map((w) => ({ start: w.time, end: w.time + window, util: w.mutatorUtil })),
        };
        curves.set(key, c);
      }
      return c;
    },
    pprof: (kind) => pprofBytes(a.profiles[kind], kind),
  };
}
