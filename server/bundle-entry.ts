/**
 * The entry of the shipped bundle (dist/server.js). One file plays three roles so the analysis core
 * (TypeScript's parser is most of the size) ships once: the server's main thread, its lint worker
 * (dist/lint-worker.js) and the deep-parse worker (dist/parse-worker.js). Those two are one-line
 * files that require this bundle; the role comes from the thread's `workerData`. Under out/ each
 * role has its own compiled file and this entry is not used.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { LINT_WORKER_ROLE, type LintWorkerSetup } from './lint-protocol';

/* eslint-disable @typescript-eslint/no-require-imports -- the role decides which module loads at all */
if (isMainThread) require('./main');
else if ((workerData as Partial<LintWorkerSetup> | undefined)?.role === LINT_WORKER_ROLE) require('./lint-worker');
else require('../rules/core/engine/parse-worker');
