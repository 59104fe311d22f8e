import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node, ProgramCondition, RuleFixer, RuleSourceCode } from '../core/engine/types';
import { dottedName, staticKeyName, unwrapExpression } from '../utils/ast-names';
import { createRule, fileRoleOf } from '../utils/create-rule';
import { callbackErrorHandler, catchClauseHandler, promiseHandler, type ErrorHandler } from '../utils/error-handlers';
import { carriesError, referencesError } from '../utils/error-propagation';
import { moduleBindings } from '../utils/imports';
import { createIoCalls, type IoCalls } from '../core/knowledge/io-calls';
import { functionSummaries, hasCalleeFact, type FunctionSummaries } from '../core/knowledge/function-summaries';
import { guardedWork, type GuardedWork } from '../utils/guarded-work';
import { scanErrorText } from '../utils/error-text';
import { insertProperty } from '../utils/insert-code';
import { createLoggerMatcher } from '../utils/loggers';
import { readSettings } from '../utils/settings';
import { SERVICE_AND_SCRIPT_CODE } from '../core/roles/role-sets';
import { pushChildren } from '../utils/walk';

/** Loggers that take the error as a first-argument object (`logger.error({ err }, msg)`). */
const PINO_MODULES = new Set(['pino', 'pino-http', 'nestjs-pino', 'fastify', 'hono-pino']);
const PINO_RECEIVERS = /^(req|request|reply|fastify|app|server)\.log$/;
/**
 * Levels below error record expected or degraded-but-handled events (a fallback taken, a probe that
 * failed, invalid input): their message is the content, nobody debugs a failure from them, so the
 * stack they leave out is not missed.
 */
const QUIET_LEVELS = new Set(['debug', 'trace', 'verbose', 'silly', 'info', 'warn', 'warning']);
export const rule = createRule({
  id: 'logging/no-stringified-error',
  description: 'Disallow logging a caught error as text (`"x" + err`, `${err}`, `String(err)`, `err.message`), which loses its stack.',
  recommended: true,
  roles: SERVICE_AND_SCRIPT_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    stringifiedError:
      'The error is logged as text here, so production logs get its message but not its stack trace, cause or fields, and the log line cannot be traced to the code that failed. Pass the error object to the logger ({{where}}).',
    passErrorObject: 'Pass `{{error}}` to the logger {{where}}.',
  },
  defaultOptions: [],
  create(context) {
    const { sourceCode } = context;
    const loggers = createLoggerMatcher(readSettings(context).loggers, sourceCode.ast);
    const bindings = moduleBindings(sourceCode.ast);
    const pinoModule = [...bindings.values()].some((b) => PINO_MODULES.has(b.module));
    const io = createIoCalls(bindings);
    // A script's console is its interface to the person running it: the message is what they need.
    const consoleIsTheInterface = fileRoleOf(context) === 'script';

    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const callee = unwrapExpression(call.callee);
        const onConsole = callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
        if (onConsole ? consoleIsTheInterface : !loggers.isLoggingCall(call)) return;
        if (callee.type === 'MemberExpression' && QUIET_LEVELS.has(staticKeyName(callee.property, callee.computed) ?? '')) return;
        const receiver = dottedName(callee)?.split('.') ?? [];
        const inScope = enclosingHandlers(call, sourceCode);
        // The innermost handler names the error a log call most likely means.
        const error = inScope[0]?.param?.name;
        if (error === undefined) return;
        const names = new Set(inScope.map((h) => h.param!.name));
        if (call.arguments.some((a) => carriesError(a, names)) || propagatedAfter(call, inScope[0].body, new Set([error]))) return;
        const isLog = (c: TSESTree.CallExpression) => loggers.isLoggingCall(c) || /^console\./.test(dottedName(c.callee) ?? '');
        if (errorObjectLogged(inScope[0].body, names, isLog)) return;
        const helpers = errorHelpers(inScope[0].body, names, functionSummaries(sourceCode), !!context.programPass);
        if (helpers.logged) return;
        const scans = call.arguments.map((a) => scanErrorText(a, new Set([error])));
        const found = scans.findIndex((s) => s.text);
        if (found < 0 || scans.some((s) => s.keepsStack)) return;
        if (!stackMatters(guardedWork(inScope[0], io), io) || inBranchOnTheError(call, inScope[0].body, names)) return;
        const pino = pinoModule || PINO_RECEIVERS.test(receiver.slice(0, -1).join('.'));
        const where = pino ? 'as the first argument, `{ err }`' : 'as the last argument';
        context.report({
          node: call.arguments[found], messageId: 'stringifiedError', data: { where },
          suggest: [{ messageId: 'passErrorObject', data: { error, where }, fix: errorObjectFix(call, found, scans[found].text!, error, pino) }],
          ...(helpers.conditions.length > 0 ? { programCondition: helpers.conditions } : {}),
        });
      },
    };
  },
});

/**
 * Whether the stack of the failure the handler receives would tell the operators something its text
 * does not: the guarded work does I/O (a query, a request, a service call, whose failure comes from
 * deep in a client), and not only non-blocking file-system calls (their error's text holds the code
 * and path, their stack no frame of the caller). A failure of local parsing or validation is described
 * by its message (as `preserve-error-cause` also holds).
 */
function stackMatters(work: GuardedWork, io: IoCalls): boolean {
  const ioCalls = work.calls.filter((c) => c.effect === 'io');
  return ioCalls.length > 0 && !ioCalls.every((c) => io.isAsyncFileSystemCall(c.call));
}

/**
 * `if (e.type === 'UNKNOWN_MEMBER_ID') { log.error('re-joining', { error: e.message }) }`, `case 'ECONNRESET':`:
 * a branch taken for one kind of error the code recognised. The failure is a known, expected case, and
 * its message names it; the stack of an anticipated error is not what anyone debugs from.
 */
function inBranchOnTheError(call: Node, body: Node, errorNames: ReadonlySet<string>): boolean {
  for (let child: Node = call, current = call.parent; current && child !== body; child = current, current = current.parent) {
    if (current.type === 'IfStatement' && child === current.consequent && referencesError(current.test, errorNames)) return true;
    if (current.type === 'SwitchCase' && current.test && current.parent?.type === 'SwitchStatement' && referencesError(current.parent.discriminant, errorNames)) return true;
  }
  return false;
}

/** The handlers a call is in, innermost first, that bind their error to a name. */
function enclosingHandlers(call: Node, sourceCode: RuleSourceCode): ErrorHandler[] {
  const found: ErrorHandler[] = [];
  for (let child = call, current = call.parent; current; child = current, current = current.parent) {
    let handler: ErrorHandler | undefined;
    if (current.type === 'CatchClause' && child === current.body) handler = catchClauseHandler(current);
    else if (current.type === 'IfStatement' && child === current.consequent) handler = callbackErrorHandler(current, sourceCode);
    else if (current.type === 'ArrowFunctionExpression' || current.type === 'FunctionExpression') handler = promiseHandler(current);
    if (handler?.param) found.push(handler);
  }
  return found;
}

/**
 * Whether the handler, after the statement holding the log call (in that block or an enclosing one
 * up to the handler's body), throws, returns or passes on the error itself (`throw err`, `next(err)`,
 * `bail(e)`, `return err`): the error object, stack included, then reaches whoever handles it, and
 * the log line only adds context. A rethrow before the log, one that drops the error, or one the log's
 * branch never reaches (it returns first) does not count.
 */
const JUMPS = new Set(['ReturnStatement', 'ThrowStatement', 'BreakStatement', 'ContinueStatement']);

function propagatedAfter(call: Node, body: Node, errorNames: ReadonlySet<string>): boolean {
  for (let child: Node = call, current = call.parent; current && child !== body; child = current, current = current.parent) {
    const statements: Node[] | undefined = current.type === 'BlockStatement' ? current.body : current.type === 'SwitchCase' ? current.consequent : undefined;
    for (const statement of statements?.slice(statements.indexOf(child) + 1) ?? []) {
      if (passesOn(statement, errorNames)) return true;
      // The block leaves before the code that follows it: a rethrow further down is not reached from here.
      if (JUMPS.has(statement.type)) return false;
    }
  }
  return false;
}

function passesOn(statement: Node, errorNames: ReadonlySet<string>): boolean {
  if (statement.type === 'ThrowStatement' || statement.type === 'ReturnStatement') return carriesError(statement.argument, errorNames);
  return statement.type === 'ExpressionStatement' && statement.expression.type !== 'AssignmentExpression' && carriesError(statement.expression, errorNames);
}

/** The argument alone was the error as text: the error takes its place. Else it is added where the logger reads it. */
function errorObjectFix(call: TSESTree.CallExpression, index: number, text: Node, error: string, pino: boolean): (fixer: RuleFixer) => Fix {
  const args = call.arguments;
  const arg = unwrapExpression(args[index]);
  const whole = arg === text || (arg.type === 'CallExpression' && arg.arguments[0] === text) || isLoneTemplate(arg)
    || (arg.type === 'CallExpression' && arg.callee.type === 'MemberExpression' && arg.callee.object === text);
  if (args.length === 1 && whole) return (fixer) => fixer.replaceText(args[0], error);
  const first = args[0];
  const property = error === 'err' ? 'err' : `err: ${error}`;
  if (pino && first.type === 'ObjectExpression') return (fixer) => insertProperty(fixer, first, property);
  if (pino) return (fixer) => fixer.insertTextBefore(first, `{ ${property} }, `);
  return (fixer) => fixer.insertTextAfter(args[args.length - 1], `, ${error}`);
}

function isLoneTemplate(node: Node): boolean {
  return node.type === 'TemplateLiteral' && node.expressions.length === 1 && node.quasis.every((q) => q.value.raw === '');
}

/**
 * `reportError(err, { id })`: the handler hands the error object to a helper of the project that logs
 * that parameter on every path (its function summary's `logsErrorParam`), so the stack is in the logs.
 * `logged` for a helper of this module; for one of another module, the conditions under which the
 * finding still holds (unless it logs it), when there is a project pass to decide them.
 */
function errorHelpers(body: Node, names: ReadonlySet<string>, summaries: FunctionSummaries, programPass: boolean): { logged: boolean; conditions: ProgramCondition[] } {
  const conditions: ProgramCondition[] = [];
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    pushChildren(stack, node);
    if (node.type !== 'CallExpression') continue;
    const index = node.arguments.findIndex((a) => { const value = unwrapExpression(a); return value.type === 'Identifier' && names.has(value.name); });
    if (index < 0) continue;
    const local = summaries.localCallee(node);
    if (local && hasCalleeFact(summaries.of(local), 'logs-error-param', index)) return { logged: true, conditions: [] };
    const target = !local && programPass ? summaries.projectCallee(node) : undefined;
    if (target) conditions.push({ kind: 'unless-callee-summary', ...target, holds: 'logs-error-param', param: index });
  }
  return { logged: false, conditions };
}

/**
 * `console.log('verifyError', err); console.log(`Token invalid. ${err}`)`: another log call of the
 * handler passes the error object, so its stack is in the logs; the text line only adds words.
 */
function errorObjectLogged(body: Node, names: ReadonlySet<string>, isLog: (call: TSESTree.CallExpression) => boolean): boolean {
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' && isLog(node) && node.arguments.some((a) => carriesError(a, names))) return true;
    pushChildren(stack, node);
  }
  return false;
}
