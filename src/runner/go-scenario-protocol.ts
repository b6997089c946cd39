/** Messages between the page (go-scenarios.ts) and the worker that runs a Go scenario (go-scenario.worker.ts). */

export type RunState = 'loading' | 'running' | 'done' | 'failed';

export interface RunRequest {
  type: 'run';
  /** URL of the scenarios WebAssembly binary and of Go's wasm_exec.js from the same Go release. */
  wasmUrl: string;
  wasmExecUrl: string;
  argv: string[];
  env: Record<string, string>;
}

export type WorkerMessage =
  | { type: 'state'; state: RunState }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; trace: Uint8Array; stderrBytes: Uint8Array; exitCode: number }
  | { type: 'error'; message: string };
