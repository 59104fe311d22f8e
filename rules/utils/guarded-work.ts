/**
 * The work whose failure an error handler receives: the calls of a `try` block (awaited ones
 * included through `Promise.all` and the async callbacks it waits for), the promise chain a
 * `.catch`/`.then(_, onRejected)` hangs on, the call a Node-style callback is passed to. Rules
 * judge a handler by what may have failed: an outage, or an expected answer of local work.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { isAwaited, type CallEffect, type CallNode, type IoCalls } from '../core/knowledge/io-calls';
import { isFunctionNode, staticKeyName, unwrapExpression } from './ast-names';
import { rejectionMethod, type ErrorHandler } from './error-handlers';
import { pushChildren } from './walk';

export interface GuardedCall { call: CallNode; effect: CallEffect }

export interface GuardedWork {
  /** Every call whose failure reaches the handler, in source order. */
  calls: GuardedCall[];
  /** The first of them that does I/O. */
  io: GuardedCall | undefined;
}

/**
 * Calls of a `try` block, in source order. Nested functions run later, outside the `try`, except
 * async callbacks handed to an awaited call (`await Promise.all(ids.map(async (id) => ...))`),
 * whose rejections the awaited call passes on.
 */
function tryBlockCalls(block: TSESTree.BlockStatement, io: IoCalls): GuardedCall[] {
  const calls: GuardedCall[] = [];
  const stack: Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node) && !awaitedCallback(node)) continue;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') calls.push({ call: node, effect: io.effectOf(node) });
    pushChildren(stack, node);
  }
  return calls.sort((a, b) => a.call.range[0] - b.call.range[0]);
}

function awaitedCallback(fn: Node): boolean {
  if (!isFunctionNode(fn) || !fn.async) return false;
  const call = fn.parent;
  return (call?.type === 'CallExpression' && call.arguments.includes(fn as TSESTree.CallExpressionArgument) && isAwaited(call));
}

/** The calls of the chain a rejection handler hangs on: `a.fetch(url).then(parse)` → `a.fetch(url)`, `....then(parse)`. */
export function promiseChainCalls(receiver: Node, io: IoCalls): GuardedCall[] {
  const calls: GuardedCall[] = [];
  let expr = unwrapExpression(receiver);
  for (;;) {
    if (expr.type === 'AwaitExpression') expr = unwrapExpression(expr.argument);
    else if (expr.type === 'MemberExpression') expr = unwrapExpression(expr.object);
    else if (expr.type === 'CallExpression' || expr.type === 'NewExpression') {
      const callee = unwrapExpression(expr.callee);
      const method = callee.type === 'MemberExpression' ? staticKeyName(callee.property, callee.computed) : undefined;
      // `.then(fn)`/`.finally(fn)` only pass the rejection on; what failed is the call before them.
      if (method !== 'then' && method !== 'finally' && method !== 'catch') calls.push({ call: expr, effect: io.effectOf(expr, { awaited: true }) });
      expr = callee;
    } else break;
  }
  return calls.reverse();
}

export function guardedWork(handler: ErrorHandler, io: IoCalls): GuardedWork {
  let calls: GuardedCall[] = [];
  if (handler.kind === 'catchClause') {
    const statement = handler.owner.parent as TSESTree.TryStatement;
    calls = tryBlockCalls(statement.block, io);
  } else if (handler.kind === 'promiseCatch') {
    const method = rejectionMethod(handler.owner);
    if (method) calls = promiseChainCalls(method.object, io);
  } else {
    // The callback's error comes from the call it was passed to, which is asynchronous.
    let fn: Node | undefined = handler.owner.parent;
    while (fn && !isFunctionNode(fn)) fn = fn.parent;
    const host = fn?.parent;
    if (host?.type === 'CallExpression' || host?.type === 'NewExpression') calls = [{ call: host, effect: io.effectOf(host, { awaited: true }) }];
  }
  return { calls, io: calls.find((c) => c.effect === 'io') };
}
