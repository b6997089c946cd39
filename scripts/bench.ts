// Reader benchmark: `npm run bench` (Node 24, type stripping). Prints figures only.
//
//   - a ~4 MB and a ~40 MB trace, recorded once with the `bench` workload in
//     tests/trace/programs (with Go 1.27, REFERENCE_GO, else the newest Go found) and kept
//     in $TMPDIR/gotrace-bench/; without Go, the largest fixture trace stands in;
//   - for each: the TypeScript reader's MB/s and events/s (best of N whole-buffer
//     parses), Go 1.27.3's reader on the same file (refdump bench, built from Go 1.27's
//     source, when Go and ../shared are there) and the ratio TS/Go;
//   - peak memory of a streaming parse (readEventsAsync over a file stream) of the
//     larger trace, measured in a child process: VmHWM from /proc/self/status and
//     the largest heapUsed seen. BENCH_BIG=1 also records and streams a ~300 MB trace.
//
// Environment: BENCH_RUNS (default 5), BENCH_BIG=1, BENCH_DIR (trace cache folder).

import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reader, readEventsAsync } from '../src/trace/index.ts';
import { REFERENCE_GO, goBin, goRoot, hasGo, hasGoSource } from './toolchains.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const shared = resolve(repoRoot, '../shared');
const programsDir = join(repoRoot, 'tests/trace/programs');
const fixtures = join(repoRoot, 'tests/fixtures/go-trace-testdata');
const cacheDir = process.env.BENCH_DIR ?? join(tmpdir(), 'gotrace-bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// Child mode: stream one file and report memory, as JSON on stdout.
if (process.argv[2] === '--stream-child') {
  await streamChild(process.argv[3]);
  process.exit(0);
}

// The Go that records the traces: the reference's format (go 1.26) when it is there.
function goToolchain(): { version: string; bin: string } | null {
  for (const v of [REFERENCE_GO, '1.26', '1.23', '1.22']) if (hasGo(v)) return { version: v, bin: goBin(v) };
  return null;
}

const goEnv = { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off' };

/** Records (once) a trace of about `mb` MB with the bench workload; null without Go. */
function recordTrace(mb: number): string | null {
  const go = goToolchain();
  if (go === null) return null;
  const file = join(cacheDir, `bench-${mb}mb-go${go.version}.trace`);
  if (existsSync(file)) return file;
  mkdirSync(cacheDir, { recursive: true });
  const bin = join(cacheDir, `programs-go${go.version}`);
  execFileSync(go.bin, ['build', '-o', bin, '.'], { cwd: programsDir, env: goEnv, stdio: 'inherit' }); // cached by Go when unchanged
  process.stderr.write(`recording a ~${mb} MB trace with Go ${go.version} ...\n`);
  execFileSync(bin, ['bench', file], { env: { ...goEnv, GOTRACE_TARGET_MB: String(mb) }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  return file;
}

function largestFixture(): string {
  let best = '';
  let size = -1;
  for (const dir of ['real', 'tests']) {
    for (const f of readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.trace'))) {
      const p = join(fixtures, dir, f);
      const s = statSync(p).size;
      if (s > size) [best, size] = [p, s];
    }
  }
  return best;
}

// Go 1.27.3's reader as a command (../shared/tools/go-reader), the reference.
function refdump(): string | null {
  const build = join(shared, 'tools/go-reader/build.sh');
  if (!existsSync(build) || !hasGoSource(REFERENCE_GO)) return null;
  try {
    return execFileSync('bash', [build, REFERENCE_GO], { encoding: 'utf8', env: { ...goEnv, GOROOT_FROM: goRoot(REFERENCE_GO) } }).trim().split('\n').pop()!;
  } catch {
    return null;
  }
}

interface Run {
  ms: number;
  events: number;
}

function benchTS(bytes: Uint8Array, runs: number): Run {
  let best = Infinity;
  let events = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    let n = 0;
    const r = new Reader(bytes);
    for (let ev = r.next(); ev !== null; ev = r.next()) n++;
    const ms = performance.now() - t0;
    if (ms < best) best = ms;
    events = n;
  }
  return { ms: best, events };
}

function benchDump(bytes: Uint8Array, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    let chars = 0;
    for (const ev of new Reader(bytes)) chars += ev.toString().length;
    best = Math.min(best, performance.now() - t0);
    if (chars === 0) break;
  }
  return best;
}

function benchGo(tool: string, file: string, runs: number): Run | null {
  const r = spawnSync(tool, ['bench', file, String(runs)], { encoding: 'utf8' });
  const m = /events=(\d+) best_ms=([\d.]+)/.exec(r.stdout ?? '');
  return m ? { events: Number(m[1]), ms: Number(m[2]) } : null;
}

const mbps = (bytes: number, ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(1);
const meps = (events: number, ms: number): string => (events / 1e6 / (ms / 1000)).toFixed(2);

async function streamChild(file: string): Promise<void> {
  let peakHeap = 0;
  let events = 0;
  const t0 = performance.now();
  for await (const ev of readEventsAsync(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    void ev;
    if ((++events & 0xffff) === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const ms = performance.now() - t0;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  let vmHWM = 0;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) vmHWM = Number(m[1]) * 1024;
  } catch {
    // Not Linux: fall back to the RSS now.
    vmHWM = process.memoryUsage().rss;
  }
  process.stdout.write(JSON.stringify({ events, ms, vmHWM, peakHeap }) + '\n');
}

function streamPeak(file: string): void {
  // A baseline child that only loads the reader, to separate Node's own footprint.
  const base = spawnSync(process.execPath, ['-e', `
    import(${JSON.stringify(join(repoRoot, 'src/trace/index.ts'))}).then(() => {
      const m = /VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'));
      console.log(m ? Number(m[1]) * 1024 : process.memoryUsage().rss);
    })`], { encoding: 'utf8' });
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--stream-child', file], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`  streaming parse failed: ${r.stderr.split('\n')[0]}`);
    return;
  }
  const s = JSON.parse(r.stdout) as { events: number; ms: number; vmHWM: number; peakHeap: number };
  const size = statSync(file).size;
  const mb = (x: number): string => (x / 1048576).toFixed(0);
  console.log(
    `  streaming ${mb(size)} MiB: ${s.events} events in ${(s.ms / 1000).toFixed(2)} s (${mbps(size, s.ms)} MB/s); ` +
      `peak RSS (VmHWM) ${mb(s.vmHWM)} MiB (Node alone: ${mb(Number(base.stdout) || 0)} MiB), peak heap used ${mb(s.peakHeap)} MiB`,
  );
}

function report(label: string, file: string, tool: string | null, runs: number): void {
  const bytes = new Uint8Array(readFileSync(file));
  console.log(`${label}: ${file} (${(bytes.length / 1e6).toFixed(2)} MB)`);
  const ts = benchTS(bytes, runs);
  console.log(`  TS reader:  ${ts.events} events, best of ${runs}: ${ts.ms.toFixed(1)} ms = ${mbps(bytes.length, ts.ms)} MB/s, ${meps(ts.events, ts.ms)} M events/s`);
  const dumpMs = benchDump(bytes, Math.min(runs, 3));
  console.log(`  TS reader + toString() per event: ${dumpMs.toFixed(1)} ms = ${mbps(bytes.length, dumpMs)} MB/s`);
  if (tool !== null) {
    const go = benchGo(tool, file, runs);
    if (go !== null) {
      console.log(`  Go ${REFERENCE_GO} reader:  ${go.events} events, best of ${runs}: ${go.ms.toFixed(1)} ms = ${mbps(bytes.length, go.ms)} MB/s, ${meps(go.events, go.ms)} M events/s`);
      console.log(`  TS/Go throughput: ${(go.ms / ts.ms).toFixed(2)}  (TS takes ${(ts.ms / go.ms).toFixed(2)}x Go's time)`);
      if (go.events !== ts.events) console.log(`  NOTE: event counts differ (Go ${go.events}, TS ${ts.events})`);
    }
  }
}

const tool = refdump();
if (tool === null) console.log(`(Go ${REFERENCE_GO} with its source, or ../shared, not found: no Go figures)`);
console.log(`Node ${process.version}, ${new Date().toISOString()}`);

const small = recordTrace(4) ?? largestFixture();
report('~4 MB trace', small, tool, RUNS);
const large = recordTrace(40);
if (large !== null) report('~40 MB trace', large, tool, Math.max(2, Math.ceil(RUNS / 2)));

console.log('Peak memory, streaming parse in a child process:');
streamPeak(large ?? small);
if (process.env.BENCH_BIG === '1') {
  const big = recordTrace(300);
  if (big !== null) {
    if (tool !== null) {
      const go = benchGo(tool, big, 1);
      if (go) console.log(`  Go reader on ${big}: ${mbps(statSync(big).size, go.ms)} MB/s`);
    }
    streamPeak(big);
  } else {
    console.log('  BENCH_BIG=1 needs Go to record a 300 MB trace');
  }
}
