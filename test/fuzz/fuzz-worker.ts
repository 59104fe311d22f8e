/** A fuzz worker (fuzz-pool.ts): checks programs first, first+step, ... and answers one by one. */
import { parentPort, workerData } from 'node:worker_threads';
import type { SliceJob, WorkerMessage } from './fuzz-pool';
import { corpusFiles } from './programs';
import { checkIndex, fuzzSetup } from './run-fuzz';

const { seed, count, first, step } = workerData as SliceJob;
const setup = fuzzSetup();
const corpus = corpusFiles();
const send = (message: WorkerMessage) => parentPort!.postMessage(message);
send({ kind: 'ready' });
// A checker crash escapes as the worker's 'error', which the pool reports with this program's index.
for (let index = first; index < count; index += step) send({ kind: 'checked', outcome: checkIndex(seed, index, corpus, setup) });
