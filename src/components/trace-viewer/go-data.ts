/**
 * The data of the goroutines, profiles, regions and mmu views, as the analysis layer gives it
 * (src/analysis/go: go tool trace's summaries, blocking profiles and MMU, ported from Go 1.27),
 * computed in the analysis worker (requestGoAnalyses). Imported only when the first of those views
 * opens. This module is the one place that knows the analysis layer's API; the views see GoViewData.
 */
// client.ts and pprof-encode.ts directly rather than index.ts, which also re-exports the analyser.
import { requestGoAnalyses } from '../../analysis/client.ts';
import { pprofBytes } from '../../analysis/go/pprof-encode.ts';
import { latencyTypes, type LatencyType } from './views/latency.ts';
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
  /** The summaries, without their regions (those are large, and the views need only regionTypes). */
  analyses: GoAnalyses;
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
  const a = await requestGoAnalyses(source, { signal: opts.signal, onProgress: (read, total) => opts.onProgress?.(read, total) });
  // The views need the regions only summed up by type; the summaries' lists of them are let go, as a
  // large trace has millions (the page's memory with every view open stays that of the figures).
  const regionTypes = latencyTypes(
    (function* () {
      for (const g of a.goroutines) yield* g.regions;
    })(),
    (r) => r.name,
    // Go's summary also has a region without a name on each goroutine: its time outside any region
    // (cmd/trace's /userregions lists it, as a type with no name); it is no region of the program's.
    (r) => (r.start < 0 || r.end < 0 || r.name === '' ? null : { start: r.start, end: r.end, goroutine: r.goroutine }),
  );
  const taskTypes = latencyTypes(a.tasks, (t) => t.name, (t) => (t.start < 0 || t.end < 0 ? null : { start: t.start, end: t.end, goroutine: t.goroutines[0] ?? -1 }));
  for (const g of a.goroutines) g.regions = [];
  for (const t of a.tasks) t.regions = [];
  const curves = new Map<string, MmuCurve>();
  return {
    analyses: a,
    regionTypes,
    taskTypes,
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
