// Lesson 4.4, run under the race detector (otel-scenario built with -race): 50 concurrent requests
// through otelhttp with contrib's otelhttptrace, checked in what the Collector received.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../playground/otel/harness/execute.ts';
import { haveOtelToolchain, otelFixture } from './toolchain-gate.ts';

const count = (o: Outcome, service: string, name: string) => o.spans.filter((s) => s.service === service && s.name === name).length;
const raceReports = (o: Outcome) => (o.stderr.match(/WARNING: DATA RACE/g) ?? []).length;

describe.skipIf(!haveOtelToolchain('OpenTelemetry httptrace under -race (4.4)'))('OpenTelemetry httptrace under -race (4.4)', () => {
  const otel = otelFixture();

  it('a ClientTrace per request (otelhttp.WithClientTrace): no race; each request\'s phases are spans under its client span', async () => {
    const o = await otel.run('httptrace-race', 'per-request');
    expect(raceReports(o)).toBe(0);
    expect(o.exitCode).toBe(0);
    expect(o.stdout).toContain('50 requests, 0 failed; backend saw traceparent on 50');
    const clients = o.spans.filter((s) => s.name === 'HTTP GET');
    expect(clients).toHaveLength(50);
    const clientIds = new Set(clients.map((s) => s.spanId));
    for (const phase of ['http.getconn', 'http.headers', 'http.send', 'http.receive']) {
      const spans = o.spans.filter((s) => s.name === phase);
      expect(spans, phase).toHaveLength(50);
      expect(spans.every((s) => clientIds.has(s.parentSpanId)), `${phase} under a client span`).toBe(true);
    }
    // Every backend server span's parent is one of the client spans: traceparent went out.
    expect(o.spans.filter((s) => s.service === 'backend').every((s) => clientIds.has(s.parentSpanId))).toBe(true);
  }, 120_000);

  it('WithoutSubSpans: no race; no phase spans', async () => {
    const o = await otel.run('httptrace-race', 'no-subspans');
    expect(raceReports(o)).toBe(0);
    expect(count(o, 'api', 'http.getconn')).toBe(0);
    expect(count(o, 'api', 'HTTP GET')).toBe(50);
  }, 120_000);

  it('one ClientTrace shared by concurrent requests: the race detector reports clientTracer.start (its root field), exit status 66 (up to 5 runs)', async () => {
    const o = await otel.run('httptrace-race', 'shared');
    expect(o.exitCode).toBe(66);
    expect(raceReports(o)).toBeGreaterThan(0);
    expect(o.stderr).toMatch(/otelhttptrace\.\(\*clientTracer\)\.start\(\)\n\s+go\.opentelemetry\.io\/contrib\/instrumentation\/net\/http\/httptrace\/otelhttptrace\/clienttrace\.go:20\d/);
    // The phases of each request hang under its fan-out's span (the shared trace's context), not
    // under the request's own client span.
    const fanOuts = new Set(o.spans.filter((s) => s.name === 'fan-out').map((s) => s.spanId));
    expect(fanOuts.size).toBe(10);
    const getconn = o.spans.filter((s) => s.name === 'http.getconn');
    expect(getconn).toHaveLength(50);
    expect(getconn.every((s) => fanOuts.has(s.parentSpanId))).toBe(true);
  }, 120_000);

  it('the seed article\'s GotConn header write: no race, and the header never arrives (otelhttp sends a clone); otelhttp\'s own traceparent does', async () => {
    const o = await otel.run('httptrace-race', 'gotconn-header');
    expect(raceReports(o)).toBe(0);
    expect(o.stdout).toContain('50 requests, 0 failed; backend saw traceparent on 50, the hook\'s header on 0');
  }, 120_000);
});
