/**
 * The inside of a grading worker, shared by the browser (run.worker.ts) and Node (node-worker.ts):
 * console output is captured (and capped), the reader's module is loaded from the factory the host
 * made, the checks run, and the report goes back. One worker grades one run, then is ended.
 */
import { show, type ExerciseChecks } from './checks.ts';
import { gradeExercise } from './grade.ts';
import { instantiate, type ModuleFactory } from './modules.ts';
import { MAX_LOG_LINES, type FromGrader, type GradeRequest } from './protocol.ts';

export type ChecksRegistry = (exercise: string) => Promise<ExerciseChecks<Record<string, unknown>> | undefined>;

export function captureConsole(post: (msg: FromGrader) => void) {
  let lines = 0;
  const log = (...args: unknown[]) => {
    lines++;
    if (lines > MAX_LOG_LINES) return;
    const text = lines === MAX_LOG_LINES ? '… (more output was dropped)' : args.map((a) => (typeof a === 'string' ? a : show(a, 2000))).join(' ');
    post({ type: 'log', text });
  };
  const c = globalThis.console as unknown as Record<string, unknown>;
  for (const name of ['log', 'info', 'warn', 'error', 'debug']) c[name] = log;
}

export async function handleGrade(
  req: GradeRequest,
  factory: ModuleFactory | undefined,
  registry: ChecksRegistry,
  post: (msg: FromGrader) => void,
) {
  try {
    const spec = await registry(req.exercise);
    if (!spec) throw new Error(`no such exercise: ${req.exercise}`);
    if (!factory) throw new Error('the exercise code was not loaded');
    captureConsole(post);
    const report = gradeExercise(req.exercise, spec, () => instantiate(factory), req.traces);
    post({ type: 'report', report });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
