// Lessons 2.1, 3.1, 3.2, 3.3 and 5.1, run: each scenario of playground/otel exports with
// otlptracehttp to a real Collector, and the assertions read what the Collector received.
import { describe, expect, it } from 'vitest';
import { executionTraceFacts } from '../../playground/otel/harness/summarise.ts';
import { byTrace, type Span } from '../../playground/otel/harness/received.ts';
import { haveOtelToolchain, otelFixture } from './toolchain-gate.ts';
import path from 'node:path';

const one = (spans: Span[], name: string, service?: string): Span => {
  const found = spans.filter((s) => s.name === name && (service === undefined || s.service === service));
  expect(found.map((s) => `${s.service}/${s.name}`), `exactly one ${service ?? ''}/${name}`).toHaveLength(1);
  return found[0];
};
const names = (spans: Span[]) => spans.map((s) => s.name).sort();
const ERROR = 2;

describe.skipIf(!haveOtelToolchain('OpenTelemetry spans (2.1, 3.1-3.3, 5.1)'))('OpenTelemetry spans (2.1, 3.1-3.3, 5.1)', () => {
  const otel = otelFixture();

  it('2.1: without otel.SetTracerProvider nothing goes through the global; a tracer taken early is upgraded, a span started early is not', async () => {
    const broken = await otel.run('global-provider', 'broken');
    expect(broken.exitCode).toBe(0);
    expect(names(broken.spans)).toEqual(['tp.Tracer, not the global']);
    expect(broken.stdout).toMatch(/"tracer taken after SetTracerProvider"\s+recording=false valid span context=false \(global\.nonRecordingSpan\)/);

    const fixed = await otel.run('global-provider', 'fixed');
    expect(names(fixed.spans)).toEqual(['early tracer, started after SetTracerProvider', 'tp.Tracer, not the global', 'tracer taken after SetTracerProvider']);
    expect(fixed.stdout).toMatch(/"started before SetTracerProvider"\s+recording=false valid span context=false/);

    const noProcessor = await otel.run('global-provider', 'no-processor');
    expect(noProcessor.stdout).toMatch(/"no span processor"\s+recording=true\s+valid span context=true/);
    expect(noProcessor.spans).toEqual([]);
    expect(noProcessor.stderr).toBe('');
  });

  it('3.1: with the ctx kept and a propagator set, one trace crosses the goroutine and the HTTP hop', async () => {
    const o = await otel.run('context-propagation', 'fixed');
    expect(byTrace(o.spans).size).toBe(1);
    const server = one(o.spans, 'GET', 'frontend');
    expect(server.parentSpanId).toBe('');
    expect(one(o.spans, 'loadUser').parentSpanId).toBe(server.spanId);
    expect(one(o.spans, 'SELECT users').parentSpanId).toBe(one(o.spans, 'loadUser').spanId);
    expect(one(o.spans, 'chargeCard').parentSpanId).toBe(server.spanId);
    const client = one(o.spans, 'HTTP GET', 'frontend');
    expect(one(o.spans, 'GET', 'inventory').parentSpanId).toBe(client.spanId);
    expect(one(o.spans, 'reserveStock').parentSpanId).toBe(one(o.spans, 'GET', 'inventory').spanId);
  });

  it('3.1: a dropped ctx makes the query loadUser\'s sibling, and context.Background() a new root trace', async () => {
    const o = await otel.run('context-propagation', 'dropped-ctx');
    const server = one(o.spans, 'GET', 'frontend');
    expect(one(o.spans, 'SELECT users').parentSpanId).toBe(server.spanId);
    const charge = one(o.spans, 'chargeCard');
    expect(charge.parentSpanId).toBe('');
    expect(charge.traceId).not.toBe(server.traceId);
    expect(byTrace(o.spans).size).toBe(2);
  });

  it('3.1: without otel.SetTextMapPropagator no traceparent is sent: the inventory starts its own, parentless trace', async () => {
    const o = await otel.run('context-propagation', 'no-propagator');
    expect(o.stdout).toContain('inventory: incoming traceparent=""');
    const inventory = one(o.spans, 'GET', 'inventory');
    expect(inventory.parentSpanId).toBe('');
    expect(inventory.traceId).not.toBe(one(o.spans, 'GET', 'frontend').traceId);
    expect(byTrace(o.spans).size).toBe(2);
  });

  it('3.2: defer span.End() runs on panic: an "exception" event, status Unset; WithoutPanicRecording drops the event', async () => {
    const recovered = await otel.run('end-on-panic', 'recovered');
    const handle = one(recovered.spans, 'handle');
    expect(handle.statusCode).toBe(0);
    expect(handle.events).toEqual([{ name: 'exception', attributes: { 'exception.type': '.string', 'exception.message': 'upstream unavailable' } }]);

    const stack = one((await otel.run('end-on-panic', 'stack-trace')).spans, 'handle');
    expect(stack.events[0].attributes['exception.stacktrace']).toMatch(/^goroutine \d+ \[running\]:\n/);

    const without = await otel.run('end-on-panic', 'without-recording');
    expect(one(without.spans, 'handle').events).toEqual([]);

    const status = one((await otel.run('end-on-panic', 'status-error')).spans, 'handle');
    expect(status.statusCode).toBe(ERROR);
    expect(status.statusMessage).toBe('upstream unavailable');
    // Only RecordError's event: the deferred recover() ended the panic before End ran.
    expect(status.events).toEqual([{ name: 'exception', attributes: { 'exception.type': '*errors.errorString', 'exception.message': 'panic: upstream unavailable' } }]);
  });

  it('3.2: an unrecovered panic still runs the deferred Shutdown; a worker\'s panic and os.Exit lose the queued spans', async () => {
    const unrecovered = await otel.run('end-on-panic', 'unrecovered');
    expect(unrecovered.exitCode).toBe(2);
    expect(unrecovered.stdout).toContain('deferred tp.Shutdown ran: err=<nil>');
    expect(unrecovered.stderr).toContain('panic: upstream unavailable [recovered, repanicked]');
    expect(names(unrecovered.spans)).toEqual(['handle', 'load config']);
    expect(one(unrecovered.spans, 'handle').events.map((e) => e.name)).toEqual(['exception']);

    const worker = await otel.run('end-on-panic', 'worker-panic');
    expect(worker.exitCode).toBe(2);
    expect(worker.stdout).not.toContain('deferred tp.Shutdown ran');
    expect(worker.spans).toEqual([]);

    const exit = await otel.run('end-on-panic', 'os-exit');
    expect(exit.exitCode).toBe(3);
    expect(exit.spans).toEqual([]);

    const runThenExit = await otel.run('end-on-panic', 'run-then-exit');
    expect(runThenExit.exitCode).toBe(1);
    expect(names(runThenExit.spans)).toEqual(['load config']);
  });

  it('3.3: a goroutine given r.Context() outlives its parent span and its call fails with "context canceled"', async () => {
    const o = await otel.run('async-goroutines', 'request-ctx');
    const server = one(o.spans, 'POST', 'orders');
    const email = one(o.spans, 'sendEmail');
    expect(email.parentSpanId).toBe(server.spanId);
    expect(email.end > server.end).toBe(true);
    expect(email.statusCode).toBe(ERROR);
    expect(email.statusMessage).toMatch(/context canceled$/);
    expect(o.spans.filter((s) => s.service === 'mailer')).toEqual([]);
  });

  it('3.3: WithoutCancel + WithNewRoot + WithLinks: the email goes out in a trace of its own, linked to the request', async () => {
    const o = await otel.run('async-goroutines', 'detached');
    const server = one(o.spans, 'POST', 'orders');
    const email = one(o.spans, 'sendEmail');
    expect(email.parentSpanId).toBe('');
    expect(email.traceId).not.toBe(server.traceId);
    expect(email.links).toEqual([{ traceId: server.traceId, spanId: server.spanId }]);
    expect(email.statusCode).toBe(0);
    expect(one(o.spans, 'POST', 'mailer').traceId).toBe(email.traceId);
  });

  it('5.1: each recording span is a runtime/trace task named after it; trace.Log carries the span\'s trace ID', async () => {
    const o = await otel.run('runtime-task', 'default');
    const checkout = one(o.spans, 'checkout');
    const facts = executionTraceFacts(path.join(o.outDir, 'runtime-task.trace'));
    expect(facts.taskTypes).toEqual(['checkout', 'charge']);
    expect(facts.logs).toEqual([{ category: 'trace_id', message: checkout.traceId }]);
  });
});
