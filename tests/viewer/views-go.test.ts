// The viewer's goroutines, regions and mmu views' figures on a real trace, the case study's broken
// snapshot, against Go 1.27's own (content/casestudy/go/<trace>.analyses.json, written by
// scripts/casestudy/traceanalyses with Go's parser): the rows the views show, computed as in the
// page (go-data.ts; requestGoAnalyses reads in this thread where there is no Worker).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceAnalyses } from '../../src/casestudy/go-figures.ts';
import { requestGoViewData } from '../../src/components/trace-viewer/go-data.ts';
import { groupRows } from '../../src/components/trace-viewer/views/goroutine-table.ts';
import { nearestRank } from '../../src/components/trace-viewer/views/latency.ts';

const TRACE = 'slow-request-broken-snapshot.go1.27.trace';
const go: TraceAnalyses = JSON.parse(readFileSync(`content/casestudy/go/${TRACE}.analyses.json`, 'utf8'));
const data = await requestGoViewData(new Blob([readFileSync(`playground/traces/${TRACE}`)]), {});

describe(`the views' figures on ${TRACE}, as Go's`, () => {
  it('goroutine groups: count and every kind of time, to the nanosecond', () => {
    const rows = groupRows(data.analyses.goroutines);
    expect(rows.length).toBe(go.goroutines.length);
    for (const g of go.goroutines) {
      const row = rows.find((r) => r.name === g.name);
      expect(row, g.name).toBeDefined();
      expect(row!.count, g.name).toBe(g.n);
      expect(row!.values.exec, g.name).toBe(g.execNs);
      expect(row!.values.schedWait, g.name).toBe(g.schedWaitNs);
      expect(row!.values.syscall, g.name).toBe(g.syscallNs);
      expect(row!.values.syscallBlock, g.name).toBe(g.syscallBlockNs);
      expect(row!.values.unknown, g.name).toBe(g.unknownNs);
      expect(row!.values.assist, g.name).toBe(g.rangeNs['GC mark assist'] ?? 0);
      for (const [reason, ns] of Object.entries(g.blockNsByReason)) expect(row!.values[`block:${reason}`], `${g.name} ${reason}`).toBe(ns);
    }
  });

  it('region types: count, p50, p99 and slowest', () => {
    expect(data.regionTypes.map((t) => t.name).sort()).toEqual(go.regions.map((r) => r.name).sort());
    for (const r of go.regions) {
      const d = [...r.durationsNs].sort((a, b) => a - b);
      const t = data.regionTypes.find((x) => x.name === r.name)!;
      expect(t.stats).toMatchObject({ count: d.length, p50: nearestRank(d, 50), p99: nearestRank(d, 99), max: d.at(-1) });
      expect(t.slowest[0].end - t.slowest[0].start).toBe(d.at(-1));
    }
  });

  it("MMU and the worst windows, with cmd/trace's default flags", () => {
    const curve = data.mmu({ stw: true, background: true, assist: true, perProc: false });
    for (const m of go.mmu) {
      const worst = curve.worst(m.windowNs, m.worst.length);
      expect(worst[0]?.util ?? 1, `${m.windowNs}`).toBeCloseTo(m.mmu, 9);
      expect(worst.map((w) => w.start)).toEqual(m.worst.map((w) => w.startNs));
    }
    expect(data.origin).toBe(go.firstEventNs);
    expect(curve.points.length).toBeGreaterThan(10);
  });

  it('the pprof file is gzip', async () => {
    const bytes = await data.pprof('sync');
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
  });
});
