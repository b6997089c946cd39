/** The page's side of the TypeScript worker (src/exercise-grader/ts.worker.ts): one worker, started on demand. */
import { startBlobWorker } from '../../exercise-grader/blob-worker.ts';
import type { TypeDiagnostic } from '../../exercise-grader/ts.worker.ts';
import tsWorkerUrl from '../../exercise-grader/ts.worker.ts?worker&url';

export type { TypeDiagnostic };

let worker: Worker | null = null;
let failed: string | null = null;
let nextId = 1;
const pending = new Map<number, (d: TypeDiagnostic[] | null) => void>();

function start(): Worker | null {
  if (worker || failed) return worker;
  try {
    worker = startBlobWorker(tsWorkerUrl, 'playground:typescript').worker;
  } catch (error) {
    failed = error instanceof Error ? error.message : String(error);
    return null;
  }
  worker.onmessage = (e: MessageEvent<{ id?: number; diagnostics?: TypeDiagnostic[] }>) => {
    if (e.data.id === undefined) return;
    pending.get(e.data.id)?.(e.data.diagnostics ?? []);
    pending.delete(e.data.id);
  };
  worker.onerror = (e) => {
    e.preventDefault();
    failed = e.message || 'worker error';
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Type errors of the source, or null when the checker is unavailable. */
export function typeCheck(source: string): Promise<TypeDiagnostic[] | null> {
  const w = start();
  if (!w) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.postMessage({ id, source });
  });
}
