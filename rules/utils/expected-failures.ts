/**
 * Handlers whose failure is an expected answer rather than a lost error: a `try` block that only
 * probes input or the file system (malformed JSON or URL, a missing file, an optional module), a
 * best-effort clean-up call, a `try { ...; return x } catch { return false }` predicate, a test that
 * expects a throw, or a `.catch` that marks a promise held elsewhere as handled. Rules that judge
 * what a handler does with its error use this to stay quiet where ignoring it is the intended flow.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { dottedName, isFunctionNode, staticKeyName, unwrapExpression } from './ast-names';
import { rejectionMethod, type ErrorHandler } from './error-handlers';
import { pushChildren } from './walk';

const PROBE_CALLS = new Set(['JSON.parse', 'JSON.stringify', 'URL', 'decodeURIComponent', 'decodeURI', 'require', 'require.resolve', 'BigInt', 'structuredClone', 'atob', 'String']);
/**
 * Built-in constructors that only check their input or what the platform supports (`new RegExp(src, 'v')`,
 * `new WebAssembly.Module(simd)`, `new Intl.DateTimeFormat(locale)`, `new TextDecoder(label)`): feature
 * detection, where the throw is the answer. No I/O happens, so nothing is lost when it is ignored.
 */
const BUILTIN_PROBES = /^(RegExp|TextDecoder|WebAssembly\.Module|Intl\.[A-Z]\w*)$/;
/** Probe methods whatever the receiver: parsers, decoders, validators, token checks (`parseX`, `utf8Decode`, `schema.validate`). */
const PROBE_METHOD = /^(parse|decode|validate|verify|cast|json)(?![a-z])|(Parse|Decode|Validate|Verify)$/;
/** File-exists checks. */
const FS_PROBES = new Set(['stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'realpath', 'realpathSync', 'readlink', 'readlinkSync']);
/** Clean-up whose failure changes nothing, the thing being thrown away (`close`, `closeResultSet`, `endSession`). */
const CLEANUP_METHOD = /^(close|destroy|cancel|abort|end|kill|terminate|unref|disconnect|dispose|release|unlink|rm|rmdir|removeListener|off)(?![a-z])/;
/** Calls that cannot be what failed in a probe's `try` block. */
const NEUTRAL_CALLS = /^(Number|Boolean|Array\.isArray|Object\.(keys|values|entries|hasOwn)|Math\.\w+)$/;
const NEUTRAL_METHODS = /^(replace|replaceAll|trim|trimStart|trimEnd|toLowerCase|toUpperCase|slice|substring|split|join|toString|startsWith|endsWith|includes|indexOf|padStart|padEnd)$/;

function methodOf(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression') return staticKeyName(callee.property, callee.computed);
  return callee.type === 'Identifier' ? callee.name : undefined;
}

function isProbe(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const path = dottedName(call.callee);
  const method = methodOf(call);
  return (path !== undefined && (PROBE_CALLS.has(path) || BUILTIN_PROBES.test(path))) || (method !== undefined && (PROBE_METHOD.test(method) || FS_PROBES.has(method)));
}

function isCleanup(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const method = methodOf(call);
  return method !== undefined && CLEANUP_METHOD.test(method);
}

/** Whether the promise a `.catch` is on comes from a probe or clean-up call (`fs.promises.stat(p)`, `conn.close()`, `res.json()`). */
function isExpectedFailureCall(node: Node): boolean {
  let expr: Node = unwrapExpression(node);
  for (;;) {
    if (expr.type === 'ImportExpression') return true;
    if (expr.type === 'AwaitExpression' || expr.type === 'MemberExpression') expr = unwrapExpression(expr.type === 'AwaitExpression' ? expr.argument : expr.object);
    else if (expr.type === 'CallExpression' || expr.type === 'NewExpression') {
      if (isProbe(expr) || isCleanup(expr)) return true;
      expr = unwrapExpression(expr.callee);
    } else return false;
  }
}

/** Every call the `try` block makes (nested functions aside) is a probe or clean-up, or cannot fail, and one is a probe or clean-up. */
function onlyProbes(block: TSESTree.BlockStatement): boolean {
  let probes = 0;
  const stack: Node[] = [block];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node)) continue;
    if (node.type === 'ImportExpression') probes++;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      if (isProbe(node) || isCleanup(node)) probes++;
      else if (!NEUTRAL_CALLS.test(dottedName(node.callee) ?? '') && !NEUTRAL_METHODS.test(methodOf(node) ?? '')) return false;
    }
    pushChildren(stack, node);
  }
  return probes > 0;
}

function isFalseReturn(statement: TSESTree.Statement | undefined): boolean {
  return statement?.type === 'ReturnStatement' && statement.argument?.type === 'Literal' && statement.argument.value === false;
}

/** `try { act(); t.assert.fail() } catch {}`: a test that expects the throw. */
function endsWithFail(statement: TSESTree.Statement | undefined): boolean {
  const expr = statement?.type === 'ExpressionStatement' ? unwrapExpression(statement.expression) : undefined;
  return expr?.type === 'CallExpression' && methodOf(expr) === 'fail';
}

/**
 * `promise.catch(() => {})` as a statement on a promise held elsewhere (`finally` passes the
 * rejection through): it marks the rejection as handled, which the holder observes.
 */
function marksHandled(call: TSESTree.CallExpression, receiver: Node): boolean {
  if (call.parent?.type !== 'ExpressionStatement') return false;
  let root = unwrapExpression(receiver);
  while (root.type === 'CallExpression') {
    const callee = unwrapExpression(root.callee);
    if (callee.type !== 'MemberExpression' || staticKeyName(callee.property, callee.computed) !== 'finally') return false;
    root = unwrapExpression(callee.object);
  }
  return root.type === 'Identifier' || root.type === 'MemberExpression';
}

/** A `.catch(...)` on this receiver expects failure, or only marks a promise held elsewhere as handled. */
export function expectsRejection(call: TSESTree.CallExpression, receiver: Node): boolean {
  return isExpectedFailureCall(receiver) || marksHandled(call, receiver);
}

export function expectsFailure(handler: ErrorHandler): boolean {
  if (handler.kind === 'promiseCatch') {
    const method = rejectionMethod(handler.owner);
    return method !== undefined && expectsRejection(method.parent as TSESTree.CallExpression, method.object);
  }
  if (handler.kind !== 'catchClause') return false;
  const block = (handler.owner.parent as TSESTree.TryStatement).block;
  const caught = (handler.body as TSESTree.BlockStatement).body;
  const lastTried = block.body[block.body.length - 1];
  // `try { ...; return ok; } catch { return false; }`: a predicate that answers "no" by failing.
  if (caught.length === 1 && lastTried?.type === 'ReturnStatement' && isFalseReturn(caught[0])) return true;
  return endsWithFail(lastTried) || onlyProbes(block);
}
