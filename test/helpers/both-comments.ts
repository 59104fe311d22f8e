import { parse } from '@typescript-eslint/typescript-estree';
import { extractComments } from '../../rules/core/engine/comments';
import type { Comment } from '../../rules/core/engine/types';

/** What typescript-estree's own comment collection returns, and ours from the comment-free AST, as plain data. */
export function bothComments(text: string, filePath: string): { theirs: unknown[]; ours: unknown[] } {
  const options = { filePath, jsx: /\.[jt]sx$|\.m?js$|\.cjs$/.test(filePath), loc: true, range: true, tokens: false, suppressDeprecatedPropertyWarnings: true, loggerFn: false as const };
  const plain = (c: Comment) => ({ type: c.type, value: c.value, range: [...c.range], loc: { start: { ...c.loc.start }, end: { ...c.loc.end } } });
  return {
    theirs: (parse(text, { ...options, comment: true }).comments ?? []).map(plain),
    ours: extractComments(parse(text, { ...options, comment: false }), text).map(plain),
  };
}
