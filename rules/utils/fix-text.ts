/** Text edits that fixes and suggestions share, laid out to match the surrounding code. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleFixer, RuleSourceCode } from '../core/engine/types';

/** The whitespace that starts the line `index` is on. */
export function indentAt(sourceCode: RuleSourceCode, index: number): string {
  const line = sourceCode.lines[sourceCode.getLocFromIndex(index).line - 1];
  return /^[ \t]*/.exec(line)![0];
}

/**
 * Puts `statement` first in `block`: on the first statement's own line when it has one, inline
 * when the block is written on one line, and on a new indented line in an empty block (above any comments).
 */
export function insertAtBlockStart(fixer: RuleFixer, sourceCode: RuleSourceCode, block: TSESTree.BlockStatement, statement: string): Fix {
  const first = block.body[0];
  if (first) {
    const sameLine = sourceCode.getLocFromIndex(block.range[0]).line === first.loc.start.line;
    return fixer.insertTextBefore(first, sameLine ? `${statement} ` : `${statement}\n${indentAt(sourceCode, first.range[0])}`);
  }
  const indent = indentAt(sourceCode, block.range[0]);
  if (sourceCode.getText(block).slice(1, -1).trim() === '') return fixer.replaceText(block, `{\n${indent}  ${statement}\n${indent}}`);
  // Comments only: keep them, after the new statement.
  return fixer.insertTextAfterRange([block.range[0], block.range[0] + 1], `\n${indent}  ${statement}`);
}

/** A name not yet used as a word in `text`, for a binding a fix introduces. */
export function freshName(text: string, candidates: readonly string[]): string {
  return candidates.find((c) => !new RegExp(`\\b${c}\\b`).test(text)) ?? `${candidates[0]}_`;
}
