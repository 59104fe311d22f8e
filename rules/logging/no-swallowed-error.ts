import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node, RuleFixer, RuleSourceCode } from '../core/engine/types';
import { commentableRange, hasExplanatoryComment } from '../utils/comments';
import { createRule } from '../utils/create-rule';
import { callbackErrorHandler, catchClauseHandler, promiseHandler, type ErrorHandler } from '../utils/error-handlers';
import { handlesError } from '../utils/error-propagation';
import { expectsFailure, expectsRejection } from '../utils/expected-failures';
import { isTestFile } from '../utils/file-roles';
import { freshName, insertAtBlockStart } from '../utils/fix-text';
import { createLoggerMatcher } from '../utils/loggers';
import { type FunctionNode, dottedName, staticKeyName, unwrapExpression } from '../utils/ast-names';
import { readSettings } from '../utils/settings';
import { SERVICE_AND_SCRIPT_CODE } from '../core/roles/role-sets';

const HANDLER_WORDS = { catchClause: 'catch clause', promiseCatch: 'rejection handler', callbackError: '`if (err)` branch' } as const;
/** `catch (_err)`, `catch (ignored)`: the name says the error is ignored on purpose, as in ESLint's `caughtErrorsIgnorePattern`. */
const DELIBERATELY_UNUSED = /^(_|ignored?$)/;
const NOOPS = new Set(['noop', '_.noop', 'lodash.noop', 'Function.prototype']);

export const rule = createRule({
  id: 'logging/no-swallowed-error',
  description: 'Disallow catch clauses, promise rejection handlers and `if (err)` callback branches that neither log nor propagate the error.',
  recommended: true,
  roles: SERVICE_AND_SCRIPT_CODE,
  defaultSeverity: 'error',
  hasSuggestions: true,
  messages: {
    swallowedError:
      'This {{handler}} neither logs nor propagates the error, so in production the failure vanishes: nobody is alerted and callers go on as if it worked. Log it through the service logger, rethrow it (wrapped with `{ cause }`) or pass it on (`next(err)`, `reject(err)`); if ignoring it is intended, say why in a comment inside the handler.',
    addLogCall: 'Log the error with `{{call}}`.',
  },
  defaultOptions: [],
  create(context) {
    // A failure swallowed in a test hides nothing from production: the test harness reports what matters there.
    if (isTestFile(context.filename, context.cwd)) return {};
    const { sourceCode } = context;
    const loggers = createLoggerMatcher(readSettings(context).loggers, sourceCode.ast);

    const judge = (handler: ErrorHandler | undefined) => {
      if (!handler || DELIBERATELY_UNUSED.test(handler.param?.name ?? '')) return;
      if (handlesError(handler.body, new Set(handler.param ? [handler.param.name] : []), loggers.isLoggingCall) || expectsFailure(handler)) return;
      if (hasExplanatoryComment(sourceCode, commentableRange(sourceCode, handler.loc.start, handler.body.loc.end)) || explainedAboveTry(handler, sourceCode)) return;
      const fix = logFix(handler, classLogger(handler.owner) ?? loggers.preferredReceiver, sourceCode);
      context.report({
        loc: handler.loc, messageId: 'swallowedError', data: { handler: HANDLER_WORDS[handler.kind] },
        suggest: fix ? [{ messageId: 'addLogCall', data: { call: fix.call }, fix: fix.apply }] : null,
      });
    };

    // Each handler is judged when the walk meets it, from its whole subtree (see handlesError), so the
    // rule watches handler nodes only, not every call and assignment of the file.
    return {
      CatchClause: (node) => judge(catchClauseHandler(node as TSESTree.CatchClause)),
      'ArrowFunctionExpression, FunctionExpression': (node) => judge(promiseHandler(node as FunctionNode)),
      IfStatement: (node) => judge(callbackErrorHandler(node as TSESTree.IfStatement, sourceCode)),
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const callee = unwrapExpression(call.callee);
        if (callee.type !== 'MemberExpression' || call.arguments.length !== 1 || staticKeyName(callee.property, callee.computed) !== 'catch') return;
        const arg = call.arguments[0];
        if (!NOOPS.has(dottedName(arg) ?? '') || expectsRejection(call, callee.object)) return;
        if (hasExplanatoryComment(sourceCode, commentableRange(sourceCode, callee.property.loc.start, call.loc.end))) return;
        const callText = logCall(classLogger(call) ?? loggers.preferredReceiver, 'error');
        context.report({
          loc: callee.property.loc, messageId: 'swallowedError', data: { handler: HANDLER_WORDS.promiseCatch },
          suggest: [{ messageId: 'addLogCall', data: { call: callText }, fix: (fixer) => fixer.replaceText(arg, `(error) => ${callText}`) }],
        });
      },
    };
  },
});

/**
 * `// the getter may throw: treat "can't tell" as yes` on the lines right above `try`: the reason for
 * ignoring the failure is often written before the code that may fail, not inside the catch. Only
 * comment lines directly above the `try` (and its own line) count, not comments inside the `try` block.
 */
function explainedAboveTry(handler: ErrorHandler, sourceCode: RuleSourceCode): boolean {
  const statement = handler.owner.parent;
  if (handler.kind !== 'catchClause' || statement?.type !== 'TryStatement') return false;
  return hasExplanatoryComment(sourceCode, commentableRange(sourceCode, statement.loc.start, statement.loc.start));
}

/**
 * `this.logger` when the code is in a method of a class that holds a `logger` field or constructor
 * parameter property (Nest's `private readonly logger = new Logger(...)`), where `this` is the instance.
 */
function classLogger(node: Node): string | undefined {
  let thisIsInstance = true;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionExpression' && current.parent?.type !== 'MethodDefinition') thisIsInstance = false;
    if (current.type === 'FunctionDeclaration') return undefined;
    if (current.type !== 'ClassBody') continue;
    if (!thisIsInstance) return undefined;
    const hasLogger = current.body.some((member) =>
      (member.type === 'PropertyDefinition' && !member.static && member.key.type === 'Identifier' && member.key.name === 'logger')
      || (member.type === 'MethodDefinition' && member.kind === 'constructor' && member.value.params.some((p) =>
        p.type === 'TSParameterProperty' && p.parameter.type === 'Identifier' && p.parameter.name === 'logger')));
    return hasLogger ? 'this.logger' : undefined;
  }
  return undefined;
}

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
