import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import * as path from 'node:path';
import { ParseError } from '../errors';

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
 * Parses source text into an ESTree AST with locations, ranges and comments (no tokens: no rule
 * needs them and they double parse time). Throws `ParseError` for any syntax error, and for input
 * so deeply nested that the parser overflows the stack: the parser is recursive, our walks are not.
 */
export function parseSource(text: string, filePath: string): Program {
  const ext = path.extname(filePath).toLowerCase();
  try {
    return parse(text, {
      filePath,
      jsx: LINTABLE_EXTENSIONS.get(ext) ?? false,
      loc: true,
      range: true,
      comment: true,
      tokens: false,
      errorOnUnknownASTType: false,
      suppressDeprecatedPropertyWarnings: true,
      loggerFn: false,
    });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new ParseError(filePath, 1, 1, 'too deeply nested to analyse (the parser ran out of stack); split the nested expression or exclude the generated file in "ignores"');
    }
    const e = error as { lineNumber?: number; column?: number; message?: string };
    if (typeof e.lineNumber === 'number') {
      throw new ParseError(filePath, e.lineNumber, (e.column ?? 0) + 1, e.message ?? 'syntax error');
    }
    throw error;
  }
}
