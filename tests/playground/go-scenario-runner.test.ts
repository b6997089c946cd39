// The page's side of a running Go scenario (src/go-wasm/go-scenarios.ts), with a scripted stand-in for
// its Web Worker: snapshots are asked for only while the program offers them, each answer settles its
// own request, and a program that ends or never answers gives a clear error, never a hang.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageMessage, SnapshotOffer, WorkerMessage } from '../../src/go-wasm/go-scenario-protocol.ts';
import { OTEL_BINARY, SNAPSHOT_TIMEOUT_MS, startScenario } from '../../src/go-wasm/go-scenarios.ts';

class FakeWorker {
  static last: FakeWorker;
  sent: PageMessage[] = [];
  terminated = false;
  onmessage: ((e: { data: WorkerMessage }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(msg: PageMessage) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: WorkerMessage) {
    if (!this.terminated) this.onmessage?.({ data });
  }
}

const offer: SnapshotOffer = { region: 'handleRequest', thresholdNs: 100e6 };
const request = { binary: 'go/scenarios.wasm', scenario: 'flight-recorder', variant: 'default', base: '/docs/go-trace/' };
const done: WorkerMessage = { type: 'done', trace: new Uint8Array([1]), stderrBytes: new Uint8Array(), exitCode: 0 };
let saved: unknown;

beforeEach(() => {
  saved = (globalThis as { Worker?: unknown }).Worker;
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
});
afterEach(() => {
  (globalThis as { Worker?: unknown }).Worker = saved;
  vi.useRealTimers();
});

describe('snapshots of a running scenario', () => {
  it('are offered by the program, asked for by id, and answered with the trace', async () => {
    const offers: (SnapshotOffer | null)[] = [];
    const run = startScenario(request, { onSnapshots: (o) => offers.push(o) });
    const w = FakeWorker.last;
    expect(w.sent[0]).toMatchObject({ type: 'run', wasmUrl: '/docs/go-trace/go/scenarios.wasm', argv: ['scenario', 'flight-recorder', '-variant=default'] });
    w.reply({ type: 'snapshots', offer });
    expect(offers).toEqual([offer]);

    const first = run.snapshot();
    const second = run.snapshot();
    expect(w.sent.slice(1)).toEqual([{ type: 'snapshot', id: 1 }, { type: 'snapshot', id: 2 }]);
    // Each answer settles its own request, whatever the order.
    w.reply({ type: 'snapshot', id: 2, trace: new Uint8Array([2]) });
    w.reply({ type: 'snapshot-failed', id: 1, message: 'call to WriteTo for trace.FlightRecorder already in progress' });
    expect(await second).toEqual(new Uint8Array([2]));
    await expect(first).rejects.toThrow('The snapshot failed: call to WriteTo for trace.FlightRecorder already in progress');

    w.reply(done);
    expect((await run.done).exitCode).toBe(0);
    expect(offers).toEqual([offer, null]); // the offer ends with the program
    await expect(run.snapshot()).rejects.toThrow('The program is not running.');
  });

  it('are refused at once when the program offers none', async () => {
    const run = startScenario(request);
    await expect(run.snapshot()).rejects.toThrow('This program offers no snapshot.');
    expect(FakeWorker.last.sent).toHaveLength(1);
    FakeWorker.last.reply({ type: 'snapshots', offer });
    FakeWorker.last.reply({ type: 'snapshots', offer: null }); // withdrawn
    await expect(run.snapshot()).rejects.toThrow('This program offers no snapshot.');
    FakeWorker.last.reply(done);
    await run.done;
  });

  it('fail when the program ends first, or does not answer in time', async () => {
    vi.useFakeTimers();
    const run = startScenario(request, { onState: () => {} });
    const w = FakeWorker.last;
    w.reply({ type: 'snapshots', offer });
    const late = run.snapshot();
    const check = expect(late).rejects.toThrow(`The program did not answer within ${SNAPSHOT_TIMEOUT_MS / 1000} s.`);
    await vi.advanceTimersByTimeAsync(SNAPSHOT_TIMEOUT_MS);
    await check;

    const pending = run.snapshot();
    w.reply(done);
    await expect(pending).rejects.toThrow('The program ended before the snapshot was written.');
    // An answer that comes after its request was settled is ignored.
    expect(() => w.onmessage?.({ data: { type: 'snapshot', id: 2, trace: new Uint8Array() } })).not.toThrow();
    await run.done;
  });
});

describe('an OpenTelemetry scenario', () => {
  const span = (name: string, spanId: string) => ({
    service: 'frontend', resource: { 'service.name': 'frontend' }, scope: 'frontend', traceId: 'ab'.repeat(16), spanId, parentSpanId: '',
    name, kind: 2, statusCode: 0, statusMessage: '', attributes: {}, events: [], links: [], start: 10, end: 20,
  });
  const otel = { binary: OTEL_BINARY, program: 'otel' as const, scenario: 'context-propagation', variant: 'fixed', params: { requests: 5 }, executionTrace: true, base: '/docs/go-trace/', wasmBytes: 123 };

  it('runs the OpenTelemetry binary with its own command line, and returns its spans in the order they came', async () => {
    const run = startScenario(otel);
    const w = FakeWorker.last;
    expect(w.sent[0]).toMatchObject({
      type: 'run', wasmUrl: '/docs/go-trace/go/otel-scenarios.wasm', wasmExecUrl: '/docs/go-trace/go/wasm_exec.js', wasmBytes: 123,
      argv: ['otel', '-scenario=context-propagation', '-variant=fixed', '-p', 'requests=5', '-exectrace'],
    });
    w.reply({ type: 'spans', json: JSON.stringify([span('SELECT users', '01'.repeat(8))]) });
    w.reply({ type: 'spans', json: JSON.stringify([span('GET', '02'.repeat(8))]) });
    w.reply(done);
    const result = await run.done;
    expect(result.spans.map((s) => s.name)).toEqual(['SELECT users', 'GET']);
    expect(result.trace).toEqual(new Uint8Array([1]));
  });

  it('fails with a message that names the field when what the program sent is not a span', async () => {
    const run = startScenario(otel);
    FakeWorker.last.reply({ type: 'spans', json: JSON.stringify([{ ...span('GET', '02'.repeat(8)), start: 'soon' }]) });
    FakeWorker.last.reply(done);
    await expect(run.done).rejects.toThrow("The program's spans could not be read: span 1.start is not a number");
    const broken = startScenario(otel);
    FakeWorker.last.reply({ type: 'spans', json: '[{"name":' });
    FakeWorker.last.reply(done);
    await expect(broken.done).rejects.toThrow(/batch 1 of spans is not JSON/);
  });

  it('is cancelled even when the signal fired before the worker was asked', async () => {
    const abort = new AbortController();
    abort.abort();
    const run = startScenario(otel, { signal: abort.signal, onState: () => {} });
    await expect(run.done).rejects.toThrow('The run was cancelled.');
    expect(FakeWorker.last.terminated).toBe(true);
  });
});
