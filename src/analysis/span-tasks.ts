/**
 * OpenTelemetry spans on the execution trace: which runtime/trace task is each span's, and what the
 * goroutines did while it was open.
 *
 * While the execution tracer runs, OpenTelemetry Go's SDK opens a runtime/trace task for each
 * recording span, named after the span (recordingSpan.runtimeTrace, sdk/trace/span.go), and ends it
 * in span.End. The task carries nothing else: two spans of one name are two tasks of one name. The
 * page's runner therefore logs "<trace ID>/<span ID>" (category otel.span) in a span processor's
 * OnStart, which tracer.Start calls on the goroutine that starts the span just before it opens the
 * task there (playground/otel/inpage/tasklink.go): a span's task is the first task that goroutine
 * begins at or after the log, and it must bear the span's name. Without such a log (a trace recorded
 * elsewhere), a span is matched by name only where one span and one task have that name.
 *
 * The work of a span: the goroutine that began its task, the one that ended it, and every goroutine
 * that logged or ran a region in it (a child span started from the span's context logs in the
 * span's task: its goroutine worked for the span). Its waits: the time those goroutines spent not
 * running while the span was open, by state and reason.
 */
import { GState, type TraceModel } from './model.ts';

export const SPAN_LOG_CATEGORY = 'otel.span';

export interface SpanRef {
  traceId: string;
  spanId: string;
  name: string;
}

export interface SpanTaskLink {
  /** Index into model.tasks. */
  task: number;
  /** How it was found: the span's own log, or the only span and task of a name. */
  how: 'log' | 'name';
}

/** The task of each span (null where none), in the order of `spans`. */
export function linkSpansToTasks(model: TraceModel, spans: readonly SpanRef[]): (SpanTaskLink | null)[] {
  const links: (SpanTaskLink | null)[] = spans.map(() => null);
  const name = (task: number) => model.strings[model.tasks[task].name] ?? '';
  const taken = new Set<number>();

  // Tasks each goroutine began, in time order.
  const begun = new Map<number, number[]>();
  model.tasks.forEach((t, i) => {
    if (t.start < 0 || t.startGoroutine < 0) return;
    const list = begun.get(t.startGoroutine);
    if (list) list.push(i);
    else begun.set(t.startGoroutine, [i]);
  });
  for (const list of begun.values()) list.sort((a, b) => model.tasks[a].start - model.tasks[b].start);

  const bySpan = new Map<string, number[]>();
  spans.forEach((s, i) => {
    const k = `${s.traceId}/${s.spanId}`;
    bySpan.set(k, [...(bySpan.get(k) ?? []), i]);
  });

  const logs = model.logs;
  for (let l = 0; l < logs.length; l++) {
    if (model.strings[logs.category[l]] !== SPAN_LOG_CATEGORY) continue;
    const which = bySpan.get(model.strings[logs.message[l]] ?? '');
    const list = begun.get(logs.goroutine[l]);
    if (!which || !list) continue;
    const t = logs.time[l];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (model.tasks[list[mid]].start < t) lo = mid + 1;
      else hi = mid;
    }
    const task = list[lo];
    if (task === undefined || taken.has(task) || name(task) !== spans[which[0]].name) continue;
    taken.add(task);
    for (const i of which) links[i] = { task, how: 'log' };
  }

  // By name, only where it cannot be wrong: one span (all copies of it) and one free task of the name.
  const spansByName = new Map<string, Set<string>>();
  spans.forEach((s, i) => {
    if (links[i]) return;
    spansByName.set(s.name, (spansByName.get(s.name) ?? new Set()).add(`${s.traceId}/${s.spanId}`));
  });
  const tasksByName = new Map<string, number[]>();
  model.tasks.forEach((_, i) => {
    if (!taken.has(i)) tasksByName.set(name(i), [...(tasksByName.get(name(i)) ?? []), i]);
  });
  for (const [n, ids] of spansByName) {
    const tasks = tasksByName.get(n);
    if (ids.size !== 1 || tasks?.length !== 1) continue;
    for (const i of bySpan.get([...ids][0])!) links[i] = { task: tasks[0], how: 'name' };
  }
  return links;
}

export type WaitState = 'runnable' | 'waiting' | 'syscall';

export interface SpanWait {
  goroutine: number;
  start: number;
  end: number;
  state: WaitState;
  /** The wait's reason ("sleep", "chan receive", "sync", ...), "" when none. */
  reason: string;
}

export interface GoroutineShare {
  /** Index into model.goroutines. */
  goroutine: number;
  /** It began the span's task. */
  began: boolean;
  /** It ended the span's task. */
  ended: boolean;
  /** ns inside the span: running, and not running (runnable, waiting, in a syscall). */
  running: number;
  notRunning: number;
}

export interface SpanWork {
  task: number;
  /** ns from the trace's start; the end is the trace's when the task never ended in it. */
  start: number;
  end: number;
  open: boolean;
  goroutines: GoroutineShare[];
  /** Every interval inside the span in which one of its goroutines was not running, in time order. */
  waits: SpanWait[];
  /** ns the goroutine that began the span spent not running inside it, by state and reason, longest first. */
  waited: { state: WaitState; reason: string; ns: number }[];
}

const WAIT_STATE: Partial<Record<number, WaitState>> = { [GState.Runnable]: 'runnable', [GState.Waiting]: 'waiting', [GState.Syscall]: 'syscall' };

/** What the goroutines of task `task` (an index into model.tasks) did while it was open. */
export function spanWork(model: TraceModel, task: number): SpanWork {
  const t = model.tasks[task];
  const start = Math.max(0, t.start);
  const open = t.end < 0;
  const end = open ? model.duration : t.end;

  const involved = new Map<number, GoroutineShare>();
  const add = (g: number) => {
    if (g < 0 || g >= model.goroutines.length) return undefined;
    let share = involved.get(g);
    if (!share) involved.set(g, (share = { goroutine: g, began: false, ended: false, running: 0, notRunning: 0 }));
    return share;
  };
  const began = add(t.startGoroutine);
  if (began) began.began = true;
  const ended = add(t.endGoroutine);
  if (ended) ended.ended = true;
  for (let i = 0; i < model.regions.length; i++) if (model.regions.task[i] === t.id) add(model.regions.goroutine[i]);
  for (let i = 0; i < model.logs.length; i++) if (model.logs.task[i] === t.id) add(model.logs.goroutine[i]);

  const gs = model.goroutineStates;
  const waits: SpanWait[] = [];
  const waited = new Map<string, { state: WaitState; reason: string; ns: number }>();
  for (const share of involved.values()) {
    const g = share.goroutine;
    // The goroutine's rows end with an End row; interval r lasts until row r + 1 starts.
    for (let r = gs.offsets[g]; r < gs.offsets[g + 1] - 1; r++) {
      const a = Math.max(start, gs.start[r]);
      const b = Math.min(end, gs.start[r + 1]);
      if (b <= a) {
        if (gs.start[r] >= end) break;
        continue;
      }
      const state = gs.state[r];
      if (state === GState.Running) {
        share.running += b - a;
        continue;
      }
      const ws = WAIT_STATE[state];
      if (!ws) continue;
      const reason = model.strings[gs.reason[r]] ?? '';
      share.notRunning += b - a;
      waits.push({ goroutine: g, start: a, end: b, state: ws, reason });
      if (share.began) {
        const k = `${ws}/${reason}`;
        const w = waited.get(k) ?? { state: ws, reason, ns: 0 };
        w.ns += b - a;
        waited.set(k, w);
      }
    }
  }
  waits.sort((x, y) => x.start - y.start || x.goroutine - y.goroutine);
  const goroutines = [...involved.values()].sort((x, y) => Number(y.began) - Number(x.began) || x.goroutine - y.goroutine);
  return { task, start, end, open, goroutines, waits, waited: [...waited.values()].sort((x, y) => y.ns - x.ns) };
}
