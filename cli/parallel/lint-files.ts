import * as os from 'node:os';
import { FileError } from '../../rules/core/errors';
import { readSource } from '../../rules/core/files/read-source';
import { addProjectFindings, lintFile, type FileLint, type ProjectLintOptions } from '../../rules/core/project/lint-project';
import { isProjectRule } from '../../rules/core/project/project-rule';
import { factsOnly } from './facts-only';
import { BATCH_SIZE, runInWorkers } from './worker-pool';
import type { LintJob, WorkerSetup } from './worker-protocol';

/** Below this many files per worker, starting a worker (loading the parser) costs more than it saves. */
const FILES_PER_WORKER = 150;

/**
 * `auto` takes half the cores, as ESLint's `--concurrency auto` does: one lint thread already keeps
 * about half of another core busy with V8's background compiler and GC, so on 2 cores a second
 * thread measured 0.97x the wall time of one (bench/RESULTS.md) for more memory.
 */
export function workerCount(concurrency: number | 'auto', files: number): number {
  if (concurrency !== 'auto') return Math.max(1, Math.min(concurrency, Math.ceil(files / BATCH_SIZE)));
  return Math.max(1, Math.min(Math.floor(os.availableParallelism() / 2), Math.floor(files / FILES_PER_WORKER)));
}

export interface LintPlan {
  /** Linted and reported, in this order. */
  files: readonly string[];
  /** Not reported, but part of the project: their facts feed the module graph (facts-only pass). */
  contextFiles: readonly string[];
}

function runOne(job: LintJob, options: ProjectLintOptions): FileLint {
  return job.factsOnly ? factsOnly(job.file, options, options.env.cwd) : lintFile(job.file, options);
}

/** With --cache and workers, the main thread answers hits and stores what workers return. */
function cacheProbe(job: LintJob, options: ProjectLintOptions): { lint?: FileLint; source?: string } {
  if (!options.cache || job.factsOnly || options.fix) return {};
  let source: string;
  try {
    source = readSource(job.file);
  } catch (error) {
    if (error instanceof FileError) return {};
    throw error;
  }
  const cached = options.cache.lookup(job.file, source, options.resolver.resolve(job.file));
  return cached ? { lint: { ...cached, source } } : { source };
}

/**
 * Lints the plan on this thread (workers <= 1) or on worker threads, then runs the project pass
 * once on the main thread over every file's facts: workers return per-file facts, the graph is
 * built here. Returns the lints of `plan.files`, in plan order whatever the concurrency.
 */
export async function lintFiles(plan: LintPlan, options: ProjectLintOptions, setup: WorkerSetup, workers: number, onProgress: (done: number) => void): Promise<FileLint[]> {
  const needsContext = plan.contextFiles.length > 0 && [...options.env.registry.values()].some(isProjectRule);
  const jobs: LintJob[] = [
    ...plan.files.map((file) => ({ file, factsOnly: false })),
    ...(needsContext ? plan.contextFiles.map((file) => ({ file, factsOnly: true })) : []),
  ];
  const lints = new Array<FileLint>(jobs.length);
  let done = 0;
  const finish = (index: number, lint: FileLint) => {
    lints[index] = lint;
    onProgress(++done);
  };
  if (workers <= 1) {
    jobs.forEach((job, i) => finish(i, runOne(job, options)));
  } else {
    const pending: number[] = [];
    jobs.forEach((job, i) => {
      const probe = cacheProbe(job, options);
      if (probe.lint) finish(i, probe.lint);
      else pending.push(i);
    });
    await runInWorkers(pending.map((i) => jobs[i]), setup, workers, (k, lint) => {
      const index = pending[k];
      if (options.cache && !jobs[index].factsOnly && lint.source !== undefined && !options.fix) {
        options.cache.store(lint.result.filePath, lint.source, options.resolver.resolve(lint.result.filePath), lint);
      }
      finish(index, lint);
    });
  }
  return addProjectFindings(lints, options).slice(0, plan.files.length);
}
