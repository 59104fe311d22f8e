/**
 * What a function does with a resource held in a variable: where it releases it, whether it lets
 * it escape (the resource is then someone else's to release), and which of its calls cannot throw.
 * Follows aliases within the function (`const h = fd; closeSync(h)`).
 */
import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, ProgramCondition, RuleSourceCode } from '../core/engine/types';
import { calleeMethod, dottedName, enclosingFunction, type FunctionNode, isFunctionNode, staticKeyName, unwrapExpression } from './ast-names';
import type { ModuleBinding } from './imports';
import { calleeKey, matchesKey, type ResourceKind } from './resource-kinds';
import { contains } from './subtree';
import { pushChildren } from './walk';
import { resolveVariable } from '../core/knowledge/name-bindings';

export { resolveVariable };

export interface ResourceUses {
  /** Release calls in the acquiring function itself. */
  releases: Node[];
  /** Released or handed on inside a nested function (a callback, `.on('close')`): when it runs is not known here. */
  releasedLater: boolean;
  /** Returned, stored outside the function, or handed to code that owns it from now on. */
  escapes: boolean;
  /** The stream's own method calls, which report failures as events rather than by throwing. */
  safeCalls: Set<Node>;
  /**
   * Its end is waited for: a listener for an end event (`child.on('close', …)`, `once(child, 'exit')`)
   * or its output read to the end (`for await (… of child.stdout)`). Setting up the wait is what
   * releases it, on whichever path it ends.
   */
  waited: boolean;
  /**
   * Calls to a helper of another module that may release it (`releaseConn(conn)`), as the conditions
   * under which a finding still holds: unless that helper releases that parameter.
   */
  releaseConditions: ProgramCondition[];
}

/**
 * Whether a call of the project's own code releases its argument at `index`: `true` (a helper of
 * this module whose summary says so), a condition for the project pass (a helper of another module),
 * or `false`.
 */
export type ArgumentRelease = (call: TSESTree.CallExpression, index: number) => boolean | ProgramCondition;

export interface UseContext {
  /** The function the resource belongs to, or the program for a module-level one. */
  fn: FunctionNode | TSESTree.Program;
  kind: ResourceKind;
  bindings: ReadonlyMap<string, ModuleBinding>;
  /** `settings.resourceOwners`: dotted callee names, or last names, that take ownership of an argument. */
  owners: readonly string[];
  sourceCode: RuleSourceCode;
  /** Helpers of the project that release an argument (function summaries' `releasesParam`). */
  releasesArgument?: ArgumentRelease;
}

const LISTEN_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const STORE_METHODS = new Set(['push', 'unshift', 'add', 'set']);

export function resourceUses(variable: Variable, context: UseContext): ResourceUses {
  const uses: ResourceUses = { releases: [], releasedLater: false, escapes: false, safeCalls: new Set(), waited: false, releaseConditions: [] };
  const seen = new Set<Variable>([variable]);
  const queue: Variable[] = [variable];
  while (queue.length > 0) {
    for (const reference of queue.pop()!.references) {
      if (!reference.isRead()) continue;
      const outcome = classify(reference.identifier as TSESTree.Identifier, context, uses);
      if (outcome.alias && !seen.has(outcome.alias)) {
        seen.add(outcome.alias);
        queue.push(outcome.alias);
      }
      const nested = (enclosingFunction(reference.identifier) ?? context.sourceCode.ast) !== context.fn;
      if (outcome.release) {
        if (nested) uses.releasedLater = true;
        else uses.releases.push(outcome.release);
      }
      if (outcome.escapes) {
        if (nested) uses.releasedLater = true;
        else uses.escapes = true;
      }
      if (outcome.waited) uses.waited = true;
    }
  }
  return uses;
}

interface Outcome { release?: Node; escapes?: boolean; alias?: Variable; waited?: boolean }

const TRANSPARENT = new Set(['TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'AwaitExpression']);

function classify(identifier: TSESTree.Identifier, context: UseContext, uses: ResourceUses): Outcome {
  let node: Node = identifier;
  let parent: Node | undefined = node.parent;
  // The value flows on unchanged through these: `return cond ? fd : other`, `(fd as number)`.
  while (parent && (TRANSPARENT.has(parent.type) || (parent.type === 'ConditionalExpression' && parent.test !== node)
    || parent.type === 'LogicalExpression' || (parent.type === 'SequenceExpression' && parent.expressions.at(-1) === node))) {
    node = parent;
    parent = parent.parent;
  }
  if (!parent) return {};
  const { kind } = context;
  switch (parent.type) {
    case 'MemberExpression': {
      const call = parent.parent;
      if (parent.object !== node) return {};
      if (call?.type !== 'CallExpression' || call.callee !== parent) return readsToEnd(parent, kind) ? { waited: true } : {};
      const method = calleeMethod(call) ?? '';
      if (kind.releaseMethods.includes(method)) return { release: call };
      if (kind.handoffMethods?.includes(method)) return { escapes: true };
      if (LISTEN_METHODS.has(method) && isEventIn(call.arguments[0], kind.releaseEvents)) return { waited: true };
      // Its own getters (`browser.version()`, not awaited, no arguments) read state; they do not fail the way work does.
      if (kind.stream || LISTEN_METHODS.has(method) || (call.arguments.length === 0 && call.parent?.type !== 'AwaitExpression')) uses.safeCalls.add(call);
      return {};
    }
    case 'CallExpression':
    case 'NewExpression':
      if (parent.callee === node) return {};
      return classifyArgument(parent, node, context, uses);
    case 'ReturnStatement':
    case 'YieldExpression':
    case 'ArrowFunctionExpression':
    case 'ExportSpecifier':
    case 'Property':
    case 'ArrayExpression':
    case 'SpreadElement':
      return { escapes: true };
    case 'ForOfStatement':
      return parent.right === node && parent.await && kind.stream ? { escapes: true } : {};
    case 'AssignmentExpression':
      if (parent.right !== node) return {};
      if (parent.left.type !== 'Identifier') return { escapes: true };
      return aliasOrEscape(resolveVariable(parent.left, context.sourceCode), context.fn);
    case 'VariableDeclarator':
      if (parent.init !== node || parent.id.type !== 'Identifier') return {};
      return aliasOrEscape(context.sourceCode.scopeManager.getDeclaredVariables(parent)[0], context.fn);
    default:
      return {};
  }
}

function classifyArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: Node, context: UseContext, uses: ResourceUses): Outcome {
  const { kind } = context;
  if (call.type === 'NewExpression') return { escapes: true };
  const helper = context.releasesArgument?.(call, call.arguments.indexOf(argument as TSESTree.CallExpressionArgument));
  if (helper === true) return { release: call };
  if (helper) uses.releaseConditions.push(helper);
  const key = calleeKey(unwrapExpression(call.callee), context.bindings);
  const method = calleeMethod(call) ?? '';
  if (call.arguments[0] === argument && key !== undefined && matchesKey(key, kind.releaseFunctions ?? [])) return { release: call };
  if (kind.stream && (method === 'pipeline' || method === 'pipe')) return { release: call };
  if (method === 'once' && call.arguments[0] === argument && isEventIn(call.arguments[1], kind.releaseEvents)) return { waited: true };
  const name = dottedName(call.callee);
  if (context.owners.some((owner) => owner === name || owner === method)) return { escapes: true };
  if (STORE_METHODS.has(method) && call.callee.type === 'MemberExpression') return { escapes: true };
  if (call.callee.type === 'Identifier' && isParameter(resolveVariable(call.callee, context.sourceCode))) return { escapes: true };
  return kind.stream || kind.passedOnByArgument ? { escapes: true } : {};
}

const STREAM_END_EVENTS = ['end', 'close', 'finish'];

/**
 * `child.stdout` read to its end: iterated with `for await`, handed to `pipeline()` or `.pipe()`, or
 * its `'end'`/`'close'` awaited. The stream ends when the process closes it, so this waits for it.
 */
function readsToEnd(member: TSESTree.MemberExpression, kind: ResourceKind): boolean {
  const name = member.computed ? undefined : (member.property as TSESTree.Identifier).name;
  if (name === undefined || !kind.waitedThrough?.includes(name)) return false;
  let node: Node = member;
  while (node.parent && TRANSPARENT.has(node.parent.type)) node = node.parent;
  const parent = node.parent;
  if (parent?.type === 'ForOfStatement') return parent.await && parent.right === node;
  if (parent?.type === 'CallExpression' && parent.callee !== node) return calleeMethod(parent) === 'pipeline' || (calleeMethod(parent) === 'once' && isEventIn(parent.arguments[1], STREAM_END_EVENTS));
  if (parent?.type === 'MemberExpression' && parent.object === node && parent.parent?.type === 'CallExpression') {
    const method = staticKeyName(parent.property, parent.computed);
    return method === 'pipe' || (!!method && LISTEN_METHODS.has(method) && isEventIn(parent.parent.arguments[0], STREAM_END_EVENTS));
  }
  return false;
}

function isEventIn(node: Node | undefined, events: readonly string[] | undefined): boolean {
  return node?.type === 'Literal' && typeof node.value === 'string' && !!events?.includes(node.value);
}

/** A local variable becomes an alias; assigning to one declared outside the function lets the resource escape. */
function aliasOrEscape(variable: Variable | null | undefined, fn: FunctionNode | TSESTree.Program): Outcome {
  if (!variable) return { escapes: true };
  const declaredInside = variable.defs.some((def) => contains(fn, def.name));
  return declaredInside ? { alias: variable } : { escapes: true };
}

/** Handing the resource to a callback the function was given (`resolve(socket)`, `cb(null, fd)`) passes it to the caller. */
function isParameter(variable: Variable | null | undefined): boolean {
  return !!variable && variable.defs.some((def) => def.type === 'Parameter');
}

/** The expression an acquired value ends up as, past `await` and type wrappers, and what holds it. */
export function holderOf(value: Node): { node: Node; parent: Node | undefined } {
  let node = value;
  let parent = node.parent;
  while (parent && TRANSPARENT.has(parent.type)) {
    node = parent;
    parent = parent.parent;
  }
  return { node, parent };
}

/** What a function does with each name, read by name without scope analysis (`nameUses`). */
export interface NameUses {
  /** Read other than as the object of a member (`client.query(…)`, `client.id` are such reads): an argument, a return, an assignment, a test. */
  readNotAsObject: Set<string>;
  /** The receiver of a release method (`client.release()`) or read inside a nested function. */
  releasedOrNested: Set<string>;
}

/**
 * How a function (nested functions included) reads its names. A resource of a kind that is passed on
 * by argument escapes by any read but as an object; one read only as an object, never released and
 * never seen by a nested function, is never released. So a rule can decide such a variable before
 * paying for scopes.
 */
export function nameUses(fn: FunctionNode, releaseMethods: readonly string[]): NameUses {
  const uses: NameUses = { readNotAsObject: new Set(), releasedOrNested: new Set() };
  const stack: Array<{ node: Node; nested: boolean }> = [{ node: fn.body, nested: false }];
  const children: Node[] = [];
  while (stack.length > 0) {
    const { node, nested } = stack.pop()!;
    if (node.type === 'Identifier') {
      const parent = node.parent;
      const declared = parent?.type === 'VariableDeclarator' && parent.id === node;
      const propertyName = (parent?.type === 'MemberExpression' && parent.property === node && !parent.computed)
        || (parent?.type === 'Property' && parent.key === node && !parent.computed && !parent.shorthand);
      const asObject = parent?.type === 'MemberExpression' && parent.object === node;
      if (!declared && !propertyName && !asObject) uses.readNotAsObject.add(node.name);
      const released = asObject && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent
        && releaseMethods.includes(calleeMethod(parent.parent) ?? '');
      if (nested || released) uses.releasedOrNested.add(node.name);
    }
    children.length = 0;
    pushChildren(children, node);
    const inner = nested || (node !== fn.body && isFunctionNode(node));
    for (const child of children) stack.push({ node: child, nested: inner });
  }
  return uses;
}
