// Messages between the page (client.ts) and the analysis worker (worker.ts).
//
// The page sends one `start` (a Blob/File, an ArrayBuffer, or 'stream' followed by `chunk`s and an
// `end`), may send `cancel`; the worker answers with `progress` messages and exactly one of
// `done` (the model, its typed arrays' buffers transferred), `cancelled` or `failed`.

import type { TraceModel } from './model.ts';

export type ToWorker =
  | { type: 'start'; source: Blob | ArrayBuffer | 'stream'; totalBytes?: number }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'end' }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; bytesRead: number; totalBytes: number; events: number }
  | { type: 'done'; model: TraceModel }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

/** Every typed array's buffer in the model, to transfer rather than copy it across threads. */
export function transferables(model: TraceModel): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
      return;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
    for (const x of Object.values(v)) visit(x);
  };
  for (const key of Object.keys(model) as (keyof TraceModel)[]) {
    // Strings, stacks, goroutines and tasks are plain data (cloned); tables hold the typed arrays.
    if (key === 'strings' || key === 'stacks' || key === 'goroutines' || key === 'tasks') continue;
    visit(model[key]);
  }
  return [...out];
}
