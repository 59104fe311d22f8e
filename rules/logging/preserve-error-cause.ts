import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node, RuleFixer, RuleSourceCode } from '../core/engine/types';
import { dottedName, findProperty, type FunctionNode, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { callbackErrorHandler, catchClauseHandler, isInside, promiseHandler, type ErrorHandler } from '../utils/error-handlers';
import { carriesError, isNonForwarding } from '../utils/error-propagation';
import { scanErrorText } from '../utils/error-text';
import { freshName } from '../utils/fix-text';
import { insertProperty } from '../utils/insert-code';

/** Errors by naming convention: other thrown values (`new Response(...)`, redirects) are control flow. */
const ERROR_CLASS = /(Error|Exception|Fault|Failure)$/;

interface Frame {
  handler: ErrorHandler;
  names: Set<string>;
  /** Function nesting depth of the handler's own code: a throw in a nested callback runs elsewhere. */
  depth: number;
  /** The error or its stack already went somewhere (logged, passed on) before the throw, so it is not lost. */
  handedOn: boolean;
}

export const rule = createRule({
  id: 'logging/preserve-error-cause',
  description: 'Require errors thrown from an error handler to carry the caught error as `cause`.',
  recommended: false,
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
    const frames: Frame[] = [];
    let depth = 0;

    const push = (handler: ErrorHandler | undefined) => {
      if (handler) frames.push({ handler, names: new Set(handler.param ? [handler.param.name] : []), depth, handedOn: false });
    };
    const pop = (owner: Node) => {
      if (frames[frames.length - 1]?.handler.owner === owner) frames.pop();
    };
    /** The handler whose own code (not a nested callback's) `node` is in. */
    const current = (node: Node): Frame | undefined => {
      const top = frames[frames.length - 1];
      return top && top.depth === depth && isInside(node, top.handler.body) ? top : undefined;
    };

    return {
      CatchClause: (node) => push(catchClauseHandler(node as TSESTree.CatchClause)),
      'CatchClause:exit': pop,
      IfStatement: (node) => push(callbackErrorHandler(node as TSESTree.IfStatement, sourceCode)),
      'IfStatement:exit': pop,
      'ArrowFunctionExpression, FunctionExpression, FunctionDeclaration'(node) {
        depth++;
        if (node.type !== 'FunctionDeclaration') push(promiseHandler(node as FunctionNode));
      },
      'ArrowFunctionExpression:exit, FunctionExpression:exit, FunctionDeclaration:exit'(node) {
        pop(node);
        depth--;
      },
      'CallExpression, NewExpression'(node) {
        const call = node as TSESTree.CallExpression | TSESTree.NewExpression;
        if (isNonForwarding(call)) return;
        for (const frame of frames) {
          if (frame.handedOn || !isInside(node, frame.handler.body)) continue;
          frame.handedOn = call.arguments.some((a) => carriesError(a, frame.names) || scanErrorText(a, frame.names).keepsStack);
        }
      },
      VariableDeclarator(node) {
        const { id, init } = node as TSESTree.VariableDeclarator;
        const frame = current(node);
        if (frame && id.type === 'Identifier' && carriesError(init, frame.names)) frame.names.add(id.name);
      },
      ThrowStatement(node) {
        const frame = current(node);
        const thrown = unwrapExpression((node as TSESTree.ThrowStatement).argument);
        if (!frame || frame.handedOn || thrown.type !== 'NewExpression') return;
        const name = dottedName(thrown.callee);
        if (name === undefined || !ERROR_CLASS.test(name) || thrown.arguments.some((a) => carriesError(a, frame.names))) return;
        const error = frame.handler.param?.name ?? freshName(sourceCode.getText(frame.handler.body), ['error', 'caughtError']);
        const fix = causeFix(frame.handler, thrown, error, sourceCode);
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
