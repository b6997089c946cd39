// The page's side of the analysis worker: one call, one worker, terminated afterwards.

import type { TraceModel } from './model.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

export interface AnalyseInWorkerOptions {
  /** Bytes read of `totalBytes`, events analysed so far. */
  onProgress?(bytesRead: number, totalBytes: number, events: number): void;
  /** Aborting cancels the analysis: the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * Analyses a trace file in a Web Worker. Resolves with the model (a broken trace still resolves:
 * see model.error); rejects with an AbortError when cancelled, or an Error with the worker's message.
 */
export function analyseInWorker(file: Blob | ArrayBuffer, opts: AnalyseInWorkerOptions = {}): Promise<TraceModel> {
  const { onProgress, signal } = opts;
  return new Promise<TraceModel>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The analysis was cancelled', 'AbortError'));
      return;
    }
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      fn();
    };
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      // Do not wait for the worker's 'cancelled': the caller asked to stop now.
      settle(() => reject(new DOMException('The analysis was cancelled', 'AbortError')));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const msg = e.data;
      switch (msg.type) {
        case 'progress': onProgress?.(msg.bytesRead, msg.totalBytes, msg.events); break;
        case 'done': settle(() => resolve(msg.model)); break;
        case 'cancelled': settle(() => reject(new DOMException('The analysis was cancelled', 'AbortError'))); break;
        case 'failed': settle(() => reject(new Error(`Trace analysis failed: ${msg.message}`))); break;
      }
    };
    worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      settle(() => reject(new Error(`Trace analysis failed: ${e.message || 'the analysis worker could not run'}`)));
    };
    worker.onmessageerror = () => settle(() => reject(new Error('Trace analysis failed: the result could not be received')));
    // A transferred ArrayBuffer would be detached for the caller; copy nothing, send as is (structured clone).
    worker.postMessage({ type: 'start', source: file } satisfies ToWorker);
  });
}
