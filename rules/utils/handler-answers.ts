/**
 * What an error handler that neither logs nor propagates its error does instead, in the shapes whose
 * meaning is plain from the syntax: a function written where a call was meant (it is never called),
 * or a constant handed back to the caller as the function's answer. Rules that judge a swallowed
 * error use these to say what is wrong in words the code proves.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { isFunctionNode, unwrapExpression } from './ast-names';
import { rejectionMethod, type ErrorHandler } from './error-handlers';

/**
 * `catch { (error) => { console.log(error); }; }`: a statement that is a function expression defines
 * a handler and drops it; its body never runs, so whatever it was meant to do with the error is not done.
 */
export function uncalledFunctionStatement(handler: ErrorHandler): Node | undefined {
  const { body } = handler;
  if (body.type !== 'BlockStatement') return undefined;
  for (const statement of body.body) {
    if (statement.type !== 'ExpressionStatement') continue;
    const expr = unwrapExpression(statement.expression);
    if (isFunctionNode(expr)) return expr;
  }
  return undefined;
}

/**
 * A value that reads as "nothing there": `[]`, `{}`, `null`, `undefined`, `void 0`, `false`, `0`, `''`.
 * Given back after a failure, the caller cannot tell it from a real empty result.
 */
function isEmptyValue(node: Node): boolean {
  const expr = unwrapExpression(node);
  switch (expr.type) {
    case 'ArrayExpression': return expr.elements.length === 0;
    case 'ObjectExpression': return expr.properties.length === 0;
    case 'Identifier': return expr.name === 'undefined';
    case 'UnaryExpression': return expr.operator === 'void' && expr.argument.type === 'Literal';
    case 'Literal': return expr.value === null || expr.value === false || expr.value === 0 || expr.value === '';
    default: return false;
  }
}

/** `return await p.catch(...)`, `=> p.catch(...)`: the rejection handler's value is what the function returns. */
function returnedByFunction(call: Node): boolean {
  let node: Node = call;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'AwaitExpression' || parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression') continue;
    if (parent.type === 'ReturnStatement') return true;
    return isFunctionNode(parent) && parent.body === node;
  }
  return false;
}

/**
 * The empty value a handler hands back to its caller as the function's answer, with nothing else
 * done: `catch { return []; }`, or `return fetchRows().catch(() => [])`. A handler that assigns the
 * value and goes on (an optional part left out) is not this: the function still does its work.
 */
export function emptyAnswer(handler: ErrorHandler): Node | undefined {
  const { body } = handler;
  let value: Node | null | undefined;
  if (body.type === 'BlockStatement') {
    const only = body.body.length === 1 ? body.body[0] : undefined;
    value = only?.type === 'ReturnStatement' ? only.argument : undefined;
  } else {
    value = body;
  }
  if (!value || !isEmptyValue(value)) return undefined;
  if (handler.kind === 'catchClause') return value;
  if (handler.kind !== 'promiseCatch') return undefined;
  const method = rejectionMethod(handler.owner);
  return method && returnedByFunction(method.parent as TSESTree.CallExpression) ? value : undefined;
}
