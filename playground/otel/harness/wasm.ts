// The browser build of the OpenTelemetry scenarios (cmd/otel-wasm → public/go/otel-scenarios.wasm),
// run under Node the way the page's worker runs it (src/go-wasm/go-scenario.worker.ts): Go's
// wasm_exec.js with its own stub file system (no files, as in a browser), output captured from
// fs.writeSync, spans from globalThis.otelSpans and the execution trace from goTraceWrite. No Go
// toolchain is needed, so the tests of the committed build run anywhere.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Span } from './received.ts';
import type { SpanRecord } from '../../../src/go-wasm/spans.ts';
import type { GoInstance } from '../../scripts/go-build-info.ts';

export const root = path.resolve(import.meta.dirname, '../../..');
export const committedWasm = path.join(root, 'public/go/otel-scenarios.wasm');
export const committedInfo = path.join(root, 'public/go/otel-build-info.json');

/** A span as the page receives it (inpage.Span): the page's own type, times in ns since the program started. */
export type PageSpan = SpanRecord;

export interface WasmRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  spans: PageSpan[];
  /** The execution trace, empty when none was recorded. */
  trace: Uint8Array;
  ms: number;
}


const modules = new Map<string, Promise<WebAssembly.Module>>();
let wasmExecLoaded: Promise<unknown> | null = null;

/**
 * Runs the wasm once with argv (after the program name). Runs in this process, one at a time:
 * the program's globals (otelSpans, goTraceWrite, fs.writeSync) are this run's until it exits.
 */
export async function runOtelWasm(args: string[], wasm = committedWasm): Promise<WasmRun> {
  wasmExecLoaded ??= import(path.join(root, 'public/go/wasm_exec.js'));
  await wasmExecLoaded;
  if (!modules.has(wasm)) modules.set(wasm, WebAssembly.compile(readFileSync(wasm)));
  const module = await modules.get(wasm)!;

  const g = globalThis as unknown as Record<string, unknown> & { fs: { writeSync: (fd: number, b: Uint8Array) => number } };
  const decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
  const out = { 1: '', 2: '' };
  g.fs.writeSync = (fd, buf) => {
    if (fd === 1 || fd === 2) out[fd] += decoders[fd].decode(buf, { stream: true });
    return buf.length;
  };
  const spans: PageSpan[] = [];
  const chunks: Uint8Array[] = [];
  g.otelSpans = (json: string) => spans.push(...JSON.parse(json));
  g.goTraceWrite = (chunk: Uint8Array) => chunks.push(chunk.slice());
  g.goTraceDone = () => {};

  const Go = g.Go as new () => GoInstance;
  const go = new Go();
  go.argv = ['otel', ...args];
  go.env = {};
  let exitCode = 0;
  go.exit = (code) => {
    exitCode = code;
  };
  const t = performance.now();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  await go.run(instance);
  // Timers the Go runtime left would wake an exited program.
  for (const timer of go._scheduledTimeouts.values()) clearTimeout(timer);
  go._scheduledTimeouts.clear();
  const trace = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    trace.set(c, at);
    at += c.byteLength;
  }
  return { exitCode, stdout: out[1], stderr: out[2], spans, trace, ms: performance.now() - t };
}

/** Page spans as the harness reads the Collector's (received.ts), for describeSpans and summarise. */
export function asReceived(spans: PageSpan[]): Span[] {
  return spans.map((s, line) => ({ ...s, start: BigInt(Math.round(s.start)), end: BigInt(Math.round(s.end)), line }));
}
