/**
 * Where code of a module sits while module facts are extracted: what decides whether a `require()`,
 * a read or a server start runs while the module loads. module-facts.ts tracks it per node.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { functionName, propertyName } from './module-syntax';
import { callsCallbackNow } from '../knowledge/sync-iteration';

/**
 * Where a node sits: at the module's top level (or in an immediately invoked function, or an array
 * callback run there), in a callback handed to a top-level call (it runs at start-up, or later: a route
 * handler), inside a named top-level function (`nested` when in a function within it), or elsewhere
 * (a method, a callback that runs later).
 */
export type Enclosing = { kind: 'top' } | { kind: 'callback' } | FunctionEnclosing | { kind: 'other' };
/** `reads` (names read directly in the function) and `twin` (the nested variant) are made once per function, not per node. */
export type FunctionEnclosing = { kind: 'function'; name: string; nested?: true; reads?: Map<string, number> | null; twin?: FunctionEnclosing };
export const TOP: Enclosing = { kind: 'top' };
export const CALLBACK: Enclosing = { kind: 'callback' };
export const OTHER: Enclosing = { kind: 'other' };

/** Where the body of a function sits, given where the function itself is. */
export function enclosingOfFunction(node: Node, parent: Node | undefined, enclosing: Enclosing): Enclosing {
  if (enclosing.kind === 'other') return OTHER;
  if (enclosing.kind === 'function') return enclosing.nested ? enclosing : (enclosing.twin ??= { kind: 'function', name: enclosing.name, nested: true });
  const call = parent?.type === 'CallExpression' || parent?.type === 'NewExpression' ? parent : undefined;
  // An immediately invoked function (`(function () { ... })()`, a whole module wrapped in one) and an
  // array callback (`Object.keys(t).forEach(...)`) run right where they are.
  const now = call !== undefined && (call.callee === node || (call.arguments[0] === node && call.callee.type === 'MemberExpression' && callsCallbackNow(propertyName(call.callee))));
  if (now) return enclosing;
  if (enclosing.kind === 'top') {
    const name = functionName(node, parent);
    if (name !== undefined) return { kind: 'function', name };
  }
  // A callback handed to a top-level call (`connect().then(() => app.listen())`) runs at start-up, or later.
  return call !== undefined && call.arguments.includes(node as TSESTree.CallExpressionArgument) ? CALLBACK : OTHER;
}
