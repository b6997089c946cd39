// Runs fuzz cases off the test's thread, so that a case that hangs can be
// stopped (the pool terminates this worker) instead of hanging the test.

import { parentPort } from 'node:worker_threads';
import { runCase } from './check.ts';
import type { ReadAs } from '../../../src/trace/index.ts';

parentPort!.on('message', (msg: { id: number; data: Uint8Array; readAs: ReadAs }) => {
  parentPort!.postMessage({ id: msg.id, result: runCase(msg.data, msg.readAs) });
});
