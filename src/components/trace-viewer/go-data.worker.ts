/**
 * go tool trace's analyses of one trace (src/analysis/go), off the page's thread: the summaries and
 * mutator utilization in one streaming pass, then the blocking profiles. Posts progress, then the
 * result (plain data) or an error. The page (go-data.ts) builds the MMU curves from the utilization.
 */
import { allMmuFlags, goAnalysesOfStream } from '../../analysis/go/index.ts';
import { blockingProfilesOf } from '../../analysis/go/pprof.ts';

export type GoWorkerMessage =
  | { type: 'progress'; read: number; total: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof goAnalysesOfStream>> }
  | { type: 'error'; message: string };

const post = (m: GoWorkerMessage) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<{ source: Blob }>) => {
  const { source } = e.data;
  try {
    const a = await goAnalysesOfStream(source.stream() as ReadableStream<Uint8Array>, {
      mmuFlags: allMmuFlags.filter((f) => !f.perProc),
      onProgress: (read) => post({ type: 'progress', read, total: source.size }),
    });
    // The summaries' pass does not compute the blocking profiles yet (GoAnalyser in
    // src/analysis/go/index.ts): until it does, they are a pass of their own.
    if (Object.values(a.profiles).every((p) => p.length === 0)) a.profiles = blockingProfilesOf(new Uint8Array(await source.arrayBuffer()));
    post({ type: 'done', result: a });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
