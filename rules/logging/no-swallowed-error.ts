import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node, ProgramCondition, RuleFixer, RuleSourceCode } from '../core/engine/types';
import { callLabel, createIoCalls, type CallNode } from '../core/knowledge/io-calls';
import { commentableRange, hasExplanatoryComment } from '../utils/comments';
import { functionSummaries, type FunctionSummaries } from '../core/knowledge/function-summaries';
import { createRule, fileRoleOf } from '../utils/create-rule';
import { callbackErrorHandler, catchClauseHandler, promiseHandler, type ErrorHandler } from '../utils/error-handlers';
import { errorAnswer, handlesError } from '../utils/error-propagation';
import { answersHealthCheck, documentedFallback, expectsFailure, failureMeansAbsent, triesAlternative } from '../utils/expected-failures';
import { emptyAnswer, uncalledFunctionStatement } from '../utils/handler-answers';
import { runFrequencyAt } from '../core/knowledge/run-frequency';
import { freshName, insertAtBlockStart } from '../utils/fix-text';
import { guardedWork, promiseChainCalls } from '../utils/guarded-work';
import { moduleBindings } from '../utils/imports';
import { createLoggerMatcher } from '../utils/loggers';
import { type FunctionNode, dottedName, isFunctionNode, staticKeyName, unwrapExpression } from '../utils/ast-names';
import { readSettings } from '../utils/settings';
import { pushChildren } from '../utils/walk';
import { SERVICE_AND_SCRIPT_CODE } from '../core/roles/role-sets';

const HANDLER_WORDS = { catchClause: 'catch clause', promiseCatch: 'rejection handler', callbackError: '`if (err)` branch' } as const;
/** `catch (_err)`, `catch (ignored)`: the name says the error is ignored on purpose, as in ESLint's `caughtErrorsIgnorePattern`. */
const DELIBERATELY_UNUSED = /^(_|ignored?$)/;
const NOOPS = new Set(['noop', '_.noop', 'lodash.noop', 'Function.prototype']);
/** Any console output, or a `debug(...)` line, leaves a trace of the failure in the service's output, whatever its level. */
const CONSOLE_OUTPUT = /^(console\.(log|info|debug|trace|error|warn)|debug)$/;
const FIX_HINT = 'Log it through the service logger, rethrow it (wrapped with `{ cause }`) or pass it on (`next(err)`, `reject(err)`); if ignoring it is intended, say why in a comment inside the handler.';

interface Options { reportFallbacks?: boolean; reportFailedLookups?: boolean; reportVanishedWrites?: boolean }

type VerdictId = 'ioFailureVanishes' | 'serverErrorUnlogged' | 'fallbackLeavesNoTrace' | 'handlerNeverCalled' | 'emptyAnswerHidesFailure' | 'startupFailureVanishes';
/** A finding's message and its facts: the call that may have failed, the empty value answered, why the code is start-up code. */
interface Verdict { messageId: VerdictId; call: CallNode | undefined; value?: string; why?: string }

export const rule = createRule<[Options]>({
  id: 'logging/no-swallowed-error',
  description: 'Disallow error handlers that let the failure of I/O vanish: neither logged nor propagated.',
  recommended: true,
  roles: SERVICE_AND_SCRIPT_CODE,
  defaultSeverity: 'error',
  hasSuggestions: true,
  messages: {
    ioFailureVanishes: `The failure of \`{{call}}\` vanishes in this {{handler}}: it is not logged, not rethrown, not passed on, so nobody is alerted and the code goes on as if it had worked. ${FIX_HINT}`,
    serverErrorUnlogged: 'This {{handler}} answers with a server error, but the failure of `{{call}}` vanishes: it is not logged, not rethrown. The client learns that the request failed; the operators get no log line saying why. Log the error before answering.',
    fallbackLeavesNoTrace: 'This {{handler}} replaces the failure of `{{call}}` with a fallback and leaves no trace: it is not logged, not rethrown. If the fallback is the intended answer (malformed input, a missing optional file or cache entry), say so in a comment inside the handler; otherwise log the error.',
    handlerNeverCalled: 'The function written in this {{handler}} is never called: it is a statement, not a call, so what it was meant to do with the error (log it, report it) never happens, and the failure of `{{call}}` vanishes. Make its body the handler\'s own code.',
    emptyAnswerHidesFailure: 'This {{handler}} answers the failure of `{{call}}` with `{{value}}` and leaves no trace: the caller cannot tell an outage from a real empty result, and no log line says that it failed. Log the error (or rethrow it); if the fallback is intended, say why in a comment inside the handler.',
    startupFailureVanishes: 'The failure of `{{call}}` vanishes in this {{handler}} of start-up code ({{why}}): it is not logged, not rethrown, so the service runs on without what it was to set up, and no log line says why. Log the error, or rethrow it to stop the start-up.',
    missingHandler: '`.catch()` without a handler handles nothing: the rejection of `{{call}}` stays unhandled (Node.js 15 and later exit the process on an unhandled rejection by default) and is never logged. Pass a handler that logs it.',
    addLogCall: 'Log the error with `{{call}}`.',
  },
  schema: [{
    type: 'object',
    properties: {
      reportFallbacks: {
        type: 'boolean',
        description: 'Also report handlers around work that does no I/O (parsing, validation, an optional file, cache entry or module, feature detection) that replace the failure with a fallback and leave no trace. On in `opslint:all`.',
      },
      reportVanishedWrites: {
        type: 'boolean',
        description: 'Report handlers that let the failure of a write or command vanish (a delete, update, send, exec, initialize). Judged by hand on real applications, many such catches were best-effort steps whose failure surfaces elsewhere, so this is on in `opslint:all` only.',
      },
      reportFailedLookups: {
        type: 'boolean',
        description: 'Also report handlers that let the failure of an I/O read or lookup vanish (a query, a fetch, an API call whose result is replaced by a fallback), not only of a write or command. Such fallbacks are often deliberate degradation, so this is on in `opslint:all` only.',
      },
    },
    additionalProperties: false,
  }],
  defaultOptions: [{ reportFallbacks: false, reportFailedLookups: false, reportVanishedWrites: false }],
  allPresetOptions: [{ reportFallbacks: true, reportFailedLookups: true, reportVanishedWrites: true }],
  create(context) {
    const { sourceCode } = context;
    const reportFallbacks = context.options[0]?.reportFallbacks ?? false;
    const reportFailedLookups = context.options[0]?.reportFailedLookups ?? false;
    const reportVanishedWrites = context.options[0]?.reportVanishedWrites ?? false;
    /** Functions that already have a finding: one missing log in a run of twin handlers is one defect. */
    const reportedIn = new Set<Node>();
    const loggers = createLoggerMatcher(readSettings(context).loggers, sourceCode.ast);
    const summaries = functionSummaries(sourceCode);
    // A helper of the module that always throws (`fail(err)`, `badRequest()`) rethrows as if written in the handler.
    const leavesTrace = (call: TSESTree.CallExpression) => loggers.isLoggingCall(call) || CONSOLE_OUTPUT.test(dottedName(call.callee) ?? '')
      || rethrowsHere(call, summaries);
    const io = createIoCalls(moduleBindings(sourceCode.ast));
    const label = (call: CallNode | undefined) => (call ? callLabel(call, (n) => sourceCode.getText(n)) : 'the guarded code');

    /** Which finding the handler gets, if any, from what may have failed under it. */
    const verdict = (handler: ErrorHandler): Verdict | undefined => {
      const work = guardedWork(handler, io);
      // Written to handle the error, but never called: a mistake whatever the guarded work is.
      if (uncalledFunctionStatement(handler)) return { messageId: 'handlerNeverCalled', call: work.io?.call ?? work.calls[0]?.call };
      if (expectsFailure(handler, work)) return undefined;
      const suspect = work.io ?? work.calls[0];
      const answer = errorAnswer(handler.body);
      if (answer === 'server error') return { messageId: 'serverErrorUnlogged', call: suspect?.call };
      // `catch { res.status(404).send() }`: the failed lookup is answered as "not found", a deliberate fallback.
      if (answer === 'not found') return reportFallbacks ? { messageId: 'fallbackLeavesNoTrace', call: suspect?.call } : undefined;
      if (work.io && !triesAlternative(handler, work, io) && !documentedFallback(handler, sourceCode) && !answersHealthCheck(handler)) {
        const startup = runFrequencyAt(context, handler.owner);
        // A name (`init`, `register`) is too weak a sign: a public `register` method may run per request.
        if (startup.frequency === 'once' && !startup.fromNameOnly && fileRoleOf(context) === 'service') return { messageId: 'startupFailureVanishes', call: work.io.call, why: startup.reason };
        // A read answered with an empty value looks like a real empty result; a write answered with one says it failed.
        const value = emptyAnswer(handler);
        if (value && !isCommandCall(work.io.call) && !failureMeansAbsent(handler, work)) return { messageId: 'emptyAnswerHidesFailure', call: work.io.call, value: sourceCode.getText(value) };
        // A lost write or command leaves state wrong with no trace; a failed read replaced by a fallback is often deliberate.
        if (reportFailedLookups || (reportVanishedWrites && isCommandCall(work.io.call))) return { messageId: 'ioFailureVanishes', call: work.io.call };
        return undefined;
      }
      return reportFallbacks ? { messageId: 'fallbackLeavesNoTrace', call: suspect?.call } : undefined;
    };

    type Suggestion = { call: string; apply: (fixer: RuleFixer) => Fix | Fix[] };
    // Judged at the end of the file, in the order met: how often a handler runs depends on calls anywhere in the file.
    const pending: Array<() => void> = [];
    const judge = (handler: ErrorHandler | undefined, suggestion?: Suggestion) => {
      if (handler) pending.push(() => judgeNow(handler, suggestion));
    };
    const judgeNow = (handler: ErrorHandler, suggestion?: Suggestion) => {
      if (DELIBERATELY_UNUSED.test(handler.param?.name ?? '')) return;
      if (handlesError(handler.body, new Set(handler.param ? [handler.param.name] : []), leavesTrace)) return;
      if (hasExplanatoryComment(sourceCode, commentableRange(sourceCode, handler.loc.start, handler.body.loc.end)) || explainedAboveTry(handler, sourceCode)) return;
      const found = verdict(handler);
      if (!found) return;
      const owner = enclosingFunction(handler.owner);
      if (owner && reportedIn.has(owner)) return;
      if (owner) reportedIn.add(owner);
      const fix = suggestion ?? logFix(handler, classLogger(handler.owner) ?? loggers.preferredReceiver, sourceCode);
      // Without a project pass (ESLint) a helper of another module is unknown: the finding stands.
      const conditions = context.programPass ? rethrowConditions(handler.body, summaries) : [];
      context.report({
        loc: handler.loc, messageId: found.messageId, data: { handler: HANDLER_WORDS[handler.kind], call: label(found.call), value: found.value ?? '', why: found.why ?? '' },
        suggest: fix ? [{ messageId: 'addLogCall', data: { call: fix.call }, fix: fix.apply }] : null,
        ...(conditions.length > 0 ? { programCondition: conditions } : {}),
      });
    };

    // Each handler is judged from its whole subtree (see handlesError), so the rule watches handler
    // nodes only, not every call and assignment of the file.
    return {
      'Program:exit': () => pending.forEach((run) => run()),
      CatchClause: (node) => judge(catchClauseHandler(node as TSESTree.CatchClause)),
      'ArrowFunctionExpression, FunctionExpression': (node) => judge(promiseHandler(node as FunctionNode)),
      IfStatement: (node) => judge(callbackErrorHandler(node as TSESTree.IfStatement, sourceCode)),
      // On exit, so the promise chain and the argument have their parents (the walk sets them on entry).
      'CallExpression:exit'(node) {
        const call = node as TSESTree.CallExpression;
        const callee = unwrapExpression(call.callee);
        if (callee.type !== 'MemberExpression' || staticKeyName(callee.property, callee.computed) !== 'catch' || call.arguments.length > 1) return;
        const arg = call.arguments[0] as Node | undefined;
        if (!arg || isNothing(arg)) {
          const source = promiseChainCalls(callee.object, io)[0];
          // `settle().catch()` where `settle` is an async function of this module that catches everything: the empty `.catch()` loses nothing.
          if (source && source.call.type === 'CallExpression' && cannotReject(source.call, sourceCode)) return;
          context.report({ loc: callee.property.loc, messageId: 'missingHandler', data: { call: label(source?.call) } });
          return;
        }
        if (!NOOPS.has(dottedName(arg) ?? '')) return;
        const callText = logCall(classLogger(call) ?? loggers.preferredReceiver, 'error');
        judge(
          { kind: 'promiseCatch', body: arg, owner: arg, param: undefined, loc: callee.property.loc },
          { call: callText, apply: (fixer) => fixer.replaceText(arg, `(error) => ${callText}`) },
        );
      },
    };
  },
});

/**
 * Calls that change something: a write, delete, update, send, a command run or a start-up step
 * (`deleteMany`, `updateMany`, `R.exec`, `exec`, `channel.send`, `service.initialize`). Their failure,
 * once vanished, leaves data or state wrong; a failed read or lookup usually falls back to a default.
 */
const COMMAND_NAME = /^(delete|remove|destroy|drop|truncate|clear|purge|update|upsert|insert|create|save|set|put|patch|post|push|send|write|append|exec|execute|run|publish|emit|enqueue|store|persist|commit|rollback|rm|unlink|mkdir|rename|copy|move|spawn|fork|init|initialize|connect|migrate|sync|increment|decrement|register|unregister|grant|revoke|ban|kick)/i;

function isCommandCall(call: CallNode): boolean {
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? staticKeyName(callee.property, callee.computed) : undefined;
  return name !== undefined && COMMAND_NAME.test(name);
}

/** The innermost function around a node (undefined at the top level). */
function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration' || current.type === 'FunctionExpression' || current.type === 'ArrowFunctionExpression') return current;
  }
  return undefined;
}

/** `undefined`, `null`, `void 0`: a handler argument that is no handler. */
function isNothing(node: Node): boolean {
  const expr = unwrapExpression(node);
  return (expr.type === 'Identifier' && expr.name === 'undefined') || (expr.type === 'Literal' && expr.value === null)
    || (expr.type === 'UnaryExpression' && expr.operator === 'void');
}

/**
 * `// the getter may throw: treat "can't tell" as yes` on the lines right above `try`: the reason for
 * ignoring the failure is often written before the code that may fail, not inside the catch. Only
 * comment lines directly above the `try` (and its own line) count, not comments inside the `try` block.
 */
function explainedAboveTry(handler: ErrorHandler, sourceCode: RuleSourceCode): boolean {
  const statement = handler.owner.parent;
  if (handler.kind !== 'catchClause' || statement?.type !== 'TryStatement') return false;
  // `// why\nlet prefix;\ntry {...}`: the declaration of what the try assigns belongs with it.
  let first: Node = statement;
  const siblings = statement.parent && 'body' in statement.parent && Array.isArray(statement.parent.body) ? statement.parent.body as Node[] : [];
  for (let i = siblings.indexOf(statement) - 1; i >= 0; i--) {
    const previous = siblings[i];
    if (previous.type !== 'VariableDeclaration' || previous.declarations.some((d) => d.init)) break;
    first = previous;
  }
  return hasExplanatoryComment(sourceCode, commentableRange(sourceCode, first.loc.start, statement.loc.start));
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

function rethrowsHere(call: TSESTree.CallExpression, summaries: FunctionSummaries): boolean {
  const callee = summaries.localCallee(call);
  return callee !== undefined && summaries.of(callee).rethrows === true;
}

/** The handler's calls of helpers of other modules of the project: the finding holds unless one of them always throws. */
function rethrowConditions(body: Node, summaries: FunctionSummaries): ProgramCondition[] {
  const conditions: ProgramCondition[] = [];
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node !== body && isFunctionNode(node)) continue;
    const target = node.type === 'CallExpression' ? summaries.projectCallee(node) : undefined;
    if (target) conditions.push({ kind: 'unless-callee-summary', ...target, holds: 'always-throws' });
    pushChildren(stack, node);
  }
  return conditions;
}

function cannotReject(call: TSESTree.CallExpression, sourceCode: RuleSourceCode): boolean {
  const summaries = functionSummaries(sourceCode);
  const callee = summaries.localCallee(call);
  return callee !== undefined && summaries.of(callee).cannotReject === true;
}
