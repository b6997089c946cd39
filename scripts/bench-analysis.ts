// Analysis benchmark: `npx node scripts/bench-analysis.ts [FILE]` (Node 24, type stripping). Prints figures only.
//
// Without FILE, records a ~90 MB trace once (a stdlib-only Go program: 64 goroutines contending on a
// mutex and a channel, with regions, allocation and short-lived goroutines) into $TMPDIR/gotrace-bench/.
// For the file: the reader alone and analyseBytes (parse + analysis), best of BENCH_RUNS (default 3),
// as MB/s and events/s; the model's size (typed arrays); the trace cut at the generation boundary
// nearest its middle, each part analysed (one after the other here; the page runs them in two
// workers at once) and joined; and peak RSS (VmHWM) of a child process doing analyseBytes on the
// whole buffer, and one doing analyseTrace over a file stream. Then go tool trace's own analyses
// (src/analysis/go, a second pass: Summarizer, the 16 MMU flag combinations and their plots), best of
// BENCH_RUNS, and the peak RSS of a child doing what the worker does (goAnalysesData over a file stream).

import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reader } from '../src/trace/index.ts';
import { analyseBytes, analyseTrace, analyseTracePart, joinParts, modelFromPart, type TraceModel } from '../src/analysis/index.ts';
import { nearestGenerationStart } from '../src/trace/index.ts';
import { allMmuFlags, goAnalysesData, goAnalysesOfBytes, mmuPlots } from '../src/analysis/go/index.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child' && process.argv[3] === 'go') {
  const file = process.argv[4];
  const t = performance.now();
  const d = await goAnalysesData(createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>);
  const ms = performance.now() - t;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  const regions = d.goroutines.reduce((n, g) => n + g.regions.length, 0);
  process.stdout.write(JSON.stringify({ events: d.events, ms, peakMB: hwm ? Number(hwm[1]) / 1024 : NaN, goroutines: d.goroutines.length, tasks: d.tasks.length, regions }));
  process.exit(0);
}

if (process.argv[2] === '--child') {
  const [mode, file] = process.argv.slice(3);
  // 'stream' reads the file as the worker reads a File: in chunks, knowing its size.
  const m = mode === 'stream'
    ? await analyseTrace(createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>, { totalBytes: statSync(file).size })
    : analyseBytes(readFileSync(file));
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(JSON.stringify({ events: m.events, peakMB: hwm ? Number(hwm[1]) / 1024 : NaN }));
  process.exit(0);
}

const goProgram = `package main

import (
	"context"
	"os"
	"runtime/trace"
	"sync"
	"time"
)

var sink [][]byte

func main() {
	f, _ := os.Create(os.Args[1])
	trace.Start(f)
	ctx, task := trace.NewTask(context.Background(), "load")
	var mu sync.Mutex
	stop := time.Now().Add(4500 * time.Millisecond)
	var wg sync.WaitGroup
	ch := make(chan int, 16)
	for w := 0; w < 64; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(stop); i++ {
				trace.WithRegion(ctx, "step", func() {
					mu.Lock()
					sink = append(sink, make([]byte, 64+i%512))
					if len(sink) > 4096 {
						sink = sink[:0]
					}
					mu.Unlock()
				})
				select {
				case ch <- i:
				case <-ch:
				}
				if i%100 == 0 {
					var inner sync.WaitGroup
					inner.Add(1)
					go func() { defer inner.Done(); time.Sleep(time.Microsecond) }()
					inner.Wait()
				}
			}
		}()
	}
	wg.Wait()
	task.End()
	trace.Stop()
	f.Close()
}
`;

function recordTrace(): string {
  const dir = process.env.BENCH_DIR ?? join(tmpdir(), 'gotrace-bench');
  const out = join(dir, 'analysis-big.trace');
  if (existsSync(out)) return out;
  const go = ['/usr/lib/go-1.23/bin/go', '/usr/lib/go-1.22/bin/go'].find((p) => existsSync(p));
  if (!go) throw new Error('no FILE given and no Go toolchain to record one');
  const src = join(dir, 'analysis-bench');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'main.go'), goProgram);
  writeFileSync(join(src, 'go.mod'), 'module analysisbench\n\ngo 1.22\n');
  execFileSync(go, ['run', '.', out], { cwd: src, stdio: 'inherit', env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' } });
  return out;
}

function modelBytes(m: TraceModel): number {
  let n = 0;
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) n += v.byteLength;
    else if (v && typeof v === 'object' && !Array.isArray(v)) Object.values(v).forEach(visit);
  };
  Object.values(m).forEach(visit);
  return n;
}

function fmtN(x: number, d = 1): string {
  return x.toFixed(d);
}

function best(f: () => void): number {
  let t = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    f();
    t = Math.min(t, performance.now() - s);
  }
  return t;
}

const file = process.argv[2] ?? recordTrace();
const bytes = readFileSync(file);
const mb = bytes.length / 1e6;
let events = 0;
const readMs = best(() => {
  events = 0;
  const r = new Reader(bytes);
  for (let ev = r.next(); ev !== null; ev = r.next()) events++;
});
let model!: TraceModel;
const analyseMs = best(() => {
  model = analyseBytes(bytes);
});
// Two parts, as the page reads a large file (src/analysis/client.ts).
const cut = await nearestGenerationStart(async (o, l) => bytes.subarray(o, o + l), bytes.length, bytes.length >> 1);
let split = 'no generation boundary to cut at';
if (cut !== null) {
  let t = performance.now();
  const first = await analyseTracePart(bytes.subarray(0, cut.offset), { totalBytes: bytes.length });
  const firstMs = performance.now() - t;
  const rest = new Uint8Array(cut.headerLength + bytes.length - cut.offset);
  rest.set(bytes.subarray(0, cut.headerLength));
  rest.set(bytes.subarray(cut.offset), cut.headerLength);
  t = performance.now();
  const second = await analyseTracePart(rest, { continuation: true });
  const restMs = performance.now() - t;
  t = performance.now();
  const joined = joinParts(first, second);
  const joinMs = performance.now() - t;
  split = joined === null
    ? 'join refused'
    : `cut at ${fmtN(cut.offset / 1e6)} MB: first part ${fmtN(firstMs, 0)} ms, rest ${fmtN(restMs, 0)} ms, join ${fmtN(joinMs, 0)} ms` +
      ` (in two workers: about ${fmtN(Math.max(firstMs, restMs) + joinMs, 0)} ms); ${modelFromPart(joined).events} events`;
}

const child = (mode: string) => {
  const r = spawnSync(process.execPath, [self, '--child', mode, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { events: number; peakMB: number };
};
const whole = child('whole');
const stream = child('stream');

// go tool trace's analyses: a second pass over the whole buffer, and the MMU plots.
let goPassMs = Infinity;
let goPlotMs = Infinity;
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  const a = goAnalysesOfBytes(bytes, { mmuFlags: allMmuFlags });
  goPassMs = Math.min(goPassMs, performance.now() - t);
  t = performance.now();
  mmuPlots(a.utilization);
  goPlotMs = Math.min(goPlotMs, performance.now() - t);
}
const goChild = (() => {
  const r = spawnSync(process.execPath, [self, '--child', 'go', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { events: number; ms: number; peakMB: number; goroutines: number; tasks: number; regions: number };
})();

const fmt = fmtN;
console.log(`file: ${file} (${fmt(mb)} MB, ${events} events, ${statSync(file).size} bytes)`);
console.log(`reader only:           ${fmt(readMs, 0)} ms  ${fmt(mb / (readMs / 1e3))} MB/s  ${fmt(events / (readMs / 1e3) / 1e6, 2)} M events/s`);
console.log(`analyseBytes:          ${fmt(analyseMs, 0)} ms  ${fmt(mb / (analyseMs / 1e3))} MB/s  ${fmt(events / (analyseMs / 1e3) / 1e6, 2)} M events/s  (best of ${RUNS})`);
console.log(`model: ${fmt(modelBytes(model) / 1e6)} MB of typed arrays (${fmt(modelBytes(model) / bytes.length, 2)}x the trace); ${model.goroutineStates.length} state rows, ${model.procRuns.row.length} runs on Ps, ` +
  `${model.regions.length} regions, ${model.goroutines.length} goroutines, ${model.stacks.length} stacks, ${model.strings.length} strings`);
console.log(`two parts: ${split}`);
console.log(`peak RSS, analyseBytes (file in memory): ${fmt(whole.peakMB, 0)} MB`);
console.log(`peak RSS, analyseTrace over a file stream: ${fmt(stream.peakMB, 0)} MB`);
console.log(`go tool trace analyses (second pass, 16 MMU flag sets): ${fmt(goPassMs, 0)} ms  ${fmt(mb / (goPassMs / 1e3))} MB/s  ${fmt(events / (goPassMs / 1e3) / 1e6, 2)} M events/s; ` +
  `MMU plots ${fmt(goPlotMs, 0)} ms (best of ${RUNS}); ${goChild.goroutines} goroutines, ${goChild.tasks} tasks, ${goChild.regions} regions`);
console.log(`go tool trace analyses as the worker runs them (file stream): ${fmt(goChild.ms, 0)} ms, peak RSS ${fmt(goChild.peakMB, 0)} MB`);
