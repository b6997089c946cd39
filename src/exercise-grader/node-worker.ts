/**
 * A Node worker thread that grades one run, for the tests (and anyone grading outside a browser): the
 * same core as the page's worker (worker-core.ts); only the module factory is made differently, with
 * new Function instead of a blob script.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExerciseChecks } from './checks.ts';
import { isExerciseId } from './exercise-ids.ts';
import type { ModuleFactory } from './modules.ts';
import type { FromGrader, GradeRequest } from './protocol.ts';
import { handleGrade } from './worker-core.ts';

const post = (msg: FromGrader) => parentPort!.postMessage(msg);

async function registry(id: string) {
  if (!isExerciseId(id)) return undefined;
  const mod = await import(new URL(`../../playground/exercises/${id}/checks.ts`, import.meta.url).href);
  return mod.default as ExerciseChecks<Record<string, unknown>>;
}

let factory: ModuleFactory | undefined;
let loadError: string | undefined;
try {
  factory = new Function('exports', 'require', 'module', String(workerData.code)) as ModuleFactory;
} catch (error) {
  loadError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

parentPort!.on('message', (req: GradeRequest) => {
  if (loadError) post({ type: 'error', message: loadError });
  else void handleGrade(req, factory, registry, post);
});
post({ type: 'ready' });
