/// <reference lib="webworker" />
/**
 * Runs one Go program compiled to WebAssembly and sends back its trace: a Go scenario
 * (playground/go/cmd/wasm or cmd/casestudy-wasm) or an OpenTelemetry scenario
 * (playground/otel/cmd/otel-wasm), which also hands over its spans through globalThis.otelSpans as
 * it exports them.
 *
 * A classic worker, because Go's wasm_exec.js is a plain script loaded with importScripts from the
 * site's own origin. One worker runs one program: the page ends it when the program exits or when
 * the time limit passes, so a runaway program can never take the page with it.
 *
 * The Go side writes trace bytes through globalThis.goTraceWrite (playground/go/internal/wasmhost);
 * stdout and stderr reach wasm_exec.js's fs.writeSync, which is replaced here to capture them by
 * stream.
 *
 * A scenario that offers snapshots (the flight recorder) says so through globalThis.goSnapshotOffer
 * and publishes globalThis.goSnapshot while it runs; a snapshot request from the page calls it, and
 * the bytes come back through globalThis.goSnapshotDone. Go runs the page's request only when every
 * goroutine of the program is blocked: the scenarios block often, so the message waits little.
 */
import type { PageMessage, RunRequest, SnapshotOffer, WorkerMessage } from './go-scenario-protocol.ts';

declare const self: DedicatedWorkerGlobalScope;
declare const Go: new () => {
  argv: string[];
  env: Record<string, string>;
  exit: (code: number) => void;
  importObject: WebAssembly.Imports;
  run: (instance: WebAssembly.Instance) => Promise<void>;
};

const post = (message: WorkerMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer);

async function fetchWithProgress(url: string, expectedBytes = 0): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  // A compressed response's Content-Length counts compressed bytes; the body is read decompressed.
  const compressed = (response.headers.get('content-encoding') ?? '') !== '';
  const total = (!compressed && Number(response.headers.get('content-length') ?? 0)) || expectedBytes;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    post({ type: 'progress', loaded, total });
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

class ByteSink {
  private chunks: Uint8Array[] = [];
  private size = 0;
  push(chunk: Uint8Array) {
    this.chunks.push(chunk.slice());
    this.size += chunk.byteLength;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const c of this.chunks) {
      out.set(c, offset);
      offset += c.byteLength;
    }
    return out;
  }
}

async function run(req: RunRequest) {
  post({ type: 'state', state: 'loading' });
  importScripts(req.wasmExecUrl);
  const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  // stderr is also kept as raw bytes: a program that traces to os.Stderr (the corrupted-output
  // scenario) writes its trace there, and text decoding would destroy it.
  const stderrBytes = new ByteSink();
  const fs = (globalThis as unknown as { fs: { writeSync: (fd: number, buf: Uint8Array) => number } }).fs;
  fs.writeSync = (fd, buf) => {
    const stream = fd === 2 ? 'stderr' : 'stdout';
    if (stream === 'stderr') stderrBytes.push(buf);
    post({ type: 'output', stream, text: decoder[stream].decode(buf, { stream: true }) });
    return buf.length;
  };

  const trace = new ByteSink();
  const g = globalThis as unknown as Record<string, unknown>;
  g.goTraceWrite = (chunk: Uint8Array) => trace.push(chunk);
  g.goTraceDone = () => {};
  g.otelSpans = (json: string) => post({ type: 'spans', json: String(json) });
  g.goSnapshotOffer = (offer: SnapshotOffer | null) => {
    post({ type: 'snapshots', offer: offer ? { region: String(offer.region), thresholdNs: Number(offer.thresholdNs) } : null });
  };

  const wasm = await fetchWithProgress(req.wasmUrl, req.wasmBytes);
  const go = new Go();
  go.argv = req.argv;
  go.env = req.env;
  let exitCode = 0;
  go.exit = (code) => {
    exitCode = code;
  };
  const { instance } = await WebAssembly.instantiate(wasm.buffer as ArrayBuffer, go.importObject);
  post({ type: 'state', state: 'running' });
  await go.run(instance);
  // A snapshot still being written when the program ended never arrives.
  for (const id of pendingSnapshots) post({ type: 'snapshot-failed', id, message: 'the program ended before the snapshot was written' });
  pendingSnapshots.length = 0;
  const bytes = trace.bytes();
  const stderr = stderrBytes.bytes();
  post({ type: 'done', trace: bytes, stderrBytes: stderr, exitCode }, [bytes.buffer, stderr.buffer]);
}

/** Snapshot requests Go has not answered yet, oldest first: goSnapshotDone answers the oldest. */
const pendingSnapshots: number[] = [];

function snapshot(id: number) {
  const g = globalThis as unknown as Record<string, unknown>;
  const take = g.goSnapshot;
  if (typeof take !== 'function') {
    post({ type: 'snapshot-failed', id, message: 'the program does not offer snapshots (any more)' });
    return;
  }
  pendingSnapshots.push(id);
  g.goSnapshotDone = (bytes: Uint8Array | null, error: string) => {
    const answered = pendingSnapshots.shift();
    if (answered === undefined) return;
    if (bytes) post({ type: 'snapshot', id: answered, trace: bytes }, [bytes.buffer]);
    else post({ type: 'snapshot-failed', id: answered, message: error || 'no snapshot' });
  };
  take();
}

self.onmessage = (event: MessageEvent<PageMessage>) => {
  switch (event.data?.type) {
    case 'run':
      run(event.data).catch((error: unknown) => {
        post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      });
      break;
    case 'snapshot':
      snapshot(event.data.id);
      break;
  }
};
