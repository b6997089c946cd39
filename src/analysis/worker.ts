// The analysis as a module Web Worker (no DOM): reads a trace, reports progress, can be cancelled,
// and posts the TraceModel back with its typed arrays transferred. Spoken to by client.ts; one of
// two workers when a large trace is read in two parts (worker-protocol.ts). Asked for go tool
// trace's analyses (`go-analyses`), it reads the trace again for them (go/index.ts) and posts them.

import { nearestGenerationStart } from '../trace/index.ts';
import { analyseTrace, analyseTracePart, modelFromPart } from './analyse.ts';
import { goAnalysesData, goViewSummary } from './go/index.ts';
import type { TraceModel } from './model.ts';
import { joinParts, type AnalysisPart } from './part.ts';
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

type StartMessage = Extract<ToWorker, { type: 'start' }>;

/** The first part, kept until the other part arrives to be joined to it. */
let firstPart: AnalysisPart | null = null;

async function run(msg: StartMessage, totalBytes: number): Promise<void> {
  const { source } = msg;
  let lastPost = 0;
  const opts = {
    signal: abort.signal,
    // The file's size lets the tables reserve room for the rows up front (they then grow in place).
    totalBytes: totalBytes > 0 ? totalBytes : undefined,
    onProgress(bytesRead: number, events: number) {
      const now = Date.now();
      if (now - lastPost < 50) return; // enough for a progress bar, cheap for the page
      lastPost = now;
      scope.postMessage({ type: 'progress', bytesRead, totalBytes, events });
    },
  };
  try {
    if (msg.split !== undefined && source instanceof Blob) {
      const cut = await nearestGenerationStart(readAt(source), source.size, msg.split.at);
      scope.postMessage({ type: 'cut', offset: cut === null ? -1 : cut.offset });
      if (cut !== null) {
        // The header, then the generations from the cut on: a trace of its own.
        const rest = new Blob([source.slice(0, cut.headerLength), source.slice(cut.offset)]);
        const part = await analyseTracePart(rest.stream() as ReadableStream<Uint8Array>, { ...opts, totalBytes: rest.size, continuation: true });
        scope.postMessage({ type: 'part', part }, transferables(part));
        return;
      }
    }
    // A File is read chunk by chunk (file.stream()): only the generation being read is held, never the
    // whole file, and each chunk is dropped once the reader has copied it.
    const input =
      source === 'stream' ? pushedChunks()
        : source instanceof ArrayBuffer ? new Uint8Array(source)
          : (source.stream() as ReadableStream<Uint8Array>);
    if (msg.first === true) {
      const part = await analyseTracePart(input, opts);
      if (part.error === undefined) {
        firstPart = part;
        scope.postMessage({ type: 'part-ready' });
        return;
      }
      done(modelFromPart(part), totalBytes); // a single reading stops at the same error
      return;
    }
    done(await analyseTrace(input, opts), totalBytes);
  } catch (err) {
    if (abort.signal.aborted) scope.postMessage({ type: 'cancelled' });
    else scope.postMessage({ type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
}

/** go tool trace's analyses: a second reading of the source, chunk by chunk; in full, or lean for the views. */
async function runGo(source: Blob | ArrayBuffer, lean: boolean): Promise<void> {
  const blob = source instanceof Blob ? source : new Blob([source]);
  let lastPost = 0;
  try {
    const opts = {
      signal: abort.signal,
      onProgress(bytesRead: number, events: number) {
        const now = Date.now();
        if (now - lastPost < 50) return;
        lastPost = now;
        scope.postMessage({ type: 'progress', bytesRead, totalBytes: blob.size, events });
      },
    };
    const stream = () => blob.stream() as ReadableStream<Uint8Array>;
    if (lean) scope.postMessage({ type: 'go-view-done', result: await goViewSummary(stream(), opts) });
    else scope.postMessage({ type: 'go-done', result: await goAnalysesData(stream(), opts) });
  } catch (err) {
    if (abort.signal.aborted) scope.postMessage({ type: 'cancelled' });
    else scope.postMessage({ type: 'failed', message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
}

function done(model: TraceModel, totalBytes: number): void {
  if (totalBytes > model.bytes) model.bytes = totalBytes;
  scope.postMessage({ type: 'done', model }, transferables(model));
}

function join(other: AnalysisPart, totalBytes: number): void {
  let part: AnalysisPart | null = null;
  try {
    part = firstPart === null ? null : joinParts(firstPart, other);
  } catch {
    // Whatever went wrong, reading the file in one go still gives the model: refuse, do not fail.
  }
  firstPart = null;
  if (part === null) {
    scope.postMessage({ type: 'join-refused' });
    return;
  }
  const model = modelFromPart(part);
  model.bytes = totalBytes;
  done(model, totalBytes);
}

/** Reads a Blob at an offset (for finding where to cut). */
const readAt = (blob: Blob) => async (offset: number, length: number) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      if (started) return;
      started = true;
      void run(msg, msg.totalBytes ?? (msg.source instanceof ArrayBuffer ? msg.source.byteLength : msg.source === 'stream' ? 0 : msg.source.size));
      break;
    case 'go-analyses':
    case 'go-view':
      if (started) return;
      started = true;
      void runGo(msg.source, msg.type === 'go-view');
      break;
    case 'join':
      join(msg.part, msg.totalBytes);
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
