/// <reference lib="webworker" />
/**
 * The grading runtime of the page: the trace reader, the analysis, the checks of every exercise and
 * the grading core, in one classic script. It is never started as a worker by itself: the page
 * starts a worker from a blob that first defines the reader's module (as a function, so no eval is
 * needed and the site's CSP holds), then loads this script with importScripts (browser-runner.ts).
 *
 * Loaded in Node instead (the WebContainer tier), it only puts its API on globalThis.
 */
import type { ExerciseChecks } from './checks.ts';
import { isExerciseId } from './exercise-ids.ts';
import { gradeExercise, traceInput } from './grade.ts';
import { instantiate, runtimeModules, type ModuleFactory } from './modules.ts';
import type { FromGrader, GradeRequest } from './protocol.ts';
import { handleGrade } from './worker-core.ts';

type Spec = ExerciseChecks<Record<string, unknown>>;
const checks = import.meta.glob<Spec>('../../playground/exercises/*/checks.ts', { eager: true, import: 'default' });

async function registry(id: string): Promise<Spec | undefined> {
  return isExerciseId(id) ? checks[`../../playground/exercises/${id}/checks.ts`] : undefined;
}

const runtime = { modules: runtimeModules, registry, gradeExercise, instantiate, traceInput };
(globalThis as unknown as { fieldGuideRuntime: typeof runtime }).fieldGuideRuntime = runtime;

declare const self: DedicatedWorkerGlobalScope & { __fieldGuideModule?: ModuleFactory };
if (typeof importScripts === 'function') {
  const post = (msg: FromGrader) => self.postMessage(msg);
  self.onmessage = (event: MessageEvent<GradeRequest>) => {
    if (event.data?.type === 'grade') void handleGrade(event.data, self.__fieldGuideModule, registry, post);
  };
  post({ type: 'ready' });
}
