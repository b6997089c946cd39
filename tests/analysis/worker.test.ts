// The worker entry, driven through its message protocol with a stand-in for the worker scope.

import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from '../../src/analysis/worker-protocol.ts';
import { analyseBytes } from '../../src/analysis/index.ts';

const file = fileURLToPath(new URL('../../playground/traces/anatomy-default.go1.23.trace', import.meta.url));

/** Loads a fresh copy of worker.ts with postMessage captured; returns a sender and the replies. */
async function startWorker() {
  vi.resetModules();
  const replies: { msg: FromWorker; transfer?: Transferable[] }[] = [];
  const scope = globalThis as unknown as { onmessage: ((e: { data: ToWorker }) => void) | null; postMessage: unknown };
  scope.postMessage = (msg: FromWorker, transfer?: Transferable[]) => replies.push({ msg, transfer });
  await import('../../src/analysis/worker.ts');
  const send = (data: ToWorker) => scope.onmessage!({ data });
  const settled = async () => {
    for (let i = 0; i < 500 && !replies.some((r) => r.msg.type !== 'progress'); i++) await new Promise((r) => setTimeout(r, 10));
    return replies.find((r) => r.msg.type !== 'progress')!;
  };
  return { send, replies, settled };
}

describe('analysis worker', () => {
  it('analyses a Blob and transfers the typed arrays', async () => {
    const bytes = readFileSync(file);
    const w = await startWorker();
    w.send({ type: 'start', source: new Blob([bytes]) });
    const done = await w.settled();
    expect(done.msg.type).toBe('done');
    if (done.msg.type !== 'done') return;
    expect(done.msg.model).toEqual(analyseBytes(bytes));
    expect(done.transfer!.length).toBeGreaterThan(30);
  });

  it('analyses pushed chunks', async () => {
    const bytes = readFileSync(file);
    const w = await startWorker();
    w.send({ type: 'start', source: 'stream', totalBytes: bytes.length });
    for (let i = 0; i < bytes.length; i += 4096) w.send({ type: 'chunk', data: bytes.subarray(i, i + 4096) });
    w.send({ type: 'end' });
    const done = await w.settled();
    expect(done.msg.type === 'done' && done.msg.model.events).toBe(analyseBytes(bytes).events);
  });

  it("answers 'cancel' with 'cancelled'", async () => {
    const w = await startWorker();
    w.send({ type: 'start', source: 'stream', totalBytes: 1 << 20 });
    w.send({ type: 'chunk', data: readFileSync(file).subarray(0, 1000) });
    w.send({ type: 'cancel' });
    expect((await w.settled()).msg.type).toBe('cancelled');
  });
});
