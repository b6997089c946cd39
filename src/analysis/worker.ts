// The analysis as a module Web Worker (no DOM): reads a trace, reports progress, can be cancelled,
// and posts the TraceModel back with its typed arrays transferred. Spoken to by client.ts.

import { analyseTrace } from './analyse.ts';
import { transferables, type FromWorker, type ToWorker } from './worker-protocol.ts';

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(msg: FromWorker, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

const abort = new AbortController();
let started = false;
/** Chunks pushed by the page when it streams the trace itself. */
const queue: Uint8Array[] = [];
let ended = false;
let wake: (() => void) | null = null;

async function* pushedChunks(): AsyncGenerator<Uint8Array> {
  for (;;) {
    if (queue.length > 0) yield queue.shift()!;
    else if (ended) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}

function notify(): void {
  const w = wake;
  wake = null;
  w?.();
}

async function run(source: Blob | ArrayBuffer | 'stream', totalBytes: number): Promise<void> {
  // A File is read chunk by chunk (file.stream()): only the generation being read is held, never the
  // whole file, and each chunk is dropped once the reader has copied it.
  const input =
    source === 'stream' ? pushedChunks()
      : source instanceof ArrayBuffer ? new Uint8Array(source)
        : (source.stream() as ReadableStream<Uint8Array>);
  let lastPost = 0;
  try {
    const model = await analyseTrace(input, {
      signal: abort.signal,
      // The file's size lets the tables reserve room for the rows up front (they then grow in place).
      totalBytes: totalBytes > 0 ? totalBytes : undefined,
      onProgress(bytesRead, events) {
        const now = Date.now();
        if (now - lastPost < 50) return; // enough for a progress bar, cheap for the page
        lastPost = now;
        scope.postMessage({ type: 'progress', bytesRead, totalBytes, events });
      },
    });
    if (totalBytes > model.bytes) model.bytes = totalBytes;
    scope.postMessage({ type: 'done', model }, transferables(model));
  } catch (err) {
    if (abort.signal.aborted) scope.postMessage({ type: 'cancelled' });
    else scope.postMessage({ type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      if (started) return;
      started = true;
      void run(msg.source, msg.totalBytes ?? (msg.source instanceof ArrayBuffer ? msg.source.byteLength : msg.source === 'stream' ? 0 : msg.source.size));
      break;
    case 'chunk':
      queue.push(msg.data);
      notify();
      break;
    case 'end':
      ended = true;
      notify();
      break;
    case 'cancel':
      abort.abort();
      ended = true;
      notify();
      break;
  }
};
