/**
 * Figures of chapter 6 as Go's own tools give them: the output of scripts/casestudy/traceanalyses
 * (the goroutine analysis, user regions and MMU of go tool trace's pages, computed with Go 1.27's
 * trace parser), saved per recording in content/casestudy/go/<trace>.analyses.json by
 * `npm run casestudy:figures`, rounded here as the lessons print them. Until the guide's viewer has
 * these views (goroutines, regions, mmu), this is the source the lessons cite for them.
 */
import { nearestRank } from './measures.ts';
import { roundMs } from './figures.ts';

export interface GoroutineGroup {
  name: string;
  n: number;
  execNs: number;
  schedWaitNs: number;
  blockNsByReason: Record<string, number>;
  syscallNs: number;
  syscallBlockNs: number;
  rangeNs: Record<string, number>;
  totalNs: number;
  unknownNs: number;
}

/** What traceanalyses prints for a trace. */
export interface TraceAnalyses {
  /** Trace clock of the first event Go's reader returns. */
  firstEventNs: number;
  goroutines: GoroutineGroup[];
  regions: { name: string; durationsNs: number[] }[];
  /** Minimum mutator utilization (flags: stop-the-world, background workers, mark assists), and the worst windows (start on the trace clock). */
  mmu: { windowNs: number; mmu: number; worst: { startNs: number; util: number }[] }[];
}

const ms = (ns: number) => roundMs(ns / 1e6);
const two = (x: number) => Math.round(x * 100) / 100;

export function goFigures(a: TraceAnalyses) {
  const group = (name: string) => a.goroutines.find((g) => g.name === name);
  const serve = group('net/http.(*conn).serve');
  const region = (name: string) => {
    const d = a.regions.find((r) => r.name === name)?.durationsNs ?? [];
    return { n: d.length, p50: ms(nearestRank(d, 50)), p99: ms(nearestRank(d, 99)), max: ms(d.at(-1) ?? 0) };
  };
  const window = (ns: number) => a.mmu.find((m) => m.windowNs === ns);
  return {
    serve: {
      n: serve?.n ?? 0,
      execMs: ms(serve?.execNs ?? 0),
      schedWaitMs: ms(serve?.schedWaitNs ?? 0),
      syncMs: ms(serve?.blockNsByReason.sync ?? 0),
      selectMs: ms(serve?.blockNsByReason.select ?? 0),
      networkMs: ms(serve?.blockNsByReason.network ?? 0),
      assistMs: ms(serve?.rangeNs['GC mark assist'] ?? 0),
    },
    regions: { request: region('request'), parse: region('parse'), cache: region('cache'), log: region('log') },
    mmu: { w1ms: two(window(1e6)?.mmu ?? 1), w10ms: two(window(1e7)?.mmu ?? 1), w100ms: two(window(1e8)?.mmu ?? 1) },
    /** The worst 10 ms windows: where they start, in ms from the first event, and their utilization. */
    worst10ms: (window(1e7)?.worst ?? []).map((w) => ({ atMs: ms(w.startNs - a.firstEventNs), util: two(w.util) })),
  };
}
