/**
 * The data of the goroutines, profiles, regions and mmu views, as the analysis layer gives it
 * (src/analysis/go: go tool trace's summaries, blocking profiles and MMU, ported from Go 1.27),
 * computed in a worker (go-data.worker.ts). Imported only when the first of those views opens. This
 * module is the one place that knows the analysis layer's API; the views see GoViewData only.
 */
// mmu.ts and pprof-encode.ts directly: index.ts also holds the analyses' pass, and with it the trace
// reader, which only the worker needs.
import { MMUCurve, mmuPlot } from '../../analysis/go/mmu.ts';
import { pprofBytes } from '../../analysis/go/pprof-encode.ts';
import type { GoWorkerMessage, GoWorkerResult } from './go-data.worker.ts';
import type { LatencyType } from './views/latency.ts';
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

/** Go's flags text ("stw|background|assist", those set): the key of a combination's utilization. */
const flagsKey = (f: MmuFlags) => (['stw', 'background', 'assist'] as const).filter((k) => f[k]).join('|');

export interface RequestOptions {
  signal?: AbortSignal;
  onProgress?: (read: number, total: number) => void;
}

/** Runs the analyses in a worker of their own (go-data.worker.ts); terminated on abort. */
function analyseInWorker(source: Blob, opts: RequestOptions): Promise<GoWorkerResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./go-data.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      stop();
      reject(new DOMException('The analysis was cancelled', 'AbortError'));
    };
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);
    worker.onmessage = (e: MessageEvent<GoWorkerMessage>) => {
      const m = e.data;
      if (m.type === 'progress') return opts.onProgress?.(m.read, m.total);
      stop();
      if (m.type === 'done') resolve(m.result);
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      e.preventDefault();
      stop();
      reject(new Error(e.message || 'the analysis worker failed'));
    };
    worker.postMessage({ source });
  });
}

export async function requestGoViewData(source: Blob, opts: RequestOptions): Promise<GoViewData> {
  const { analyses: a, regionTypes, taskTypes } = await analyseInWorker(source, opts);
  const curves = new Map<string, MmuCurve>();
  return {
    analyses: a,
    regionTypes,
    taskTypes,
    origin: a.startTime,
    mmu(flags) {
      const key = flagsKey(flags);
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
