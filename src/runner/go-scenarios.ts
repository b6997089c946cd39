/**
 * Runs a Go scenario in the page and returns the fresh execution trace it recorded.
 *
 * The scenarios are real Go programs (playground/go), compiled to one WebAssembly binary that the
 * browser fetches only when a reader presses Run. Each run gets its own Web Worker, so the page stays
 * responsive and a program that never ends is stopped at the time limit with a clear message.
 *
 * WebAssembly Go has one thread (GOMAXPROCS=1): scenarios about parallel scheduling are shown from
 * recorded native traces instead (playground/traces).
 */
import type { RunState, WorkerMessage } from './go-scenario-protocol.ts';

export type { RunState } from './go-scenario-protocol.ts';

export interface ScenarioRequest {
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
  /** Base URL of the site (import.meta.env.BASE_URL), where go/scenarios.wasm lives. */
  base: string;
}

export interface ScenarioResult {
  trace: Uint8Array;
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
  signal?: AbortSignal;
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

export function scenarioArgv(req: Pick<ScenarioRequest, 'scenario' | 'variant' | 'params'>): string[] {
  const flags = Object.entries(req.params ?? {}).map(([k, v]) => `-${k}=${String(v)}`);
  return ['scenario', req.scenario, `-variant=${req.variant}`, ...flags];
}

export function runScenario(req: ScenarioRequest, callbacks: RunCallbacks = {}): Promise<ScenarioResult> {
  const started = performance.now();
  const base = req.base.endsWith('/') ? req.base : req.base + '/';
  const output = { stdout: '', stderr: '' };
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./go-scenario.worker.ts', import.meta.url), { name: `go:${req.scenario}` });
    const finish = (error?: Error) => {
      clearTimeout(timer);
      worker.terminate();
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

    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
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
        case 'done':
          finish();
          callbacks.onState?.('done');
          resolve({
            trace: req.traceFrom === 'stderr' ? msg.stderrBytes : msg.trace,
            ...output,
            exitCode: msg.exitCode,
            durationMs: performance.now() - started,
          });
          break;
        case 'error':
          finish(new ScenarioError(`The Go program could not run: ${msg.message}`, output));
          break;
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(new ScenarioError(`The Go runtime failed to start: ${event.message || 'worker error'}`, output));
    };
    worker.postMessage({
      type: 'run',
      wasmUrl: `${base}go/scenarios.wasm`,
      wasmExecUrl: `${base}go/wasm_exec.js`,
      argv: scenarioArgv(req),
      env: req.env ?? {},
    });
  });
}
