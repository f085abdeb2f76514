/**
 * Worker-thread entry: takes run tasks one at a time from the pool and
 * answers each with its result (or the error's message).
 */
import { parentPort } from 'node:worker_threads';
import { runOne, type RunTask } from './run-one.js';

const port = parentPort;
if (port) {
  port.on('message', (task: RunTask) => {
    try {
      port.postMessage({ ok: true, result: runOne(task) });
    } catch (e) {
      port.postMessage({ ok: false, index: task.index, message: (e as Error).message ?? String(e) });
    }
  });
}
