/**
 * Runs a Go scenario in the page and returns the fresh execution trace it recorded.
 *
 * The scenarios are real Go programs, compiled to WebAssembly binaries that the browser fetches only
 * when a reader presses Run: the Go scenarios (playground/go: public/go/scenarios.wasm for the
 * lessons, public/go/casestudy.wasm for chapter 6) and the OpenTelemetry scenarios (playground/otel,
 * public/go/otel-scenarios.wasm), which also return their spans. The request names its binary: a Go
 * box takes it from the build's catalogue (components/go-scenario/catalogue.ts), an OpenTelemetry
 * box uses OTEL_BINARY. Each run gets its own Web Worker, so the page stays responsive and a program
 * that never ends is stopped at the time limit with a clear message.
 *
 * WebAssembly Go has one thread (GOMAXPROCS=1): scenarios about parallel scheduling are shown from
 * recorded native traces instead (playground/traces).
 *
 * A scenario may offer snapshots while it runs (the flight recorder): onSnapshots says when, and the
 * run's snapshot() asks the program for the trace of its recent past.
 */
import type { PageMessage, RunState, SnapshotOffer, WorkerMessage } from './go-scenario-protocol.ts';
import { parseSpans, type SpanRecord } from './spans.ts';

export type { RunState, SnapshotOffer } from './go-scenario-protocol.ts';

export interface ScenarioRequest {
  /**
   * The binary that runs it, as a path under base: for a Go scenario the one the build's catalogue
   * names (binaryFor in components/go-scenario/catalogue.ts), for an OpenTelemetry scenario OTEL_BINARY.
   */
  binary: string;
  /** How the binary takes its command line: a Go scenario's (the default) or an OpenTelemetry scenario's. */
  program?: 'go' | 'otel';
  scenario: string;
  variant: string;
  /** Scenario parameters, passed as -name=value flags. */
  params?: Record<string, string | number | boolean>;
  /** Environment of the Go program, e.g. { GODEBUG: 'gctrace=1' }. */
  env?: Record<string, string>;
  /**
   * Where the program writes its trace: its trace file (the default), or stderr, for the scenario
   * that shows why trace.Start(os.Stderr) corrupts the trace.
   */
  traceFrom?: 'file' | 'stderr';
  /** Stop the program after this long (default 20 s). */
  timeoutMs?: number;
  /** Base URL of the site (import.meta.env.BASE_URL), under which the binary lives. */
  base: string;
  /** OpenTelemetry scenarios: also run the execution tracer, with every span tied to its task. */
  executionTrace?: boolean;
  /** The binary's size, when the page knows it (its build-info): the progress bar's total. */
  wasmBytes?: number;
}

export interface ScenarioResult {
  /** The execution trace; empty when the program recorded none. */
  trace: Uint8Array;
  /** OpenTelemetry scenarios: the spans exported (or received by the simulated Collector), in order. */
  spans: SpanRecord[];
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Wall time of the whole run, loading included. */
  durationMs: number;
}

export interface RunCallbacks {
  onState?: (state: RunState) => void;
  onProgress?: (loaded: number, total: number) => void;
  onOutput?: (stream: 'stdout' | 'stderr', text: string) => void;
  /** The program offers snapshots (offer), or no longer does (null: withdrawn, or the run is over). */
  onSnapshots?: (offer: SnapshotOffer | null) => void;
  signal?: AbortSignal;
}

/** A program running in its worker. */
export interface ScenarioRun {
  /** Settles when the program has exited, failed, overrun its time limit or been cancelled. */
  done: Promise<ScenarioResult>;
  /**
   * Asks the program for a snapshot of its recent past: resolves with the trace bytes; rejects with a
   * ScenarioError if it offers none, if it ends first, or if no answer comes within SNAPSHOT_TIMEOUT_MS.
   */
  snapshot(): Promise<Uint8Array>;
}

export class ScenarioError extends Error {
  readonly output: { stdout: string; stderr: string };
  constructor(message: string, output: { stdout: string; stderr: string }) {
    super(message);
    this.name = 'ScenarioError';
    this.output = output;
  }
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** A snapshot takes milliseconds; a program that does not answer in this time is not going to. */
export const SNAPSHOT_TIMEOUT_MS = 10_000;

export function scenarioArgv(req: Pick<ScenarioRequest, 'scenario' | 'variant' | 'params'>): string[] {
  const flags = Object.entries(req.params ?? {}).map(([k, v]) => `-${k}=${String(v)}`);
  return ['scenario', req.scenario, `-variant=${req.variant}`, ...flags];
}

/** The command line of an OpenTelemetry scenario (playground/otel/cmd/otel-wasm). */
export function otelArgv(req: Pick<ScenarioRequest, 'scenario' | 'variant' | 'params' | 'executionTrace'>): string[] {
  const flags = Object.entries(req.params ?? {}).flatMap(([k, v]) => ['-p', `${k}=${String(v)}`]);
  return ['otel', `-scenario=${req.scenario}`, `-variant=${req.variant}`, ...flags, ...(req.executionTrace ? ['-exectrace'] : [])];
}

/** The OpenTelemetry scenarios' binary, under base (its catalogue: public/go/otel-build-info.json). */
export const OTEL_BINARY = 'go/otel-scenarios.wasm';

export function runScenario(req: ScenarioRequest, callbacks: RunCallbacks = {}): Promise<ScenarioResult> {
  return startScenario(req, callbacks).done;
}

export function startScenario(req: ScenarioRequest, callbacks: RunCallbacks = {}): ScenarioRun {
  const started = performance.now();
  const base = req.base.endsWith('/') ? req.base : req.base + '/';
  const output = { stdout: '', stderr: '' };
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let worker: Worker | null = null;
  let ended = false;
  let offered = false;
  let nextSnapshot = 1;
  const spanBatches: string[] = [];
  const snapshots = new Map<number, { resolve: (trace: Uint8Array) => void; reject: (error: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  const settleSnapshot = (id: number, outcome: Uint8Array | Error) => {
    const pending = snapshots.get(id);
    if (!pending) return;
    snapshots.delete(id);
    clearTimeout(pending.timer);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
  };

  const done = new Promise<ScenarioResult>((resolve, reject) => {
    worker = new Worker(new URL('./go-scenario.worker.ts', import.meta.url), { name: `go:${req.scenario}` });
    const w = worker;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      w.terminate();
      ended = true;
      if (offered) {
        offered = false;
        callbacks.onSnapshots?.(null);
      }
      for (const id of [...snapshots.keys()]) settleSnapshot(id, new ScenarioError('The program ended before the snapshot was written.', output));
      callbacks.signal?.removeEventListener('abort', onAbort);
      if (error) {
        callbacks.onState?.('failed');
        reject(error);
      }
    };
    const timer = setTimeout(() => {
      const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
      finish(new ScenarioError(`The Go program did not finish within ${limit}, so it was stopped.`, output));
    }, timeoutMs);
    const onAbort = () => finish(new ScenarioError('The run was cancelled.', output));
    callbacks.signal?.addEventListener('abort', onAbort);
    // Cancelled before the worker was even asked (a Cancel while the runner was loading).
    if (callbacks.signal?.aborted) queueMicrotask(onAbort);

    w.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const msg = event.data;
      switch (msg.type) {
        case 'state':
          callbacks.onState?.(msg.state);
          break;
        case 'progress':
          callbacks.onProgress?.(msg.loaded, msg.total);
          break;
        case 'output':
          output[msg.stream] += msg.text;
          callbacks.onOutput?.(msg.stream, msg.text);
          break;
        case 'snapshots':
          offered = msg.offer !== null;
          callbacks.onSnapshots?.(msg.offer);
          break;
        case 'snapshot':
          settleSnapshot(msg.id, msg.trace);
          break;
        case 'snapshot-failed':
          settleSnapshot(msg.id, new ScenarioError(`The snapshot failed: ${msg.message}`, output));
          break;
        case 'spans':
          spanBatches.push(msg.json);
          break;
        case 'done': {
          let spans: SpanRecord[];
          try {
            spans = parseSpans(spanBatches);
          } catch (error) {
            finish(new ScenarioError(`The program's spans could not be read: ${error instanceof Error ? error.message : String(error)}`, output));
            break;
          }
          finish();
          callbacks.onState?.('done');
          resolve({
            trace: req.traceFrom === 'stderr' ? msg.stderrBytes : msg.trace,
            spans,
            ...output,
            exitCode: msg.exitCode,
            durationMs: performance.now() - started,
          });
          break;
        }
        case 'error':
          finish(new ScenarioError(`The Go program could not run: ${msg.message}`, output));
          break;
      }
    };
    w.onerror = (event) => {
      event.preventDefault();
      finish(new ScenarioError(`The Go runtime failed to start: ${event.message || 'worker error'}`, output));
    };
    const program = req.program ?? 'go';
    w.postMessage({
      type: 'run',
      wasmUrl: `${base}${req.binary}`,
      wasmExecUrl: `${base}go/wasm_exec.js`,
      wasmBytes: req.wasmBytes,
      argv: program === 'otel' ? otelArgv(req) : scenarioArgv(req),
      env: req.env ?? {},
    } satisfies PageMessage);
  });

  const snapshot = () =>
    new Promise<Uint8Array>((resolve, reject) => {
      if (ended || !worker) return reject(new ScenarioError('The program is not running.', output));
      if (!offered) return reject(new ScenarioError('This program offers no snapshot.', output));
      const id = nextSnapshot++;
      const timer = setTimeout(
        () => settleSnapshot(id, new ScenarioError(`The program did not answer within ${SNAPSHOT_TIMEOUT_MS / 1000} s.`, output)),
        SNAPSHOT_TIMEOUT_MS,
      );
      snapshots.set(id, { resolve, reject, timer });
      worker.postMessage({ type: 'snapshot', id } satisfies PageMessage);
    });
  return { done, snapshot };
}
