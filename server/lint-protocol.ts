import type { FileConfig } from '../rules/core/config/file-config';
import type { Comment } from '../rules/core/engine/types';
import type { ModuleFacts } from '../rules/core/project/module-facts';
import type { PackedFinding } from './wire-findings';

/** Marks the server's lint worker in `workerData`: the shipped bundle tells its roles apart by it. */
export const LINT_WORKER_ROLE = 'opslint-lint-worker';

/** What the worker needs to build the same registry as the main thread (rules index + test hook). */
export interface LintWorkerSetup {
  role: typeof LINT_WORKER_ROLE;
  /** The environment variables the registry reads (test rule modules). */
  env: Record<string, string | undefined>;
}

/** The config resolved on the main thread crosses as data (maps and plain objects clone). */
interface Target { id: number; filePath: string; config: FileConfig; cwd: string }

/** `fingerprint`: a baseline records findings for the file, so the answer carries their fingerprints. */
interface Linted { fingerprint: boolean }

/** Main → worker: lint a buffer's text, lint a file from disk, or compute a buffer's fixed text. */
export type LintRequest =
  | (Target & Linted & { kind: 'lintText'; text: string })
  | (Target & Linted & { kind: 'lintFile' })
  | (Target & { kind: 'fixText'; text: string });

/** A per-file lint with what the project model needs from the same parse. */
export interface LintAnswer {
  /** Unpacked (wire-findings.ts) against the request's text, or `source` for `lintFile`. */
  messages: PackedFinding[];
  facts?: ModuleFacts;
  directives: Comment[];
  /** For `lintFile`, the text read from disk (positions are computed against it). */
  source?: string;
  /** One per message, computed as the CLI computes them (report/fingerprint.ts), when asked for. */
  fingerprints?: string[];
}

/** Worker → main. `ready` once the rules are loaded: a lint's deadline starts only after it. */
export type LintReply =
  | { kind: 'ready' }
  | { kind: 'linted'; id: number; answer: LintAnswer }
  | { kind: 'fixed'; id: number; output?: string }
  | { kind: 'failed'; id: number; message: string; stack?: string };
