import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node, RuleFixer, RuleSourceCode } from '../core/engine/types';
import { commentableRange, hasExplanatoryComment } from '../utils/comments';
import { createRule } from '../utils/create-rule';
import { callbackErrorHandler, catchClauseHandler, isInside, promiseHandler, type ErrorHandler } from '../utils/error-handlers';
import { carriesError, propagatesError } from '../utils/error-propagation';
import { expectsFailure, expectsRejection } from '../utils/expected-failures';
import { freshName, insertAtBlockStart } from '../utils/fix-text';
import { createLoggerMatcher } from '../utils/loggers';
import { type FunctionNode, dottedName, staticKeyName, unwrapExpression } from '../utils/ast-names';
import { readSettings } from '../utils/settings';

interface Frame { handler: ErrorHandler; names: Set<string>; handled: boolean }

const HANDLER_WORDS = { catchClause: 'catch clause', promiseCatch: 'rejection handler', callbackError: '`if (err)` branch' } as const;
/** `catch (_err)`, `catch (ignored)`: the name says the error is ignored on purpose, as in ESLint's `caughtErrorsIgnorePattern`. */
const DELIBERATELY_UNUSED = /^(_|ignored?$)/;
const NOOPS = new Set(['noop', '_.noop', 'lodash.noop', 'Function.prototype']);

export const rule = createRule({
  id: 'logging/no-swallowed-error',
  description: 'Disallow catch clauses, promise rejection handlers and `if (err)` callback branches that neither log nor propagate the error.',
  recommended: true,
  defaultSeverity: 'error',
  hasSuggestions: true,
  messages: {
    swallowedError:
      'This {{handler}} neither logs nor propagates the error, so in production the failure vanishes: nobody is alerted and callers go on as if it worked. Log it through the service logger, rethrow it (wrapped with `{ cause }`) or pass it on (`next(err)`, `reject(err)`); if ignoring it is intended, say why in a comment inside the handler.',
    addLogCall: 'Log the error with `{{call}}`.',
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const loggers = createLoggerMatcher(readSettings(context).loggers, sourceCode.ast);
    const frames: Frame[] = [];

    const push = (handler: ErrorHandler | undefined) => {
      if (handler) frames.push({ handler, names: new Set(handler.param ? [handler.param.name] : []), handled: false });
    };
    const pop = (owner: Node) => {
      const frame = frames[frames.length - 1];
      if (frame?.handler.owner !== owner) return;
      frames.pop();
      const { handler } = frame;
      if (frame.handled || DELIBERATELY_UNUSED.test(handler.param?.name ?? '') || expectsFailure(handler)) return;
      if (hasExplanatoryComment(sourceCode, commentableRange(sourceCode, handler.loc.start, handler.body.loc.end))) return;
      const fix = logFix(handler, loggers.preferredReceiver, sourceCode);
      context.report({
        loc: handler.loc, messageId: 'swallowedError', data: { handler: HANDLER_WORDS[handler.kind] },
        suggest: fix ? [{ messageId: 'addLogCall', data: { call: fix.call }, fix: fix.apply }] : null,
      });
    };
    const observe = (node: Node) => {
      for (const frame of frames) {
        if (frame.handled || !isInside(node, frame.handler.body)) continue;
        frame.handled = propagatesError(node, frame.names) || (node.type === 'CallExpression' && loggers.isLoggingCall(node));
      }
    };
    const enterFunction = (node: Node) => {
      const fn = node as FunctionNode;
      push(promiseHandler(fn));
      const top = frames[frames.length - 1];
      if (top?.handler.owner === fn && fn.body.type !== 'BlockStatement') top.handled = carriesError(fn.body, top.names);
    };

    return {
      CatchClause: (node) => push(catchClauseHandler(node as TSESTree.CatchClause)),
      'CatchClause:exit': pop,
      'ArrowFunctionExpression, FunctionExpression': enterFunction,
      'ArrowFunctionExpression:exit, FunctionExpression:exit': pop,
      IfStatement: (node) => push(callbackErrorHandler(node as TSESTree.IfStatement, sourceCode)),
      'IfStatement:exit': pop,
      'ThrowStatement, ReturnStatement, YieldExpression, NewExpression, AssignmentExpression': observe,
      CallExpression(node) {
        observe(node);
        const call = node as TSESTree.CallExpression;
        const callee = unwrapExpression(call.callee);
        const arg = call.arguments[0];
        if (callee.type !== 'MemberExpression' || staticKeyName(callee.property, callee.computed) !== 'catch' || call.arguments.length !== 1) return;
        if (!NOOPS.has(dottedName(arg) ?? '') || expectsRejection(call, callee.object)) return;
        if (hasExplanatoryComment(sourceCode, commentableRange(sourceCode, callee.property.loc.start, call.loc.end))) return;
        const callText = logCall(loggers.preferredReceiver, 'error');
        context.report({
          loc: callee.property.loc, messageId: 'swallowedError', data: { handler: HANDLER_WORDS.promiseCatch },
          suggest: [{ messageId: 'addLogCall', data: { call: callText }, fix: (fixer) => fixer.replaceText(arg, `(error) => ${callText}`) }],
        });
      },
      VariableDeclarator(node) {
        const { id, init } = node as TSESTree.VariableDeclarator;
        if (id.type !== 'Identifier') return;
        for (const frame of frames) if (isInside(node, frame.handler.body) && carriesError(init, frame.names)) frame.names.add(id.name);
      },
    };
  },
});

function logCall(receiver: string, name: string): string {
  return `${receiver}.error(${name})`;
}

/** A suggestion that logs the error first thing in the handler, binding it where it is not bound yet. */
function logFix(handler: ErrorHandler, receiver: string, sourceCode: RuleSourceCode): { call: string; apply: (fixer: RuleFixer) => Fix[] } | undefined {
  const { owner, body } = handler;
  const parts: Array<(fixer: RuleFixer) => Fix> = [];
  let name = handler.param?.name;
  if (name === undefined) {
    name = freshName(sourceCode.getText(body), ['error', 'caughtError']);
    const bound = name;
    if (owner.type === 'CatchClause' && !owner.param) {
      parts.push((fixer) => fixer.insertTextAfterRange([owner.range[0], owner.range[0] + 'catch'.length], ` (${bound})`));
    } else if ((owner.type === 'ArrowFunctionExpression' || owner.type === 'FunctionExpression') && owner.params.length === 0) {
      const open = sourceCode.text.indexOf('(', owner.range[0]);
      parts.push((fixer) => fixer.insertTextAfterRange([open, open + 1], bound));
    } else {
      return undefined;
    }
  }
  const call = logCall(receiver, name);
  if (body.type === 'BlockStatement') {
    parts.push((fixer) => insertAtBlockStart(fixer, sourceCode, body, `${call};`));
  } else if (owner.type === 'ArrowFunctionExpression') {
    const arrowEnd = sourceCode.text.lastIndexOf('=>', body.range[0]) + 2;
    const value = sourceCode.getText(body);
    const rest = value === 'undefined' || value === 'void 0' ? '' : ` return ${value};`;
    parts.push((fixer) => fixer.replaceTextRange([arrowEnd, owner.range[1]], ` { ${call};${rest} }`));
  } else {
    parts.push((fixer) => fixer.replaceText(body, `{ ${call}; ${sourceCode.getText(body)} }`));
  }
  return { call, apply: (fixer) => parts.map((p) => p(fixer)) };
}
