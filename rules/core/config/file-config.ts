import type { Program } from '../engine/parse';
import type { Rule, Severity } from '../engine/types';
import type { RoleHints } from '../roles/infer-file-role';

export interface RuleSetting {
  severity: Severity;
  /** The user's options merged over the rule's `meta.defaultOptions`. */
  options: readonly unknown[];
}

/** The configuration in force for one file, after `extends`, `overrides` and CLI flags. */
export interface FileConfig {
  rules: ReadonlyMap<string, RuleSetting>;
  /** Shared knowledge the rules read (loggers, config modules, timeouts): `settings` of the config file. */
  settings: Readonly<Record<string, unknown>>;
  /** Files larger than this (bytes) are skipped with a notice. */
  maxFileSize: number;
  /** What the config's `roles` and the nearest package.json say of the file (see core/roles); absent: nothing. */
  roleHints?: RoleHints;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

/** Everything the engine needs besides the file: passed in, never read from module state. */
export interface LintEnvironment {
  registry: ReadonlyMap<string, Rule>;
  cwd: string;
  /** Include stacks of internal errors in findings. */
  verbose?: boolean;
  /**
   * How to parse: `parseSource` unless given. The language server passes a DocumentParser, which
   * re-parses only what an edit of a buffer touched.
   */
  parse?: (text: string, filePath: string) => Program;
}
