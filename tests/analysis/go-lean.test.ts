// Lean mode (the page's GoViewSummary: regions handed to a sink as they end, never kept) against
// full mode (the summaries the differential test checks against Go 1.27): the regions view's figures
// per region type and task type, computed by latency.ts over full mode's lists, must be the same,
// and so must everything else the views show (goroutines' stats, profiles, MMU).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../src/analysis/worker-protocol.ts';
import {
  goAnalysesOfBytes, goViewSummary, allMmuFlags, mmuPlots, latencyTypes, regionInstance, taskInstance, bucketMin, histogram, sortedHistogram, type LatencyType,
} from '../../src/analysis/go/index.ts';

function tracesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.trace'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

// Go 1.11-1.21's stress traces are left out: seconds each, and no regions.
const traces = [...tracesUnder('playground/traces'), ...tracesUnder('tests/fixtures')].filter((f) => !/\/v1\/stress_/.test(f));
const byName = (ts: LatencyType[]) => [...ts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

describe('lean mode gives the views what full mode gives', () => {
  it('covers the case study snapshot, multi-generation traces and traces with regions and tasks', () => {
    expect(traces).toContain('playground/traces/slow-request-broken-snapshot.go1.27.trace');
    expect(traces.length).toBeGreaterThan(20);
  });

  let withRegions = 0;
  let withTasks = 0;
  for (const file of traces) {
    it(file, async () => {
      const bytes = readFileSync(file);
      const full = goAnalysesOfBytes(bytes, { mmuFlags: allMmuFlags });
      const lean = await goViewSummary(new Blob([bytes]).stream() as ReadableStream<Uint8Array>);
      const regions = latencyTypes(full.goroutines.flatMap((g) => g.regions), (r) => r.name, regionInstance);
      const tasks = latencyTypes(full.tasks, (t) => t.name, taskInstance);
      expect(byName(lean.regionTypes)).toEqual(byName(regions));
      expect(byName(lean.taskTypes)).toEqual(byName(tasks));
      withRegions += regions.length > 0 ? 1 : 0;
      withTasks += tasks.length > 0 ? 1 : 0;
      expect(lean.goroutines).toEqual(full.goroutines.map((g) => ({ ...g, regions: [] })));
      expect(lean.profiles).toEqual(full.profiles);
      expect(lean.mmu).toEqual(mmuPlots(full.utilization));
      expect([lean.startTime, lean.endTime, lean.events, lean.error]).toEqual([full.startTime, full.endTime, full.events, full.error]);
    });
  }

  it('compared region and task types on several traces', () => {
    expect(withRegions).toBeGreaterThanOrEqual(3);
    expect(withTasks).toBeGreaterThanOrEqual(3);
  });
});

describe('sortedHistogram', () => {
  it('equals histogram() over the same durations, at bucket edges too', () => {
    const d: number[] = [0, 1, 2, 9, 10, 11, 99, 100, 101];
    for (let b = 0; b < 60; b++) {
      const m = bucketMin(b);
      d.push(m - 1, m, m + 1);
    }
    for (let i = 0; i < 5000; i++) d.push(Math.floor(Math.exp(Math.random() * 25)));
    const sorted = Float64Array.from(d).sort();
    expect(sortedHistogram(sorted)).toEqual(histogram(d));
    expect(sortedHistogram(new Float64Array(0))).toEqual(histogram([]));
  });
});

describe("the worker's 'go-view' request", () => {
  it('posts the lean summary: plain data, what goViewSummary gives', async () => {
    vi.resetModules();
    const file = 'playground/traces/slow-request-broken-snapshot.go1.27.trace';
    const bytes = readFileSync(file);
    const replies: FromWorker[] = [];
    const scope = globalThis as unknown as { onmessage: ((e: { data: ToWorker }) => void) | null; postMessage: unknown };
    scope.postMessage = (msg: FromWorker) => replies.push(msg);
    await import('../../src/analysis/worker.ts');
    scope.onmessage!({ data: { type: 'go-view', source: new Blob([bytes]) } });
    for (let i = 0; i < 1000 && !replies.some((r) => r.type !== 'progress'); i++) await new Promise((r) => setTimeout(r, 10));
    const done = replies.find((r) => r.type !== 'progress')!;
    expect(done.type).toBe('go-view-done');
    if (done.type !== 'go-view-done') return;
    expect(done.result).toEqual(await goViewSummary(new Blob([bytes]).stream() as ReadableStream<Uint8Array>));
    expect(done.result.regionTypes.length).toBeGreaterThan(0);
    expect(done.result.goroutines.every((g) => g.regions.length === 0)).toBe(true);
    expect(structuredClone(done.result)).toEqual(done.result);
  });
});
