// Messages between the page (client.ts) and the analysis worker (worker.ts).
//
// The page sends one `start` (a Blob/File, an ArrayBuffer, or 'stream' followed by `chunk`s and an
// `end`), may send `cancel`; the worker answers with `progress` messages and exactly one of
// `done` (the model, its typed arrays' buffers transferred), `cancelled` or `failed`.
//
// A large File is read by two workers at once (client.ts, part.ts):
//  - `start` with `split`: the worker looks for the generation boundary nearest `split.at` and says
//    where (`cut`, offset -1 for none). With a cut it reads from there on as a continuation and
//    answers `part`; without one it reads the whole file and answers `done`.
//  - `start` with `first`: the worker reads the Blob (the bytes before the cut) and answers
//    `part-ready` (or `done`, if reading failed: one reading stops there too). Given the other
//    part in `join`, it answers `done` with the joined model, or `join-refused`.
//
// go tool trace's analyses (src/analysis/go) are a second reading of the same source, in a worker of
// their own: `go-analyses` (a Blob/File or an ArrayBuffer), answered by `progress` messages and one
// of `go-done`, `cancelled` or `failed`. They are not split in two: Go's algorithms carry state from
// a trace's first event to its last, and cannot be joined across a cut. The page's views ask for
// `go-view` instead, answered by `go-view-done` with the lean GoViewSummary (go/index.ts): per-type
// figures, not the millions of regions a large trace has (those would not survive the copy to the page).

import type { GoAnalysesData, GoViewSummary } from './go/index.ts';
import type { AnalysisPart } from './part.ts';
import type { TraceModel } from './model.ts';

export type ToWorker =
  | { type: 'start'; source: Blob | ArrayBuffer | 'stream'; totalBytes?: number; split?: { at: number }; first?: boolean }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'end' }
  | { type: 'join'; part: AnalysisPart; totalBytes: number }
  | { type: 'go-analyses'; source: Blob | ArrayBuffer }
  | { type: 'go-view'; source: Blob | ArrayBuffer }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; bytesRead: number; totalBytes: number; events: number }
  | { type: 'cut'; offset: number }
  | { type: 'part'; part: AnalysisPart }
  | { type: 'part-ready' }
  | { type: 'join-refused' }
  | { type: 'done'; model: TraceModel }
  | { type: 'go-done'; result: GoAnalysesData }
  | { type: 'go-view-done'; result: GoViewSummary }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

/** Every typed array's buffer in the model (or a part), to transfer rather than copy it across threads. */
export function transferables(model: TraceModel | AnalysisPart): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
      return;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
    for (const x of Object.values(v)) visit(x);
  };
  for (const [key, value] of Object.entries(model)) {
    // Strings, stacks, goroutines and tasks are plain data (cloned); tables hold the typed arrays.
    if (key === 'strings' || key === 'stacks' || key === 'goroutines' || key === 'tasks' || key === 'g' || key === 'assumed') continue;
    visit(value);
  }
  return [...out];
}
