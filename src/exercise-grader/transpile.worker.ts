/// <reference lib="webworker" />
/** Sucrase off the main thread: TypeScript in, a CommonJS body (or a syntax error) out. */
import { transpile } from './transpile.ts';

declare const self: DedicatedWorkerGlobalScope;
self.onmessage = (event: MessageEvent<{ id: number; source: string }>) => {
  const { id, source } = event.data;
  self.postMessage({ id, result: transpile(String(source)) });
};
