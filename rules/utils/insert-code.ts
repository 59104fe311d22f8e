import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, RuleFixer } from '../core/engine/types';

/** Adds `key: value` to an object literal, after its last property (or inside `{}`), keeping any trailing comma. */
export function insertProperty(fixer: RuleFixer, object: TSESTree.ObjectExpression, property: string): Fix {
  const last = object.properties[object.properties.length - 1];
  if (last) return fixer.insertTextAfter(last, `, ${property}`);
  return fixer.replaceText(object, `{ ${property} }`);
}

/**
 * Puts an argument at `index` of a call that has at least one argument: before the argument now
 * there, or after the last one, filling skipped positions with `undefined`.
 */
export function insertArgument(fixer: RuleFixer, call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, text: string): Fix | null {
  const args = call.arguments;
  if (args.length === 0) return null;
  if (index < args.length) return fixer.insertTextBefore(args[index], `${text}, `);
  const fillers = 'undefined, '.repeat(index - args.length);
  return fixer.insertTextAfter(args[args.length - 1], `, ${fillers}${text}`);
}
