// Re-runs every playground scenario natively with Go 1.27 and checks the facts each one exists to
// show; also checks that public/go/build-info.json and its binaries were built from the current Go
// sources, and, with Go 1.27, that npm run go:wasm rebuilds them byte for byte.
// Without Go 1.27 the scenario runs are skipped with a message (a failure when CI is set).
// (The flight recorder has a test of its own: flight-recorder-native.test.ts.)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goBin, hasGo } from '../../scripts/toolchains.ts';
import type { GoBuildInfo } from '../../src/components/go-scenario/catalogue.ts';
import { EventKind, GoState, Reader, ResourceKind } from '../../src/trace/index.ts';

const root = path.resolve(import.meta.dirname, '../..');
const goDir = path.join(root, 'playground/go');
const GO = goBin('1.27');
const haveGo = hasGo('1.27');

/** Same as playground/scripts/source-hash.sh. */
export function sourceHash(dir: string = goDir): string {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.isFile() && (ent.name.endsWith('.go') || ent.name === 'go.mod')) files.push(path.relative(dir, p).split(path.sep).join('/'));
    }
  };
  walk(dir);
  files.sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  const h = createHash('sha256');
  for (const f of files) {
    const fh = createHash('sha256').update(readFileSync(path.join(dir, f))).digest('hex');
    h.update(`${f}\0${fh}\n`);
  }
  return h.digest('hex');
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('public/go (the wasm builds)', () => {
  it('build-info.json was built from the current playground/go sources (else run npm run go:wasm)', () => {
    const infoPath = path.join(root, 'public/go/build-info.json');
    expect(existsSync(infoPath), 'public/go/build-info.json missing: run npm run go:wasm').toBe(true);
    const info: GoBuildInfo = JSON.parse(readFileSync(infoPath, 'utf8'));
    expect(info.sourceHash, 'the committed .wasm binaries are stale: run npm run go:wasm').toBe(sourceHash());
    expect(info.binaries.map((b) => b.file)).toEqual(['scenarios.wasm', 'casestudy.wasm']);
    for (const b of info.binaries) {
      const file = path.join(root, 'public/go', b.file);
      expect(sha256(file), b.file).toBe(b.wasmSha256);
      expect(statSync(file).size, b.file).toBe(b.wasmBytes);
    }
    expect(info.go).toMatch(/^go1\.27\./);
    expect(info.buildFlags).toContain('-buildvcs=false');
    expect(existsSync(path.join(root, 'public/go/wasm_exec.js'))).toBe(true);
  });
});

describe.skipIf(!haveGo)('npm run go:wasm (Go 1.27)', () => {
  // What makes a rebuild in another checkout or at another commit give other bytes: Go stamps the
  // commit and whether the tree is dirty into a binary built in a git checkout (-buildvcs=false
  // stops it), and the paths of the sources (-trimpath).
  it('rebuilds the committed binaries and build-info.json byte for byte', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'go-wasm-rebuild-'));
    try {
      const b = spawnSync('bash', ['playground/scripts/build-wasm.sh'], { cwd: root, env: { ...process.env, GO_WASM_OUT: out }, encoding: 'utf8' });
      expect(b.status, b.stderr).toBe(0);
      const info: GoBuildInfo = JSON.parse(readFileSync(path.join(out, 'build-info.json'), 'utf8'));
      for (const file of ['build-info.json', 'wasm_exec.js', ...info.binaries.map((x) => x.file)]) {
        expect(sha256(path.join(out, file)), `${file} differs from a fresh build: run npm run go:wasm`).toBe(sha256(path.join(root, 'public/go', file)));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);

  it('the binaries hold every scenario of the native runner between them, each in one', () => {
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
    const r = spawnSync(GO, ['run', './cmd/scenario', '-names'], { cwd: goDir, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const info: GoBuildInfo = JSON.parse(readFileSync(path.join(root, 'public/go/build-info.json'), 'utf8'));
    const held = info.binaries.flatMap((b) => b.scenarios.map((e) => `${e.scenario} ${e.variants.join(' ')}`));
    expect(held.sort()).toEqual(r.stdout.trim().split('\n').sort());
  }, 240_000);
});

if (!haveGo) {
  const msg = `[playground] ${GO} not found: skipping native scenario runs`;
  if (process.env.CI) {
    describe('native scenarios', () => {
      it('needs Go 1.27 in CI', () => { throw new Error(msg); });
    });
  } else {
    console.warn(msg);
  }
}

const LATE_START_RUN = 'fieldguide/playground/scenarios/late-start.Run';

/**
 * What a late-start trace shows of the program's warm-up, read from the stacks the runtime recorded:
 * - pool: goroutines that first appear blocked (Undetermined->Waiting) and are then woken by a send
 *   on the jobs channel or by its close, in late-start's main. The waker's stack is used because a
 *   worker that never blocks again after its wake-up need have no stack of its own anywhere in the
 *   trace (its status event may be written without one).
 * - forcedGCs: GC cycles started by the warm-up's runtime.GC() call.
 * Counts of GC cycles alone would not do: the warm-up leaves the heap near its goal, so a GC may
 * start right after trace.Start (even inside it) and then rightly appear in the broken trace.
 */
function lateStartEvidence(file: string): { pool: number; forcedGCs: number } {
  const firstBlocked = new Map<number, boolean>();
  const pool = new Set<number>();
  let forcedGCs = 0;
  for (const ev of new Reader(readFileSync(file))) {
    const kind = ev.kind();
    if (kind === EventKind.RangeBegin && ev.range().name === 'GC concurrent mark phase') {
      if (ev.stack().frames().some((fr) => fr.func === 'runtime.GC')) forcedGCs++;
      continue;
    }
    if (kind !== EventKind.StateTransition) continue;
    const st = ev.stateTransition();
    if (st.resource.kind !== ResourceKind.Goroutine) continue;
    const { from, to } = st.goroutine();
    const id = st.resource.id;
    if (!firstBlocked.has(id)) firstBlocked.set(id, from === GoState.Undetermined && to === GoState.Waiting);
    if (!firstBlocked.get(id) || from !== GoState.Waiting || to !== GoState.Runnable) continue;
    const [op, caller] = ev.stack().frames();
    if ((op?.func === 'runtime.chansend1' || op?.func === 'runtime.closechan') && caller?.func.startsWith(LATE_START_RUN)) pool.add(id);
  }
  return { pool: pool.size, forcedGCs };
}

interface Run { status: number | null; stdout: string; stderr: string; trace: string }
interface Result {
  header: string; parses: boolean; error: string;
  facts: null | Record<string, any>;
}

describe.skipIf(!haveGo)('native scenarios (Go 1.27, GOMAXPROCS=4)', () => {
  let tmp = '';
  let runner = '';
  let factsBin = '';
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'playground-native-'));
    runner = path.join(tmp, 'scenario');
    factsBin = path.join(tmp, 'facts');
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOPROXY: 'off', GOFLAGS: '-mod=mod', CGO_ENABLED: '0' };
    for (const [out, pkg] of [[runner, './cmd/scenario'], [factsBin, './cmd/facts']]) {
      const b = spawnSync(GO, ['build', '-o', out, pkg], { cwd: goDir, env, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`go build ${pkg} failed:\n${b.stderr}`);
    }
  }, 240_000);
  afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

  let n = 0;
  const run = (name: string, variant: string, ...params: string[]): Run => {
    const trace = path.join(tmp, `${name}-${variant}-${n++}.trace`);
    const r = spawnSync(runner, [name, `-variant=${variant}`, '-o', trace, ...params], {
      cwd: tmp, env: { ...process.env, GOMAXPROCS: '4', GODEBUG: '' }, encoding: 'utf8', timeout: 60_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, trace };
  };
  const analyze = (file: string): Result => {
    const r = spawnSync(factsBin, ['-go', GO, file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout)[file];
  };

  it('started-twice: the second Start fails with "execution tracer already enabled"; the first trace is intact', () => {
    const fixed = run('started-twice', 'fixed');
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toContain('second trace.Start error: execution tracer already enabled (type *errors.errorString)');
    const a = analyze(fixed.trace);
    expect(a.parses, a.error).toBe(true);
    expect(a.facts!.regions).toBe(2);
    expect(existsSync(fixed.trace.replace(/\.trace$/, '.second.trace'))).toBe(false);

    const broken = run('started-twice', 'broken');
    expect(broken.status).toBe(0);
    const second = broken.trace.replace(/\.trace$/, '.second.trace');
    expect(statSync(second).size).toBe(0);
    expect(broken.stdout).toMatch(/\[check\] files still open: .*\.second\.trace/);
    expect(broken.stdout).toMatch(/\/proc\/self\/fd entries for the second file: 1 /);
    expect(analyze(broken.trace).parses).toBe(true);
  });

  it('exit-without-stop: os.Exit/log.Fatal leave a trace without events; the run() pattern and a panic keep the trace', () => {
    // Go 1.26+ writes the first generation's clock batch (Sync, Frequency, ClockSnapshot) at Start:
    // the stub is the header and that batch, which Go 1.27 reads as a trace with no event.
    const broken = run('exit-without-stop', 'broken');
    expect(broken.status).toBe(3);
    expect(statSync(broken.trace).size).toBeLessThan(100);
    const b = analyze(broken.trace);
    expect(b.parses, b.error).toBe(true);
    expect(b.facts!.events).toBe(0);

    const fatal = run('exit-without-stop', 'broken', '-via=log.Fatal');
    expect(fatal.status).toBe(1);
    expect(fatal.stderr).toContain('config reload failed');
    expect(analyze(fatal.trace).facts!.events).toBe(0);

    const fixed = run('exit-without-stop', 'fixed');
    expect(fixed.status).toBe(3);
    const f = analyze(fixed.trace);
    expect(f.parses, f.error).toBe(true);
    expect(f.facts!.spanMs).toBeGreaterThanOrEqual(300);

    const panic = run('exit-without-stop', 'panic');
    expect(panic.status).toBe(2);
    expect(panic.stderr).toContain('deferred trace.Stop ran');
    expect(panic.stderr.indexOf('deferred trace.Stop ran')).toBeLessThan(panic.stderr.indexOf('panic: '));
    expect(analyze(panic.trace).parses).toBe(true);
  });

  it('corrupted-output: gctrace text inside a trace written to stderr; Go cannot parse it', () => {
    const broken = run('corrupted-output', 'broken');
    expect(broken.status).toBe(0);
    const bytes = readFileSync(broken.trace);
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('go 1.26 trace\0\0\0');
    expect(bytes.toString('latin1')).toMatch(/\ngc \d+ @/);
    const b = analyze(broken.trace);
    expect(b.parses).toBe(false);
    expect(b.error).toMatch(/expected batch event|bad|unexpected|invalid/);

    const fixed = run('corrupted-output', 'fixed');
    const f = analyze(fixed.trace);
    expect(f.parses, f.error).toBe(true);
    expect(f.facts!.gcs).toBeGreaterThan(0);
  });

  it('lost-context: regions in task 0 when the ctx is dropped, all in a task when passed', () => {
    const b = analyze(run('lost-context', 'broken').trace).facts!;
    expect(b.tasks).toBe(4);
    expect(b.regions).toBe(16);
    expect(b.regionsWithoutTask).toBe(16);
    const f = analyze(run('lost-context', 'fixed').trace).facts!;
    expect(f.regions).toBe(16);
    expect(f.regionsWithoutTask).toBe(0);
    expect(f.logsWithoutTask).toBe(0);
  });

  it('blocking-and-leaks: goroutines blocked on chan send at the end of the broken trace, none when fixed', () => {
    let b: Record<string, any> = {};
    // The rising block rate is a timing property: allow a few attempts on a loaded machine.
    for (let attempt = 0; attempt < 4; attempt++) {
      b = analyze(run('blocking-and-leaks', 'broken').trace).facts!;
      if (b.phases.at(-1).avgBlocked >= 2 * b.phases[0].avgBlocked) break;
    }
    expect(b.goroutinesBlockedAtEnd).toBe(16);
    expect(b.blockedAtEndReasons).toEqual({ 'chan send': 16 });
    expect(b.phases).toHaveLength(4);
    expect(b.phases.at(-1).avgBlocked).toBeGreaterThan(b.phases[0].avgBlocked);
    const f = analyze(run('blocking-and-leaks', 'fixed').trace).facts!;
    expect(f.goroutinesBlockedAtEnd).toBe(0);
  });

  it('late-start: goroutines alive at Start appear through status events; warm-up events are gone', () => {
    const broken = run('late-start', 'broken');
    expect(broken.stdout).toMatch(/^init\(\) runs on goroutine 1; call stack: .*runtime\.doInit.* <- runtime\.main/m);
    expect(broken.stdout).toMatch(/^warm-up done: 8 pool goroutines, 16 MiB allocated, [1-9]\d* GC cycles so far$/m);
    expect(lateStartEvidence(broken.trace)).toEqual({ pool: 8, forcedGCs: 0 });
    const b = analyze(broken.trace).facts!;
    expect(b.userCreated).toBe(0);
    expect(b.preexistingGoroutines).toBeGreaterThanOrEqual(8 + 3);
    const fixed = run('late-start', 'fixed');
    expect(lateStartEvidence(fixed.trace)).toEqual({ pool: 0, forcedGCs: 1 });
    const f = analyze(fixed.trace).facts!;
    expect(f.gcs).toBeGreaterThanOrEqual(1);
    expect(f.userCreated).toBeGreaterThanOrEqual(8);
    expect(f.userPreexisting).toBe(0);
    expect(f.preexistingGoroutines).toBeGreaterThanOrEqual(3);
  });

  it('anatomy: GC, a task with regions and logs, and network, sync, channel and sleep blocking', () => {
    const r = run('anatomy', 'default');
    expect(r.status).toBe(0);
    const a = analyze(r.trace);
    expect(a.header).toBe('go 1.26 trace');
    const f = a.facts!;
    expect(f.gcs).toBeGreaterThanOrEqual(1);
    expect(f.taskTypes).toEqual(['processOrders']);
    expect(f.regions).toBe(48 * 3);
    expect(f.regionsWithoutTask).toBe(0);
    for (const reason of ['network', 'sync', 'chan receive', 'sleep']) expect(f.blockReasons[reason], reason).toBeGreaterThan(0);
  });
});
