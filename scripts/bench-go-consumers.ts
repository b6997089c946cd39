// The Go analyses' pass, consumer by consumer: `node scripts/bench-go-consumers.ts FILE` (default the
// viewer bench's ~25 MB trace). Each line is a pass over the file reading events and feeding them to
// one consumer; the reader alone is the first line, so a consumer's cost is its line minus that.
// Prints figures only.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventKind, readEvents, type Event } from '../src/trace/index.ts';
import { BlockingProfiles } from '../src/analysis/go/pprof.ts';
import { MutatorUtilizations, utilFlags } from '../src/analysis/go/mmu.ts';
import { Summarizer } from '../src/analysis/go/summary.ts';
import { allMmuFlags, goViewSummary, goAnalysesOfBytes } from '../src/analysis/go/index.ts';
import { LatencyTypes, regionInstance } from '../src/analysis/go/latency.ts';

const file = process.argv[2] ?? join(process.env.BENCH_DIR ?? join(tmpdir(), 'viewer-bench'), 'viewer-25mb.trace');
const bytes = readFileSync(file);

/** CPU time (user + system) since t0: the machine may be shared, wall time would count the others. */
const cpuMs = (t0: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(t0);
  return ((d.user + d.system) / 1000).toFixed(0);
};

function pass(label: string, make: () => { event(ev: Event): void; finish?(): unknown }): void {
  const c = make();
  const t0 = process.cpuUsage();
  let n = 0;
  for (const ev of readEvents(bytes)) {
    c.event(ev);
    n++;
  }
  c.finish?.();
  console.log(`${label.padEnd(34)} ${cpuMs(t0).padStart(6)} ms  (${n} events)`);
}

console.log(`${file}: ${(bytes.length / 2 ** 20).toFixed(1)} MiB`);
pass('reader alone', () => ({ event() {} }));
pass('reader + kind()+stateTransition()', () => ({ event(ev) { if (ev.kind() === EventKind.StateTransition) ev.stateTransition(); } }));
pass('+ Summarizer (full)', () => {
  const s = new Summarizer();
  return { event: (ev) => s.event(ev), finish: () => s.finish() };
});
pass('+ Summarizer (lean)', () => {
  const acc = new LatencyTypes();
  const s = new Summarizer({ regionSink: (r) => { const i = regionInstance(r); if (i) acc.add(r.name, i.start, i.end, i.goroutine); } });
  return { event: (ev) => s.event(ev), finish: () => (s.finish(), acc.finish()) };
});
pass('+ MMU, 16 flag combinations', () => {
  const m = new MutatorUtilizations(allMmuFlags.map(utilFlags));
  return { event: (ev) => m.event(ev), finish: () => m.all.map((u) => u.finish()) };
});
pass('+ blocking profiles', () => {
  const p = new BlockingProfiles();
  return { event: (ev) => p.event(ev), finish: () => p.finish() };
});
let t0 = process.cpuUsage();
if (process.env.FULL !== '0') {
  goAnalysesOfBytes(bytes, { mmuFlags: allMmuFlags });
  console.log(`${'all, full (goAnalysesOfBytes)'.padEnd(34)} ${cpuMs(t0).padStart(6)} ms`);
}
t0 = process.cpuUsage();
const v = await goViewSummary(new Blob([bytes]).stream() as ReadableStream<Uint8Array>);
console.log(`${'all, lean (goViewSummary, stream)'.padEnd(34)} ${cpuMs(t0).padStart(6)} ms`);
const json = JSON.stringify(v);
console.log(`GoViewSummary: ${(json.length / 2 ** 20).toFixed(2)} MiB as JSON; ${v.goroutines.length} goroutines, ${v.regionTypes.length} region types, ${v.taskTypes.length} task types`);
