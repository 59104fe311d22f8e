/**
 * Fuzzing on worker threads. Worker k of n checks programs k, k+n, k+2n, ... of the same seeded
 * sequence (fuzz-worker.ts), so program i is the same program whatever n is, and the report, built
 * in index order by `collect`, equals `runFuzz(count, seed)` on one thread. A worker that throws,
 * exits early or stops answering fails the run with the program it was on, never hangs it.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { collect, type FuzzReport, type ProgramOutcome } from './run-fuzz';

/** What a worker is told: its slice of programs 0 .. count-1. */
export interface SliceJob {
  seed: number;
  count: number;
  first: number;
  step: number;
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'checked'; outcome: ProgramOutcome };

export interface PoolOptions {
  /** Threads to use; defaults to `defaultWorkers()`. */
  workers?: number;
  onProgress?: (done: number) => void;
  /** A worker silent for this long (a rule looping forever) fails the run. Programs take milliseconds. */
  stallMs?: number;
  /** A stand-in worker script and its argv: a seam for the pool's own fault tests. */
  worker?: { script: string; argv?: string[] };
}

/** One thread per core, at most two: the CI machine has two, and more only adds start-up cost. */
export function defaultWorkers(): number {
  return Math.min(2, os.availableParallelism());
}

export async function runFuzzInWorkers(count: number, seed: number, options: PoolOptions = {}): Promise<FuzzReport> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), count));
  const stallMs = options.stallMs ?? 60_000;
  const script = options.worker?.script ?? path.join(__dirname, 'fuzz-worker.js');
  const outcomes: ProgramOutcome[] = new Array(count);
  let done = 0;
  const pool = Array.from({ length: workers }, (_, first) => {
    const job: SliceJob = { seed, count, first, step: workers };
    return new Worker(script, { workerData: job, argv: options.worker?.argv ?? [] });
  });
  const watch = (worker: Worker, first: number) => new Promise<void>((resolve, reject) => {
    let next = first;
    let started = false;
    const where = () => `fuzz worker ${first + 1} of ${workers} (seed ${seed}) ${started ? `on program ${next}` : 'while starting'}`;
    const reproduce = () => (started ? `\nreproduce on one thread: npm run fuzz -- --seed ${seed} --index ${next} --workers 0` : '');
    const fail = (what: string) => reject(new Error(`${where()}: ${what}${reproduce()}`));
    let timer = setTimeout(() => fail(`no answer in ${stallMs / 1000} s`), stallMs);
    worker.on('message', (message: WorkerMessage) => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(`no answer in ${stallMs / 1000} s`), stallMs);
      if (message.kind === 'ready') started = true;
      else if (message.outcome.index !== next) fail(`answered for program ${message.outcome.index} instead`);
      else {
        outcomes[next] = message.outcome;
        next += workers;
        options.onProgress?.(++done);
      }
    });
    // 'error' can arrive before the answers the worker sent ahead of it; 'exit' comes after them.
    let crash: Error | undefined;
    worker.on('error', (error) => { crash = error; });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      if (crash) fail(`crashed: ${crash.stack ?? crash.message}`);
      else if (next < count) fail(`exited with code ${code} before finishing its programs`);
      else resolve();
    });
  });
  try {
    await Promise.all(pool.map(watch));
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return collect(outcomes);
}
