import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleContext } from '../core/engine/types';
import { calleeMethod, enclosingFunction, staticKeyName, unwrapExpression } from '../utils/ast-names';
import { runFrequencyAt } from '../core/knowledge/run-frequency';
import { createRule } from '../utils/create-rule';
import { isEntryPoint } from '../utils/file-roles';
import { type ModuleBinding, moduleBindings } from '../utils/imports';
import { calleeKey, matchesKey, type ResourceKind, resourceKindsFor } from '../utils/resource-kinds';
import { holderOf, resolveVariable, resourceUses } from '../utils/resource-uses';
import { readSettings } from '../utils/settings';
import { SERVICE_CODE } from '../core/roles/role-sets';

export const rule = createRule({
  id: 'resources/no-leaked-interval',
  description: 'Disallow setInterval timers started by code that runs per call (request, message, tick) whose handle is discarded or never cleared.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    discarded:
      'This `setInterval` runs per call ({{reason}}) and its handle is discarded: every run starts one more timer that can never be stopped, so timers pile up, each running (and keeping the process alive) for as long as the process lives. Keep the handle and `clearInterval` it when the work it serves ends.',
    neverCleared:
      'This `setInterval` runs per call ({{reason}}) and its handle `{{handle}}` is never cleared: every run starts one more timer, so timers pile up, each running (and keeping the process alive) for as long as the process lives. Call `clearInterval({{handle}})` when the work it serves ends.',
  },
  defaultOptions: [],
  create(context) {
    const settings = readSettings(context);
    const { filename, cwd, sourceCode } = context;
    if (isEntryPoint(filename, sourceCode.text, settings, cwd)) return {};
    const kind = resourceKindsFor('no-leaked-interval', settings)[0];
    const calls: TSESTree.CallExpression[] = [];
    // Names of handles cleared anywhere in the file (`clearInterval(this.timer)` → `timer`): a
    // handle stored on an object is usually cleared in another method.
    const clearedKeys = new Set<string>();
    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const method = calleeMethod(call);
        if (method === 'setInterval') calls.push(call);
        else if ((method === 'clearInterval' || method === 'clearTimeout') && call.arguments[0]) addKey(clearedKeys, call.arguments[0]);
        else if (method !== undefined && kind.releaseMethods.includes(method) && call.callee.type === 'MemberExpression') addKey(clearedKeys, call.callee.object);
      },
      'Program:exit'() {
        if (calls.length === 0) return;
        const bindings = moduleBindings(sourceCode.ast);
        for (const call of calls) {
          const key = calleeKey(unwrapExpression(call.callee), bindings);
          if (key !== undefined && matchesKey(key, kind.acquire)) check(context, call, kind, bindings, clearedKeys, settings.resourceOwners);
        }
      },
    };
  },
});

function addKey(keys: Set<string>, handle: Node): void {
  const node = unwrapExpression(handle);
  const key = node.type === 'MemberExpression' ? memberKey(node) : undefined;
  if (key !== undefined) keys.add(key);
}

/** The name a handle is kept under: `this.timer` → `timer`, `this.timers[id]` → `timers`. */
function memberKey(member: TSESTree.MemberExpression): string | undefined {
  const own = staticKeyName(member.property, member.computed);
  if (own !== undefined) return own;
  const object = unwrapExpression(member.object);
  return object.type === 'MemberExpression' ? staticKeyName(object.property, object.computed) : undefined;
}

function check(
  context: RuleContext, call: TSESTree.CallExpression, kind: ResourceKind, bindings: ReadonlyMap<string, ModuleBinding>,
  clearedKeys: ReadonlySet<string>, owners: readonly string[],
): void {
  // A timer started once (at load, in start-up code, in a `once: true` ready listener) is meant to
  // run for the life of the process; only one started per call piles up.
  const frequency = runFrequencyAt(context, call);
  if (frequency.frequency !== 'per-call') return;
  const fn = enclosingFunction(call);
  const loc = call.callee.loc;
  const { node, parent } = holderOf(call);
  if (parent?.type === 'ExpressionStatement') {
    context.report({ loc, messageId: 'discarded', data: { reason: frequency.reason } });
    return;
  }
  const handle = handleOf(node, parent, context);
  if (!handle) return;
  if ('variable' in handle) {
    const uses = resourceUses(handle.variable, { fn: fn ?? context.sourceCode.ast, kind, bindings, owners, sourceCode: context.sourceCode });
    if (uses.releases.length > 0 || uses.releasedLater || uses.escapes) return;
  } else if (clearedKeys.has(handle.key)) {
    return;
  }
  context.report({ loc, messageId: 'neverCleared', data: { handle: handle.text, reason: frequency.reason } });
}

type Handle = { variable: NonNullable<ReturnType<typeof resolveVariable>>; text: string } | { key: string; text: string };

/**
 * Where the handle is kept. Undefined when it leaves the code the rule can see (returned, passed
 * on, exported, stored on an object that is not `this`) or when it is `.unref()`ed on the spot.
 */
function handleOf(node: Node, parent: Node | undefined, context: RuleContext): Handle | undefined {
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') {
    const declaration = parent.parent as TSESTree.VariableDeclaration;
    if (declaration.kind === 'using' || declaration.kind === 'await using' || declaration.parent?.type === 'ExportNamedDeclaration') return undefined;
    return { variable: context.sourceCode.scopeManager.getDeclaredVariables(parent)[0], text: parent.id.name };
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === node) {
    const target = parent.left;
    if (target.type === 'Identifier') {
      const variable = resolveVariable(target, context.sourceCode);
      return variable ? { variable, text: target.name } : undefined;
    }
    if (target.type === 'MemberExpression' && isThisChain(target)) {
      const key = memberKey(target);
      return key === undefined ? undefined : { key, text: context.sourceCode.getText(target) };
    }
    return undefined;
  }
  if (parent?.type === 'PropertyDefinition' && parent.value === node) {
    const key = staticKeyName(parent.key, parent.computed);
    return key === undefined ? undefined : { key, text: key };
  }
  return undefined;
}

/** `this.timer`, `this.timers[id]`, `this.state.timer`. */
function isThisChain(node: Node): boolean {
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression') current = unwrapExpression(current.object);
  return current.type === 'ThisExpression';
}
