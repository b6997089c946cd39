// The page's side of the analysis workers (client.ts), with scripted stand-ins for Web Workers:
// the two-worker protocol, cancelling, and falling back to one worker.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyseInWorker } from '../../src/analysis/client.ts';
import type { TraceModel } from '../../src/analysis/model.ts';
import type { FromWorker, ToWorker } from '../../src/analysis/worker-protocol.ts';

class FakeWorker {
  static all: FakeWorker[] = [];
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(msg: ToWorker) {
    this.sent.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  reply(data: FromWorker) {
    if (!this.terminated) this.onmessage?.({ data });
  }
}

const model = { events: 42 } as unknown as TraceModel;
const part = { goroutineStates: { start: new Float64Array(4) } } as never;
const tick = () => new Promise((r) => setTimeout(r, 0));
const file = new Blob([new Uint8Array(1000)]);
let saved: unknown;

beforeEach(() => {
  FakeWorker.all = [];
  saved = (globalThis as { Worker?: unknown }).Worker;
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
});
afterEach(() => {
  (globalThis as { Worker?: unknown }).Worker = saved;
});

describe('analyseInWorker', () => {
  it('reads a small file in one worker', async () => {
    const p = analyseInWorker(file, { splitFromBytes: 10_000 });
    await tick();
    expect(FakeWorker.all).toHaveLength(1);
    expect(FakeWorker.all[0].sent[0]).toMatchObject({ type: 'start', source: file });
    FakeWorker.all[0].reply({ type: 'done', model });
    expect(await p).toBe(model);
    expect(FakeWorker.all[0].terminated).toBe(true);
  });

  it('reads a large file in two workers: cut, part, part-ready, join, done', async () => {
    const progress: number[] = [];
    const p = analyseInWorker(file, { splitFromBytes: 1, onProgress: (read) => progress.push(read) });
    await tick();
    const [rest] = FakeWorker.all;
    expect(rest.sent[0]).toMatchObject({ type: 'start', split: { at: 500 } });
    rest.reply({ type: 'cut', offset: 400 });
    const first = FakeWorker.all[1];
    expect(first.sent[0]).toMatchObject({ type: 'start', first: true, totalBytes: 1000 });
    expect((first.sent[0] as { source: Blob }).source.size).toBe(400);
    rest.reply({ type: 'progress', bytesRead: 300, totalBytes: 616, events: 1 });
    first.reply({ type: 'progress', bytesRead: 200, totalBytes: 1000, events: 1 });
    expect(progress.at(-1)).toBe(500);
    rest.reply({ type: 'part', part });
    expect(rest.terminated).toBe(true); // its memory goes back before the join
    expect(first.sent).toHaveLength(1); // no join before the first part is ready
    first.reply({ type: 'part-ready' });
    expect(first.sent[1]).toMatchObject({ type: 'join', totalBytes: 1000 });
    first.reply({ type: 'done', model });
    expect(await p).toBe(model);
    expect(FakeWorker.all.every((w) => w.terminated)).toBe(true);
  });

  it('falls back to one worker when the join is refused', async () => {
    const p = analyseInWorker(file, { splitFromBytes: 1 });
    await tick();
    const [rest] = FakeWorker.all;
    rest.reply({ type: 'cut', offset: 400 });
    const first = FakeWorker.all[1];
    first.reply({ type: 'part-ready' });
    rest.reply({ type: 'part', part });
    first.reply({ type: 'join-refused' });
    await tick();
    expect(FakeWorker.all).toHaveLength(3);
    const one = FakeWorker.all[2];
    expect(one.sent[0]).toEqual({ type: 'start', source: file });
    one.reply({ type: 'done', model });
    expect(await p).toBe(model);
  });

  it('falls back to one worker when the second part fails, and rejects when the first does', async () => {
    const p = analyseInWorker(file, { splitFromBytes: 1 });
    await tick();
    FakeWorker.all[0].reply({ type: 'cut', offset: 400 });
    FakeWorker.all[0].reply({ type: 'failed', message: 'boom' });
    await tick();
    expect(FakeWorker.all).toHaveLength(3);
    FakeWorker.all[2].reply({ type: 'done', model });
    expect(await p).toBe(model);

    const q = analyseInWorker(file, { splitFromBytes: 1 });
    await tick();
    FakeWorker.all[3].reply({ type: 'cut', offset: 400 });
    FakeWorker.all[4].reply({ type: 'failed', message: 'internal' });
    await expect(q).rejects.toThrow('Trace analysis failed: internal');
  });

  it('cancels both workers at once', async () => {
    const ac = new AbortController();
    const p = analyseInWorker(file, { splitFromBytes: 1, signal: ac.signal });
    await tick();
    FakeWorker.all[0].reply({ type: 'cut', offset: 400 });
    ac.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    for (const w of FakeWorker.all) {
      expect(w.sent.at(-1)).toEqual({ type: 'cancel' });
      expect(w.terminated).toBe(true);
    }
  });

  it('reads the whole file in the first worker when it finds no cut', async () => {
    const p = analyseInWorker(file, { splitFromBytes: 1 });
    await tick();
    FakeWorker.all[0].reply({ type: 'cut', offset: -1 });
    FakeWorker.all[0].reply({ type: 'done', model });
    expect(await p).toBe(model);
    expect(FakeWorker.all).toHaveLength(1);
  });
});
