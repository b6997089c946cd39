/**
 * The grader of the Go exercise "slow-request": it reads the reader's own trace.out (a whole run of
 * their fixed slowservice.go under its load generator, analysed in the page by src/analysis) and says,
 * check by check, what it measured and where to look. Nothing leaves the page.
 *
 * It returns facts, not sentences: the page words them from content/i18n (goExercise.*), in the
 * reader's language. A trace of another program is named as such, never graded; a broken trace of
 * the program fails the completeness check and is graded on what could be read.
 */
import type { TraceModel } from '../../../src/analysis/model.ts';
import { endedWaits, mutexWaits, nearestRank, regionSpans, stackFuncs, type RegionSpan } from '../../../src/casestudy/measures.ts';

/** What a fixed program must reach (meta.json "targets"). */
export interface Targets {
  /** p99 of the region "request", ms: under this. */
  requestP99Ms: number;
  /** The longest wait in sync.(*Mutex).Lock, ms: under this. */
  mutexWaitMs: number;
  /** Requests the run must hold: at least this many. */
  minRequests: number;
}

export type CheckId = 'complete' | 'p99' | 'mutex' | 'tasks';

export interface CheckResult {
  id: CheckId;
  pass: boolean;
  /** Numbers and names for the check's strings (goExercise.check.<id>.*): what was measured, where to look. */
  facts: Record<string, string | number>;
}

export type Grade =
  | { kind: 'graded'; checks: CheckResult[] }
  /** Not a trace of slowservice: no Log of category "slowservice", or no task "request". */
  | { kind: 'not-exercise'; facts: { tasks: number; logs: number } }
  /** The reader stopped at an error before anything of slowservice: a damaged file, whatever wrote it. */
  | { kind: 'unreadable'; facts: { error: string; events: number } };

/** The Log category slowservice writes when it starts (its flags) and before trace.Stop ("done: …"). */
export const PROGRAM_LOG = 'slowservice';

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

/** Where something is on the viewer's timeline: ms from the trace's first event, and the goroutine to search for. */
function place(model: TraceModel, goroutine: number, start: number) {
  return { at: ms(start), goroutine: `G${model.goroutines[goroutine]?.id ?? '?'}` };
}

function programLogs(model: TraceModel): string[] {
  const out: string[] = [];
  for (let i = 0; i < model.logs.length; i++) {
    if (model.strings[model.logs.category[i]] === PROGRAM_LOG) out.push(model.strings[model.logs.message[i]]);
  }
  return out;
}

export function gradeTrace(model: TraceModel, targets: Targets): Grade {
  const logs = programLogs(model);
  const requestTasks = model.tasks.filter((t) => model.strings[t.name] === 'request');
  if (logs.length === 0 || requestTasks.length === 0) {
    if (model.error) return { kind: 'unreadable', facts: { error: model.error.message, events: model.events } };
    return { kind: 'not-exercise', facts: { tasks: model.tasks.length, logs: model.logs.length } };
  }
  return { kind: 'graded', checks: [complete(model, logs), p99(model, targets), mutex(model, targets), tasks(model, targets, requestTasks.length)] };
}

/** trace.Stop ran: the reader read to the end with no error, nothing is cut, and the program's closing log is there. */
function complete(model: TraceModel, logs: string[]): CheckResult {
  const done = logs.some((m) => m.startsWith('done:'));
  const problem = model.error ? 'error' : model.truncated ? 'truncated' : !done ? 'no-done' : 'none';
  return {
    id: 'complete',
    pass: problem === 'none',
    facts: { problem, error: model.error?.message ?? '', cause: model.truncatedCause ?? '', durationMs: ms(model.duration), events: model.events },
  };
}

/** p99 of the region "request" (nearest rank, as slowservice prints its percentiles). */
function p99(model: TraceModel, targets: Targets): CheckResult {
  const spans = regionSpans(model, 'request');
  const sorted = spans.map((r) => r.end - r.start).sort((a, b) => a - b);
  const p = nearestRank(sorted, 99);
  let slowest: RegionSpan | undefined;
  for (const r of spans) if (!slowest || r.end - r.start > slowest.end - slowest.start) slowest = r;
  return {
    id: 'p99',
    pass: spans.length > 0 && p < targets.requestP99Ms * 1e6,
    facts: {
      target: targets.requestP99Ms,
      n: spans.length,
      p99: ms(p),
      max: ms(slowest ? slowest.end - slowest.start : 0),
      ...(slowest ? place(model, slowest.goroutine, slowest.start) : { at: 0, goroutine: '' }),
    },
  };
}

/** No goroutine waits in sync.(*Mutex).Lock for as long as the target; the longest wait, and who called Lock. */
function mutex(model: TraceModel, targets: Targets): CheckResult {
  const waits = mutexWaits(model, endedWaits(model));
  let longest = waits[0];
  for (const w of waits) if (w.end - w.start > longest.end - longest.start) longest = w;
  const facts: Record<string, string | number> = { target: targets.mutexWaitMs, n: waits.length, longest: 0, caller: '', at: 0, goroutine: '' };
  if (longest) {
    const funcs = stackFuncs(model, longest.stack);
    Object.assign(facts, { longest: ms(longest.end - longest.start), caller: funcs[funcs.indexOf('sync.(*Mutex).Lock') + 1] ?? '' }, place(model, longest.goroutine, longest.start));
  }
  return { id: 'mutex', pass: !longest || longest.end - longest.start < targets.mutexWaitMs * 1e6, facts };
}

/**
 * The work ran inside the expected tasks: every region "request" belongs to a task "request" that
 * ended, every "parse", "cache" and "log" region lies inside a request of its goroutine and task, and
 * the load was the exercise's (at least minRequests requests).
 */
function tasks(model: TraceModel, targets: Targets, taskCount: number): CheckResult {
  const taskOf = new Map(model.tasks.map((t) => [t.id, t]));
  const requests = regionSpans(model, 'request');
  const orphanRequests = requests.filter((r) => {
    const t = taskOf.get(r.task);
    return !t || model.strings[t.name] !== 'request' || t.end < 0;
  });
  const byGoroutine = new Map<number, RegionSpan[]>();
  for (const r of requests) {
    const list = byGoroutine.get(r.goroutine);
    if (list) list.push(r);
    else byGoroutine.set(r.goroutine, [r]);
  }
  let inner = 0;
  let outside = 0;
  let example = '';
  let first: RegionSpan | undefined;
  for (const name of ['parse', 'cache', 'log']) {
    for (const r of regionSpans(model, name)) {
      inner++;
      const within = (byGoroutine.get(r.goroutine) ?? []).some((q) => q.task === r.task && q.start <= r.start && r.end <= q.end);
      if (!within) {
        outside++;
        if (!first) [first, example] = [r, name];
      }
    }
  }
  const facts: Record<string, string | number> = {
    requests: requests.length,
    tasks: taskCount,
    orphans: orphanRequests.length,
    inner,
    outside,
    example,
    min: targets.minRequests,
    at: 0,
    goroutine: '',
  };
  const where = orphanRequests[0] ?? first;
  if (where) Object.assign(facts, place(model, where.goroutine, where.start));
  return { id: 'tasks', pass: requests.length >= targets.minRequests && orphanRequests.length === 0 && outside === 0 && inner > 0, facts };
}
