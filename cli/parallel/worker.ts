import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../../rules';
import { ConfigResolver } from '../../rules/core/config/config-resolver';
import { ConfigError } from '../../rules/core/errors';
import { lintFile } from '../../rules/core/project/lint-project';
import { factsOnly } from './facts-only';
import { createRegistry } from '../../rules/core/registry';
import { loadTestRules } from '../../rules/core/test-rule-hook';
import type { LintBatch, WorkerReply, WorkerSetup } from './worker-protocol';

/** A lint worker: same registry and config as the main thread, lints the batches it is sent. */
function serve(setup: WorkerSetup): void {
  const registry = createRegistry([...allRules, ...loadTestRules(setup.env)]);
  const resolver = new ConfigResolver({ root: setup.root, registry, configPath: setup.configPath, ruleOverrides: setup.ruleOverrides });
  const options = { resolver, env: { registry, cwd: setup.root, verbose: setup.verbose }, fix: setup.fix };
  parentPort!.on('message', (batch: LintBatch) => {
    let reply: WorkerReply;
    try {
      reply = { kind: 'done', indexes: batch.indexes, lints: batch.jobs.map((job) => (job.factsOnly ? factsOnly(job.file, options, options.env.cwd) : lintFile(job.file, options))) };
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      reply = {
        kind: 'failed',
        error: { name: e.name, message: e.message, stack: e.stack, ...(e instanceof ConfigError ? { config: { file: e.file, key: e.key, problem: e.problem, hint: e.hint } } : {}) },
      };
    }
    parentPort!.postMessage(reply);
  });
}

serve(workerData as WorkerSetup);
