/**
 * Runs the reader's TypeScript in the page, graded by the exercise's checks.
 *
 *  1. sucrase, in a long-lived worker, turns it into a CommonJS body (or a syntax error);
 *  2. a fresh worker starts from a blob: the body wrapped as a function, then importScripts of the
 *     grading runtime (run.worker.ts, from the site's own origin). The site's CSP forbids eval, and
 *     this needs none: the blob is the worker's own script (worker-src allows blob:);
 *  3. the traces go in, the report comes out; at the time limit the worker is terminated, so a loop
 *     that never ends costs the page nothing.
 */
import { startBlobWorker } from './blob-worker.ts';
import runtimeUrl from './run.worker.ts?worker&url';
import transpilerUrl from './transpile.worker.ts?worker&url';
import { DEFAULT_TIME_LIMIT_MS, type FromGrader, type RunOutcome } from './protocol.ts';
import type { Transpiled } from './transpile.ts';

/** Loading the runtime is not the reader's time: it gets its own, generous limit. */
const LOAD_LIMIT_MS = 30_000;

let transpiler: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (t: Transpiled) => void>();

function transpileInWorker(source: string): Promise<Transpiled> {
  if (!transpiler) {
    transpiler = startBlobWorker(transpilerUrl, 'playground:transpile').worker;
    transpiler.onmessage = (e: MessageEvent<{ id: number; result: Transpiled }>) => {
      pending.get(e.data.id)?.(e.data.result);
      pending.delete(e.data.id);
    };
    transpiler.onerror = (e) => {
      e.preventDefault();
      for (const resolve of pending.values()) resolve({ ok: false, message: `the TypeScript transpiler failed: ${e.message || 'worker error'}` });
      pending.clear();
      transpiler?.terminate();
      transpiler = null;
    };
  }
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    transpiler!.postMessage({ id, source });
  });
}

/** The reader's module as a function, defined before the runtime loads (no eval: the site's CSP forbids it). */
export function modulePrelude(code: string): string {
  return `self.__fieldGuideModule = function (exports, require, module) {\n${code}\n};\n`;
}

export interface BrowserRun {
  exercise: string;
  source: string;
  traces: Record<string, Uint8Array>;
  timeLimitMs?: number;
  signal?: AbortSignal;
  onLog?: (text: string) => void;
  /** The code is running now (the runtime has loaded). */
  onStarted?: () => void;
}

export async function runExerciseInBrowser(run: BrowserRun): Promise<RunOutcome> {
  const t = await transpileInWorker(run.source);
  if (!t.ok) return { kind: 'syntax', message: t.message, line: t.line, column: t.column };
  const limit = run.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const logs: string[] = [];
  return new Promise<RunOutcome>((resolve) => {
    let worker: Worker;
    let revoke: () => void;
    try {
      ({ worker, revoke } = startBlobWorker(runtimeUrl, `playground:${run.exercise}`, modulePrelude(t.code)));
    } catch (error) {
      resolve({ kind: 'crash', message: error instanceof Error ? error.message : String(error), logs });
      return;
    }
    let started = 0;
    let settled = false;
    let timer = setTimeout(() => finish({ kind: 'crash', message: 'the runtime did not load in time', logs }), LOAD_LIMIT_MS);
    const onAbort = () => finish({ kind: 'crash', message: 'cancelled', logs });
    run.signal?.addEventListener('abort', onAbort);
    function finish(outcome: RunOutcome) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.terminate();
      revoke();
      run.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    }
    worker.onmessage = (event: MessageEvent<FromGrader>) => {
      const msg = event.data;
      switch (msg.type) {
        case 'ready': {
          clearTimeout(timer);
          started = performance.now();
          timer = setTimeout(() => finish({ kind: 'timeout', ms: limit, logs }), limit);
          const copies = Object.fromEntries(Object.entries(run.traces).map(([k, v]) => [k, v.slice()]));
          worker.postMessage({ type: 'grade', exercise: run.exercise, traces: copies }, Object.values(copies).map((b) => b.buffer));
          run.onStarted?.();
          break;
        }
        case 'log':
          logs.push(msg.text);
          run.onLog?.(msg.text);
          break;
        case 'report':
          finish({ kind: 'graded', report: msg.report, logs, ms: performance.now() - started });
          break;
        case 'error':
          finish({ kind: 'crash', message: msg.message, logs });
          break;
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish({ kind: 'crash', message: event.message || 'the code could not be loaded', logs });
    };
  });
}

const traceCache = new Map<string, Promise<Uint8Array>>();

/** A recorded trace from the site (<base>traces/NAME, the pages of src/pages/traces), fetched once. */
export function fetchRecordedTrace(base: string, name: string): Promise<Uint8Array> {
  const url = `${base.endsWith('/') ? base : base + '/'}traces/${encodeURIComponent(name)}`;
  let p = traceCache.get(url);
  if (!p) {
    p = fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`${res.status} ${res.statusText} (${url})`);
      return new Uint8Array(await res.arrayBuffer());
    });
    p.catch(() => traceCache.delete(url));
    traceCache.set(url, p);
  }
  return p;
}
