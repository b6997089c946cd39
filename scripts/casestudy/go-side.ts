// The Go side of chapter 6's figures: what Go 1.27's own tools say about a recording.
//
//   pprofSync(trace)       go tool trace -pprof=sync, then go tool pprof -top / -peek with -focus
//   traceAnalyses(trace)   scripts/casestudy/traceanalyses: the goroutine analysis, the user
//                          regions and the MMU, with the functions of Go's trace parser that
//                          go tool trace's pages use
//
// traceanalyses is built against Go 1.27's src/internal/trace copied under the import path
// golang.org/x/exp/trace (as x/exp generates its copy; tests/site/blockreasons.test.ts does the
// same), so no module proxy is needed. Used by scripts/casestudy-figures.ts and tests/casestudy.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TraceAnalyses } from '../../src/casestudy/go-figures.ts';
import { goBin, hasGoSource, REFERENCE_GO } from '../toolchains.ts';
import { xexpTraceProgram } from '../xexp-trace.ts';

export const GO_VERSION = REFERENCE_GO;
export const haveGoSide = (): boolean => hasGoSource(GO_VERSION);

const env = () => ({
  ...process.env,
  GOTOOLCHAIN: 'local',
  GOFLAGS: '-mod=mod',
  GO111MODULE: '',
  GOPROXY: 'off',
  GOCACHE: join(tmpdir(), `casestudy-gocache-${GO_VERSION}`),
});

const run = (args: string[], opts: { cwd?: string } = {}) =>
  execFileSync(goBin(GO_VERSION), args, { cwd: opts.cwd, env: env(), maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/**
 * Go's sync blocking profile of a trace, printed by go tool pprof: `-top` and `-peek` of `leaf`, both
 * focused on `focus`. When nothing matches, pprof fails and says so: that message is the output.
 */
export function pprofSync(trace: string, focus: string, peek: string): { top: string; peek: string } {
  const dir = mkdtempSync(join(tmpdir(), 'casestudy-pprof-'));
  const profile = join(dir, 'sync.pprof');
  writeFileSync(profile, execFileSync(goBin(GO_VERSION), ['tool', 'trace', '-pprof=sync', trace], { env: env(), maxBuffer: 1 << 28 }));
  const pprof = (args: string[]) => {
    try {
      return run(['tool', 'pprof', ...args, profile]);
    } catch (error) {
      // pprof also says "Main binary filename not available." (the profile has names, no binary).
      const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
      return stderr.split('\n').filter((l) => l !== 'Main binary filename not available.').join('\n');
    }
  };
  return { top: pprof(['-top', `-focus=${focus}`]), peek: pprof(['-peek', peek, `-focus=${focus}`]) };
}

let built: string | undefined;

/** Builds scripts/casestudy/traceanalyses against Go 1.27's trace parser (once per process). */
export function buildTraceAnalyses(): string {
  if (built) return built;
  const root = mkdtempSync(join(tmpdir(), 'casestudy-traceanalyses-'));
  const prog = xexpTraceProgram(root, GO_VERSION, 'traceanalyses', readFileSync(new URL('./traceanalyses/main.go', import.meta.url)));
  run(['build', '-o', 'traceanalyses', '.'], { cwd: prog });
  built = join(prog, 'traceanalyses');
  return built;
}

export function traceAnalyses(trace: string): TraceAnalyses {
  return JSON.parse(execFileSync(buildTraceAnalyses(), [trace], { maxBuffer: 1 << 28 }).toString());
}
