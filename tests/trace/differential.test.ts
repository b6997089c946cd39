// Differential test against Go itself, on traces recorded fresh every run.
//
// 1. Build refdump (Go 1.23.5's internal/trace as a command, ../shared/tools/go-reader).
// 2. Build the workloads in tests/trace/programs with every Go toolchain found
//    (Go 1.21, 1.22 and 1.23 from /usr/lib/go-1.NN) and record a trace from each,
//    with a short generation period so every trace spans several generations
//    (Go 1.21 writes the old format, without generations; its go.mod says go 1.21).
// 3. For every trace:
//    - our dump (dumpTrace: Event.String() per event, then EOF/ERROR) must equal
//      `refdump dump` byte for byte;
//    - our validator must accept every event (refdump runs Go's); for Go 1.21
//      traces it must reach the same verdict as Go's validator in its old-trace
//      mode (Validator.Go121, as Go's TestOldtrace), because Go's conversion of
//      old traces does not always validate (e.g. goroutines entering syscalls from
//      cgo callbacks, or syscalls whose thread the old format does not record);
//    - our raw text (bytesToText) must equal `go tool trace -d=2` (Go 1.23), for
//      the Go 1.22+ formats (the text format has no old-format form);
//    - for one trace, the CLI (`node src/trace/cli/gotrace.ts dump`) too.
// 4. A differential fuzz stage: mutated fixture traces must read the same in
//    both readers, outside the known, deliberate differences listed below.
//
// Needs Go and ../shared beside the repository. Without them the suite skips
// with a message, except under CI (process.env.CI set), where that is a failure:
// CI must never skip silently (scripts/setup-system.sh installs Go).
//
// A mismatching trace is kept in $TMPDIR/gotrace-differential-mismatches/ and named
// in the failure; copy it to tests/trace/fuzz-regressions/ with its refdump output.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { analyseBytes, analyseTracePart, joinParts, modelFromPart } from '../../src/analysis/index.ts';
import { dumpTrace, generationStarts, goTextBytes } from '../../src/trace/index.ts';
import { bytesToText, parseTraceTest, textToBytes } from '../../src/trace/raw/index.ts';
import { validateTrace } from '../../src/trace/testtrace/index.ts';
import { caseSeed, mutate } from './fuzz/mutate.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const shared = resolve(repoRoot, '../shared');
const buildSh = join(shared, 'tools/go-reader/build.sh');
const programsDir = fileURLToPath(new URL('./programs/', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/go-trace-testdata/', import.meta.url));
const goRoot = (v: string): string => `/usr/lib/go-${v}`;
const goBin = (v: string): string => join(goRoot(v), 'bin/go');
const RECORD_WITH = ['1.21', '1.22', '1.23'];
const mismatchDir = join(tmpdir(), 'gotrace-differential-mismatches');
const FUZZ_CASES = Number(process.env.DIFF_FUZZ_CASES ?? 400);

const missing: string[] = [];
if (!existsSync(buildSh)) missing.push(`${buildSh} (the ../shared folder beside the repository)`);
for (const v of RECORD_WITH) if (!existsSync(goBin(v))) missing.push(`Go ${v} (${goBin(v)})`);
if (!existsSync(join(goRoot('1.23'), 'src/internal/trace'))) missing.push('Go 1.23 source (golang-1.23-src)');
const why = `needs ${missing.join(", ")} (Go: scripts/setup-system.sh; ../shared: the shared folder beside the repository)`;

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
let refdump = '';
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

function refdumpOf(file: string): { out: string; ok: boolean } {
  const r = spawnSync(refdump, ['dump', file], { maxBuffer: 1 << 30, encoding: 'utf8' });
  return { out: r.stdout, ok: r.status === 0 };
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
      refdump = execFileSync('bash', [buildSh, '1.23'], { encoding: 'utf8', env: goEnv() }).trim().split('\n').pop()!;
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
        // Go 1.23's experimental alloc/free events (ExperimentalBatch, Experimental events).
        if (v === '1.23') runs.push({ name: 'gc-allocfree', prog: 'gc', env: { GODEBUG: `${GODEBUG},traceallocfree=1` } });
        for (const r of runs) {
          const file = join(tmp, `${r.name}-go${v}.trace`);
          execFileSync(bin, [r.prog, file], { env: goEnv(r.env), stdio: 'pipe', timeout: 60_000 });
          recorded.push({ name: r.name, file, goVersion: v });
        }
      }
    }, 300_000);

    afterAll(() => {
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    // The programs' go.mod says go 1.22, which Go 1.21 refuses to build (GOTOOLCHAIN=local):
    // build a copy that says go 1.21. Files for newer Go (iterpull.go) have build tags.
    function sourcesFor(v: string): string {
      if (v !== '1.21') return programsDir;
      const dir = join(tmp, 'programs-go1.21-src');
      cpSync(programsDir, dir, { recursive: true });
      const mod = join(dir, 'go.mod');
      writeFileSync(mod, readFileSync(mod, 'utf8').replace(/^go 1\.\d+$/m, 'go 1.21'));
      return dir;
    }

    it('recorded traces from every program with every Go version', () => {
      expect(recorded.length).toBeGreaterThanOrEqual(30);
      expect(recorded.filter((r) => r.goVersion === '1.21').length).toBeGreaterThanOrEqual(10);
      const sizes = recorded.map((r) => readFileSync(r.file).length);
      expect(Math.max(...sizes)).toBeGreaterThan(2_000_000);
    });

    it('dump equals refdump dump, and every event validates (as in Go), for every fresh trace', () => {
      const problems: string[] = [];
      const validator121 = buildOldTraceValidator();
      for (const r of recorded) {
        const label = `${r.name}-go${r.goVersion}.trace`;
        const bytes = new Uint8Array(readFileSync(r.file));
        const want = refdumpOf(r.file);
        if (!want.ok) {
          problems.push(`${label}: refdump failed`);
          continue;
        }
        // Now and then the runtime writes a trace that Go's own reader rejects (seen with the cgo
        // callback program: "tried to create goroutine … in syscall that already exists"). That is a
        // Go bug, not ours: we must then fail at the same event with the same message, which the
        // dump comparison checks, and the validator has nothing complete to check.
        const goReadAll = want.out.endsWith('EOF\n');
        if (!goReadAll) console.warn(`${label}: Go's reader stops early: ${want.out.slice(want.out.lastIndexOf('ERROR: ')).trim()}`);
        const got = dumpTrace(bytes);
        if (got !== want.out) {
          problems.push(`${label}: dump differs from Go's; kept at ${keepMismatch(r.file, label)}; ${firstDifference(want.out, got)}`);
        }
        if (!goReadAll) continue;
        const v = validateTrace(bytes);
        if (v.readError !== null) problems.push(`${label}: read error ${v.readError.message}`);
        if (r.goVersion === '1.21') {
          // Go's validator stops at the first invalid event: "<event>\nINVALID: <problems, one a line>".
          const goOut = spawnSync(validator121, ['validate', r.file], { maxBuffer: 1 << 30, encoding: 'utf8' }).stdout;
          const goInvalid = goOut.includes('\nINVALID: ');
          const first = v.invalid[0];
          if (!goInvalid && first !== undefined) problems.push(`${label}: invalid event ${first.index} (Go's validator accepts it): ${first.problems.join('; ')}`);
          if (goInvalid && (first === undefined || !goOut.endsWith(`${first.event}\nINVALID: ${first.problems.join('\n')}\n`))) {
            problems.push(`${label}: Go's validator rejects ${JSON.stringify(goOut.slice(goOut.indexOf('\nINVALID: ') + 1))}, ours ${JSON.stringify(first ?? null)}`);
          }
          continue;
        }
        for (const bad of v.invalid.slice(0, 3)) problems.push(`${label}: invalid event ${bad.index}: ${bad.problems.join('; ')}`);
      }
      expect(problems).toEqual([]);
    }, 300_000);

    // refdump with Go's validator in its old-trace mode (Validator.Go121 = true, as Go's
    // TestOldtrace sets it), built beside refdump in its copy of GOROOT.
    function buildOldTraceValidator(): string {
      const root = join(dirname(refdump), 'goroot');
      const dir = join(root, 'src/internal/trace/testdata/cmd/refdump-go121');
      const src = readFileSync(join(shared, 'tools/go-reader/main.go'), 'utf8');
      const patched = src.replace('v := testtrace.NewValidator()', 'v := testtrace.NewValidator()\n\tv.Go121 = true');
      if (patched === src) throw new Error('refdump main.go changed: cannot set Validator.Go121');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'main.go'), patched);
      const out = join(tmp, 'refdump-go121');
      execFileSync(join(root, 'bin/go'), ['build', '-o', out, '.'], { cwd: dir, env: goEnv({ GOROOT: root }), stdio: 'pipe' });
      return out;
    }

    it('raw text equals `go tool trace -d=2` (Go 1.23) for every fresh Go 1.22+ trace', () => {
      const problems: string[] = [];
      for (const r of recorded.filter((x) => x.goVersion !== '1.21')) {
        const label = `${r.name}-go${r.goVersion}.trace`;
        const want = execFileSync(goBin('1.23'), ['tool', 'trace', '-d=2', r.file], {
          env: goEnv(),
          maxBuffer: 1 << 30,
          encoding: 'latin1',
        });
        // Go prints the events without the "Trace Go1.NN" line; compare byte-wise (latin1 both sides).
        const ours = bytesToText(new Uint8Array(readFileSync(r.file)));
        const got = Buffer.from(ours.slice(ours.indexOf('\n') + 1), 'utf8').toString('latin1');
        if (got !== want) problems.push(`${label}: ${firstDifference(want, got)}`);
        // And the text converts back to bytes that read the same.
        if (bytesToText(textToBytes(ours)) !== ours) problems.push(`${label}: text → bytes → text not stable`);
      }
      expect(problems).toEqual([]);
    }, 300_000);

    // The analysis of a trace cut in two at a generation boundary, joined (src/analysis/part.ts),
    // equals one reading's, on every fresh Go 1.22+ trace (many generations each: GODEBUG above),
    // at three cuts each: near the start, the middle and the end.
    it('a fresh trace analysed in two parts joins into the one-reading model', async () => {
      const problems: string[] = [];
      for (const r of recorded.filter((x) => x.goVersion !== '1.21')) {
        const label = `${r.name}-go${r.goVersion}.trace`;
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
          const part = joinParts(first, await analyseTracePart(rest, { continuation: true }));
          if (part === null) {
            if (whole.error === undefined) problems.push(`${label}: join refused at ${offset}`);
            continue;
          }
          const model = modelFromPart(part);
          model.bytes = whole.bytes;
          if (!isDeepStrictEqual(model, whole)) problems.push(`${label}: joined model differs at cut ${offset}`);
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);

    it('the CLI prints the same bytes as refdump (a Go 1.23 and a Go 1.21 trace)', () => {
      for (const v of ['1.23', '1.21']) {
        const r = recorded.find((x) => x.name === 'annotations' && x.goVersion === v) ?? recorded[0];
        const want = spawnSync(refdump, ['dump', r.file], { maxBuffer: 1 << 30 }).stdout;
        const got = spawnSync(process.execPath, [join(repoRoot, 'src/trace/cli/gotrace.ts'), 'dump', r.file], {
          maxBuffer: 1 << 30,
        });
        expect(got.stderr.toString()).toBe('');
        expect(Buffer.compare(got.stdout, want), `CLI output differs from refdump for ${r.name}-go${v}`).toBe(0);
      }
    }, 60_000);

    // Mutated fixture traces, read by both readers. Outside these deliberate
    // differences, both must print the same (up to the first line of an error,
    // whose continuation lists state in Go's random map order):
    //  - Go 1.23.5 fails "frontier is empty" on generations without M batches;
    //    newer Go and we read them (go123-sync.test);
    //  - Go 1.23.5 knows no Go 1.25/1.26 headers; we read those formats;
    //  - Go's reader panics on some inputs (only we must not; in old-format traces,
    //    a missing stack or string, which Go's Event.String() panics on, fails the
    //    read here with a TraceError);
    //  - "found invalid func/file string ID n for stack m": Go checks stacks in
    //    map order, so n and m are random in Go;
    // Invalid UTF-8 in function and file names: Go prints the raw bytes; our
    // strings hold U+DC80+byte, compared here as that byte (goTextBytes, as the
    // CLI prints them).
    it(`mutated traces read the same as in Go (${FUZZ_CASES} cases, DIFF_FUZZ_CASES)`, () => {
      const seeds: { name: string; data: Uint8Array }[] = [];
      for (const dir of ['tests', 'real', 'v1']) {
        for (const f of readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.trace')).sort()) {
          const data = new Uint8Array(readFileSync(join(fixtures, dir, f)));
          // Old traces are parsed whole: the large ones would make every case slow.
          if (dir === 'v1' && data.length > 64 * 1024) continue;
          seeds.push({ name: `${dir}/${f}`, data });
        }
      }
      const known = /frontier is empty|unsupported trace version go 1\.(25|26)/;
      const firstErrorLine = (s: string): string => {
        const i = s.indexOf('ERROR: ');
        if (i < 0) return s;
        const j = s.indexOf('\n', i);
        return s.slice(0, j < 0 ? undefined : j).replace(/(found invalid (?:func|file) string ID) \d+ for stack \d+/, '$1 N for stack M');
      };
      const file = join(tmp, 'mutant.trace');
      const problems: string[] = [];
      let compared = 0;
      for (let i = 0; i < FUZZ_CASES; i++) {
        const src = seeds[i % seeds.length];
        const seed = caseSeed(0xd1ff, i);
        const m = mutate(src.data, seed);
        writeFileSync(file, m.data);
        const r = spawnSync(refdump, ['dump', file], { maxBuffer: 1 << 30 });
        if (r.status !== 0) continue; // Go panicked
        // Compare as latin1 strings of the bytes each side prints.
        const goOut = r.stdout.toString('latin1');
        const got = goBytes(dumpTrace(m.data)).toString('latin1');
        if (known.test(goOut.slice(-400)) || known.test(got.slice(-400))) continue;
        compared++;
        if (firstErrorLine(got) !== firstErrorLine(goOut)) {
          const label = `mutant-${i}-seed-${seed}.trace`;
          problems.push(`case ${i} (${src.name}, ${m.detail}); kept at ${keepMismatch(file, label)}; ${firstDifference(firstErrorLine(goOut), firstErrorLine(got))}`);
        }
      }
      expect(compared).toBeGreaterThan(FUZZ_CASES / 2);
      expect(problems.slice(0, 10), `${problems.length} of ${compared} compared cases differ`).toEqual([]);
    }, 300_000);

    it('fixture .test vectors: our text → bytes equals refdump test2bin', () => {
      const dir = join(fixtures, 'tests');
      const problems: string[] = [];
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.test') && !f.startsWith('go125'))) {
        const out = join(tmp, f + '.bin');
        execFileSync(refdump, ['test2bin', join(dir, f), out], { stdio: 'pipe' });
        const ours = textToBytes(parseTraceTest(readFileSync(join(dir, f), 'utf8')).traceText);
        if (!Buffer.from(ours).equals(readFileSync(out))) problems.push(f);
      }
      expect(problems).toEqual([]);
    }, 60_000);
  });
}
