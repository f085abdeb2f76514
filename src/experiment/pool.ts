import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runOne, type RunResult, type RunTask } from './run-one.js';
import { sourceWorkerCode } from './source-worker.js';

export interface PoolOptions {
  /** Worker threads; 1 runs everything in this thread. Default: the machine's available parallelism. */
  workers?: number;
  /** Called after each finished run. */
  onProgress?: (done: number, total: number, result: RunResult) => void;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** A worker running the compiled entry beside this module, or the TypeScript one through the source hooks. */
function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const code = sourceWorkerCode(new URL('./worker.ts', here).href, new URL('../../package.json', here).href);
    return new Worker(code, { eval: true });
  }
  return new Worker(new URL('./worker.js', here));
}

/**
 * Runs every task and returns the results in task order (never completion
 * order), so the outcome does not depend on the number of workers.
 */
export async function runTasks(tasks: readonly RunTask[], options: PoolOptions = {}): Promise<RunResult[]> {
  const total = tasks.length;
  const results: RunResult[] = new Array(total);
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), total));
  let done = 0;
  if (workers <= 1) {
    tasks.forEach((t, k) => {
      results[k] = runOne(t);
      options.onProgress?.(++done, total, results[k]);
    });
    return results;
  }
  const slot = new Map<number, number>(tasks.map((t, k) => [t.index, k]));
  return new Promise<RunResult[]>((resolve, reject) => {
    const pool: Worker[] = [];
    let next = 0;
    let failed = false;
    const stop = (err?: Error) => {
      if (failed) return;
      if (err) failed = true;
      for (const w of pool) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const feed = (w: Worker) => {
      if (next < total) w.postMessage(tasks[next++]);
    };
    for (let k = 0; k < workers; k++) {
      const w = startWorker();
      pool.push(w);
      w.on('message', (m: { ok: true; result: RunResult } | { ok: false; index: number; message: string }) => {
        if (failed) return;
        if (!m.ok) {
          const t = tasks[slot.get(m.index) ?? 0];
          return stop(new Error(`run ${t.variant} replication ${t.replication} (seed ${t.seed}) failed: ${m.message}`));
        }
        results[slot.get(m.result.index)!] = m.result;
        options.onProgress?.(++done, total, m.result);
        if (done === total) stop();
        else feed(w);
      });
      w.on('error', (e) => stop(new Error(`a worker thread failed: ${e.message}`)));
      w.on('exit', (code) => {
        if (!failed && done < total && code !== 0) stop(new Error(`a worker thread exited with code ${code}`));
      });
      feed(w);
    }
  });
}
