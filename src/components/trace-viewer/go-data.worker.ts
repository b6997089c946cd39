/**
 * go tool trace's analyses of one trace (src/analysis/go), off the page's thread: the summaries and
 * mutator utilization in one streaming pass, then the blocking profiles in another. Posts progress,
 * then the result (plain data) or an error. The page (go-data.ts) builds the MMU curves from the
 * utilization. The regions are summed up here into types (their latency and slowest instances) and
 * not posted: a large trace has millions, and copying them to the page doubled its memory.
 */
import { allMmuFlags, goAnalysesOfStream, type GoAnalysesWithUtil } from '../../analysis/go/index.ts';
import { BlockingProfiles } from '../../analysis/go/pprof.ts';
import { readEventBatchesAsync } from '../../trace/index.ts';
import { latencyTypes, type LatencyType } from './views/latency.ts';

export interface GoWorkerResult { analyses: GoAnalysesWithUtil; regionTypes: LatencyType[]; taskTypes: LatencyType[] }

export type GoWorkerMessage =
  | { type: 'progress'; read: number; total: number }
  | { type: 'done'; result: GoWorkerResult }
  | { type: 'error'; message: string };

const post = (m: GoWorkerMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<{ source: Blob }>) => {
  const { source } = e.data;
  try {
    const total = source.size;
    // Two passes over the file, reported as one run: each is half of it.
    const a = await goAnalysesOfStream(source.stream() as ReadableStream<Uint8Array>, {
      mmuFlags: allMmuFlags.filter((f) => !f.perProc),
      onProgress: (read) => post({ type: 'progress', read: read / 2, total }),
    });
    // The summaries' pass does not compute the blocking profiles yet (GoAnalyser in
    // src/analysis/go/index.ts): until it does, they are a pass of their own.
    if (Object.values(a.profiles).every((p) => p.length === 0)) {
      const bp = new BlockingProfiles();
      let read = 0;
      const counted = (async function* () {
        const r = (source.stream() as ReadableStream<Uint8Array>).getReader();
        for (;;) {
          const { done, value } = await r.read();
          if (done) return;
          read += value.length;
          yield value;
        }
      })();
      try {
        for await (const batch of readEventBatchesAsync(counted, 4096)) {
          for (const ev of batch) bp.event(ev);
          post({ type: 'progress', read: total / 2 + read / 2, total });
        }
      } catch (err) {
        // A trace that breaks off: the profiles of the events before the break, as the summaries.
        if (a.error === undefined) throw err;
      }
      a.profiles = bp.finish();
    }
    const regionTypes = latencyTypes(
      (function* () {
        for (const g of a.goroutines) yield* g.regions;
      })(),
      (r) => r.name,
      (r) => (r.start < 0 || r.end < 0 ? null : { start: r.start, end: r.end, goroutine: r.goroutine }),
    );
    const taskTypes = latencyTypes(a.tasks, (t) => t.name, (t) => (t.start < 0 || t.end < 0 ? null : { start: t.start, end: t.end, goroutine: t.goroutines[0] ?? -1 }));
    for (const g of a.goroutines) g.regions = [];
    for (const t of a.tasks) t.regions = [];
    post({ type: 'done', result: { analyses: a, regionTypes, taskTypes } });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
