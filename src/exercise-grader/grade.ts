/**
 * The grading core, the same in the page's worker, in Node's worker thread and in the WebContainer:
 * load the reader's module, check that it exports what the checks need, then run every check and
 * say, per check, pass or fail and why. Nothing here stops a runaway loop: the host does that, by
 * ending the whole worker at the exercise's time limit.
 */
import { analyseBytes, type TraceModel } from './api/analysis.ts';
import { readEvents, type Event } from './api/trace.ts';
import { show, type ExerciseChecks, type TraceInput } from './checks.ts';
import type { CheckResult, GradeReport } from './protocol.ts';

export function traceInput(name: string, bytes: Uint8Array): TraceInput {
  let events: Event[] | undefined;
  let model: TraceModel | undefined;
  return {
    name,
    bytes,
    events: () => (events ??= [...readEvents(bytes)]),
    model: () => (model ??= analyseBytes(bytes)),
  };
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `thrown: ${show(error, 200)}`;
}

export function gradeExercise(
  exercise: string,
  spec: ExerciseChecks<Record<string, unknown>>,
  load: () => Record<string, unknown>,
  traces: Record<string, Uint8Array>,
): GradeReport {
  const report: GradeReport = { exercise, results: [], passed: 0, total: spec.checks.length, missing: [] };
  let exports: Record<string, unknown> = {};
  try {
    exports = load() ?? {};
  } catch (error) {
    report.loadError = errorText(error);
  }
  report.missing = spec.exports.filter((name) => typeof exports[name] !== 'function');
  const inputs = new Map<string, TraceInput>();
  for (const check of spec.checks) {
    const base = { id: check.id, label: check.label, trace: check.trace };
    let result: CheckResult;
    if (report.loadError) {
      result = { ...base, pass: false, error: report.loadError };
    } else if (report.missing.length > 0) {
      result = { ...base, pass: false, error: `missing export: ${report.missing.join(', ')}` };
    } else {
      try {
        let input: TraceInput | undefined;
        if (check.trace) {
          const bytes = traces[check.trace];
          if (!bytes) throw new Error(`the trace ${check.trace} was not loaded`);
          input = inputs.get(check.trace) ?? traceInput(check.trace, bytes);
          inputs.set(check.trace, input);
        }
        const outcome = check.run(exports, input);
        result = outcome.pass
          ? { ...base, pass: true, actual: 'actual' in outcome ? show(outcome.actual) : undefined }
          : {
              ...base,
              pass: false,
              expected: 'expected' in outcome ? show(outcome.expected) : undefined,
              actual: 'actual' in outcome ? show(outcome.actual) : undefined,
              note: outcome.note,
            };
      } catch (error) {
        result = { ...base, pass: false, error: errorText(error) };
      }
    }
    if (result.pass) report.passed++;
    report.results.push(result);
  }
  return report;
}

/** The traces an exercise's checks read. */
export function tracesOf(spec: ExerciseChecks<Record<string, unknown>>): string[] {
  return [...new Set(spec.checks.flatMap((c) => (c.trace ? [c.trace] : [])))];
}
