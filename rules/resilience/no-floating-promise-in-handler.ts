import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { calleeMethod, dottedName, enclosingFunction, functionName, isFunctionNode, unwrapExpression, type FunctionNode } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { handlerReferences, isHandler } from '../core/knowledge/request-handlers';
import { moduleBindings, resolveModuleMember, type ModuleBinding } from '../utils/imports';
import { SERVICE_CODE } from '../core/roles/role-sets';

/** Modules whose functions (as used here) return promises. */
const ASYNC_MODULES = new Set(['fs/promises', 'timers/promises', 'dns/promises', 'stream/promises', 'readline/promises', 'axios', 'got', 'ky', 'node-fetch', 'undici']);
const PROMISE_COMBINATORS = new Set(['Promise.all', 'Promise.race', 'Promise.any']);

interface Candidate { statement: TSESTree.ExpressionStatement; call: TSESTree.CallExpression; voided: boolean; calleeText: string }

/** The promise-producing call a statement holds, with whether it is `void`ed: `void save()`, `save().then(f)`. */
function statementCall(statement: TSESTree.ExpressionStatement): { call: TSESTree.CallExpression; voided: boolean } | undefined {
  let expression = unwrapExpression(statement.expression);
  let voided = false;
  if (expression.type === 'UnaryExpression' && expression.operator === 'void') {
    voided = true;
    expression = unwrapExpression(expression.argument);
  }
  return expression.type === 'CallExpression' ? { call: expression, voided } : undefined;
}

/** Whether the outermost call handles rejection itself: `.catch(f)` or `.then(f, g)`. */
function handlesRejection(call: TSESTree.CallExpression): boolean {
  const method = calleeMethod(call);
  return method === 'catch' || (method === 'then' && call.arguments.length >= 2);
}

export const rule = createRule({
  id: 'resilience/no-floating-promise-in-handler',
  description: 'Disallow promises in request/message handlers that are neither awaited, returned, nor caught.',
  recommended: false,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    floatingPromise: 'The promise from `{{call}}` is neither awaited, returned nor caught: if it rejects, Node raises an unhandled rejection, which crashes the service by default, and the handler answers before the work is done. Await it, return it, or add a `.catch()` that logs the error.',
    voidedWithoutCatch: '`void {{call}}` discards the promise without a `.catch()`: if it rejects, Node raises an unhandled rejection, which crashes the service by default. Add a `.catch()` that logs the error, or await it.',
    addAwait: 'Await the promise.',
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    let bindings: ReadonlyMap<string, ModuleBinding> = new Map();
    const asyncNames = new Set<string>();
    const asyncMethods = new Set<string>();
    const handlerNames = new Set<string>();
    const candidates: Candidate[] = [];

    const isClearlyAsync = (call: TSESTree.CallExpression): boolean => {
      const method = calleeMethod(call);
      if (method === 'then' || method === 'finally') return true;
      const name = dottedName(call.callee);
      if (name !== undefined) {
        if (PROMISE_COMBINATORS.has(name) || name === 'fetch' || name.startsWith('fs.promises.')) return true;
        if (!name.includes('.') && asyncNames.has(name)) return true;
        if (name.startsWith('this.') && name.split('.').length === 2 && asyncMethods.has(name.slice(5))) return true;
      }
      const resolved = resolveModuleMember(call.callee, bindings);
      return resolved !== undefined && (ASYNC_MODULES.has(resolved.module) || (resolved.module === 'fs' && resolved.member.startsWith('promises.')));
    };

    const inHandler = (node: Node): boolean => {
      for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
        if (isHandler(fn, handlerNames)) return true;
      }
      return false;
    };

    const noteAsyncFunction = (fn: FunctionNode) => {
      if (!fn.async) return;
      const name = functionName(fn);
      if (name === undefined) return;
      if (fn.parent?.type === 'MethodDefinition' || fn.parent?.type === 'PropertyDefinition') asyncMethods.add(name);
      else asyncNames.add(name);
    };

    return {
      Program(node) {
        bindings = moduleBindings(node as TSESTree.Program);
      },
      'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression'(node) {
        if (isFunctionNode(node)) noteAsyncFunction(node);
      },
      CallExpression(node) {
        for (const name of handlerReferences(node as TSESTree.CallExpression)) handlerNames.add(name);
      },
      ExpressionStatement(node) {
        const statement = node as TSESTree.ExpressionStatement;
        const found = statementCall(statement);
        if (!found || handlesRejection(found.call)) return;
        candidates.push({ statement, ...found, calleeText: dottedName(found.call.callee) ?? sourceCode.getText(found.call.callee) });
      },
      // Async functions can be declared after the handler that calls them, so decide at the end.
      'Program:exit'() {
        for (const { statement, call, voided, calleeText } of candidates) {
          if (!isClearlyAsync(call) || !inHandler(statement)) continue;
          const canAwait = enclosingFunction(statement)?.async === true;
          context.report({
            node: call.callee, messageId: voided ? 'voidedWithoutCatch' : 'floatingPromise', data: { call: calleeText },
            suggest: canAwait ? [{
              messageId: 'addAwait',
              fix: (fixer) => fixer.replaceText(statement.expression, `await ${sourceCode.getText(call)}`),
            }] : null,
          });
        }
      },
    };
  },
});
