/**
 * A stand-in fuzz worker for the pool's fault tests: answers like fuzz-worker.ts without checking
 * anything, except that worker 1, after its first program, fails the way argv says.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SliceJob, WorkerMessage } from './fuzz-pool';

const { count, first, step } = workerData as SliceJob;
const send = (message: WorkerMessage) => parentPort!.postMessage(message);
const faults: Record<string, () => void> = {
  throw: () => { throw new Error('boom in the checker'); },
  exit: () => process.exit(3),
  // Spins like a rule caught in an endless loop: only terminate() stops it.
  hang: () => { for (;;) Math.random(); },
};
send({ kind: 'ready' });
for (let index = first; index < count; index += step) {
  if (first === 0 && index > 0) faults[process.argv[2]]();
  send({ kind: 'checked', outcome: { index, source: 'stand-in', unparsable: false } });
}
