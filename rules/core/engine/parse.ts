import type * as TypescriptEstree from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import * as path from 'node:path';
import { ParseError } from '../errors';
import { extractComments } from './comments';
import { parseOnLargeStack } from './deep-parse';

/** Extensions Opslint lints; the value says whether JSX is allowed in them. */
export const LINTABLE_EXTENSIONS: ReadonlyMap<string, boolean> = new Map([
  ['.ts', false], ['.mts', false], ['.cts', false], ['.tsx', true],
  ['.js', true], ['.jsx', true], ['.mjs', true], ['.cjs', true],
]);

export function isLintable(filePath: string): boolean {
  return LINTABLE_EXTENSIONS.has(path.extname(filePath).toLowerCase()) && !/\.d\.[mc]?ts$/i.test(filePath);
}

export type Program = TSESTree.Program;

/**
 * The parser, loaded on first use: loading it (and TypeScript with it) takes about 0.4 s, which a
 * run answered from the cache, `--version` or `--print-config` never needs.
 */
function parser(): typeof TypescriptEstree {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@typescript-eslint/typescript-estree') as typeof TypescriptEstree;
}

/**
 * Parses source text into an ESTree AST with locations, ranges and comments (no tokens: no rule
 * needs them and they double parse time). Throws `ParseError` for any syntax error. The parser is
 * recursive (our walks are not): input nested deeper than the stack allows (about 400 `if`s on
 * Node's default stack) is parsed again on a worker thread with a large stack (deep-parse.ts), and
 * only input too deep even for that becomes a "too deeply nested" ParseError.
 */
export function parseSource(text: string, filePath: string): Program {
  let program: Program;
  try {
    program = parseOnThisStack(text, filePath);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    program = parseOnLargeStack<Program>(text, filePath);
  }
  program.comments = extractComments(program, text);
  return program;
}

/** The parse itself, on the current thread's stack; a stack overflow escapes as RangeError. */
export function parseOnThisStack(text: string, filePath: string): Program {
  const ext = path.extname(filePath).toLowerCase();
  try {
    return parser().parse(text, {
      filePath,
      jsx: LINTABLE_EXTENSIONS.get(ext) ?? false,
      loc: true,
      range: true,
      // Comments come from extractComments, ten times cheaper than the parser's own.
      comment: false,
      tokens: false,
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
      loggerFn: false,
    });
  } catch (error) {
    if (error instanceof RangeError) throw error;
    const e = error as { lineNumber?: number; column?: number; message?: string };
    if (typeof e.lineNumber === 'number') {
      throw new ParseError(filePath, e.lineNumber, (e.column ?? 0) + 1, e.message ?? 'syntax error');
    }
    throw error;
  }
}
