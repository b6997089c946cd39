/**
 * The Go exercise's grader (playground/exercises/slow-request/grade.ts) on recorded traces: the broken
 * program's whole run fails with its reasons, the fixed one passes every check, a trace of another
 * program is named as such, and damaged traces are graded on what could be read or refused with the
 * reader's error, never a crash. Every message the page builds from the facts exists in both languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseBytes } from '../../src/analysis/index.ts';
import { generationStarts } from '../../src/trace/index.ts';
import { goExerciseSchema } from '../../src/exercise-grader/meta.ts';
import { formatMessage } from '../../src/site/message.ts';
import { gradeTrace, type CheckResult, type Grade } from '../../playground/exercises/slow-request/grade.ts';

const root = new URL('../../', import.meta.url).pathname;
const meta = goExerciseSchema.parse(JSON.parse(readFileSync(join(root, 'playground/exercises/slow-request/meta.json'), 'utf8')));
const trace = (name: string) => new Uint8Array(readFileSync(join(root, 'playground/traces', name)));
const grade = (bytes: Uint8Array) => gradeTrace(analyseBytes(bytes), meta.targets);
const checks = (g: Grade): Record<string, CheckResult> => {
  expect(g.kind).toBe('graded');
  return Object.fromEntries((g as Extract<Grade, { kind: 'graded' }>).checks.map((c) => [c.id, c]));
};

describe('the slow-request grader', () => {
  it('the exercise grades the recordings it lists', () => {
    expect(meta.traces).toEqual(['slow-request-broken.go1.27.trace', 'slow-request-fixed.go1.27.trace']);
  });

  it('fails the broken program, for its p99 and its mutex waits, and says where to look', () => {
    const c = checks(grade(trace('slow-request-broken.go1.27.trace')));
    expect(c.complete.pass).toBe(true);
    expect(c.tasks.pass).toBe(true);
    expect(c.p99.pass).toBe(false);
    expect(c.p99.facts.p99).toBeGreaterThan(meta.targets.requestP99Ms);
    expect(c.p99.facts.goroutine).toMatch(/^G\d+$/);
    expect(c.mutex.pass).toBe(false);
    expect(c.mutex.facts.longest).toBeGreaterThan(meta.targets.mutexWaitMs);
    expect(String(c.mutex.facts.caller)).toMatch(/\.\(\*cache\)\.get$|^log\.\(\*Logger\)\.output$/);
  });

  it('passes the fixed program on every check', () => {
    const c = checks(grade(trace('slow-request-fixed.go1.27.trace')));
    for (const id of ['complete', 'p99', 'mutex', 'tasks']) expect(c[id].pass, `${id}: ${JSON.stringify(c[id].facts)}`).toBe(true);
    expect(c.tasks.facts.requests).toBeGreaterThanOrEqual(meta.targets.minRequests);
    expect(c.tasks.facts.outside).toBe(0);
  });

  it('a flight-recorder snapshot of the program is not a whole run: its closing log is missing', () => {
    const c = checks(grade(trace('slow-request-broken-snapshot.go1.27.trace')));
    expect(c.complete.pass).toBe(false);
    expect(c.complete.facts.problem).toBe('no-done');
  });

  it('names a trace of another program, whatever it holds', () => {
    for (const name of ['anatomy-default.go1.27.trace', 'lost-context-fixed.go1.27.trace', 'flight-recorder-default.go1.27.trace', 'blocking-and-leaks-broken.go1.27.trace']) {
      expect(grade(trace(name)).kind, name).toBe('not-exercise');
    }
  });

  it('grades a damaged trace of the program on what could be read, and says the trace is broken', async () => {
    const bytes = trace('slow-request-fixed.go1.27.trace').slice();
    // Damage the last generation: the ones before it read, and hold requests.
    const starts = await generationStarts(bytes);
    expect(starts.length, "a generation after the first").toBeGreaterThanOrEqual(1);
    const at = starts[starts.length - 1].offset + 2000;
    for (let i = at; i < at + 200; i++) bytes[i] = 0xff;
    const g = grade(bytes);
    const c = checks(g);
    expect(c.complete.pass).toBe(false);
    expect(c.complete.facts.problem).toBe('error');
    expect(String(c.complete.facts.error)).not.toBe('');
  });

  it("refuses a trace cut before anything of the program with the reader's error", () => {
    const g = grade(trace('slow-request-fixed.go1.27.trace').slice(0, 40_000));
    expect(g.kind).toBe('unreadable');
    if (g.kind === 'unreadable') expect(g.facts.error).not.toBe('');
  });

  it('grades a trace cut inside its last generation as incomplete', async () => {
    const bytes = trace('slow-request-fixed.go1.27.trace');
    const starts = await generationStarts(bytes);
    const c = checks(grade(bytes.slice(0, starts[starts.length - 1].offset + 5000)));
    expect(c.complete.pass).toBe(false);
    expect(['error', 'truncated', 'no-done']).toContain(c.complete.facts.problem);
  });

  it('every message the page builds from the facts exists in both languages, with every placeholder filled', () => {
    const strings = {
      en: JSON.parse(readFileSync(join(root, 'content/i18n/en.json'), 'utf8')) as Record<string, string>,
      'zh-CN': JSON.parse(readFileSync(join(root, 'content/i18n/zh-CN.json'), 'utf8')) as Record<string, string>,
    };
    const graded = ['slow-request-broken.go1.27.trace', 'slow-request-fixed.go1.27.trace', 'slow-request-broken-snapshot.go1.27.trace'].map((n) => grade(trace(n)));
    for (const [lang, t] of Object.entries(strings)) {
      for (const g of graded) {
        for (const c of Object.values(checks(g))) {
          const keys = [`goExercise.check.${c.id}.label`, ...(c.id === 'complete' ? [`goExercise.check.complete.${c.facts.problem}`] : [`goExercise.check.${c.id}.measured`])];
          for (const key of keys) {
            expect(t[key], `${lang}: ${key}`).toBeDefined();
            expect(formatMessage(t[key], c.facts, lang), `${lang}: ${key}`).not.toMatch(/\{\w+/);
          }
        }
      }
      const other = grade(trace('anatomy-default.go1.27.trace'));
      expect(formatMessage(t['goExercise.notExercise'], { name: 'x', ...(other as Extract<Grade, { kind: 'not-exercise' }>).facts }, lang)).not.toMatch(/\{\w+/);
    }
  });
});
