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
} as const satisfies Record<string, (m: TraceModel) => ProbeValue>;

export type ProbeName = keyof typeof probes;
export const probeNames = Object.keys(probes) as ProbeName[];

export function runProbe(name: string, model: TraceModel): ProbeValue {
  if (!Object.hasOwn(probes, name)) throw new Error(`unknown probe "${name}"`);
  return probes[name as ProbeName](model);
}
