import type { RuleEntry } from '../../rules/core/config/config-file';
import type { FileLint } from '../../rules/core/project/lint-project';

/** What a worker needs to build the same registry and config resolver as the main thread. */
export interface WorkerSetup {
  root: string;
  configPath?: string;
  ruleOverrides: Record<string, RuleEntry>;
  verbose: boolean;
  fix: boolean;
  /** The environment variables the registry reads (test rule modules). */
  env: Record<string, string | undefined>;
}

/** One file to lint; `factsOnly` files only feed the module graph. */
export interface LintJob { file: string; factsOnly: boolean }

/** Main → worker: lint these jobs (indexes into the run's job list). */
export interface LintBatch { indexes: number[]; jobs: LintJob[] }

/** Worker → main. A failure carries what is needed to rebuild a typed error. */
export type WorkerReply =
  | { kind: 'done'; indexes: number[]; lints: FileLint[] }
  | { kind: 'failed'; error: { name: string; message: string; stack?: string; config?: { file: string; key: string; problem: string; hint?: string } } };
