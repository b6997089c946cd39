// OpenTelemetry spans on the execution trace (src/analysis/span-tasks.ts): each span found by the
// log the page's runner writes just before the SDK opens its task, never by a lookalike; and what the
// span's goroutines did while it was open. Then the same on real runs of the page's WebAssembly
// build, with the execution tracer on.
import { describe, expect, it } from 'vitest';
import { GState, type TaskRow, type TraceModel } from '../../src/analysis/model.ts';
import { analyseBytes } from '../../src/analysis/index.ts';
import { linkSpansToTasks, spanWork } from '../../src/analysis/span-tasks.ts';
import { runOtelWasm } from '../../playground/otel/harness/wasm.ts';

/** A model with only what linking reads: strings, tasks, logs, regions and goroutine states. */
function model(o: {
  tasks: (Omit<TaskRow, 'name'> & { name: string })[];
  logs?: { time: number; goroutine: number; task: number; category: string; message: string }[];
  regions?: { goroutine: number; task: number }[];
  /** Per goroutine: [start, state, reason] rows, the last an End row. */
  states?: [number, number, string][][];
  duration?: number;
}): TraceModel {
  const strings = [''];
  const intern = (s: string) => {
    const i = strings.indexOf(s);
    return i >= 0 ? i : strings.push(s) - 1;
  };
  const logs = o.logs ?? [];
  const regions = o.regions ?? [];
  const states = o.states ?? [];
  const rows = states.flat();
  const offsets = [0];
  for (const g of states) offsets.push(offsets.at(-1)! + g.length);
  return {
    strings, duration: o.duration ?? 1000,
    tasks: o.tasks.map((t) => ({ ...t, name: intern(t.name) })),
    logs: {
      length: logs.length, time: Float64Array.from(logs.map((l) => l.time)), goroutine: Int32Array.from(logs.map((l) => l.goroutine)),
      task: Float64Array.from(logs.map((l) => l.task)), category: Uint32Array.from(logs.map((l) => intern(l.category))), message: Uint32Array.from(logs.map((l) => intern(l.message))),
    },
    regions: { length: regions.length, goroutine: Uint32Array.from(regions.map((r) => r.goroutine)), task: Float64Array.from(regions.map((r) => r.task)) },
    goroutines: states.map((_, i) => ({ id: i + 1 })),
    goroutineStates: {
      length: rows.length, offsets: Uint32Array.from(offsets), start: Float64Array.from(rows.map((r) => r[0])),
      state: Uint8Array.from(rows.map((r) => r[1])), reason: Uint32Array.from(rows.map((r) => intern(r[2]))),
    },
  } as unknown as TraceModel;
}
const task = (id: number, name: string, start: number, end: number, g: number, endG = g): Omit<TaskRow, 'name'> & { name: string } =>
  ({ id, parentId: 0, name, start, end, startGoroutine: g, endGoroutine: endG });
const log = (time: number, goroutine: number, traceSpan: string, inTask = 0) => ({ time, goroutine, task: inTask, category: 'otel.span', message: traceSpan });
const T = 'ab'.repeat(16);
const ref = (spanId: string, name: string) => ({ traceId: T, spanId, name });

describe('linking spans to their runtime/trace tasks', () => {
  it('takes the first task the logging goroutine begins after the log, when it bears the span name', () => {
    // Two spans named GET on two goroutines, started in the opposite order to their tasks' IDs.
    const m = model({
      tasks: [task(1, 'GET', 10, 90, 0), task(2, 'GET', 20, 60, 1), task(3, 'query', 30, 40, 1)],
      logs: [log(9, 0, `${T}/aa`), log(19, 1, `${T}/bb`), log(29, 1, `${T}/cc`, 2)],
    });
    expect(linkSpansToTasks(m, [ref('bb', 'GET'), ref('cc', 'query'), ref('aa', 'GET')])).toEqual([
      { task: 1, how: 'log' }, { task: 2, how: 'log' }, { task: 0, how: 'log' },
    ]);
  });

  it('links nothing rather than a wrong task: another name next, no task after, a log of another span, a task taken', () => {
    const m = model({
      tasks: [task(1, 'other', 10, 20, 0), task(2, 'GET', 30, 40, 0)],
      logs: [log(5, 0, `${T}/aa`), log(50, 0, `${T}/bb`), log(6, 0, `${T}/zz`), log(7, 0, `${T}/cc`)],
    });
    // aa and cc are both followed by task 1, named "other"; bb by no task at all; zz is not in the run.
    expect(linkSpansToTasks(m, [ref('aa', 'GET'), ref('bb', 'GET'), ref('cc', 'other')])).toEqual([null, null, { task: 0, how: 'log' }]);
  });

  it('without logs, matches by name only where one span and one task have it; copies of a span share its task', () => {
    const m = model({ tasks: [task(1, 'checkout', 0, 100, 0), task(2, 'charge', 10, 20, 0), task(3, 'charge', 30, 40, 0)] });
    const checkout = ref('aa', 'checkout');
    expect(linkSpansToTasks(m, [checkout, ref('bb', 'charge'), ref('cc', 'charge'), { ...checkout }])).toEqual([
      { task: 0, how: 'name' }, null, null, { task: 0, how: 'name' },
    ]);
  });
});

describe('what a span’s goroutines did', () => {
  it('counts running and not running inside the span on the goroutines that began, ended, logged in or ran a region in its task', () => {
    const m = model({
      tasks: [task(7, 'sendEmail', 100, 300, 0, 1)],
      logs: [{ time: 150, goroutine: 2, task: 7, category: 'otel.span', message: `${T}/dd` }],
      regions: [{ goroutine: 3, task: 7 }],
      states: [
        [[0, GState.Running, ''], [120, GState.Waiting, 'sleep'], [220, GState.Runnable, ''], [230, GState.Running, ''], [400, GState.End, '']],
        [[250, GState.Running, ''], [260, GState.Waiting, 'chan receive'], [500, GState.End, '']],
        [[0, GState.Syscall, ''], [140, GState.Running, ''], [160, GState.End, '']],
        [[0, GState.Running, ''], [1000, GState.End, '']],
        [[0, GState.Waiting, 'select'], [1000, GState.End, '']], // a bystander: not counted
      ],
    });
    const w = spanWork(m, 0);
    expect(w).toMatchObject({ start: 100, end: 300, open: false });
    expect(w.goroutines).toEqual([
      { goroutine: 0, began: true, ended: false, running: 20 + 70, notRunning: 100 + 10 },
      { goroutine: 1, began: false, ended: true, running: 10, notRunning: 40 },
      { goroutine: 2, began: false, ended: false, running: 20, notRunning: 40 },
      { goroutine: 3, began: false, ended: false, running: 200, notRunning: 0 },
    ]);
    expect(w.waits).toEqual([
      { goroutine: 2, start: 100, end: 140, state: 'syscall', reason: '' },
      { goroutine: 0, start: 120, end: 220, state: 'waiting', reason: 'sleep' },
      { goroutine: 0, start: 220, end: 230, state: 'runnable', reason: '' },
      { goroutine: 1, start: 260, end: 300, state: 'waiting', reason: 'chan receive' },
    ]);
    // The span's own goroutine's waits, longest first.
    expect(w.waited).toEqual([{ state: 'waiting', reason: 'sleep', ns: 100 }, { state: 'runnable', reason: '', ns: 10 }]);
  });

  it('runs to the end of the trace for a span whose task never ended in it', () => {
    const m = model({ tasks: [task(1, 'GET', -1, -1, 0)], states: [[[0, GState.Waiting, 'sync'], [80, GState.End, '']]], duration: 80 });
    expect(spanWork(m, 0)).toMatchObject({ start: 0, end: 80, open: true, waited: [{ state: 'waiting', reason: 'sync', ns: 80 }] });
  });
});

describe('on the page’s own runs (public/go/otel-scenarios.wasm with -exectrace)', () => {
  const run = async (scenario: string, variant: string) => {
    const r = await runOtelWasm([`-scenario=${scenario}`, `-variant=${variant}`, '-exectrace']);
    expect(r.exitCode, r.stderr).toBe(0);
    const m = analyseBytes(r.trace);
    const links = linkSpansToTasks(m, r.spans);
    const of = (name: string) => {
      const i = r.spans.findIndex((s) => s.name === name);
      return { span: r.spans[i], link: links[i], work: links[i] ? spanWork(m, links[i]!.task) : null };
    };
    return { r, m, links, of };
  };

  it('context-propagation: every span has its own task, found by its log; the goroutine of chargeCard worked for GET', async () => {
    const { r, m, links, of } = await run('context-propagation', 'fixed');
    expect(r.spans).toHaveLength(7);
    expect(links.every((l) => l?.how === 'log')).toBe(true);
    expect(new Set(links.map((l) => l!.task)).size).toBe(7);
    links.forEach((l, i) => expect(m.strings[m.tasks[l!.task].name]).toBe(r.spans[i].name));
    const get = of('GET').work!;
    const charge = of('chargeCard').work!;
    expect(charge.goroutines.map((g) => g.goroutine)).toHaveLength(1);
    const chargeG = charge.goroutines[0].goroutine;
    expect(get.goroutines.map((g) => g.goroutine)).toContain(chargeG);
    expect(get.goroutines.find((g) => g.began)!.goroutine).not.toBe(chargeG);
    // GET waited for chargeCard's goroutine (wg.Wait): a sync wait on its own goroutine.
    expect(get.waited.some((w) => w.state === 'waiting' && w.reason === 'sync')).toBe(true);
  });

  it('async-goroutines: sendEmail ends after the request span, on a goroutine of its own, and waited in its 50 ms sleep', async () => {
    const { of } = await run('async-goroutines', 'request-ctx');
    const post = of('POST');
    const send = of('sendEmail');
    expect(send.span.parentSpanId).toBe(post.span.spanId);
    expect(send.work!.end).toBeGreaterThan(post.work!.end);
    expect(send.work!.goroutines.find((g) => g.began)!.goroutine).not.toBe(post.work!.goroutines.find((g) => g.began)!.goroutine);
    expect(send.work!.waited[0]).toMatchObject({ state: 'waiting', reason: 'sleep' });
    expect(send.work!.waited[0].ns).toBeGreaterThanOrEqual(49e6);
  });

  it('runtime-task traces itself: its spans are linked in the trace it writes, the region inside charge on charge’s goroutine', async () => {
    const { r, m, links, of } = await run('runtime-task', 'default');
    expect(links.map((l) => l?.how)).toEqual(['log', 'log']);
    const charge = of('charge').work!;
    const region = [...Array(m.regions.length).keys()].find((i) => m.strings[m.regions.name[i]] === 'talk to the bank')!;
    expect(m.regions.task[region]).toBe(m.tasks[charge.task].id);
    expect(charge.goroutines.map((g) => g.goroutine)).toContain(m.regions.goroutine[region]);
    expect(r.stdout).toMatch(/wrote runtime-task\.trace: \d+ bytes/);
  });
});
