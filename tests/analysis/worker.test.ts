// The worker entry, driven through its message protocol with a stand-in for the worker scope.

import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FromWorker, ToWorker } from '../../src/analysis/worker-protocol.ts';
import { analyseBytes } from '../../src/analysis/index.ts';

const file = fileURLToPath(new URL('../../playground/traces/anatomy-default.go1.27.trace', import.meta.url));

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

describe('analysis worker, a trace read in two parts', () => {
  const multigen = fileURLToPath(new URL('../fixtures/analysis/multigen/sched-go1.23.trace', import.meta.url));

  it('finds a cut, reads the rest as a continuation, and the first part joins it into the one-reading model', async () => {
    const bytes = readFileSync(multigen);
    const blob = new Blob([bytes]);
    const rest = await startWorker();
    rest.send({ type: 'start', source: blob, split: { at: bytes.length >> 1 } });
    const cut = await waitFor(rest.replies, 'cut');
    if (cut.msg.type !== 'cut') return;
    expect(cut.msg.offset).toBeGreaterThan(0);
    const part = await waitFor(rest.replies, 'part');
    expect(part.transfer!.length).toBeGreaterThan(10);

    const first = await startWorker();
    first.send({ type: 'start', source: blob.slice(0, cut.msg.offset), first: true, totalBytes: bytes.length });
    await waitFor(first.replies, 'part-ready');
    if (part.msg.type !== 'part') return;
    first.send({ type: 'join', part: part.msg.part, totalBytes: bytes.length });
    const done = await waitFor(first.replies, 'done');
    expect(done.msg.type === 'done' && done.msg.model).toEqual(analyseBytes(bytes));
  });

  it('reads the whole file when it finds no cut (one generation)', async () => {
    const bytes = readFileSync(file);
    const w = await startWorker();
    w.send({ type: 'start', source: new Blob([bytes]), split: { at: bytes.length >> 1 } });
    const cut = await waitFor(w.replies, 'cut');
    expect(cut.msg.type === 'cut' && cut.msg.offset).toBe(-1);
    const done = await waitFor(w.replies, 'done');
    expect(done.msg.type === 'done' && done.msg.model).toEqual(analyseBytes(bytes));
  });
});

async function waitFor(replies: { msg: FromWorker; transfer?: Transferable[] }[], type: FromWorker['type']) {
  for (let i = 0; i < 1000; i++) {
    const r = replies.find((x) => x.msg.type === type);
    if (r) return r;
    if (replies.some((x) => x.msg.type === 'failed')) throw new Error(JSON.stringify(replies.find((x) => x.msg.type === 'failed')!.msg));
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`no '${type}' reply`);
}
