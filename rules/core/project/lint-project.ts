import * as path from 'node:path';
import { toPosix, type ConfigResolver } from '../config/config-resolver';
import type { LintEnvironment } from '../config/file-config';
import { fixText } from '../engine/apply-fixes';
import { lintSource } from '../engine/lint-text';
import type { Finding, LintResult } from '../engine/types';
import { FileError } from '../errors';
import { readSource } from '../files/read-source';
import { fingerprintFindings } from '../report/fingerprint';

export const FILE_UNREADABLE = 'opslint/file-unreadable';

export interface ProjectLintOptions {
  resolver: ConfigResolver;
  env: LintEnvironment;
  /** Compute fixed text for each file (`output`); writing it is the caller's job. */
  fix?: boolean;
  readFile?: (filePath: string) => string;
}

export interface FileLint {
  result: LintResult;
  /** The text that was linted (before fixes), so a writer can detect changes on disk. */
  source?: string;
  /** One per `result.messages` entry, relative to `env.cwd` (see report/fingerprint.ts). */
  fingerprints: string[];
}

function unreadable(filePath: string, error: FileError): LintResult {
  const finding: Finding = { ruleId: FILE_UNREADABLE, category: 'opslint', severity: 2, fatal: true, message: `${error.problem}; the file was not linted.`, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { filePath, messages: [finding] };
}

/** Lints one file with the config in force for it; never throws for bad input. Workers call this. */
export function lintFile(filePath: string, options: ProjectLintOptions): FileLint {
  const read = options.readFile ?? readSource;
  const relative = toPosix(path.relative(options.env.cwd, filePath));
  let source: string;
  try {
    source = read(filePath);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    const result = unreadable(filePath, error);
    return { result, fingerprints: fingerprintFindings(relative, undefined, result.messages) };
  }
  const config = options.resolver.resolve(filePath);
  if (options.fix) {
    const result = fixText(source, filePath, config, options.env);
    return { result, source, fingerprints: fingerprintFindings(relative, result.output ?? source, result.messages) };
  }
  const { result, sourceCode } = lintSource(source, filePath, config, options.env);
  return { result, source, fingerprints: fingerprintFindings(relative, source, result.messages, sourceCode?.ast) };
}

/**
 * The whole-workspace entry: lints every file with the config in force for it. One file's
 * failure (unreadable, unparsable, a rule crash) becomes findings for that file only.
 */
export function lintProject(files: readonly string[], options: ProjectLintOptions): FileLint[] {
  return files.map((filePath) => lintFile(filePath, options));
}
