/**
 * Every TypeScript exercise's solution passes its checks and every starter fails them, graded by the
 * page's own code (transpile.ts, modules.ts, grade.ts, worker-core.ts) in a Node worker thread with the
 * exercise's time limit; plus the runner's edge cases: a syntax error, an exception, a missing
 * export and a loop that never ends. (A Go exercise is graded on the reader's own trace:
 * tests/casestudy/grade.test.ts and download.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exerciseMetaSchema, isGoExercise, typeScriptExerciseSchema } from '../../src/exercise-grader/meta.ts';
import { runExerciseInNode } from '../../src/exercise-grader/node-runner.ts';
import type { RunOutcome } from '../../src/exercise-grader/protocol.ts';

const root = new URL('../../', import.meta.url);
const dir = new URL('playground/exercises/', root);
const all = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const metaOf = (id: string) => exerciseMetaSchema.parse(JSON.parse(readFileSync(new URL(`${id}/meta.json`, dir), 'utf8')));
const ids = all.filter((id) => !isGoExercise(metaOf(id)));
const goIds = all.filter((id) => isGoExercise(metaOf(id)));

function load(id: string) {
  const meta = typeScriptExerciseSchema.parse(JSON.parse(readFileSync(new URL(`${id}/meta.json`, dir), 'utf8')));
  const traces = Object.fromEntries(
    meta.traces.map((name) => [name, new Uint8Array(readFileSync(new URL(`playground/traces/${name}`, root)))]),
  );
  const text = (file: string) => readFileSync(new URL(`${id}/${file}`, dir), 'utf8');
  return { meta, traces, starter: text('starter.ts'), solution: text('solution.ts') };
}

function summary(outcome: RunOutcome): string {
  if (outcome.kind !== 'graded') return JSON.stringify(outcome);
  return outcome.report.results.map((r) => `${r.pass ? 'PASS' : 'FAIL'} ${r.id} ${r.error ?? ''} ${r.expected ?? ''} ${r.actual ?? ''}`).join('\n');
}

it('there are at least five TypeScript exercises, and a Go one', () => {
  expect(ids.length).toBeGreaterThanOrEqual(5);
  expect(goIds).toEqual(['slow-request']);
});

describe.each(goIds)('Go exercise %s', (id) => {
  it('has its text in both languages, and a grader instead of starter and solution files', () => {
    const yaml = readFileSync(new URL(`content/exercises/${id}.yaml`, root), 'utf8');
    expect(yaml).toMatch(/\ben:/);
    expect(yaml).toMatch(/zh-CN:/);
    expect(readFileSync(new URL(`${id}/grade.ts`, dir), 'utf8')).toMatch(/export function gradeTrace\(/);
  });
});

describe.each(ids)('exercise %s', (id) => {
  const { meta, traces, starter, solution } = load(id);

  it('has its text in both languages', () => {
    const yaml = readFileSync(new URL(`content/exercises/${id}.yaml`, root), 'utf8');
    expect(yaml).toMatch(/\ben:/);
    expect(yaml).toMatch(/zh-CN:/);
  });

  it('the solution passes every check', async () => {
    const outcome = await runExerciseInNode({ exercise: id, source: solution, traces, timeLimitMs: meta.timeLimitMs });
    expect(outcome.kind, summary(outcome)).toBe('graded');
    if (outcome.kind !== 'graded') return;
    expect(outcome.report.total).toBeGreaterThan(0);
    expect(outcome.report.passed, summary(outcome)).toBe(outcome.report.total);
  });

  it('the starter fails at least one check', async () => {
    const outcome = await runExerciseInNode({ exercise: id, source: starter, traces, timeLimitMs: meta.timeLimitMs });
    expect(outcome.kind, summary(outcome)).toBe('graded');
    if (outcome.kind !== 'graded') return;
    expect(outcome.report.missing).toEqual([]);
    expect(outcome.report.passed, summary(outcome)).toBeLessThan(outcome.report.total);
  });
});

describe('the runner', () => {
  const { traces } = load('late-start-goroutines');
  const run = (source: string, timeLimitMs = 2000) => runExerciseInNode({ exercise: 'late-start-goroutines', source, traces, timeLimitMs });

  it('reports a syntax error with its line', async () => {
    const outcome = await run('export function goroutinesAroundStart(events) {\n  const x = ;\n}\n');
    expect(outcome.kind).toBe('syntax');
    if (outcome.kind === 'syntax') {
      expect(outcome.line).toBe(2);
      expect(outcome.column).toBe(14);
      expect(outcome.message).toBe('Unexpected token');
    }
  });

  it('reports code that parses as TypeScript but not as JavaScript', async () => {
    const outcome = await run('let a = 1;\nlet a = 2;\nexport function goroutinesAroundStart() {}');
    expect(outcome.kind).toBe('crash');
    if (outcome.kind === 'crash') expect(outcome.message).toMatch(/SyntaxError/);
  });

  it('turns an exception into a failed check with its message', async () => {
    const outcome = await run('export function goroutinesAroundStart() { throw new Error("boom"); }');
    expect(outcome.kind).toBe('graded');
    if (outcome.kind === 'graded') {
      expect(outcome.report.passed).toBe(0);
      expect(outcome.report.results[0].error).toBe('Error: boom');
    }
  });

  it('reports an exception at the top level of the module', async () => {
    const outcome = await run('throw new TypeError("at load");\nexport function goroutinesAroundStart() {}');
    expect(outcome.kind).toBe('graded');
    if (outcome.kind === 'graded') expect(outcome.report.loadError).toBe('TypeError: at load');
  });

  it('names a missing export', async () => {
    const outcome = await run('export function somethingElse() { return 1; }');
    expect(outcome.kind).toBe('graded');
    if (outcome.kind === 'graded') expect(outcome.report.missing).toEqual(['goroutinesAroundStart']);
  });

  it('refuses imports other than the trace reader and the analysis', async () => {
    const outcome = await run("import { readFileSync } from 'node:fs';\nexport function goroutinesAroundStart() { return readFileSync; }");
    expect(outcome.kind).toBe('graded');
    if (outcome.kind === 'graded') expect(outcome.report.loadError).toMatch(/Cannot import 'node:fs'/);
  });

  it('keeps what the code logs', async () => {
    const outcome = await run('export function goroutinesAroundStart(events) { console.log("events", events.length); return { before: 0, after: 0 }; }');
    expect(outcome.kind === 'graded' && outcome.logs[0]).toMatch(/^events \d+$/);
  });

  it('stops a loop that never ends at the time limit', async () => {
    const started = performance.now();
    const outcome = await run('export function goroutinesAroundStart() { while (true) {} }', 1000);
    expect(outcome.kind).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('stops a loop at the top level of the module too', async () => {
    const outcome = await run('for (;;) {}\nexport function goroutinesAroundStart() {}', 1000);
    expect(outcome.kind).toBe('timeout');
  });
});
