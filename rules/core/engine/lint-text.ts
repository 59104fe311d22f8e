import * as path from 'node:path';
import type { FileConfig, LintEnvironment } from '../config/file-config';
import { inferFileRole } from '../roles/infer-file-role';
import { ParseError } from '../errors';
import { parseSource, type Program } from './parse';
import { runRules } from './run-rules';
import { SourceCode } from './source-code';
import { applySuppressions } from './suppressions';
import type { Finding, LintResult } from './types';

export const PARSE_ERROR = 'opslint/parse-error';
export const FILE_SKIPPED = 'opslint/file-skipped';

/** What a lint of one text produced, with the parsed program for project-level fact extraction. */
export interface LintOutcome {
  result: LintResult;
  /** Present when the text parsed: cross-file analyses read their facts from this same AST. */
  sourceCode?: SourceCode;
}

function fileFinding(ruleId: string, message: string, line = 1, column = 1): Finding {
  return { ruleId, category: 'opslint', severity: 2, fatal: true, message, line, column, endLine: line, endColumn: column };
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Why a text should not be analysed at all, if it should not. */
export function reasonToSkip(text: string, config: FileConfig): string | undefined {
  if (text.includes('\u0000')) return 'skipped: the file contains a NUL byte, so it is binary, not source';
  const size = Buffer.byteLength(text, 'utf8');
  if (size > config.maxFileSize) {
    return `skipped: ${formatSize(size)} exceeds maxFileSize ${formatSize(config.maxFileSize)}; raise "maxFileSize" in opslint.config.json or add the file to "ignores" if it is generated`;
  }
  return undefined;
}

/**
 * The one pure entry point the CLI, the server and the tests share: text in, findings out.
 * Never throws for bad input: a parse error, a skipped file and a failing rule all become findings.
 */
export function lintSource(text: string, filePath: string, config: FileConfig, env: LintEnvironment): LintOutcome {
  const skip = reasonToSkip(text, config);
  if (skip) return { result: { filePath, messages: [{ ...fileFinding(FILE_SKIPPED, skip), severity: 1, fatal: false }], skipped: skip } };
  let program: Program;
  try {
    program = (env.parse ?? parseSource)(text, filePath);
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { result: { filePath, messages: [fileFinding(PARSE_ERROR, `Parsing error: ${error.reason}`, error.line, error.column)] } };
  }
  const sourceCode = new SourceCode(text, program);
  const role = inferFileRole(projectRelative(filePath, env.cwd), text, config.roleHints);
  const findings = runRules(sourceCode, filePath, config, env, role);
  const messages = applySuppressions(sourceCode.getAllComments(), findings, new Set(config.rules.keys()));
  messages.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return { result: { filePath, messages, role }, sourceCode };
}

/** The path the role conventions read: relative to the project root, with `/`. */
export function projectRelative(filePath: string, cwd: string): string {
  return (path.isAbsolute(filePath) ? path.relative(cwd, filePath) : filePath).split(path.sep).join('/');
}

export function lintText(text: string, filePath: string, config: FileConfig, env: LintEnvironment): LintResult {
  return lintSource(text, filePath, config, env).result;
}
