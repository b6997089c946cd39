/**
 * Probes: named questions a predict-the-trace quiz asks of a parsed trace (src/analysis TraceModel).
 *
 * A quiz file names a probe instead of writing the answer down, so the answer always comes from the
 * recorded trace itself, parsed in the reader's browser. The definitions follow the recorded traces'
 * manifest (playground/traces/README.md), and tests/quiz/probes.test.ts checks them against it.
 *
 * Adding a probe: one row here (no DOM, no I/O), then use its name in a quiz file.
 */
import { GState, type TraceModel } from '../analysis/model.ts';
import { assistTime, assistTimeIn, endedWaits, mutexWaits, nearestRank, regionDurations, requestWaits, slowestRequest } from '../casestudy/measures.ts';

export type ProbeValue = number | boolean | string;

/** User goroutines still blocked (Waiting) when the trace ends: the manifest's goroutinesBlockedAtEnd. */
function blockedAtEnd(model: TraceModel) {
  return model.goroutines.filter((g) => !g.system && g.ended < 0 && g.finalState === GState.Waiting);
}

/** The commonest value of a list ('' for an empty list; ties go to the value seen first). */
function commonest(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '', n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

export const probes = {
  /** GC cycles: "GC concurrent mark phase" ranges (the manifest's `gcs`). */
  gcCount: (m: TraceModel): number => m.gcCycles.length,
  /** Stop-the-world pauses of any reason, the one at trace.Start included. */
  stwCount: (m: TraceModel): number => m.stwPauses.length,
  /** Tasks begun in the trace (trace.NewTask). */
  tasksCount: (m: TraceModel): number => m.tasks.length,
  /** Regions (trace.WithRegion / StartRegion). */
  regionsCount: (m: TraceModel): number => m.regions.length,
  /** Regions attributed to no task (task 0): a lost context. */
  regionsWithoutTask: (m: TraceModel): number => {
    let n = 0;
    for (let i = 0; i < m.regions.length; i++) if (m.regions.task[i] === 0) n++;
    return n;
  },
  /** The task type that holds the most regions ('' when no region belongs to a task). */
  taskOfRegions: (m: TraceModel): string => {
    const typeOf = new Map(m.tasks.map((t) => [t.id, m.strings[t.name]]));
    const names: string[] = [];
    for (let i = 0; i < m.regions.length; i++) {
      const name = m.regions.task[i] === 0 ? undefined : typeOf.get(m.regions.task[i]);
      if (name !== undefined) names.push(name);
    }
    return commonest(names);
  },
  /** The trace is whole: it parsed to the end, with no error and nothing missing at the end. */
  traceComplete: (m: TraceModel): boolean => !m.truncated && m.error === undefined,
  /** User goroutines blocked when the trace ends. */
  goroutinesBlockedAtEnd: (m: TraceModel): number => blockedAtEnd(m).length,
  /** Why most of them are blocked ("chan send", "sync", ...; '' when none is). */
  blockedAtEndReason: (m: TraceModel): string => commonest(blockedAtEnd(m).map((g) => m.strings[g.finalReason])),
  /** The goroutine group (start function) with the most goroutines blocked at the end ('' when none). */
  blockedAtEndGroup: (m: TraceModel): string => commonest(blockedAtEnd(m).map((g) => m.strings[g.group])),

  // Chapter 6's program (slowservice): its requests are regions "request" with "parse", "cache" and
  // "log" inside (src/casestudy/measures.ts).
  /** Requests (regions "request") longer than 25 ms, the program's -slow threshold. */
  requestsOver25ms: (m: TraceModel): number => regionDurations(m, 'request').filter((d) => d > 25e6).length,
  /** p99 of the regions "request" in ms (nearest rank, 3 decimals). */
  requestP99Ms: (m: TraceModel): number => Math.round(nearestRank(regionDurations(m, 'request'), 99) / 1e3) / 1e3,
  /** Which region inside the slowest request took most of it: 'parse', 'cache' or 'log' ('' without requests). */
  slowestRequestPart: (m: TraceModel): string => {
    const slow = slowestRequest(m);
    if (!slow) return '';
    return (['parse', 'cache', 'log'] as const).reduce((a, b) => (slow.parts[b] > slow.parts[a] ? b : a));
  },
  /** The wait reason the request handlers spent most time in ("sync", "select", ...; '' when none waited). */
  topRequestWaitReason: (m: TraceModel): string => {
    const by = new Map<string, number>();
    for (const w of requestWaits(m)) by.set(w.reason, (by.get(w.reason) ?? 0) + w.end - w.start);
    return [...by].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  },
  /** The lock goroutines waited longest for, in all: 'cache', 'log' (log.Logger's) or 'other' ('' when none). */
  topMutexSite: (m: TraceModel): string => {
    const by = new Map<string, number>();
    for (const w of mutexWaits(m, endedWaits(m))) by.set(w.site, (by.get(w.site) ?? 0) + w.end - w.start);
    return [...by].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  },
  /** The longest wait in sync.(*Mutex).Lock, ms (3 decimals). */
  longestMutexWaitMs: (m: TraceModel): number => Math.round(Math.max(0, ...mutexWaits(m, endedWaits(m)).map((w) => w.end - w.start)) / 1e3) / 1e3,
  /** GC mark assists inside regions "cache", where the broken program holds the cache's lock, in ms (3 decimals). */
  cacheAssistMs: (m: TraceModel): number => Math.round(assistTimeIn(m, 'cache') / 1e3) / 1e3,
  /** The share of all GC mark assist time that falls inside regions "cache", % (1 decimal; 0 without assists). */
  cacheAssistPercent: (m: TraceModel): number => {
    const all = assistTime(m);
    return all > 0 ? Math.round((assistTimeIn(m, 'cache') / all) * 1000) / 10 : 0;
  },
} as const satisfies Record<string, (m: TraceModel) => ProbeValue>;

export type ProbeName = keyof typeof probes;
export const probeNames = Object.keys(probes) as ProbeName[];

export function runProbe(name: string, model: TraceModel): ProbeValue {
  if (!Object.hasOwn(probes, name)) throw new Error(`unknown probe "${name}"`);
  return probes[name as ProbeName](model);
}
