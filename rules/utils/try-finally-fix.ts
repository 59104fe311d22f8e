/** The edit that moves the rest of a block into `try { … } finally { release }` after a declaration. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FixFunction, Node, RuleSourceCode } from '../core/engine/types';
import { indentAt } from './fix-text';

/**
 * Wraps the statements that follow `declaration` in its block in try/finally with `release` in
 * the finally, dropping `dropped` statements (releases that the finally now does). Undefined when
 * the edit is not safe: the declaration is not directly in a block, nothing would be left in the
 * try, or a function declaration would move into a block (that changes where it is visible).
 * The moved lines are indented one level unless they hold a template literal, whose text would change.
 */
export function wrapRestInTryFinally(
  sourceCode: RuleSourceCode, declaration: TSESTree.VariableDeclaration, release: string, dropped: readonly Node[],
): FixFunction | undefined {
  const block = declaration.parent;
  if (block?.type !== 'BlockStatement') return undefined;
  const rest = block.body.slice(block.body.indexOf(declaration) + 1);
  if (rest.some((s) => s.type === 'FunctionDeclaration' || s.type === 'ClassDeclaration')) return undefined;
  const text = sourceCode.text;
  const pieces: string[] = [];
  rest.forEach((statement, i) => {
    if (!dropped.includes(statement)) pieces.push(text.slice(statement.range[0], i + 1 < rest.length ? rest[i + 1].range[0] : statement.range[1]));
  });
  if (pieces.length === 0) return undefined;
  const indent = indentAt(sourceCode, declaration.range[0]);
  let body = pieces.join('').trimEnd();
  if (!body.includes('`')) body = body.replace(/\n(?=[^\n])/g, '\n  ');
  const replacement = `try {\n${indent}  ${body}\n${indent}} finally {\n${indent}  ${release};\n${indent}}`;
  const range: [number, number] = [rest[0].range[0], rest[rest.length - 1].range[1]];
  return (fixer) => fixer.replaceTextRange(range, replacement);
}
