import type { ConfigResolver } from '../config/config-resolver';
import type { LintEnvironment } from '../config/file-config';
import { fixText } from '../engine/apply-fixes';
import { lintSource } from '../engine/lint-text';
import type { Finding, LintResult } from '../engine/types';
import { FileError } from '../errors';
import { readSource } from '../files/read-source';

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
}

function unreadable(filePath: string, error: FileError): LintResult {
  const finding: Finding = { ruleId: FILE_UNREADABLE, category: 'opslint', severity: 2, fatal: true, message: `${error.problem}; the file was not linted.`, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { filePath, messages: [finding] };
}

/**
 * The whole-workspace entry: lints every file with the config in force for it. One file's
 * failure (unreadable, unparsable, a rule crash) becomes findings for that file only.
 */
export function lintProject(files: readonly string[], options: ProjectLintOptions): FileLint[] {
  const read = options.readFile ?? readSource;
  return files.map((filePath) => {
    let source: string;
    try {
      source = read(filePath);
    } catch (error) {
      if (error instanceof FileError) return { result: unreadable(filePath, error) };
      throw error;
    }
    const config = options.resolver.resolve(filePath);
    const result = options.fix ? fixText(source, filePath, config, options.env) : lintSource(source, filePath, config, options.env).result;
    return { result, source };
  });
}
