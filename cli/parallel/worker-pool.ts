import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../../rules/core/errors';
import type { FileLint } from '../../rules/core/project/lint-project';
import type { LintBatch, LintJob, WorkerReply, WorkerSetup } from './worker-protocol';

/** Files per message: large enough that messaging is noise, small enough to balance the load. */
export const BATCH_SIZE = 16;

function rebuild(error: Extract<WorkerReply, { kind: 'failed' }>['error']): Error {
  if (error.config) return new ConfigError(error.config.file, error.config.key, error.config.problem, error.config.hint);
  const rebuilt = new Error(error.message);
  rebuilt.stack = error.stack;
  return rebuilt;
}

/**
 * Runs the jobs on `workers` threads, handing out batches as workers free up. Each lint lands at
 * its job's index, so the result order is the job order whatever finishes first.
 */
export async function runInWorkers(jobs: readonly LintJob[], setup: WorkerSetup, workers: number, onDone: (index: number, lint: FileLint) => void): Promise<void> {
  let next = 0;
  const pool = Array.from({ length: workers }, () => new Worker(path.join(__dirname, 'worker.js'), { workerData: setup }));
  const sendNext = (worker: Worker): boolean => {
    if (next >= jobs.length) return false;
    const indexes = Array.from({ length: Math.min(BATCH_SIZE, jobs.length - next) }, (_, k) => next + k);
    next += indexes.length;
    const batch: LintBatch = { indexes, jobs: indexes.map((i) => jobs[i]) };
    worker.postMessage(batch);
    return true;
  };
  try {
    await Promise.all(pool.map((worker) => new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`a lint worker exited with code ${code} before finishing its files`)));
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'failed') { reject(rebuild(reply.error)); return; }
        reply.indexes.forEach((index, k) => onDone(index, reply.lints[k]));
        if (!sendNext(worker)) resolve();
      });
      if (!sendNext(worker)) resolve();
    })));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
