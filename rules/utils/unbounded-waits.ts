/**
 * A resource whose end the function waits for with nothing to bound the wait (issue 13, "child
 * processes whose wait is unbounded"): `spawn(converter, args)` awaited on `'exit'`, with no
 * `timeout` or `signal` option and no `kill()` anywhere in the function or its callbacks. If the
 * process hangs, the request that awaits it never ends and the process stays.
 *
 * Only waits the function's caller sits in are judged: the function is `async`, or it is the
 * executor of a `new Promise` (whose promise the caller awaits). A child started and left to run
 * (`child.on('exit', log)` in a plain function) is not waited for by anyone.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../core/engine/types';
import { timeoutInOptions } from '../core/knowledge/outbound-clients';
import { resolveVariable } from '../core/knowledge/name-bindings';
import { type FunctionNode, isPromiseExecutor, staticKeyName, unwrapExpression } from './ast-names';
import type { ResourceKind } from './resource-kinds';
import type { ResourceUses } from './resource-uses';

/** Whether the function waits for the resource's end with no option, kill or timer that bounds the wait. */
export function waitHasNoBound(
  call: TSESTree.CallExpression | TSESTree.NewExpression, kind: ResourceKind, fn: FunctionNode, uses: ResourceUses, sourceCode: RuleSourceCode,
): boolean {
  if (!kind.waitBound || !uses.waited || uses.escapes || uses.releasedLater || uses.releases.length > 0) return false;
  if (!fn.async && !isPromiseExecutor(fn)) return false;
  const options = optionsOf(call, sourceCode);
  if (options === 'unknown') return false;
  if (options === 'none') return true;
  const found = timeoutInOptions(options.object, kind.waitBound, options.assigned);
  return found.kind === 'absent' || found.kind === 'disabled';
}

type Options = 'none' | 'unknown' | { object: TSESTree.ObjectExpression; assigned: Set<string> };

/**
 * The options object of `spawn(command, args?, options?)`: written in the call or in a local
 * variable nothing else touches. `unknown` when it is built elsewhere or passed on.
 */
function optionsOf(call: TSESTree.CallExpression | TSESTree.NewExpression, sourceCode: RuleSourceCode): Options {
  const rest = call.arguments.slice(1);
  if (rest.some((a) => a.type === 'SpreadElement')) return 'unknown';
  const last = rest.at(-1);
  if (!last) return 'none';
  const value = unwrapExpression(last);
  if (value.type === 'ArrayExpression') return 'none';
  if (value.type === 'ObjectExpression') return { object: value, assigned: new Set() };
  if (value.type !== 'Identifier') return 'unknown';
  const variable = resolveVariable(value, sourceCode);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'Variable' || !def.node.init) return 'unknown';
  const init = unwrapExpression(def.node.init);
  if (init.type === 'ArrayExpression') return 'none';
  if (init.type !== 'ObjectExpression') return 'unknown';
  const assigned = new Set<string>();
  for (const reference of variable!.references) {
    if (reference.init || reference.identifier === value) continue;
    const member: Node | undefined = reference.identifier.parent;
    // Passed on (`Object.assign(opts, defaults)`, a helper): it may get a timeout there.
    if (member?.type !== 'MemberExpression' || member.object !== reference.identifier) return 'unknown';
    const key = staticKeyName(member.property, member.computed);
    if (member.parent?.type === 'AssignmentExpression' && member.parent.left === member) {
      if (key === undefined) return 'unknown';
      assigned.add(key);
    }
  }
  return { object: init, assigned };
}
