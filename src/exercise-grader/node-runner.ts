/**
 * Grades the reader's TypeScript in a Node worker thread with the exercise's time limit: the Node twin
 * of browser-runner.ts, used by the unit tests. Transpiling, loading and grading are the page's own
 * code (transpile.ts, modules.ts, grade.ts); a loop that never ends is stopped by ending the thread.
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_TIME_LIMIT_MS, type FromGrader, type RunOutcome } from './protocol.ts';
import { transpile } from './transpile.ts';

export interface NodeRun {
  exercise: string;
  source: string;
  traces: Record<string, Uint8Array>;
  timeLimitMs?: number;
}

export function runExerciseInNode(run: NodeRun): Promise<RunOutcome> {
  const t = transpile(run.source);
  if (!t.ok) return Promise.resolve({ kind: 'syntax', message: t.message, line: t.line, column: t.column });
  const limit = run.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const logs: string[] = [];
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./node-worker.ts', import.meta.url), { workerData: { code: t.code } });
    let timer: ReturnType<typeof setTimeout> | undefined;
    let started = 0;
    let settled = false;
    const finish = (outcome: RunOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    worker.on('message', (msg: FromGrader) => {
      switch (msg.type) {
        case 'ready':
          started = performance.now();
          timer = setTimeout(() => finish({ kind: 'timeout', ms: limit, logs }), limit);
          worker.postMessage({ type: 'grade', exercise: run.exercise, traces: run.traces });
          break;
        case 'log':
          logs.push(msg.text);
          break;
        case 'report':
          finish({ kind: 'graded', report: msg.report, logs, ms: performance.now() - started });
          break;
        case 'error':
          finish({ kind: 'crash', message: msg.message, logs });
          break;
      }
    });
    worker.on('error', (error) => finish({ kind: 'crash', message: error.message, logs }));
    worker.on('exit', (code) => finish({ kind: 'crash', message: `the worker exited (${code})`, logs }));
  });
}
