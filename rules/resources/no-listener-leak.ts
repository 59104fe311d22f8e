import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleContext } from '../core/engine/types';
import { calleeMethod, dottedName, enclosingFunction, findProperty, unwrapExpression } from '../utils/ast-names';
import { runFrequencyAt } from '../core/knowledge/run-frequency';
import { createRule } from '../utils/create-rule';
import { resourceKindsFor } from '../utils/resource-kinds';
import { holderOf } from '../utils/resource-uses';
import { declarationOf } from '../core/knowledge/name-bindings';
import { readSettings } from '../utils/settings';
import { contains } from '../utils/subtree';
import { SERVICE_CODE } from '../core/roles/role-sets';

/** Objects that live as long as the process (or the page), whatever function adds to them. */
const GLOBAL_EMITTERS = new Set(['process', 'window', 'document', 'globalThis', 'self']);
/** `events.on(emitter, name)` and `EventEmitter.on(...)` return async iterators: not listeners on `events`. */
const STATIC_EVENTS = new Set(['events', 'EventEmitter']);

export const rule = createRule({
  id: 'resources/no-listener-leak',
  description: 'Disallow listeners added to a long-lived emitter by code that runs per call, and never removed.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    listenerLeak:
      'This code runs per call ({{reason}}) and every run adds one more `{{event}}` listener to `{{receiver}}`, which outlives the call, and none is ever removed: listeners pile up with everything their closures hold until memory runs out (Node warns "MaxListenersExceededWarning" past 10). Use `once`, pass `{ signal }` / `{ once: true }`, or remove it with `{{remove}}` when the work is done.',
  },
  defaultOptions: [],
  create(context) {
    const kind = resourceKindsFor('no-listener-leak', readSettings(context))[0];
    const adds: TSESTree.CallExpression[] = [];
    // `receiver\0event` for every removal in the file; `receiver\0*` when any event may be removed.
    const removals = new Set<string>();
    // Assignments by target (`client = new Client()`): listeners on an emitter the same call just created are not piling up.
    const assignments = new Map<string, Node[]>();
    return {
      AssignmentExpression(node) {
        const target = dottedName((node as TSESTree.AssignmentExpression).left);
        if (target === undefined) return;
        const list = assignments.get(target);
        if (list) list.push(node);
        else assignments.set(target, [node]);
      },
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const method = calleeMethod(call);
        if (method === undefined || call.callee.type !== 'MemberExpression') return;
        if (kind.acquireMethods?.methods.includes(method)) adds.push(call);
        else if (kind.releaseMethods.includes(method)) {
          const receiver = dottedName(chainRoot(call.callee.object));
          if (receiver !== undefined) removals.add(`${receiver}\0${eventName(call.arguments[0]) ?? '*'}`);
        }
      },
      'Program:exit'() {
        for (const call of adds) check(context, call, removals, assignments);
      },
    };
  },
});

function check(context: RuleContext, call: TSESTree.CallExpression, removals: ReadonlySet<string>, assignments: ReadonlyMap<string, Node[]>): void {
  const callee = call.callee as TSESTree.MemberExpression;
  const root = chainRoot(callee.object);
  const receiver = dottedName(root);
  if (receiver === undefined || !isLongLived(root, receiver, context)) return;
  const frequency = runFrequencyAt(context, call);
  if (frequency.frequency !== 'per-call' || hasOnceOrSignal(call) || resultIsKept(call)) return;
  const fn = enclosingFunction(call);
  if (fn && assignments.get(receiver)?.some((a) => contains(fn, a) && a.range[0] < call.range[0])) return;
  const event = eventName(call.arguments[0]);
  if (removals.has(`${receiver}\0*`) || (event !== undefined && removals.has(`${receiver}\0${event}`))) return;
  if (event === undefined && [...removals].some((key) => key.startsWith(`${receiver}\0`))) return;
  const method = calleeMethod(call);
  context.report({
    node: callee.property, messageId: 'listenerLeak',
    data: {
      reason: frequency.reason, event: event ?? context.sourceCode.getText(call.arguments[0] ?? callee.property), receiver,
      remove: `${receiver}.${method === 'addEventListener' ? 'removeEventListener' : 'off'}(…)`,
    },
  });
}

/** Listener methods return their emitter, so `emitter.on('a', f).on('b', g)` adds both to `emitter`. */
const CHAINING = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'off', 'removeListener']);

/** The emitter of a listener chain; other calls (`getBus().on(...)`) are left as they are. */
function chainRoot(node: Node): Node {
  let current = unwrapExpression(node);
  while (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && CHAINING.has(calleeMethod(current) ?? '')) {
    current = unwrapExpression(current.callee.object);
  }
  return current;
}

function eventName(node: Node | undefined): string | undefined {
  return node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * A global emitter, or one bound at module level (`const bus = new EventEmitter()`, an import).
 * Fields of `this` are not: whether the instance outlives the call (a server) or dies with it (a
 * request) is not known here.
 */
function isLongLived(root: Node, receiver: string, context: RuleContext): boolean {
  const first = receiver.split('.')[0];
  if (root.type !== 'Identifier' && root.type !== 'MemberExpression') return false;
  if (STATIC_EVENTS.has(first)) return false;
  let base = unwrapExpression(root);
  while (base.type === 'MemberExpression') base = unwrapExpression(base.object);
  if (base.type !== 'Identifier') return false;
  const declaration = declarationOf(base, context.sourceCode);
  return declaration.kind === 'global' ? GLOBAL_EMITTERS.has(first) : declaration.moduleLevel;
}

/** `{ once: true }`, `{ signal }`, or options the rule cannot read (a variable). */
function hasOnceOrSignal(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[2];
  if (!options) return false;
  if (options.type === 'Literal') return false;
  if (options.type !== 'ObjectExpression') return true;
  const once = findProperty(options, 'once');
  return !!findProperty(options, 'signal') || (!!once && !(once.value.type === 'Literal' && once.value.value === false));
}

/** The add returns something kept (`const off = bus.on(...)`, `disposables.push(x.on(...))`): removal is the keeper's job. */
function resultIsKept(call: TSESTree.CallExpression): boolean {
  let outer: Node = call;
  for (;;) {
    const { node, parent } = holderOf(outer);
    if (parent?.type === 'MemberExpression' && parent.object === node && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent) {
      outer = parent.parent;
      continue;
    }
    // An arrow's expression body (`() => window.addEventListener(...)`) is a statement in disguise.
    return parent?.type !== 'ExpressionStatement' && !(parent?.type === 'ArrowFunctionExpression' && parent.body === node);
  }
}
