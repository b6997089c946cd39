// A one-worker runner with a per-case deadline. A case that does not answer
// within the deadline is reported as a hang and the worker is replaced.

import { Worker } from 'node:worker_threads';
import type { CaseResult } from './check.ts';
import type { ReadAs } from '../../../src/trace/index.ts';

export type PoolResult = CaseResult | { outcome: 'hang'; events: 0; ms: number; error: string };

export class CaseRunner {
  private worker: Worker | null = null;
  private nextId = 0;
  private pending: { id: number; resolve: (r: PoolResult) => void } | null = null;

  private start(): Worker {
    const w = new Worker(new URL('./worker.ts', import.meta.url));
    w.on('message', (m: { id: number; result: CaseResult }) => {
      if (this.pending && this.pending.id === m.id) {
        const p = this.pending;
        this.pending = null;
        p.resolve(m.result);
      }
    });
    w.on('error', (e) => {
      if (this.pending) {
        const p = this.pending;
        this.pending = null;
        p.resolve({ outcome: 'crash', events: 0, ms: 0, error: `worker error: ${e.message}`, stack: e.stack });
      }
      this.worker = null;
    });
    w.unref();
    this.worker = w;
    return w;
  }

  run(data: Uint8Array, deadlineMs: number, readAs: ReadAs = 'go1.27'): Promise<PoolResult> {
    const w = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<PoolResult>((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = null;
        void w.terminate();
        this.worker = null;
        resolve({ outcome: 'hang', events: 0, ms: deadlineMs, error: `no result within ${deadlineMs} ms` });
      }, deadlineMs);
      this.pending = {
        id,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      w.postMessage({ id, data, readAs });
    });
  }

  async close(): Promise<void> {
    if (this.worker) await this.worker.terminate();
    this.worker = null;
  }
}
