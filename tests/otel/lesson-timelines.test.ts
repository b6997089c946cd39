// What lessons 3.1 and 3.3 tell the reader to look for on the execution-trace timeline of their
// scenario boxes (<OtelScenario … executionTrace />), checked on the page's own runs: the
// committed public/go/otel-scenarios.wasm with -exectrace, under Node, as the page runs it. No Go
// needed. Each span's runtime/trace task (opened by the SDK, sdk/trace/span.go runtimeTrace) is
// found as the page finds it (src/analysis/span-tasks.ts); a task's parent is what NewTask read from
// the ctx the span was started in, so it follows the span's ctx, not its OpenTelemetry parent.
import { describe, expect, it } from 'vitest';
import { analyseBytes } from '../../src/analysis/index.ts';
import { linkSpansToTasks, spanWork } from '../../src/analysis/span-tasks.ts';
import { runOtelWasm, type PageSpan } from '../../playground/otel/harness/wasm.ts';

async function run(scenario: string, variant: string) {
  const r = await runOtelWasm([`-scenario=${scenario}`, `-variant=${variant}`, '-exectrace']);
  expect(r.exitCode, r.stderr).toBe(0);
  const m = analyseBytes(r.trace);
  const links = linkSpansToTasks(m, r.spans);
  expect(links.every((l) => l?.how === 'log'), 'every span found by its own log').toBe(true);
  /** The one span of that service and name, its task, and what its goroutines did. */
  const of = (service: string, name: string) => {
    const found = r.spans.map((s, i) => [s, i] as const).filter(([s]) => s.service === service && s.name === name);
    expect(found, `${service}/${name}`).toHaveLength(1);
    const [span, i] = found[0];
    const task = m.tasks[links[i]!.task];
    return { span, task, work: spanWork(m, links[i]!.task) };
  };
  const goroutines = (x: ReturnType<typeof of>) => x.work.goroutines.map((g) => g.goroutine);
  const waitedOn = (x: ReturnType<typeof of>, reason: string) => x.work.waited.some((w) => w.state === 'waiting' && w.reason === reason);
  const startFunc = (g: number) => m.strings[m.goroutines[g].startFunc ?? 0] ?? '';
  return { r, m, of, goroutines, waitedOn, startFunc };
}

const isRoot = (s: PageSpan) => s.parentSpanId === '' || /^0+$/.test(s.parentSpanId);

describe('3.1: context-propagation on the timeline', () => {
  it('fixed: chargeCard’s goroutine worked for GET, which waited for it (sync); the inventory’s GET is a child span of HTTP GET but a top-level task, begun on the same goroutine', async () => {
    const { of, goroutines, waitedOn, startFunc } = await run('context-propagation', 'fixed');
    const get = of('frontend', 'GET');
    const charge = of('frontend', 'chargeCard');
    const chargeG = charge.task.startGoroutine;
    expect(startFunc(chargeG)).toMatch(/scenarios\.contextPropagation\.func/);
    expect(goroutines(get)).toContain(chargeG);
    expect(get.task.startGoroutine).not.toBe(chargeG);
    expect(waitedOn(get, 'sync')).toBe(true);
    expect(charge.task.parentId).toBe(get.task.id);
    expect(of('frontend', 'SELECT users').task.parentId).toBe(of('frontend', 'loadUser').task.id);

    const client = of('frontend', 'HTTP GET');
    const inventory = of('inventory', 'GET');
    expect(inventory.span.parentSpanId).toBe(client.span.spanId);
    expect(inventory.task.parentId).toBe(0);
    expect(inventory.task.startGoroutine).toBe(get.task.startGoroutine);
    expect(startFunc(get.task.startGoroutine)).toBe('main.main');
  });

  it('dropped-ctx: GET still waits (sync), but chargeCard’s goroutine is no longer GET’s, and chargeCard has neither a parent span nor a parent task; SELECT users’ task is GET’s child, as its span is', async () => {
    const { of, goroutines, waitedOn } = await run('context-propagation', 'dropped-ctx');
    const get = of('frontend', 'GET');
    const charge = of('frontend', 'chargeCard');
    expect(waitedOn(get, 'sync')).toBe(true);
    expect(goroutines(get)).not.toContain(charge.task.startGoroutine);
    expect(isRoot(charge.span)).toBe(true);
    expect(charge.task.parentId).toBe(0);
    const select = of('frontend', 'SELECT users');
    expect(select.span.parentSpanId).toBe(get.span.spanId);
    expect(select.task.parentId).toBe(get.task.id);
  });
});

describe('3.3: async-goroutines on the timeline', () => {
  it('request-ctx: sendEmail is POST’s child, span and task; it begins on a goroutine of its own, ends after POST, waits in its 50 ms sleep, and fails', async () => {
    const { of, startFunc } = await run('async-goroutines', 'request-ctx');
    const post = of('orders', 'POST');
    const send = of('orders', 'sendEmail');
    expect(send.span.parentSpanId).toBe(post.span.spanId);
    expect(send.task.parentId).toBe(post.task.id);
    expect(send.task.startGoroutine).not.toBe(post.task.startGoroutine);
    expect(startFunc(send.task.startGoroutine)).toMatch(/scenarios\.asyncGoroutines\.func/);
    expect(send.work.end).toBeGreaterThan(post.work.end);
    expect(send.work.waited[0]).toMatchObject({ state: 'waiting', reason: 'sleep' });
    expect(send.work.waited[0].ns).toBeGreaterThanOrEqual(49e6);
    expect(send.span.statusCode).toBe(2);
  });

  it('detached: sendEmail is a new root linked to POST, yet its task is still POST’s child: WithoutCancel keeps the task in ctx, and WithNewRoot changes only the span’s parent', async () => {
    const { of, r } = await run('async-goroutines', 'detached');
    const post = of('orders', 'POST');
    const send = of('orders', 'sendEmail');
    expect(isRoot(send.span)).toBe(true);
    expect(send.span.traceId).not.toBe(post.span.traceId);
    expect(send.span.links).toEqual([{ traceId: post.span.traceId, spanId: post.span.spanId }]);
    expect(send.task.parentId).toBe(post.task.id);
    expect(send.work.end).toBeGreaterThan(post.work.end);
    // The mailer's server span: in the page, on the goroutine that called it.
    const mailer = of('mailer', 'POST');
    expect(mailer.task.startGoroutine).toBe(send.task.startGoroutine);
    expect(r.stdout).toContain('sendEmail: ctx.Err()=<nil>, mailer call err=<nil>');
  });
});
