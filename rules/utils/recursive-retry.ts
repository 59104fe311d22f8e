/**
 * Retries written as recursion: a `catch` that calls its own function again on the same input
 * (`catch (e) { if (++retried <= max) return fetchPackument(name, …, retried) }`).
 *
 * "The same input" is what tells a retry from recursion that moves on: the call passes the
 * function's first parameter, unchanged, as its first argument, only variables or a counted
 * attempt (`n + 1`, `++retried`) after it, and the attempt counter among them. A catch that recurses on something else
 * (`return findConfig(path.dirname(dir))`) walks; one that passes a literal or a new object
 * (`makeRequest(options, true)`, `fetch(name, { ...opts, fullMetadata: true })`) falls back to
 * another mode once; neither retries.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { type FunctionNode, isFunctionNode, staticKeyName, unwrapExpression } from './ast-names';
import { findInSubtree } from './subtree';

/** The call in `handler` that retries the function around it, if any. */
export function recursiveRetryIn(handler: TSESTree.CatchClause): TSESTree.CallExpression | undefined {
  const fn = functionAround(handler);
  const name = fn && ownName(fn);
  const first = fn?.params[0];
  if (!fn || !name || first?.type !== 'Identifier' && !(first?.type === 'AssignmentPattern' && first.left.type === 'Identifier')) return undefined;
  const param = first.type === 'Identifier' ? first.name : (first.left as TSESTree.Identifier).name;
  if (reassigns(fn, param)) return undefined;
  const found = findInSubtree(handler.body, (n) => n.type === 'CallExpression' && callsItself(n, name)
    && unwrapExpression(n.arguments[0] ?? n).type === 'Identifier' && (unwrapExpression(n.arguments[0]) as TSESTree.Identifier).name === param
    && n.arguments.every(isSameOrCounted) && n.arguments.some((a) => countsAttempts(a, handler)));
  return found as TSESTree.CallExpression | undefined;
}

const ATTEMPT_NAME = /attempt|retr|tries|tried/i;

/**
 * The attempt counter the retry passes on (`retried` after `++retried`, `attempt + 1`). Without one,
 * a catch that calls again after changing state (`cache.removeToken(); return this.execute(conn)`)
 * tries once more on a different footing; it does not loop.
 */
function countsAttempts(argument: Node, handler: TSESTree.CatchClause): boolean {
  const value = unwrapExpression(argument);
  if (value.type === 'UpdateExpression' || value.type === 'BinaryExpression') return true;
  if (value.type !== 'Identifier') return false;
  return ATTEMPT_NAME.test(value.name) || !!findInSubtree(handler.body, (n) => (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === value.name)
    || (n.type === 'AssignmentExpression' && n.operator === '+=' && n.left.type === 'Identifier' && n.left.name === value.name));
}

/** A variable passed on as it is, or an attempt counter moved on by one. */
function isSameOrCounted(argument: Node): boolean {
  const value = unwrapExpression(argument);
  if (value.type === 'Identifier') return true;
  if (value.type === 'UpdateExpression') return value.argument.type === 'Identifier';
  return value.type === 'BinaryExpression' && value.operator === '+' && value.left.type === 'Identifier'
    && value.right.type === 'Literal' && typeof value.right.value === 'number';
}

/** The function whose body holds the `try` of this catch (arrows included). */
function functionAround(handler: TSESTree.CatchClause): FunctionNode | undefined {
  for (let current: Node | undefined = handler.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** How the function calls itself: its declared name, the variable an arrow is bound to, or `this.method`. */
function ownName(fn: FunctionNode): { kind: 'plain' | 'method'; name: string } | undefined {
  if (fn.id) return { kind: 'plain', name: fn.id.name };
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return { kind: 'plain', name: parent.id.name };
  if (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') {
    const key = staticKeyName(parent.key, parent.computed);
    return key === undefined ? undefined : { kind: 'method', name: key };
  }
  return undefined;
}

function callsItself(call: TSESTree.CallExpression, own: { kind: 'plain' | 'method'; name: string }): boolean {
  const callee = unwrapExpression(call.callee);
  if (own.kind === 'plain') return callee.type === 'Identifier' && callee.name === own.name;
  return callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' && staticKeyName(callee.property, callee.computed) === own.name;
}

function reassigns(fn: FunctionNode, param: string): boolean {
  return !!findInSubtree(fn.body, (n) => (n.type === 'AssignmentExpression' && n.left.type === 'Identifier' && n.left.name === param)
    || (n.type === 'UpdateExpression' && n.argument.type === 'Identifier' && n.argument.name === param));
}
