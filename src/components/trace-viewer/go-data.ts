/**
 * The data of the goroutines, profiles, regions and mmu views, as the analysis layer gives it
 * (src/analysis/go: go tool trace's summaries, blocking profiles and MMU, ported from Go 1.27 and
 * computed in the analysis worker). Imported only when the first of those views opens. This module
 * is the one place that knows the analysis layer's API; the views see GoViewData only.
 */
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

export async function requestGoViewData(source: Blob, opts: RequestOptions): Promise<GoViewData> {
  throw new Error('not wired yet');
}
