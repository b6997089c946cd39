/**
 * The heavy half of the viewer islands, imported only when a viewer is about to be seen or a file was
 * chosen: analyses trace bytes in a Web Worker (src/analysis/client.ts), runs the trace doctor and
 * mounts the canvas viewer.
 */
// client.ts and doctor.ts directly rather than index.ts: index.ts also re-exports the analyser, and
// with it the trace reader, which only the worker needs; this chunk stays small.
import { analyseInWorker } from '../../analysis/client.ts';
import { findings as doctor } from '../../analysis/doctor.ts';
import type { Finding, TraceModel } from '../../analysis/model.ts';
import { runtimeOf } from './runtime.ts';
import { mountViewer, type ViewerHandle, type ViewerOptions } from './viewer.ts';

export type { ViewName } from './viewer.ts';

export type { TraceModel };

export interface AnalyseCallbacks {
  onProgress?: (read: number, total: number) => void;
  signal?: AbortSignal;
  /** Files from this size on are read by two workers (default: client.ts's SPLIT_FROM_BYTES). */
  splitFromBytes?: number;
}

/** Analyse a file (or fresh bytes) off the main thread. Rejects only when nothing at all could be read. */
export async function analyse(file: Blob, cb: AnalyseCallbacks = {}): Promise<TraceModel> {
  return analyseInWorker(file, { onProgress: (read, total) => cb.onProgress?.(read, total || file.size), signal: cb.signal, splitFromBytes: cb.splitFromBytes });
}

export async function fetchTrace(url: string, signal?: AbortSignal): Promise<Blob> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`${res.status} ${res.statusText} (${url})`);
  return res.blob();
}

export function findingsOf(model: TraceModel): Finding[] {
  try {
    return doctor(model);
  } catch {
    return [];
  }
}

export function show(host: HTMLElement, model: TraceModel, opts: Omit<ViewerOptions, 'findings'> & { findings?: Finding[] }): ViewerHandle {
  // Without findings given, the doctor runs once the timeline is drawn. A run in the browser (a Go
  // scenario's WebAssembly build) is recognised from the trace itself, so its expected findings are said to be.
  return mountViewer(host, model, { ...opts, runtime: opts.runtime ?? runtimeOf(model), findings: opts.findings ?? (() => findingsOf(model)) });
}
