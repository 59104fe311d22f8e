import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node, RuleFixer, RuleSourceCode } from '../core/engine/types';
import { dottedName, findProperty, isFunctionNode, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { callbackErrorHandler, catchClauseHandler, promiseHandler, type ErrorHandler } from '../utils/error-handlers';
import { carriesError, isNonForwarding } from '../utils/error-propagation';
import { scanErrorText } from '../utils/error-text';
import { freshName } from '../utils/fix-text';
import { insertProperty } from '../utils/insert-code';
import { pushChildren } from '../utils/walk';
import { SERVICE_AND_SCRIPT_CODE } from '../core/roles/role-sets';

/** Errors by naming convention: other thrown values (`new Response(...)`, redirects) are control flow. */
const ERROR_CLASS = /(Error|Exception|Fault|Failure)$/;

/**
 * The handler whose own code (not a nested callback's) `node` is in: the nearest catch clause,
 * `if (err)` branch or rejection handler above it, unless a function boundary comes first.
 */
function enclosingHandler(node: Node, sourceCode: RuleSourceCode): ErrorHandler | undefined {
  for (let child = node, current = node.parent; current; child = current, current = current.parent) {
    if (current.type === 'CatchClause' && child === current.body) return catchClauseHandler(current);
    if (current.type === 'IfStatement' && child === current.consequent) {
      const handler = callbackErrorHandler(current, sourceCode);
      if (handler) return handler;
    }
    if (isFunctionNode(current)) return current.type === 'FunctionDeclaration' ? undefined : promiseHandler(current);
  }
  return undefined;
}

/**
 * What the handler's code before `before` did with the error: the names holding it (aliases
 * included) and whether it was logged or passed on already, or its stack written out.
 */
function beforeThrow(handler: ErrorHandler, before: number): { names: Set<string>; handedOn: boolean } {
  const names = new Set(handler.param ? [handler.param.name] : []);
  const stack: Node[] = [handler.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.range[0] >= before) continue;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && carriesError(node.init, names)) names.add(node.id.name);
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.range[1] <= before && !isNonForwarding(node)
      && node.arguments.some((a) => carriesError(a, names) || scanErrorText(a, names).keepsStack)) return { names, handedOn: true };
    pushChildren(stack, node);
  }
  return { names, handedOn: false };
}

export const rule = createRule({
  id: 'logging/preserve-error-cause',
  description: 'Require errors thrown from an error handler to carry the caught error as `cause`.',
  recommended: false,
  roles: SERVICE_AND_SCRIPT_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    lostCause:
      '`throw new {{name}}(...)` here drops the caught error, so production logs and error trackers show where it was rethrown but not why it failed (the original message and stack are gone). Pass the caught error on as `{ cause: {{error}} }`.',
    addCause: 'Add `{ cause: {{error}} }` to the new error.',
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    // Throws are rare: each one looks up its handler, rather than the rule tracking every handler.
    return {
      ThrowStatement(node) {
        const thrown = unwrapExpression((node as TSESTree.ThrowStatement).argument);
        if (thrown.type !== 'NewExpression') return;
        const name = dottedName(thrown.callee);
        if (name === undefined || !ERROR_CLASS.test(name)) return;
        const handler = enclosingHandler(node, sourceCode);
        if (!handler) return;
        const { names, handedOn } = beforeThrow(handler, node.range[0]);
        if (handedOn || thrown.arguments.some((a) => carriesError(a, names))) return;
        const error = handler.param?.name ?? freshName(sourceCode.getText(handler.body), ['error', 'caughtError']);
        const fix = causeFix(handler, thrown, error, sourceCode);
        context.report({
          node: thrown, messageId: 'lostCause', data: { name, error },
          suggest: fix ? [{ messageId: 'addCause', data: { error }, fix }] : null,
        });
      },
    };
  },
});

/**
 * Adds `{ cause }` where the constructor's shape makes the place clear: after a lone message, or
 * into a trailing options object. Binds the error first when the handler left it unbound.
 */
function causeFix(handler: ErrorHandler, thrown: TSESTree.NewExpression, error: string, sourceCode: RuleSourceCode): ((fixer: RuleFixer) => Fix[]) | undefined {
  const args = thrown.arguments;
  const last = args[args.length - 1];
  const cause = error === 'cause' ? 'cause' : `cause: ${error}`;
  let addCause: (fixer: RuleFixer) => Fix;
  if (last?.type === 'ObjectExpression') {
    if (findProperty(last, 'cause')) return undefined;
    addCause = (fixer) => insertProperty(fixer, last, cause);
  } else if (args.length === 1 && last.type !== 'SpreadElement') {
    addCause = (fixer) => fixer.insertTextAfter(last, `, { ${cause} }`);
  } else {
    return undefined;
  }
  const { owner } = handler;
  if (handler.param) return (fixer) => [addCause(fixer)];
  if (owner.type === 'CatchClause' && !owner.param) {
    return (fixer) => [fixer.insertTextAfterRange([owner.range[0], owner.range[0] + 'catch'.length], ` (${error})`), addCause(fixer)];
  }
  if ((owner.type === 'ArrowFunctionExpression' || owner.type === 'FunctionExpression') && owner.params.length === 0) {
    const open = sourceCode.text.indexOf('(', owner.range[0]);
    return (fixer) => [fixer.insertTextAfterRange([open, open + 1], error), addCause(fixer)];
  }
  return undefined;
}
