/**
 * Returned resources: whether a function hands its caller a resource it opened and did not release
 * (the project's own opener: `export async function getClient() { const c = await pool.connect();
 * await c.query(SET_PATH); return c; }`), and of which kind of the resource table
 * (utils/resource-kinds.ts, the one resources/no-unreleased-resource and value-origins.ts use).
 * The caller's call is then an acquisition like `pool.connect()` itself.
 *
 * Read from the AST alone, without scope analysis: summaries are computed for every module. A
 * receiver's origin is the initializer of its name, declared in the function or else at the module's
 * top level (`const pool = new pg.Pool()`), or for `this.pool` the values its class gives the field
 * (`this.pool = mysql.createPool(cfg)` in the constructor); parameters are not followed. The table's
 * built-in rows only: module facts do not depend on a file's settings.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { calleeMethod, isFunctionNode, staticKeyName, unwrapExpression } from '../../utils/ast-names';
import type { ModuleBinding } from '../../utils/imports';
import { calleeKey, matchesKey, type ResourceKind } from '../../utils/resource-kinds';
import { pushChildren } from '../../utils/walk';
import type { BodyFacts } from './body-facts';
import { isNullish } from './every-path';

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

/** What is known of one function: its body, and for a method the values its class gives its fields (`thisFieldValues`). */
export interface FunctionKnowledge {
  body: BodyFacts;
  /** Read only when a returned call's receiver is `this.<field>`. */
  thisFields(): ReadonlyMap<string, readonly Node[]>;
}

/** The resource the function returns open on some path, if any (`returned`: what its returns give). */
export function returnedResource(returned: readonly Node[], known: FunctionKnowledge, context: OpenerContext): ReturnedResource | undefined {
  for (const expression of returned) {
    const value = settled(expression);
    const found = value.type === 'Identifier' ? heldOpen(value.name, known, context) : openedBy(value, known, context);
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
function heldOpen(name: string, known: FunctionKnowledge, context: OpenerContext): ReturnedResource | undefined {
  const init = known.body.inits.get(name);
  if (!init) return undefined;
  const value = settled(init);
  const found = openedBy(value, known, context) ?? openedReceiver(name, value, known, context);
  if (!found?.kind) return found;
  const kind = context.kinds.find((k) => k.name === found.kind);
  const released = known.body.calledInFinally.get(name);
  return released && kind?.releaseMethods.some((method) => released.has(method)) ? undefined : found;
}

/** `const client = new Client(); await client.connect();`: the receiver itself is opened (`opensReceiver` rows). */
function openedReceiver(name: string, value: Node, known: FunctionKnowledge, context: OpenerContext): ReturnedResource | undefined {
  if (value.type !== 'NewExpression' && value.type !== 'CallExpression') return undefined;
  const key = calleeKey(unwrapExpression(value.callee), context.bindings);
  const called = known.body.methodsCalled.get(name);
  if (key === undefined || !called) return undefined;
  const kind = context.kinds.find((k) => k.acquireMethods?.opensReceiver && matchesKey(key, k.acquireMethods.from ?? [])
    && k.acquireMethods.methods.some((method) => called.has(method)));
  return kind && { kind: kind.name };
}

/** The resource a call or `new` opens: a row of the table, or a function of this module that returns one open. */
function openedBy(value: Node, known: FunctionKnowledge, context: OpenerContext): ReturnedResource | undefined {
  if (value.type !== 'NewExpression' && value.type !== 'CallExpression') return undefined;
  const kind = acquiredKind(value, known, context);
  if (kind) return { kind: kind.name };
  return value.type === 'CallExpression' ? context.ofLocalCall(value) : undefined;
}

function acquiredKind(call: Acquisition, known: FunctionKnowledge, context: OpenerContext): ResourceKind | undefined {
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
    const origin = receiverOrigin((callee as TSESTree.MemberExpression).object, known, context);
    return origin !== undefined && matchesKey(origin, methods.from ?? []);
  });
}

/** `pool` in `pool.connect()`: the `module:member` key of what its initializer calls, by name, in the function or at the top level. */
function receiverOrigin(receiver: Node, known: FunctionKnowledge, context: OpenerContext): string | undefined {
  const object = unwrapExpression(receiver);
  if (object.type === 'MemberExpression' && object.object.type === 'ThisExpression') {
    // `this.pool`: every value the class gives the field (but `this.pool = null` on close) must come from the same call.
    const name = staticKeyName(object.property, object.computed);
    const values = (name === undefined ? [] : known.thisFields().get(name) ?? []).filter((value) => !isNullish(unwrapExpression(value)));
    const keys = new Set(values.map((value) => producerKey(value, context)));
    return keys.size === 1 ? [...keys][0] : undefined;
  }
  if (object.type !== 'Identifier') return undefined;
  const init = known.body.inits.get(object.name) ?? context.topLevel.get(object.name);
  return init && producerKey(init, context);
}

/** The `module:member` key of the call or `new` a value comes from (`new pg.Pool()` → `pg:Pool`). */
function producerKey(init: Node, context: OpenerContext): string | undefined {
  const value = settled(init);
  return value.type === 'NewExpression' || value.type === 'CallExpression' ? calleeKey(unwrapExpression(value.callee), context.bindings) : undefined;
}

/**
 * The values a class gives its instance fields: a field's initializer and every `this.name = …` in
 * its methods (nested classes aside), by name. Read once per class.
 */
export function thisFieldValues(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): Map<string, Node[]> {
  const fields = new Map<string, Node[]>();
  const add = (name: string | undefined, value: Node) => { if (name !== undefined) fields.set(name, [...(fields.get(name) ?? []), value]); };
  const stack: Node[] = [node.body];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current !== node.body && current.type === 'ClassBody') continue;
    if (current.type === 'PropertyDefinition' && !current.static && current.value) add(staticKeyName(current.key, current.computed), current.value);
    if (current.type === 'AssignmentExpression' && current.left.type === 'MemberExpression' && current.left.object.type === 'ThisExpression') {
      add(staticKeyName(current.left.property, current.left.computed), current.right);
    }
    pushChildren(stack, current);
  }
  return fields;
}
