// The page's side of the analysis workers: one call, one or two workers, terminated afterwards.
//
// A large trace file is read by two workers at once: one finds a generation boundary near the middle
// and reads from there on, the other reads up to it, and the two parts are joined into the model one
// reading would give (part.ts, worker-protocol.ts). Should the join be refused (a trace Go's reader
// would not read on cleanly across the cut), the file is read again by one worker.
//
// go tool trace's analyses are another reading of the file, by one worker: in full (requestGoAnalyses)
// or lean, what the page's views show (requestGoViewSummary).

import { goAnalysesData, goViewSummary, mmuFlagsKey, MMUCurve, type GoAnalysesData, type GoViewSummary, type MmuFlags, type MmuPlot, type UtilSeries, type UtilWindow } from './go/index.ts';
import type { TraceModel } from './model.ts';
import { transferables, type FromWorker, type ToWorker } from './worker-protocol.ts';

export interface AnalyseInWorkerOptions {
  /** Bytes read of `totalBytes`, events analysed so far. */
  onProgress?(bytesRead: number, totalBytes: number, events: number): void;
  /** Aborting cancels the analysis: the promise rejects with an AbortError. */
  signal?: AbortSignal;
  /** Read in two workers from this size on, whatever the cores (default: SPLIT_FROM_BYTES, on two cores or more); Infinity never splits. */
  splitFromBytes?: number;
}

/** Files at least this large are read in two parts at once, where the machine has two cores. */
export const SPLIT_FROM_BYTES = 24 << 20;

const cancelled = () => new DOMException('The analysis was cancelled', 'AbortError');

/**
 * Analyses a trace file in a Web Worker (two for a large file). Resolves with the model (a broken
 * trace still resolves: see model.error); rejects with an AbortError when cancelled, or an Error with
 * the worker's message.
 */
export async function analyseInWorker(file: Blob | ArrayBuffer, opts: AnalyseInWorkerOptions = {}): Promise<TraceModel> {
  const cores = typeof navigator === 'object' ? navigator.hardwareConcurrency ?? 1 : 1;
  // Two workers pay on two cores; asked for explicitly (splitFromBytes), they are used anyway.
  if (file instanceof Blob && (opts.splitFromBytes !== undefined ? file.size >= opts.splitFromBytes : file.size >= SPLIT_FROM_BYTES && cores >= 2)) {
    const model = await analyseInTwo(file, opts);
    if (model !== null) return model;
  }
  return analyseInOne(file, opts);
}

type Spawned = ReturnType<typeof spawn>;

/** A worker whose messages go to `onMessage`; `stop()` terminates it. */
function spawn(onMessage: (msg: FromWorker) => void, onError: (message: string) => void) {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onError(e.message || 'the analysis worker could not run');
  };
  worker.onmessageerror = () => onError('the result could not be received');
  return {
    send: (msg: ToWorker, transfer: Transferable[] = []) => worker.postMessage(msg, transfer),
    stop: () => worker.terminate(),
  };
}

/** One analysis: its outcome, given once, ends every worker it started. */
interface Run<T> {
  done(value: T): void;
  fail(error: unknown): void;
  track(worker: Spawned): void;
}

/** Runs `body` until it calls done or fail, or `signal` aborts (then it rejects with an AbortError). */
function runWorkers<T>(signal: AbortSignal | undefined, body: (run: Run<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const workers: Spawned[] = [];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const w of workers) w.stop();
      fn();
    };
    const onAbort = () => {
      for (const w of workers) w.send({ type: 'cancel' });
      // Do not wait for the workers' 'cancelled': the caller asked to stop now.
      settle(() => reject(cancelled()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    body({
      done: (value) => settle(() => resolve(value)),
      fail: (error) => settle(() => reject(error)),
      track: (w) => workers.push(w),
    });
  });
}

const failure = (message: string) => new Error(`Trace analysis failed: ${message}`);

function analyseInOne(file: Blob | ArrayBuffer, opts: AnalyseInWorkerOptions): Promise<TraceModel> {
  return runWorkers<TraceModel>(opts.signal, (run) => {
    const w = spawn((msg) => {
      switch (msg.type) {
        case 'progress': opts.onProgress?.(msg.bytesRead, msg.totalBytes, msg.events); break;
        case 'done': run.done(msg.model); break;
        case 'cancelled': run.fail(cancelled()); break;
        case 'failed': run.fail(failure(msg.message)); break;
      }
    }, (message) => run.fail(failure(message)));
    run.track(w);
    // A transferred ArrayBuffer would be detached for the caller; copy nothing, send as is (structured clone).
    w.send({ type: 'start', source: file });
  });
}

/**
 * Two workers: `rest` finds the cut nearest the middle and reads from it (or, finding none, the whole
 * file); `first` reads up to the cut and joins the parts. Null when the join is refused or the second
 * part fails: the caller reads the file in one go (which reports the error, if any, as one reading does).
 */
function analyseInTwo(file: Blob, opts: AnalyseInWorkerOptions): Promise<TraceModel | null> {
  return runWorkers<TraceModel | null>(opts.signal, (run) => {
    const read = [0, 0];
    const events = [0, 0];
    const progress = () => opts.onProgress?.(Math.min(file.size, read[0] + read[1]), file.size, events[0] + events[1]);
    let firstReady = false;
    let restPart: Extract<FromWorker, { type: 'part' }>['part'] | null = null;
    const join = () => {
      if (!firstReady || restPart === null) return;
      first?.send({ type: 'join', part: restPart, totalBytes: file.size }, transferables(restPart));
      restPart = null;
    };
    const common = (i: number, msg: FromWorker): boolean => {
      switch (msg.type) {
        case 'progress':
          read[i] = msg.bytesRead;
          events[i] = msg.events;
          progress();
          return true;
        case 'done': run.done(msg.model); return true;
        case 'cancelled': run.fail(cancelled()); return true;
        // The second part failing is the file's to report: one reading does, in its words.
        case 'failed': if (i === 0) run.fail(failure(msg.message)); else run.done(null); return true;
      }
      return false;
    };
    let first: Spawned | null = null;
    const rest = spawn((msg) => {
      if (common(1, msg)) return;
      if (msg.type === 'cut' && msg.offset >= 0) {
        first = spawn((m) => {
          if (common(0, m)) return;
          if (m.type === 'part-ready') {
            firstReady = true;
            join();
          } else if (m.type === 'join-refused') run.done(null);
        }, (message) => run.fail(failure(message)));
        run.track(first);
        first.send({ type: 'start', source: file.slice(0, msg.offset), first: true, totalBytes: file.size });
      } else if (msg.type === 'part') {
        restPart = msg.part;
        rest.stop(); // its work is done: its memory goes back before the join needs more
        join();
      }
    }, (message) => run.fail(failure(message)));
    run.track(rest);
    rest.send({ type: 'start', source: file, split: { at: Math.floor(file.size / 2) } });
  });
}

export interface RequestGoAnalysesOptions {
  /** Bytes read of `totalBytes`, events analysed so far. */
  onProgress?(bytesRead: number, totalBytes: number, events: number): void;
  /** Aborting cancels the analysis: the promise rejects with an AbortError. */
  signal?: AbortSignal;
}

/** The MMU page's plots and worst windows, at hand on a result holding the utilization functions. */
export interface MmuAccess {
  /**
   * The /mmu page's plot for these flags: any combination of STW, background workers and mark
   * assists, System or Per-goroutine view. Sweep is not offered (Go's page: "may be very slow"):
   * asking for it throws a RangeError.
   */
  mmuCurve(flags: MmuFlags): MmuPlot;
  /** The n (default 10, as Go's details) worst disjoint windows of this size, worst first (Go's Examples). */
  mmuExamples(flags: MmuFlags, window: number, n?: number): UtilWindow[];
}

/** go tool trace's analyses of a trace, with its MMU page's plots and worst windows at hand. */
export interface GoAnalysesResult extends GoAnalysesData, MmuAccess {}

/** What the page's views show (lean mode), with the MMU page's plots and worst windows at hand. */
export interface GoViewSummaryResult extends GoViewSummary, MmuAccess {}

/**
 * go tool trace's analyses (src/analysis/go: goroutines, tasks and regions, blocking profiles,
 * MMU) of a trace file, read in a Web Worker; where there is no Worker (Node: tests, scripts), read
 * in this thread by the same code. A trace that breaks off resolves, with `error` set.
 */
export async function requestGoAnalyses(source: Blob | ArrayBuffer, opts: RequestGoAnalysesOptions = {}): Promise<GoAnalysesResult> {
  return withMmu(await requestGo(source, opts, false));
}

/**
 * The same analyses in lean mode, what the page's views show (GoViewSummary): goroutines without
 * their regions, regions and tasks summed up per type. What a page asks for: a trace's millions of
 * regions are neither kept in the worker nor copied to the page.
 */
export async function requestGoViewSummary(source: Blob | ArrayBuffer, opts: RequestGoAnalysesOptions = {}): Promise<GoViewSummaryResult> {
  return withMmu(await requestGo(source, opts, true));
}

async function requestGo(source: Blob | ArrayBuffer, opts: RequestGoAnalysesOptions, lean: false): Promise<GoAnalysesData>;
async function requestGo(source: Blob | ArrayBuffer, opts: RequestGoAnalysesOptions, lean: true): Promise<GoViewSummary>;
async function requestGo(source: Blob | ArrayBuffer, opts: RequestGoAnalysesOptions, lean: boolean): Promise<GoAnalysesData | GoViewSummary> {
  const blob = source instanceof Blob ? source : new Blob([source]);
  if (typeof Worker === 'undefined') {
    if (opts.signal?.aborted) throw cancelled();
    const o = {
      signal: opts.signal,
      onProgress: (bytesRead: number, events: number) => opts.onProgress?.(bytesRead, blob.size, events),
    };
    const stream = blob.stream() as ReadableStream<Uint8Array>;
    return lean ? goViewSummary(stream, o) : goAnalysesData(stream, o);
  }
  return runWorkers<GoAnalysesData | GoViewSummary>(opts.signal, (run) => {
    const w = spawn((msg) => {
      switch (msg.type) {
        case 'progress': opts.onProgress?.(msg.bytesRead, msg.totalBytes, msg.events); break;
        case 'go-done': case 'go-view-done': run.done(msg.result); break;
        case 'cancelled': run.fail(cancelled()); break;
        case 'failed': run.fail(failure(msg.message)); break;
      }
    }, (message) => run.fail(failure(message)));
    run.track(w);
    w.send({ type: lean ? 'go-view' : 'go-analyses', source });
  });
}

function withMmu<T extends { utilization: Record<string, UtilSeries[]>; mmu: Record<string, MmuPlot> }>(data: T): T & MmuAccess {
  const curves = new Map<string, MMUCurve>();
  const series = (flags: MmuFlags) => {
    const key = mmuFlagsKey(flags);
    const u = data.utilization[key];
    if (u === undefined) throw new RangeError(`no mutator utilization kept for flags "${key}" (sweep is not offered)`);
    return { key, u };
  };
  return Object.assign(data, {
    mmuCurve(flags: MmuFlags): MmuPlot {
      return data.mmu[series(flags).key];
    },
    mmuExamples(flags: MmuFlags, window: number, n = 10): UtilWindow[] {
      const { key, u } = series(flags);
      let c = curves.get(key);
      if (c === undefined) curves.set(key, (c = new MMUCurve(u)));
      return c.examples(window, n);
    },
  });
}
