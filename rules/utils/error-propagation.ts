/**
 * Does this code hand a caught error on? Shared by the rules that ask whether an error was
 * propagated: rethrown, wrapped with `{ cause }`, passed to `next`/a callback/`reject`/`emit('error')`,
 * returned, or stored in an object that leaves the handler.
 *
 * `errorNames` is the set of local names that hold the error (the catch parameter and its aliases).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { calleeMethod, dottedName, isFunctionNode, staticKeyName, unwrapExpression } from './ast-names';
import { pushChildren } from './walk';

/** Callback names that, by Node convention, take an error as their first argument. */
const ERROR_FIRST_CALLBACKS = new Set(['next', 'callback', 'cb', 'done', 'reject', 'fail', 'resolveWithError']);

/** Calls that only read the error to produce text or a test: the error does not go on through them. */
const NON_FORWARDING = new Set(['String', 'Number', 'Boolean', 'JSON.stringify', 'util.inspect', 'util.format', 'inspect', 'format']);

/** `String(err)`, `JSON.stringify(err)`, `isAxiosError(err)`, `Object.keys(err)`: the error does not go on. */
export function isNonForwarding(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const path = dottedName(call.callee);
  if (path === undefined) return false;
  const last = path.slice(path.lastIndexOf('.') + 1);
  return NON_FORWARDING.has(path) || path.startsWith('Object.') || /^(is|has)[A-Z_]/.test(last);
}

/**
 * Whether evaluating `expr` yields the error or a value that carries it: the error itself, an
 * alias, `new X(msg, { cause: err })`, `new X(err)`, `{ error: err }`, `[err]`, `wrap(err)`,
 * `a ?? err`, `err as AppError`. Reading a property (`err.message`) does not carry the error.
 * Iterative over the expression, so deep expressions cannot overflow the stack.
 */
export function carriesError(expr: Node | null | undefined, errorNames: ReadonlySet<string>): boolean {
  if (!expr || errorNames.size === 0) return false;
  const stack: Node[] = [expr];
  while (stack.length > 0) {
    const node = unwrapExpression(stack.pop()!);
    switch (node.type) {
      case 'Identifier':
        if (errorNames.has(node.name)) return true;
        break;
      case 'AwaitExpression':
      case 'SpreadElement':
        stack.push(node.argument);
        break;
      case 'NewExpression':
      case 'CallExpression':
        if (!isNonForwarding(node)) for (const arg of node.arguments) stack.push(arg);
        break;
      case 'ObjectExpression':
        for (const p of node.properties) stack.push(p.type === 'Property' ? p.value : p);
        break;
      case 'ArrayExpression':
        for (const e of node.elements) if (e) stack.push(e);
        break;
      case 'ConditionalExpression':
        stack.push(node.consequent, node.alternate);
        break;
      case 'LogicalExpression':
      case 'SequenceExpression':
        for (const e of node.type === 'LogicalExpression' ? [node.left, node.right] : node.expressions) stack.push(e);
        break;
      default:
        break;
    }
  }
  return false;
}

/**
 * Whether `node` propagates a failure out of an error handler:
 * - any `throw` (a rethrow, a wrapper, or a new error: the failure goes on either way);
 * - `return`/`yield` of the error or information from it (`return { ok: false, error }`, `return err.code`),
 *   or of a result object that says it failed (`return { error: true, code: 1007 }`);
 * - a call or `new` that receives the error or information from it (`next(err)`, `reject(err)`,
 *   `emit('error', err)`, `errors.push(err)`, `sendStatus({ details: err.message })`);
 * - a failure signal with some other error (`next(new HttpError(500))`, `reject(new Error())`), or a
 *   call whose name says it reports a failure (`abortHandshake(...)`, `t.assert.fail()`, `expect(...)`);
 * - an assignment that stores the error or information from it (`this.lastError = err`, `failure = { reason: err }`).
 */
export function propagatesError(node: Node, errorNames: ReadonlySet<string>): boolean {
  switch (node.type) {
    case 'ThrowStatement':
      return true;
    case 'ReturnStatement':
    case 'YieldExpression':
      return !!node.argument && (referencesError(node.argument, errorNames) || isFailureResult(node.argument));
    case 'CallExpression':
    case 'NewExpression':
      return (!isNonForwarding(node) && node.arguments.some((a) => referencesError(a, errorNames))) || signalsFailure(node);
    case 'AssignmentExpression':
      return referencesError(node.right, errorNames);
    default:
      return false;
  }
}

/**
 * Whether `expr` mentions the error anywhere (`err`, `err.message`, `` `failed: ${err}` ``), not
 * counting nested functions (they run later, if at all) or property names. Iterative.
 */
export function referencesError(expr: Node, errorNames: ReadonlySet<string>): boolean {
  if (errorNames.size === 0) return false;
  const stack: Node[] = [expr];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'Identifier') {
      if (errorNames.has(node.name)) return true;
      continue;
    }
    if (isFunctionNode(node)) continue;
    for (const key of visitorKeys[node.type] ?? []) {
      if ((key === 'property' && node.type === 'MemberExpression' && !node.computed) || (key === 'key' && node.type === 'Property' && !node.computed)) continue;
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) if (c && typeof (c as Node).type === 'string') stack.push(c as Node);
    }
  }
  return false;
}

/** Keys of a result object that tell the caller the operation failed. */
const FAILURE_KEYS = new Set(['error', 'err', 'errors', 'failure', 'failed', 'ok', 'success']);

/** `{ ok: false, ... }`, `{ error: 'Invalid UTF-8' }`: a result that carries the failure to the caller. */
export function isFailureResult(expr: Node): boolean {
  const value = unwrapExpression(expr);
  return value.type === 'ObjectExpression' && value.properties.some((p) => p.type === 'Property' && !p.computed && FAILURE_KEYS.has(p.key.type === 'Identifier' ? p.key.name : String((p.key as { value?: unknown }).value)));
}

/** Names of calls that report a failure on their own: `abortHandshake`, `onError`, `rejectRequest`, test assertions. */
const FAILURE_CALL = /abort|reject|fail|error|^assert|^expect$/i;

/** `next(x)`, `callback(x)`, `reject(x)` with a non-null first argument, `emit('error', x)`, or a call named as a failure report. */
export function signalsFailure(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  if (call.type !== 'CallExpression') return false;
  const first = call.arguments[0];
  if (calleeMethod(call) === 'emit') return first?.type === 'Literal' && first.value === 'error' && call.arguments.length > 1;
  const method = calleeMethod(call);
  const segments = dottedName(call.callee)?.split('.') ?? [];
  if ((method !== undefined && FAILURE_CALL.test(method)) || segments.some((s) => /^(assert|expect)/.test(s))) return true;
  // `process.exit(1)`: the failure goes on as the exit status.
  if (dottedName(call.callee) === 'process.exit') return !!first && !(first.type === 'Literal' && first.value === 0);
  const callee = unwrapExpression(call.callee);
  const name = callee.type === 'Identifier' ? callee.name : undefined;
  if (name === undefined || !ERROR_FIRST_CALLBACKS.has(name) || !first) return false;
  return !(first.type === 'Literal' && first.value === null) && !(first.type === 'Identifier' && first.name === 'undefined');
}

/**
 * Whether the code of an error handler (`body`: a catch block, a handler's body or expression, an
 * `if (err)` branch) logs the error or propagates it anywhere, nested callbacks included. Follows
 * aliases (`const wrapped = new AppError('x', { cause: err })`) in source order. One iterative walk
 * of the handler, so a rule can decide when it meets the handler, without watching every node.
 */
export function handlesError(body: Node, errorNames: ReadonlySet<string>, isLoggingCall: (call: TSESTree.CallExpression) => boolean): boolean {
  const names = new Set(errorNames);
  if (body.type !== 'BlockStatement' && carriesError(body, names)) return true;
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    // `catch { (error) => { log(error); }; }`: a function written as a statement is never called.
    if (node.type === 'ExpressionStatement' && isFunctionNode(unwrapExpression(node.expression))) continue;
    if (propagatesError(node, names) || (node.type === 'CallExpression' && isLoggingCall(node))) return true;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && carriesError(node.init, names)) names.add(node.id.name);
    pushChildren(stack, node);
  }
  return false;
}

/** Status names of server errors (`HttpStatus.INTERNAL_SERVER_ERROR`, `StatusCodes.BAD_GATEWAY`) and of not found. */
const SERVER_ERROR_NAME = /(INTERNAL_SERVER_ERROR|NOT_IMPLEMENTED|BAD_GATEWAY|SERVICE_UNAVAILABLE|GATEWAY_TIMEOUT)$/;
const NOT_FOUND_NAME = /NOT_FOUND$/;
const STATUS_METHODS = new Set(['status', 'sendStatus', 'code', 'writeHead']);

export type ErrorAnswer = 'server error' | 'not found';

function statusAnswer(value: Node | undefined): ErrorAnswer | undefined {
  if (!value) return undefined;
  const expr = unwrapExpression(value);
  if (expr.type === 'Literal') {
    if (typeof expr.value !== 'number') return undefined;
    return expr.value >= 500 && expr.value < 600 ? 'server error' : expr.value === 404 ? 'not found' : undefined;
  }
  const name = dottedName(expr) ?? '';
  return SERVER_ERROR_NAME.test(name) ? 'server error' : NOT_FOUND_NAME.test(name) ? 'not found' : undefined;
}

/**
 * How a handler answers the request, when it sets an error status (`res.status(500)`, `sendStatus(503)`,
 * `reply.code(404)`, `res.statusCode = 500`, `HttpStatus.INTERNAL_SERVER_ERROR`): a server error tells the
 * client it failed, which says nothing to the operators; "not found" answers a failed lookup on purpose.
 * Nested functions aside.
 */
export function errorAnswer(body: Node): ErrorAnswer | undefined {
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node)) continue;
    let answer: ErrorAnswer | undefined;
    if (node.type === 'CallExpression' && STATUS_METHODS.has(calleeMethod(node) ?? '')) answer = statusAnswer(node.arguments[0]);
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression'
      && staticKeyName(node.left.property, node.left.computed) === 'statusCode') answer = statusAnswer(node.right);
    if (answer) return answer;
    pushChildren(stack, node);
  }
  return undefined;
}
