/**
 * The probes (src/quiz/probes.ts) on the recorded traces agree with the facts in
 * playground/traces/manifest.json, which were computed from Go 1.27's `go tool trace -d=parsed`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseBytes } from '../../src/analysis/index.ts';
import { probeNames, probes, runProbe } from '../../src/quiz/probes.ts';
import { traces } from './helpers.ts';

interface Entry {
  file: string;
  parses: boolean;
  facts?: { gcs: number; tasks: number; regions: number; regionsWithoutTask: number; goroutinesBlockedAtEnd: number; blockedAtEndReasons: Record<string, number> };
  expect: { truncated?: boolean; gcs?: number };
}

const manifest: Entry[] = JSON.parse(readFileSync(join(traces, 'manifest.json'), 'utf8'));

describe('probes on the recorded traces', () => {
  for (const entry of manifest) {
    it(entry.file, () => {
      const model = analyseBytes(new Uint8Array(readFileSync(join(traces, entry.file))));
      expect(probes.traceComplete(model)).toBe(entry.parses && !entry.expect.truncated);
      if (!entry.facts) return;
      const f = entry.facts;
      expect(probes.gcCount(model)).toBe(f.gcs);
      expect(probes.tasksCount(model)).toBe(f.tasks);
      expect(probes.regionsCount(model)).toBe(f.regions);
      expect(probes.regionsWithoutTask(model)).toBe(f.regionsWithoutTask);
      expect(probes.goroutinesBlockedAtEnd(model)).toBe(f.goroutinesBlockedAtEnd);
      const reasons = Object.entries(f.blockedAtEndReasons).sort((a, b) => b[1] - a[1]);
      expect(probes.blockedAtEndReason(model)).toBe(reasons[0]?.[0] ?? '');
    });
  }

  // Chapter 6's probes against what Go 1.27's parser gave for the same recordings (manifest.json,
  // expect.slowRequest, computed by playground/go/cmd/manifest/slowrequest.go).
  it("gives chapter 6's facts as Go's parser does", () => {
    const all: { file: string; expect: { slowRequest?: Record<string, number> } }[] = JSON.parse(readFileSync(join(traces, 'manifest.json'), 'utf8'));
    const entries = all.filter((e) => e.expect.slowRequest);
    expect(entries.length).toBe(3);
    for (const e of entries) {
      const go = e.expect.slowRequest!;
      const model = analyseBytes(new Uint8Array(readFileSync(join(traces, e.file))));
      expect(runProbe('requestP99Ms', model), e.file).toBeCloseTo(go.requestP99Ms, 2);
      expect(runProbe('cacheAssistMs', model), e.file).toBeCloseTo(go.assistInCacheMs, 2);
      const sites = { cache: go.cacheMutexWaitMs, log: go.logMutexWaitMs };
      const top = Object.entries(sites).sort((a, b) => b[1] - a[1])[0];
      if (top[1] > 0) expect(runProbe('topMutexSite', model), e.file).toBe(top[0]);
      if (e.file.includes('fixed')) expect(runProbe('requestsOver25ms', model), e.file).toBe(0);
      else expect(runProbe('requestsOver25ms', model), e.file).toBeGreaterThan(0);
    }
  });

  // The chapter-1 quizzes ask about these recordings (the others move to Go 1.27's with their lessons).
  it('gives the facts the chapter-1 questions rely on', () => {
    const load = (name: string) => analyseBytes(new Uint8Array(readFileSync(join(traces, name))));
    const anatomy = load('anatomy-default.go1.27.trace');
    expect(runProbe('gcCount', anatomy)).toBe(5);
    // Lesson 1.1's quiz explains them: 5 GC cycles x 2 (sweep and mark termination), trace.Start
    // once, and the program's two runtime.ReadMemStats calls (`read mem stats`).
    expect(runProbe('stwCount', anatomy)).toBe(13);
    const stw: Record<string, number> = {};
    for (let i = 0; i < anatomy.stwPauses.length; i++) {
      const name = anatomy.strings[anatomy.stwPauses.name[i]];
      stw[name] = (stw[name] ?? 0) + 1;
    }
    expect(stw).toEqual({
      'stop-the-world (start trace)': 1,
      'stop-the-world (GC sweep termination)': 5,
      'stop-the-world (GC mark termination)': 5,
      'stop-the-world (read mem stats)': 2,
    });
    expect(runProbe('taskOfRegions', anatomy)).toBe('processOrders');
    expect(runProbe('traceComplete', anatomy)).toBe(true);
    expect(runProbe('traceComplete', load('exit-without-stop-broken.go1.27.trace'))).toBe(false);
    const leaks = load('blocking-and-leaks-broken.go1.27.trace');
    expect(runProbe('blockedAtEndGroup', leaks)).toBe('fieldguide/playground/scenarios/blocking-and-leaks.hedgedLeaky');
    expect(runProbe('regionsWithoutTask', load('lost-context-broken.go1.27.trace'))).toBe(16);
  });

  it('knows its names and rejects others', () => {
    expect(probeNames).toContain('gcCount');
    expect(() => runProbe('toString', {} as never)).toThrow(/unknown probe/);
  });
});
