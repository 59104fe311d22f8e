/**
 * Handles the code shows it owns: a local variable, set from a call named like one that opens
 * something, that the same function closes itself (`const db = openGroupDb(id); …; db.close()`). Its library may be unknown (an
 * app's own `open…()` wrapper around SQLite), but closing it says it must be closed, so a path
 * that skips the close leaves it open.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { RuleSourceCode } from '../core/engine/types';
import { declarationOf } from '../core/knowledge/name-bindings';
import { calleeMethod, enclosingFunction, unwrapExpression } from './ast-names';

/** The release methods that say "this handle is mine to close". `end`/`destroy` also end requests and responses, so they do not. */
export const CLOSING_METHODS: readonly string[] = ['close'];

/**
 * What a call that opens something is named (its last name, or the class a `new` makes): `openDatabase`,
 * `chromium.launch`, `browser.newContext`, `Relay.connect`, `getGroupDb`. A query's cursor
 * (`coll.find().limit(1)`), which its driver cleans up when it fails, is not named so.
 */
const OPENS = /^(open|connect|launch|create|new[A-Z]|start|acquire|spawn)|(Db|Database|Connection|Client|Session|Browser|Context|Socket)$/;

export interface ClosedHere {
  /** The call whose result is closed later. */
  acquisition: TSESTree.CallExpression | TSESTree.NewExpression;
  /** Whether the close is awaited (`await db.close()`), for the suggested `finally`. */
  awaited: boolean;
}

/** For each `x.close()` call, the call that produced `x` in the same function, once per variable. */
export function closedHere(closeCalls: readonly TSESTree.CallExpression[], sourceCode: RuleSourceCode): ClosedHere[] {
  const found = new Map<TSESTree.Node, ClosedHere>();
  for (const close of closeCalls) {
    const callee = unwrapExpression(close.callee);
    if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') continue;
    const declaration = declarationOf(callee.object, sourceCode);
    if (declaration.kind !== 'variable' || declaration.node.id.type !== 'Identifier' || !declaration.node.init) continue;
    let init = unwrapExpression(declaration.node.init);
    if (init.type === 'AwaitExpression') init = unwrapExpression(init.argument);
    if ((init.type !== 'CallExpression' && init.type !== 'NewExpression') || !OPENS.test(calleeMethod(init) ?? '')) continue;
    const fn = enclosingFunction(close);
    if (!fn || enclosingFunction(init) !== fn || found.has(init)) continue;
    found.set(init, { acquisition: init, awaited: close.parent?.type === 'AwaitExpression' });
  }
  return [...found.values()];
}
