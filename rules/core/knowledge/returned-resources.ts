/**
 * Returned resources: whether a function hands its caller a resource it opened and did not release
 * (the project's own opener: `export async function getClient() { const c = await pool.connect();
 * await c.query(SET_PATH); return c; }`), and of which kind of the resource table
 * (utils/resource-kinds.ts, the one resources/no-unreleased-resource and value-origins.ts use).
 * The caller's call is then an acquisition like `pool.connect()` itself.
 *
 * Read from the AST alone, without scope analysis: summaries are computed for every module. A
 * receiver's origin is the initializer of its name, declared in the function or else at the module's
 * top level (`const pool = new pg.Pool()`); `this.pool` and parameters are not followed. The table's
 * built-in rows only: module facts do not depend on a file's settings.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { calleeMethod, isFunctionNode, unwrapExpression } from '../../utils/ast-names';
import type { ModuleBinding } from '../../utils/imports';
import { calleeKey, matchesKey, type ResourceKind } from '../../utils/resource-kinds';
import type { BodyFacts } from './body-facts';

/** `kind`: the name of the resource table's row, when the function's own code shows it. */
export interface ReturnedResource { kind?: string }

export interface OpenerContext {
  kinds: readonly ResourceKind[];
  bindings: ReadonlyMap<string, ModuleBinding>;
  /** The module's top-level names with their initializers (`loggers.topLevelNames`). */
  topLevel: ReadonlyMap<string, Node | undefined>;
  /** What a call to a function of this module returns open (an opener wrapping another). */
  ofLocalCall(call: TSESTree.CallExpression): ReturnedResource | undefined;
}

type Acquisition = TSESTree.CallExpression | TSESTree.NewExpression;

/** The resource the function returns open on some path, if any (`returned`: what its returns give). */
export function returnedResource(returned: readonly Node[], facts: BodyFacts, context: OpenerContext): ReturnedResource | undefined {
  for (const expression of returned) {
    const value = settled(expression);
    const found = value.type === 'Identifier' ? heldOpen(value.name, facts, context) : openedBy(value, facts, context);
    if (found) return found;
  }
  return undefined;
}

/** The value past `await` and type wrappers. */
function settled(expression: Node): Node {
  let value = unwrapExpression(expression);
  while (value.type === 'AwaitExpression') value = unwrapExpression(value.argument);
  return value;
}

/** A local variable the function opened a resource into and did not release in a `finally`. */
function heldOpen(name: string, facts: BodyFacts, context: OpenerContext): ReturnedResource | undefined {
  const init = facts.inits.get(name);
  if (!init) return undefined;
  const value = settled(init);
  const found = openedBy(value, facts, context) ?? openedReceiver(name, value, facts, context);
  if (!found?.kind) return found;
  const kind = context.kinds.find((k) => k.name === found.kind);
  const released = facts.calledInFinally.get(name);
  return released && kind?.releaseMethods.some((method) => released.has(method)) ? undefined : found;
}

/** `const client = new Client(); await client.connect();`: the receiver itself is opened (`opensReceiver` rows). */
function openedReceiver(name: string, value: Node, facts: BodyFacts, context: OpenerContext): ReturnedResource | undefined {
  if (value.type !== 'NewExpression' && value.type !== 'CallExpression') return undefined;
  const key = calleeKey(unwrapExpression(value.callee), context.bindings);
  const called = facts.methodsCalled.get(name);
  if (key === undefined || !called) return undefined;
  const kind = context.kinds.find((k) => k.acquireMethods?.opensReceiver && matchesKey(key, k.acquireMethods.from ?? [])
    && k.acquireMethods.methods.some((method) => called.has(method)));
  return kind && { kind: kind.name };
}

/** The resource a call or `new` opens: a row of the table, or a function of this module that returns one open. */
function openedBy(value: Node, facts: BodyFacts, context: OpenerContext): ReturnedResource | undefined {
  if (value.type !== 'NewExpression' && value.type !== 'CallExpression') return undefined;
  const kind = acquiredKind(value, facts, context);
  if (kind) return { kind: kind.name };
  return value.type === 'CallExpression' ? context.ofLocalCall(value) : undefined;
}

function acquiredKind(call: Acquisition, facts: BodyFacts, context: OpenerContext): ResourceKind | undefined {
  const callee = unwrapExpression(call.callee);
  const key = calleeKey(callee, context.bindings);
  const last = call.arguments.at(-1);
  const method = callee.type === 'MemberExpression' ? calleeMethod(call) : undefined;
  return context.kinds.find((kind) => {
    if (!!kind.construct !== (call.type === 'NewExpression')) return false;
    // `fs.open(p, (err, fd) => …)`, `fs.open(p, 'r', cb)`: the resource goes to the callback, not to the caller.
    if (kind.callback && last && (isFunctionNode(last) || last.type === 'Identifier')) return false;
    if (key !== undefined && matchesKey(key, kind.acquire)) return true;
    const methods = kind.acquireMethods;
    if (!methods || methods.opensReceiver || method === undefined || !methods.methods.includes(method)) return false;
    const origin = receiverOrigin((callee as TSESTree.MemberExpression).object, facts, context);
    return origin !== undefined && matchesKey(origin, methods.from ?? []);
  });
}

/** `pool` in `pool.connect()`: the `module:member` key of what its initializer calls, by name, in the function or at the top level. */
function receiverOrigin(receiver: Node, facts: BodyFacts, context: OpenerContext): string | undefined {
  const object = unwrapExpression(receiver);
  if (object.type !== 'Identifier') return undefined;
  const init = facts.inits.get(object.name) ?? context.topLevel.get(object.name);
  const value = init && settled(init);
  return value && (value.type === 'NewExpression' || value.type === 'CallExpression') ? calleeKey(unwrapExpression(value.callee), context.bindings) : undefined;
}
