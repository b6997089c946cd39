/**
 * Lesson 3.2's question "which endings skip the deferred trace.Stop?" is keyed from recorded runs:
 * each option that describes a run of the `exit-without-stop` scenario names its recording, and an
 * option is right exactly when that recording's trace.Stop did not run. Go 1.26+ traces say so
 * themselves: trace.Stop ends the file with an EndOfGeneration marker (runtime/trace.go, readTrace0),
 * while a process that dies first leaves the next generation's clock batch at the end (or, before the
 * first generation boundary, nothing but it). Go 1.27's `go tool trace -d=wire` shows the marker.
 * The question's premise puts each deferred call in the function the option names; an option that
 * drifts from its recording (a key or a premise changed alone) fails here.
 * Without Go 1.27 the recorded half skips with a message; under CI that is a failure.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goBin, hasGo, REFERENCE_GO } from '../../scripts/toolchains.ts';
import { quizSchema } from '../../src/quiz/schema.ts';
import { quizFiles, traces } from './helpers.ts';

const quiz = quizSchema().parse(quizFiles().get('spans/end-on-panic'));
const question = quiz.questions.find((q) => q.id === 'skipped-defers');

/** Each option, by what its English text says, and the recording of that run (none for a fatal error). */
const RUNS: { text: RegExp; recording?: string; skipped?: boolean }[] = [
  { text: /^`main` starts the trace, defers `trace\.Stop\(\)`, then calls `log\.Fatal\(err\)`$/, recording: 'exit-without-stop-broken-logfatal.go1.27.trace' },
  { text: /^`main` starts the trace and defers `trace\.Stop\(\)`; then an unrecovered `panic` in `main`'s goroutine$/, recording: 'exit-without-stop-panic.go1.27.trace' },
  { text: /^`main` starts the trace and defers `trace\.Stop\(\)`; then an unrecovered `panic` in a worker goroutine$/, recording: 'exit-without-stop-panic-worker.go1.27.trace' },
  { text: /^`run\(\)` starts the trace and defers `trace\.Stop\(\)`; `main` calls `os\.Exit\(1\)` after `run\(\)` has returned an error$/, recording: 'exit-without-stop-fixed.go1.27.trace' },
  // Not recorded (the scenario has no variant for it): runtime.fatal runs no deferred calls.
  { text: /^`main` starts the trace and defers `trace\.Stop\(\)`; then a fatal runtime error such as `concurrent map writes`$/, skipped: true },
];

/** Did trace.Stop run? The last wire record of a Go 1.26+ trace is EndOfGeneration only then. */
function stopRan(file: string): boolean {
  const wire = execFileSync(goBin(REFERENCE_GO), ['tool', 'trace', '-d=wire', join(traces, file)], {
    env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '' }, maxBuffer: 1 << 28,
  }).toString().trimEnd().split('\n');
  return wire[wire.length - 1].trim() === 'EndOfGeneration';
}

describe('lesson 3.2: skipped-defers is keyed from recorded runs', () => {
  it('the question and its options are the ones described here', () => {
    expect(question?.type).toBe('multiple');
    expect(question!.prompt.en).toMatch(/`defer trace\.Stop\(\)` right after its `trace\.Start` succeeds, in the function named/);
    const options = (question as { options: { text: { en: string } }[] }).options;
    expect(options.map((o) => RUNS.findIndex((r) => r.text.test(o.text.en)))).toEqual(RUNS.map((_, i) => i));
  });

  it('the unrecorded option (fatal runtime error) is keyed as skipping', () => {
    const options = (question as { options: { correct?: boolean }[] }).options;
    RUNS.forEach((r, i) => { if (r.skipped !== undefined) expect(options[i].correct ?? false).toBe(r.skipped); });
  });

  if (!hasGo(REFERENCE_GO)) {
    it(`each recorded option agrees with its recording (skipped: no Go ${REFERENCE_GO} at ${goBin(REFERENCE_GO)})`, () => {
      if (process.env.CI) throw new Error(`CI must check lesson 3.2's quiz key with Go ${REFERENCE_GO}`);
    });
    return;
  }

  it('each recorded option is right exactly when its recording\'s trace.Stop never ran', () => {
    const options = (question as { options: { correct?: boolean }[] }).options;
    const got = RUNS.flatMap((r, i) => (r.recording ? [{ recording: r.recording, correct: options[i].correct ?? false }] : []));
    const want = got.map(({ recording }) => ({ recording, correct: !stopRan(recording) }));
    expect(got).toEqual(want);
    // Both answers occur, so the check is not vacuous.
    expect(new Set(want.map((w) => w.correct)).size).toBe(2);
  });
});
