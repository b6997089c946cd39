// Differential test against Go itself, on traces recorded fresh every run.
//
// 1. Build refdump (../shared/tools/go-reader) twice: from Go 1.27.3's source (the reference,
//    REFERENCE_GO) and from Go 1.23.5's.
// 2. Build the workloads in tests/trace/programs with Go 1.21, 1.22, 1.23, 1.26 and 1.27
//    (scripts/toolchains.ts says where each lives) and record a trace from each, with a short
//    generation period so every trace spans several generations (Go 1.21 writes the old format,
//    without generations; its go.mod says go 1.21). With Go 1.26 and 1.27 the flight recorder
//    workload (Go 1.25+) takes two snapshots mid-run, traces that start in the middle of the
//    program's life.
// 3. For every trace:
//    - our dump (dumpTrace: Event.String() per event, then EOF/ERROR) must equal
//      `refdump dump` of Go 1.27 byte for byte; for the Go 1.21-1.23 recordings, our dump read
//      as Go 1.23 (`{ readAs: 'go1.23' }`) must also equal Go 1.23's refdump;
//    - our validator must accept every event (refdump runs Go's); for Go 1.21 traces it must
//      reach the same verdict as Go 1.27's validator in its old-trace mode (GoVersion = Go121,
//      as Go's TestTraceV1), because Go's conversion of old traces does not always validate
//      (e.g. goroutines entering syscalls from cgo callbacks);
//    - our raw text (bytesToText) must equal Go 1.27's `go tool trace -d=wire`, for the Go 1.22+
//      formats (the text format has no old-format form);
//    - a Go 1.22+ trace cut in two and analysed in parts joins into the one-reading model;
//    - for a few traces, the CLI (`gotrace dump`, `gotrace dump --format=go1.23`) too.
// 4. A differential fuzz stage: mutated fixture traces must read the same in our reader and
//    Go 1.27's, outside the known, deliberate differences listed below.
// 5. The fixture .test vectors convert to the same bytes as Go's raw writer, and makeEvent
//    makes what Go 1.27's MakeEvent makes.
//
// Go prints a clock snapshot's wall time in the local time zone, our reader in UTC: refdump runs
// with TZ=UTC.
//
// Needs Go (scripts/setup-system.sh) and ../shared beside the repository. Without them the suite
// skips with a message, except under CI (process.env.CI set), where that is a failure: CI must
// never skip silently.
//
// A mismatching trace is kept in $TMPDIR/gotrace-differential-mismatches/ and named in the
// failure; copy it to tests/trace/fuzz-regressions/ with its refdump output.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { analyseBytes, analyseTracePart, joinParts, modelFromPart } from '../../src/analysis/index.ts';
import { dumpTo, dumpTrace, EventKind, generationStarts, goTextBytes, ProcState, Reader, ResourceKind, type ReadAs } from '../../src/trace/index.ts';
import { bytesToText, parseTraceTest, textToBytes } from '../../src/trace/raw/index.ts';
import { validateTrace } from '../../src/trace/testtrace/index.ts';
import { REFERENCE_GO, goBin, goRoot, hasGo, hasGoSource } from '../../scripts/toolchains.ts';
import { caseSeed, mutate } from './fuzz/mutate.ts';
import { makeEventCases } from './make-event/cases.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = resolve(repoRoot, '../shared');
const buildSh = join(shared, 'tools/go-reader/build.sh');
const programsDir = fileURLToPath(new URL('./programs/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/go-trace-testdata/', import.meta.url));
const RECORD_WITH = ['1.21', '1.22', '1.23', '1.26', '1.27'];
/** Recordings Go 1.23.5's reader can read too (the formats it knows). */
const readByGo123 = (goVersion: string): boolean => ['1.21', '1.22', '1.23'].includes(goVersion);
const mismatchDir = join(tmpdir(), 'gotrace-differential-mismatches');
const FUZZ_CASES = Number(process.env.DIFF_FUZZ_CASES ?? 400);

const missing: string[] = [];
if (!existsSync(buildSh)) missing.push(`${buildSh} (the ../shared folder beside the repository)`);
for (const v of RECORD_WITH) if (!hasGo(v)) missing.push(`Go ${v} (${goBin(v)})`);
for (const v of [REFERENCE_GO, '1.23']) if (hasGo(v) && !hasGoSource(v)) missing.push(`Go ${v}'s source (${goRoot(v)}/src/internal/trace)`);
const why = `needs ${missing.join(', ')} (Go: scripts/setup-system.sh; ../shared: the shared folder beside the repository)`;

const goEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOFLAGS: '',
  GO111MODULE: 'on',
  GOPROXY: 'off',
  ...extra,
});

// Trace generations every 50 ms instead of every second: short runs cross generation boundaries.
const GODEBUG = 'traceadvanceperiod=50000000';

interface Recorded {
  name: string;
  file: string;
  goVersion: string;
}

let tmp = '';
const refdump: Record<'1.27' | '1.23', string> = { '1.27': '', '1.23': '' };
const recorded: Recorded[] = [];

function firstDifference(want: string, got: string): string {
  const w = want.split('\n');
  const g = got.split('\n');
  let i = 0;
  while (i < w.length && i < g.length && w[i] === g[i]) i++;
  return `first difference at line ${i + 1} (of ${w.length} from Go, ${g.length} from us):\n  go: ${JSON.stringify(w[i])}\n  ts: ${JSON.stringify(g[i])}`;
}

function keepMismatch(file: string, label: string): string {
  mkdirSync(mismatchDir, { recursive: true });
  const dst = join(mismatchDir, label);
  copyFileSync(file, dst);
  return dst;
}

// Our strings hold a byte of invalid UTF-8 as the lone surrogate U+DC80+byte
// (src/trace/format.ts); Go prints the byte itself. Encode ours the same way.
function goBytes(s: string): Buffer {
  return Buffer.from(goTextBytes(s));
}

/** What refdump prints for a file, and whether it ended normally (no panic). */
function refdumpBytes(go: '1.27' | '1.23', file: string): { out: Buffer; ok: boolean } {
  const r = spawnSync(refdump[go], ['dump', file], { maxBuffer: 2 ** 32, env: { ...process.env, TZ: 'UTC' } });
  return { out: r.stdout, ok: r.status === 0 };
}

/** The same as latin1 (one char a byte): for small outputs. */
function refdumpOf(go: '1.27' | '1.23', file: string): { out: string; ok: boolean } {
  const r = refdumpBytes(go, file);
  return { out: r.out.toString('latin1'), ok: r.ok };
}

/** Our dump of a file as latin1 of the bytes the CLI would print. */
function oursOf(bytes: Uint8Array, readAs: ReadAs): string {
  return goBytes(dumpTrace(bytes, { readAs })).toString('latin1');
}

/**
 * Our dump compared with Go's output piece by piece, as bytes (an alloc/free trace prints some
 * hundreds of MB): null if equal, else the first line that differs.
 */
function dumpDifference(bytes: Uint8Array, readAs: ReadAs, want: Buffer): string | null {
  let at = 0;
  let diff = -1;
  dumpTo(bytes, (text) => {
    if (diff >= 0) return;
    const got = goBytes(text);
    const n = Math.min(got.length, want.length - at);
    for (let i = 0; i < n; i++) {
      if (got[i] !== want[at + i]) {
        diff = at + i;
        return;
      }
    }
    if (n < got.length) diff = at + n;
    at += got.length;
  }, 1 << 20, { readAs });
  if (diff < 0 && at !== want.length) diff = at;
  if (diff < 0) return null;
  // The outputs agree up to `diff`, so the line that differs starts at the same byte in both.
  const lineStart = diff === 0 ? 0 : want.lastIndexOf(10, diff - 1) + 1;
  const line = (b: Buffer): string => {
    const end = b.indexOf(10, lineStart);
    return b.subarray(lineStart, end < 0 ? b.length : end).toString('latin1');
  };
  const lineNo = want.subarray(0, lineStart).filter((c) => c === 10).length + 1;
  // Our whole dump only for a small trace (a large one prints hundreds of MB).
  const ours = bytes.length < 4 << 20 ? `\n  ts: ${JSON.stringify(line(goBytes(dumpTrace(bytes, { readAs }))))}` : '';
  return `first difference at byte ${diff}, line ${lineNo}:\n  go: ${JSON.stringify(line(want))}${ours}`;
}

if (missing.length > 0 && !process.env.CI) {
  describe.skip(`differential test against Go (skipped: ${why})`, () => {
    it('skipped', () => {});
  });
  console.warn(`differential.test.ts: skipped: ${why}`);
} else if (missing.length > 0) {
  describe('differential test against Go', () => {
    it('has Go and ../shared (required under CI)', () => {
      throw new Error(`CI must run the differential test, but it ${why}`);
    });
  });
} else {
  describe('differential test against Go', () => {
    beforeAll(() => {
      for (const go of ['1.27', '1.23'] as const) {
        const out = execFileSync('bash', [buildSh, go], { encoding: 'utf8', env: goEnv({ GOROOT_FROM: goRoot(go) }) });
        refdump[go] = out.trim().split('\n').pop()!;
      }
      tmp = mkdtempSync(join(tmpdir(), 'gotrace-diff-'));
      for (const v of RECORD_WITH) {
        const bin = join(tmp, `programs-go${v}`);
        execFileSync(goBin(v), ['build', '-o', bin, '.'], { cwd: sourcesFor(v), env: goEnv(), stdio: 'pipe' });
        const names = execFileSync(bin, ['list'], { encoding: 'utf8' }).trim().split('\n');
        const runs: { name: string; prog: string; env: Record<string, string> }[] = names.map((n) => ({
          name: n,
          prog: n,
          env: n === 'bench' ? { GODEBUG, GOTRACE_TARGET_MB: '3' } : ({ GODEBUG } as Record<string, string>),
        }));
        // The experimental alloc/free events (ExperimentalBatch, Experimental events) of Go 1.23+;
        // with Go 1.26+, from a lighter workload (the gc one prints some 500 MB of text there).
        if (v === '1.23') runs.push({ name: 'gc-allocfree', prog: 'gc', env: { GODEBUG: `${GODEBUG},traceallocfree=1` } });
        if (v === '1.26' || v === '1.27') runs.push({ name: 'sched-allocfree', prog: 'sched', env: { GODEBUG: `${GODEBUG},traceallocfree=1` } });
        for (const r of runs) {
          const file = join(tmp, `${r.name}-go${v}.trace`);
          const written = execFileSync(bin, [r.prog, file], { env: goEnv(r.env), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
          // Most workloads write the file named; the flight recorder writes its snapshots beside it.
          for (const f of written.trim().split('\n')) recorded.push({ name: f === file ? r.name : `${r.name}-${f.split('.').slice(-2, -1)[0]}`, file: f, goVersion: v });
        }
      }
    }, 600_000);

    afterAll(() => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    // The programs' go.mod says go 1.22, which Go 1.21 refuses to build (GOTOOLCHAIN=local):
    // build a copy that says go 1.21. Files for newer Go (iterpull.go, flightrecorder.go) have build tags.
    function sourcesFor(v: string): string {
      if (v !== '1.21') return programsDir;
      const dir = join(tmp, 'programs-go1.21-src');
      cpSync(programsDir, dir, { recursive: true });
      const mod = join(dir, 'go.mod');
      writeFileSync(mod, readFileSync(mod, 'utf8').replace(/^go 1\.\d+$/m, 'go 1.21'));
      return dir;
    }

    const label = (r: Recorded): string => `${r.name}-go${r.goVersion}.trace`;

    it('recorded traces from every program with every Go version, and flight-recorder snapshots', () => {
      expect(recorded.length).toBeGreaterThanOrEqual(50);
      for (const v of RECORD_WITH) expect(recorded.filter((r) => r.goVersion === v).length, `Go ${v}`).toBeGreaterThanOrEqual(10);
      for (const v of ['1.26', '1.27']) {
        const snaps = recorded.filter((r) => r.goVersion === v && r.name.startsWith('flightrecorder-'));
        expect(snaps.length, `Go ${v} flight-recorder snapshots`).toBeGreaterThanOrEqual(2);
        for (const s of snaps) expect(readFileSync(s.file).subarray(0, 16).toString('latin1')).toBe('go 1.26 trace\0\0\0');
      }
      const sizes = recorded.map((r) => readFileSync(r.file).length);
      expect(Math.max(...sizes)).toBeGreaterThan(2_000_000);
    });

    it("dump equals Go 1.27's refdump (and Go 1.23's, read as Go 1.23), and every event validates, for every fresh trace", () => {
      const problems: string[] = [];
      const validator121 = buildOldTraceValidator();
      let compared27 = 0;
      let compared23 = 0;
      for (const r of recorded) {
        const bytes = new Uint8Array(readFileSync(r.file));
        const refs: ['1.27' | '1.23', ReadAs][] = [['1.27', 'go1.27']];
        if (readByGo123(r.goVersion)) refs.push(['1.23', 'go1.23']);
        let goReadAll = false;
        for (const [go, readAs] of refs) {
          const want = refdumpBytes(go, r.file);
          if (!want.ok) {
            problems.push(`${label(r)}: refdump ${go} failed`);
            continue;
          }
          // Now and then the runtime writes a trace that Go's own reader rejects (seen with the cgo
          // callback program: "tried to create goroutine … in syscall that already exists"). That is a
          // Go bug, not ours: we must then fail at the same event with the same message, which the
          // dump comparison checks, and the validator has nothing complete to check.
          if (go === '1.27') {
            goReadAll = want.out.subarray(-4).toString('latin1') === 'EOF\n';
            if (!goReadAll) console.warn(`${label(r)}: Go's reader stops early: ${want.out.subarray(want.out.lastIndexOf('ERROR: ')).toString('latin1').trim()}`);
          }
          const diff = dumpDifference(bytes, readAs, want.out);
          if (diff !== null) problems.push(`${label(r)} (${readAs}): dump differs from Go ${go}'s; kept at ${keepMismatch(r.file, label(r))}; ${diff}`);
          if (go === '1.27') compared27++;
          else compared23++;
        }
        if (!goReadAll) continue;
        const v = validateTrace(bytes);
        if (v.readError !== null) problems.push(`${label(r)}: read error ${v.readError.message}`);
        if (r.goVersion === '1.21') {
          // Go's validator stops at the first invalid event: "<event>\nINVALID: <problems, one a line>".
          const goOut = spawnSync(validator121, ['validate', r.file], { maxBuffer: 1 << 30, encoding: 'utf8' }).stdout;
          const goInvalid = goOut.includes('\nINVALID: ');
          const first = v.invalid[0];
          if (!goInvalid && first !== undefined) problems.push(`${label(r)}: invalid event ${first.index} (Go's validator accepts it): ${first.problems.join('; ')}`);
          if (goInvalid && (first === undefined || !goOut.endsWith(`${first.event}\nINVALID: ${first.problems.join('\n')}\n`))) {
            problems.push(`${label(r)}: Go's validator rejects ${JSON.stringify(goOut.slice(goOut.indexOf('\nINVALID: ') + 1))}, ours ${JSON.stringify(first ?? null)}`);
          }
          continue;
        }
        for (const bad of v.invalid.slice(0, 3)) problems.push(`${label(r)}: invalid event ${bad.index}: ${bad.problems.join('; ')}`);
      }
      console.log(`differential: ${compared27} fresh traces compared with Go 1.27's reader, ${compared23} also with Go 1.23's`);
      expect(problems).toEqual([]);
      expect(compared27).toBe(recorded.length);
    }, 900_000);

    // refdump with Go 1.27's validator in its old-trace mode (GoVersion = Go121, as Go's
    // TestTraceV1 sets it), built beside refdump in its copy of GOROOT.
    function buildOldTraceValidator(): string {
      const root = join(dirname(refdump['1.27']), 'goroot');
      const dir = join(root, 'src/internal/trace/testdata/cmd/refdump-go121');
      const src = readFileSync(join(shared, 'tools/go-reader/main.go'), 'utf8');
      const patched = src
        .replace('v := testtrace.NewValidator()', 'v := testtrace.NewValidator()\n\tv.GoVersion = version.Go121')
        .replace('"internal/trace/testtrace"', '"internal/trace/testtrace"\n\t"internal/trace/version"')
        .replace('r, _, err := testtrace.ParseFile(in)', 'r, _, _, err := testtrace.ParseFile(in)');
      if (!patched.includes('v.GoVersion = version.Go121')) throw new Error('refdump main.go changed: cannot set the validator to Go121');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'main.go'), patched);
      const out = join(tmp, 'refdump-go121');
      execFileSync(join(root, 'bin/go'), ['build', '-o', out, '.'], { cwd: dir, env: goEnv({ GOROOT: root }), stdio: 'pipe' });
      return out;
    }

    // Go 1.27's raw reader takes a version's events from its table cut after the version's newest
    // event, so it knows no experimental events in a go 1.23 trace ("invalid event type: 130"):
    // those traces are compared with Go 1.23's `-d=2`, which reads them.
    it("raw text equals Go 1.27's `go tool trace -d=wire` (Go 1.23's -d=2 where Go 1.27's has no text) for every fresh Go 1.22+ trace", () => {
      const problems: string[] = [];
      let compared = 0;
      for (const r of recorded.filter((x) => x.goVersion !== '1.21')) {
        let w = spawnSync(goBin(REFERENCE_GO), ['tool', 'trace', '-d=wire', r.file], { env: goEnv(), maxBuffer: 1 << 30, encoding: 'latin1' });
        if (w.status !== 0 && /invalid event type: 1[23]\d/.test(w.stderr) && readByGo123(r.goVersion)) {
          w = spawnSync(goBin('1.23'), ['tool', 'trace', '-d=2', r.file], { env: goEnv(), maxBuffer: 1 << 30, encoding: 'latin1' });
        }
        // Go prints the events without the "Trace Go1.NN" line; compare byte-wise (latin1 both sides).
        const ours = bytesToText(new Uint8Array(readFileSync(r.file)));
        if (w.status !== 0) {
          problems.push(`${label(r)}: go tool trace -d=wire failed: ${w.stderr.trim()}`);
          continue;
        }
        const got = Buffer.from(ours.slice(ours.indexOf('\n') + 1), 'utf8').toString('latin1');
        if (got !== w.stdout) problems.push(`${label(r)}: ${firstDifference(w.stdout, got)}`);
        // And the text converts back to bytes that read the same.
        if (bytesToText(textToBytes(ours)) !== ours) problems.push(`${label(r)}: text → bytes → text not stable`);
        compared++;
      }
      expect(problems).toEqual([]);
      expect(compared).toBeGreaterThan(40);
    }, 600_000);

    // The analysis of a trace cut in two at a generation boundary, joined (src/analysis/part.ts),
    // equals one reading's, on every fresh Go 1.22+ trace (many generations each: GODEBUG above),
    // at three cuts each: near the start, the middle and the end. Two things the join cannot help,
    // because Go's own reader reads the cut trace differently from the whole: a cut Go cannot read
    // at all (refused: the page then reads in one go), and a cut inside a syscall whose thread held
    // its proc (the continuation sees the proc abandoned, a proc Idle->Idle steal, and orders that
    // thread's events earlier than one reading; the join then refuses, or differs): those are
    // reported, not failed. A refusal is never wrong (the page reads in one go); a differing join is.
    it('a fresh trace analysed in two parts joins into the one-reading model', async () => {
      const problems: string[] = [];
      const unjoinable: string[] = [];
      /** A proc's syscall began before the cut: the continuation's first generation steals it Idle->Idle. */
      const abandonedProcAtCut = (rest: Uint8Array): boolean => {
        let syncs = 0;
        for (const ev of new Reader(rest)) {
          if (ev.kind() === EventKind.Sync && ++syncs > 1) return false;
          if (ev.kind() !== EventKind.StateTransition) continue;
          const st = ev.stateTransition();
          if (st.resource.kind === ResourceKind.Proc && st.proc().from === ProcState.Idle && st.proc().to === ProcState.Idle) return true;
        }
        return false;
      };
      for (const r of recorded.filter((x) => x.goVersion !== '1.21')) {
        const bytes = new Uint8Array(readFileSync(r.file));
        const whole = analyseBytes(bytes);
        const starts = await generationStarts(bytes);
        const picks = [...new Set([0, starts.length >> 1, starts.length - 1])].filter((i) => i >= 0 && i < starts.length);
        for (const i of picks) {
          const { offset, headerLength } = starts[i];
          const first = await analyseTracePart(bytes.subarray(0, offset), { totalBytes: bytes.length });
          const rest = new Uint8Array(headerLength + bytes.length - offset);
          rest.set(bytes.subarray(0, headerLength));
          rest.set(bytes.subarray(offset), headerLength);
          const second = await analyseTracePart(rest, { continuation: true });
          const part = joinParts(first, second);
          if (part === null) {
            if (second.error !== undefined) unjoinable.push(`${label(r)} at ${offset}: the rest alone does not read: ${second.error.message}`);
            else if (abandonedProcAtCut(rest)) unjoinable.push(`${label(r)} at ${offset}: refused, a proc's syscall spans the cut`);
            else if (whole.error === undefined) problems.push(`${label(r)}: join refused at ${offset}`);
            continue;
          }
          const model = modelFromPart(part);
          model.bytes = whole.bytes;
          if (isDeepStrictEqual(model, whole)) continue;
          if (abandonedProcAtCut(rest)) unjoinable.push(`${label(r)} at ${offset}: a proc's syscall spans the cut`);
          else problems.push(`${label(r)}: joined model differs at cut ${offset}`);
        }
      }
      if (unjoinable.length > 0) console.warn(`cuts Go's reader reads differently from the whole trace (the join cannot match them):\n  ${unjoinable.join('\n  ')}`);
      expect(problems).toEqual([]);
    }, 600_000);

    it('the CLI prints the same bytes as refdump (Go 1.27, and Go 1.23 with --format=go1.23)', () => {
      const cases: [string, string, '1.27' | '1.23'][] = [
        ['annotations', '1.27', '1.27'],
        ['flightrecorder-snap1', '1.27', '1.27'],
        ['annotations', '1.23', '1.27'],
        ['annotations', '1.23', '1.23'],
        ['annotations', '1.21', '1.27'],
        ['annotations', '1.21', '1.23'],
      ];
      for (const [name, v, go] of cases) {
        const r = recorded.find((x) => x.name === name && x.goVersion === v)!;
        const want = spawnSync(refdump[go], ['dump', r.file], { maxBuffer: 1 << 30, env: { ...process.env, TZ: 'UTC' } }).stdout;
        const args = [join(repoRoot, 'src/trace/cli/gotrace.ts'), 'dump', ...(go === '1.23' ? ['--format=go1.23'] : []), r.file];
        const got = spawnSync(process.execPath, args, { maxBuffer: 1 << 30 });
        expect(got.stderr.toString()).toBe('');
        expect(Buffer.compare(got.stdout, want), `CLI output differs from refdump ${go} for ${label(r)}`).toBe(0);
      }
    }, 120_000);

    // Mutated fixture traces, read by both readers. Outside these deliberate differences, both must
    // print the same (up to the first line of an error, whose continuation lists state in Go's
    // random map order):
    //  - Go's reader panics on some inputs (only we must not): a CPU sample naming a stack that does
    //    not exist (Go's String() panics; we fail with "found invalid stack ID"), an experimental
    //    batch of an unknown experiment (Go 1.27's Sync() panics), and in old-format traces a missing
    //    stack or string;
    //  - "found invalid func/file string ID n for stack m": Go checks stacks in map order, so n and m
    //    are random in Go.
    // Invalid UTF-8 in function and file names: Go prints the raw bytes; our strings hold
    // U+DC80+byte, compared here as that byte (goTextBytes, as the CLI prints them).
    it(`mutated traces read the same as in Go 1.27 (${FUZZ_CASES} cases, DIFF_FUZZ_CASES), and as in Go 1.23 where it reads them`, () => {
      const seeds: { name: string; data: Uint8Array }[] = [];
      for (const dir of ['tests', 'real', 'v1']) {
        for (const f of readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.trace')).sort()) {
          const data = new Uint8Array(readFileSync(join(fixtures, dir, f)));
          // Old traces are parsed whole: the large ones would make every case slow.
          if (dir === 'v1' && data.length > 64 * 1024) continue;
          seeds.push({ name: `${dir}/${f}`, data });
        }
      }
      const firstErrorLine = (s: string): string => {
        const i = s.indexOf('ERROR: ');
        if (i < 0) return s;
        const j = s.indexOf('\n', i);
        return s.slice(0, j < 0 ? undefined : j).replace(/(found invalid (?:func|file) string ID) \d+ for stack \d+/, '$1 N for stack M');
      };
      const file = join(tmp, 'mutant.trace');
      const problems: string[] = [];
      const compared = { '1.27': 0, '1.23': 0 };
      for (let i = 0; i < FUZZ_CASES; i++) {
        const src = seeds[i % seeds.length];
        const seed = caseSeed(0xd1ff, i);
        const m = mutate(src.data, seed);
        writeFileSync(file, m.data);
        for (const [go, readAs] of [['1.27', 'go1.27'], ['1.23', 'go1.23']] as const) {
          // Half the cases also against Go 1.23 (it reads the formats up to go 1.23).
          if (go === '1.23' && i % 2 === 1) continue;
          const want = refdumpOf(go, file);
          if (!want.ok) continue; // Go panicked
          const got = oursOf(m.data, readAs);
          compared[go]++;
          if (firstErrorLine(got) !== firstErrorLine(want.out)) {
            const name = `mutant-${i}-seed-${seed}.trace`;
            problems.push(`case ${i} (${src.name}, ${m.detail}, ${readAs}); kept at ${keepMismatch(file, name)}; ${firstDifference(firstErrorLine(want.out), firstErrorLine(got))}`);
          }
        }
      }
      console.log(`differential fuzz: ${compared['1.27']} cases compared with Go 1.27, ${compared['1.23']} with Go 1.23`);
      expect(compared['1.27']).toBeGreaterThan(FUZZ_CASES * 0.8);
      expect(problems.slice(0, 10), `${problems.length} compared cases differ`).toEqual([]);
    }, 600_000);

    it("fixture .test vectors: our text → bytes equals Go's raw writer (refdump test2bin, Go 1.27 and 1.23)", () => {
      const dir = join(fixtures, 'tests');
      const problems: string[] = [];
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.test'))) {
        const ours = textToBytes(parseTraceTest(readFileSync(join(dir, f), 'utf8')).traceText);
        for (const go of ['1.27', '1.23'] as const) {
          if (go === '1.23' && f.startsWith('go125')) continue; // Go 1.23 knows no Go 1.25 format
          const out = join(tmp, `${f}.go${go}.bin`);
          execFileSync(refdump[go], ['test2bin', join(dir, f), out], { stdio: 'pipe' });
          if (!Buffer.from(ours).equals(readFileSync(out))) problems.push(`${f} (Go ${go})`);
        }
      }
      expect(problems).toEqual([]);
    }, 60_000);

    it("makeEvent makes what Go 1.27's MakeEvent makes (make-event/main.go, built beside refdump)", () => {
      const root = join(dirname(refdump['1.27']), 'goroot');
      const dir = join(root, 'src/internal/trace/testdata/cmd/makeevent');
      mkdirSync(dir, { recursive: true });
      copyFileSync(fileURLToPath(new URL('./make-event/main.go', import.meta.url)), join(dir, 'main.go'));
      const bin = join(tmp, 'makeevent');
      // Named on the command line: its `//go:build ignore` keeps it out of any package build.
      execFileSync(join(root, 'bin/go'), ['build', '-o', bin, 'main.go'], { cwd: dir, env: goEnv({ GOROOT: root, GO111MODULE: '' }), stdio: 'pipe' });
      const want = execFileSync(bin, [], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
      expect(makeEventCases().split('\n')).toEqual(want.split('\n'));
    }, 120_000);
  });
}
