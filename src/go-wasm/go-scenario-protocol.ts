/**
 * Messages between the page (go-scenarios.ts) and the worker that runs a Go program compiled to
 * WebAssembly (go-scenario.worker.ts): a Go scenario (public/go/scenarios.wasm, or casestudy.wasm for
 * chapter 6) or an OpenTelemetry scenario (public/go/otel-scenarios.wasm). The binaries come from one
 * Go release and follow the same contract; an OpenTelemetry scenario also hands over its spans.
 */

export type RunState = 'loading' | 'running' | 'done' | 'failed';

export interface RunRequest {
  type: 'run';
  /** URL of the scenario's WebAssembly binary and of Go's wasm_exec.js from the same Go release. */
  wasmUrl: string;
  wasmExecUrl: string;
  /** The binary's size, for the progress bar when the server compresses it (no Content-Length then). */
  wasmBytes?: number;
  argv: string[];
  env: Record<string, string>;
}

/** Asks the running program for a snapshot of its recent past (a scenario that offers one). */
export interface SnapshotRequest {
  type: 'snapshot';
  /** Echoed in the answer, so an answer is never taken for another request's. */
  id: number;
}

export type PageMessage = RunRequest | SnapshotRequest;

/**
 * What a running scenario offers: snapshots (its flight recorder's WriteTo), and what the page marks
 * in one: the slowest region of this name, slow when it lasts longer than thresholdNs.
 */
export interface SnapshotOffer {
  region: string;
  thresholdNs: number;
}

export type WorkerMessage =
  | { type: 'state'; state: RunState }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  /** The program offers snapshots (offer) or withdraws its offer (null). */
  | { type: 'snapshots'; offer: SnapshotOffer | null }
  | { type: 'snapshot'; id: number; trace: Uint8Array }
  | { type: 'snapshot-failed'; id: number; message: string }
  /** Spans an OpenTelemetry scenario exported (or its simulated Collector received): a JSON array. */
  | { type: 'spans'; json: string }
  | { type: 'done'; trace: Uint8Array; stderrBytes: Uint8Array; exitCode: number }
  | { type: 'error'; message: string };
