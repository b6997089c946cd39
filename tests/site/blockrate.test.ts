/**
 * Lesson 5.1's `blockrate` program, taken from the lesson itself (so the prose and this test cannot
 * drift), built with Go 1.27 against golang.org/x/exp/trace (Debian's golang-golang-x-exp-dev,
 * unpacked by scripts/setup-system.sh), and run on a multi-second, multi-generation trace that
 * tests/fixtures/blockload writes. Its numbers must agree with an independent count: the guide's own
 * reader and analysis (src/trace, src/analysis) of the same trace.
 *
 * Why multi-generation: at every generation boundary (about once a second) Go's reader states again
 * that each blocked goroutine is waiting, as a Waiting->Waiting transition with no reason. A program
 * that takes that for a new wait loses the time before the boundary and relabels the wait "": it is
 * right only on traces shorter than one generation, which the lesson's 5 s captures never are.
 * Without Go 1.27 or x/exp the test skips with a message; under CI that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseBytes, GState, stateOpen, type TraceModel } from '../../src/analysis/index.ts';
import { goBin, hasGo, REFERENCE_GO, sidPrefix } from '../../scripts/toolchains.ts';

const GO = goBin(REFERENCE_GO);
const GOPATH = join(sidPrefix(), 'usr/share/gocode');
const haveExp = existsSync(join(GOPATH, 'src/golang.org/x/exp/trace'));
const WINDOW_MS = 500;
// Output is printed with two decimals; the two readers may place the trace's origin a few µs apart.
const TOLERANCE = 0.011;

/** The Go block of a lesson that starts with `// Command <name>`. */
function lessonProgram(file: string, name: string): string {
  const text = readFileSync(file, 'utf8');
  const blocks = [...text.matchAll(/^```go[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  const found = blocks.filter((b) => b.startsWith(`// Command ${name} `));
  if (found.length !== 1) throw new Error(`${file}: ${found.length} Go blocks start with "// Command ${name}"`);
  return found[0];
}

/** blockrate's output: per window, blocked goroutines by reason; then the waits still open, by reason. */
function parseOutput(out: string): { windows: Record<string, number>[]; open: Record<string, number> } {
  const windows: Record<string, number>[] = [];
  let open: Record<string, number> | undefined;
  for (const line of out.trimEnd().split('\n')) {
    const w = line.match(/^window (\d+) \([^)]*\):(.*)$/);
    if (w) {
      expect(Number(w[1])).toBe(windows.length);
      const reasons: Record<string, number> = {};
      for (const part of w[2].trim().split(/(?<==\d+\.\d\d) /).filter(Boolean)) {
        const [, reason, value] = part.match(/^(.*)=(\d+\.\d\d)$/)!;
        reasons[reason] = Number(value);
      }
      windows.push(reasons);
      continue;
    }
    const e = line.match(/^blocked at the end, by reason: map\[(.*)\]$/);
    if (!e) throw new Error(`unexpected blockrate line: ${line}`);
    open = {};
    for (const part of e[1].split(/(?<=:\d+) /).filter(Boolean)) {
      const [, reason, n] = part.match(/^(.*):(\d+)$/)!;
      open[reason] = Number(n);
    }
  }
  if (!open) throw new Error('blockrate printed no "blocked at the end" line');
  return { windows, open };
}

/**
 * The same numbers from the guide's analysis: every Waiting interval of every goroutine (the runtime's
 * too), cut into windows if it ended, counted by reason at the end if it is still open.
 */
function fromAnalysis(m: TraceModel, windowNs: number): { windows: Record<string, number>[]; open: Record<string, number> } {
  const s = m.goroutineStates;
  const ns: Record<string, number>[] = [];
  const open: Record<string, number> = {};
  for (let g = 0; g < m.goroutines.length; g++) {
    for (let r = s.offsets[g]; r < s.offsets[g + 1] - 1; r++) {
      if (s.state[r] !== GState.Waiting) continue;
      const reason = m.strings[s.reason[r]];
      if (stateOpen(m, g, r)) {
        open[reason] = (open[reason] ?? 0) + 1;
        continue;
      }
      for (let from = s.start[r], to = s.start[r + 1]; from < to;) {
        const w = Math.floor(from / windowNs);
        const end = Math.min(to, (w + 1) * windowNs);
        (ns[w] ??= {})[reason] = (ns[w][reason] ?? 0) + (end - from);
        from = end;
      }
    }
  }
  const windows = Array.from({ length: ns.length }, (_, w) =>
    Object.fromEntries(Object.entries(ns[w] ?? {}).map(([reason, t]) => [reason, t / windowNs])));
  return { windows, open };
}

describe('lesson 5.1: blockrate on a multi-generation trace', () => {
  const lesson = 'content/docs/maturity/path.mdx';

  it('the Chinese lesson shows the same program', () => {
    expect(lessonProgram('content/docs/zh-cn/maturity/path.mdx', 'blockrate')).toBe(lessonProgram(lesson, 'blockrate'));
  });

  if (!hasGo(REFERENCE_GO) || !haveExp) {
    it(`builds and agrees with the analysis (skipped: needs Go ${REFERENCE_GO} at ${GO} and golang.org/x/exp under ${GOPATH}; scripts/setup-system.sh unpacks both)`, () => {
      if (process.env.CI) throw new Error('CI must build and run the lesson\'s blockrate program');
    });
    return;
  }

  it('builds with Go 1.27 and agrees with the guide\'s analysis, window by window and reason by reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'blockrate-'));
    const env = {
      ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '', GOPROXY: 'off', GOCACHE: join(tmpdir(), 'lesson-snippets-gocache'),
    };
    // The trace: about 2.5 s, so three or more generations.
    const trace = join(dir, 'load.trace');
    execFileSync(GO, ['run', '.', trace], { cwd: 'tests/fixtures/blockload', env: { ...env, GO111MODULE: 'on' }, stdio: 'pipe' });
    const parsed = execFileSync(GO, ['tool', 'trace', '-d=parsed', trace], { env, maxBuffer: 1 << 28 }).toString();
    expect((parsed.match(/ Sync /g) ?? []).length, 'generations in the trace').toBeGreaterThanOrEqual(3);
    expect(parsed, 'a wait that crosses a generation boundary').toMatch(/Waiting->Waiting/);

    // The lesson's program, in GOPATH mode with Debian's golang.org/x/exp.
    const src = join(dir, 'blockrate');
    mkdirSync(src);
    writeFileSync(join(src, 'main.go'), lessonProgram(lesson, 'blockrate'));
    const gopathEnv = { ...env, GO111MODULE: 'off', GOPATH };
    execFileSync(GO, ['vet', '.'], { cwd: src, env: gopathEnv, stdio: 'pipe' });
    execFileSync(GO, ['build', '-o', 'blockrate', '.'], { cwd: src, env: gopathEnv, stdio: 'pipe' });
    const out = execFileSync(join(src, 'blockrate'), [`-window=${WINDOW_MS}ms`, trace]).toString();

    const got = parseOutput(out);
    const want = fromAnalysis(analyseBytes(readFileSync(trace)), WINDOW_MS * 1e6);
    expect(got.open).toEqual(want.open);
    expect(got.open['chan send'], 'the goroutine left blocked on a send').toBe(1);
    expect(got.windows.length).toBeGreaterThanOrEqual(5);
    const diffs: string[] = [];
    for (let w = 0; w < Math.max(got.windows.length, want.windows.length); w++) {
      const reasons = new Set([...Object.keys(got.windows[w] ?? {}), ...Object.keys(want.windows[w] ?? {})]);
      for (const reason of reasons) {
        const a = got.windows[w]?.[reason] ?? 0, b = want.windows[w]?.[reason] ?? 0;
        if (Math.abs(a - b) > TOLERANCE) diffs.push(`window ${w} "${reason}": blockrate ${a.toFixed(2)}, analysis ${b.toFixed(3)}`);
      }
    }
    expect(diffs, out).toEqual([]);
    // The waits that span the run are counted whole in every window (the one before each boundary too).
    expect(got.windows[1]['sync']).toBeGreaterThan(2.5);
  }, 180_000);
});
