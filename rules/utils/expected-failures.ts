/**
 * Handlers whose failure is an expected outcome rather than a lost error: a best-effort clean-up,
 * a test that expects a throw, a `.catch` that marks a promise held elsewhere as handled, a handler
 * that does the failed work another way, a function whose comment documents the fallback. Rules
 * that judge what a handler does with its error use this to stay quiet where ignoring it is the
 * intended flow.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../core/engine/types';
import type { CallNode, IoCalls } from '../core/knowledge/io-calls';
import { dottedName, enclosingFunction, functionName, type FunctionNode, staticKeyName, unwrapExpression } from './ast-names';
import { commentableRange } from './comments';
import { rejectionMethod, type ErrorHandler } from './error-handlers';
import type { GuardedWork } from './guarded-work';

/** Clean-up whose failure changes nothing, the thing being thrown away (`close`, `closeResultSet`, `endSession`). */
const CLEANUP_METHOD = /^(close|destroy|cancel|abort|end|kill|terminate|unref|disconnect|dispose|release|unlink|rm|rmdir|removeListener|off)(?![a-z])/;

function methodOf(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression') return staticKeyName(callee.property, callee.computed);
  return callee.type === 'Identifier' ? callee.name : undefined;
}

export function isCleanup(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const method = methodOf(call);
  return method !== undefined && CLEANUP_METHOD.test(method);
}

/** Every call the guarded work makes is clean-up or local work, and one is clean-up: a best-effort clean-up. */
function onlyCleanup(work: GuardedWork): boolean {
  return work.calls.some((c) => isCleanup(c.call)) && work.calls.every((c) => isCleanup(c.call) || c.effect === 'local');
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

/**
 * Whether the failure this handler receives is an expected outcome: a test that expects the throw,
 * a best-effort clean-up, or a `.catch` that only marks a promise held elsewhere as handled.
 */
export function expectsFailure(handler: ErrorHandler, work: GuardedWork): boolean {
  if (onlyCleanup(work)) return true;
  if (handler.kind === 'promiseCatch') {
    const method = rejectionMethod(handler.owner);
    return method !== undefined && marksHandled(method.parent as TSESTree.CallExpression, method.object);
  }
  if (handler.kind !== 'catchClause') return false;
  const block = (handler.owner.parent as TSESTree.TryStatement).block;
  return endsWithFail(block.body[block.body.length - 1]);
}

/** `promise.catch(noop)` on this receiver: a clean-up, or a mark on a promise held elsewhere. */
export function expectsRejection(call: TSESTree.CallExpression, receiver: Node, work: GuardedWork): boolean {
  return onlyCleanup(work) || marksHandled(call, receiver);
}

/** The first name of a callee: `interaction.channel.send` → `interaction`, `this.api.post` → `this.api`. */
function calleeRoot(call: CallNode): string | undefined {
  const parts = dottedName(call.callee)?.split('.');
  if (!parts) return undefined;
  return parts[0] === 'this' ? parts.slice(0, 2).join('.') : parts[0];
}

/**
 * `try { await channel.send(msg) } catch { await interaction.followUp(msg) }`, `.catch(() => reply.edit(data))`:
 * the handler does the work another way, on the same client or function, and that attempt's failure goes on
 * (it is awaited or returned). The first failure is an answer that chose the way, not a lost error.
 */
export function triesAlternative(handler: ErrorHandler, work: GuardedWork, io: IoCalls): boolean {
  const roots = new Set(work.calls.filter((c) => c.effect === 'io').map((c) => calleeRoot(c.call)).filter((r) => r !== undefined));
  if (roots.size === 0) return false;
  // Parents inside the handler are not set yet when it is judged on entry: the statements say what is returned.
  const attempts: Array<{ expr: Node; returned: boolean }> = [];
  const body = handler.body;
  if (body.type !== 'BlockStatement') attempts.push({ expr: body, returned: true });
  else {
    for (const statement of body.body) {
      if (statement.type === 'ExpressionStatement') attempts.push({ expr: statement.expression, returned: false });
      else if (statement.type === 'ReturnStatement' && statement.argument) attempts.push({ expr: statement.argument, returned: true });
      else if (statement.type === 'VariableDeclaration') for (const d of statement.declarations) if (d.init) attempts.push({ expr: d.init, returned: false });
    }
  }
  return attempts.some(({ expr: attempt, returned }) => {
    let expr = unwrapExpression(attempt);
    if (expr.type === 'AssignmentExpression') expr = unwrapExpression(expr.right);
    const awaited = expr.type === 'AwaitExpression';
    if (expr.type === 'AwaitExpression') expr = unwrapExpression(expr.argument);
    if (expr.type !== 'CallExpression' || isCleanup(expr)) return false;
    return (awaited || returned) && io.effectOf(expr, { awaited: true }) === 'io' && roots.has(calleeRoot(expr)!);
  });
}

/** A function comment that says what it returns when the work fails: "or null if it cannot be determined". */
const FALLBACK_DOC = /\b(or|returns?|returning) (null|undefined|false|an? empty \w+|empty string|''|""|\[\]|\{\})\s*(,\s*)?(if|when|on)\b|\bcannot be (determined|read|found|parsed|resolved|loaded)\b|\bif (it|they|this|the \w+) (cannot|can't|could not|does not|doesn't|is not|isn't)\b/i;

/** The statement that holds a function, where its doc comment sits: `export const f = () => ...`, a method. */
function documentedNode(fn: FunctionNode): Node {
  let node: Node = fn;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === 'VariableDeclarator' || parent.type === 'VariableDeclaration' || parent.type === 'ExportNamedDeclaration'
      || parent.type === 'ExportDefaultDeclaration' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition'
      || (parent.type === 'CallExpression' && parent.arguments.includes(node as TSESTree.CallExpressionArgument))) continue;
    break;
  }
  return node;
}

/**
 * The function around the handler documents the fallback (`@returns ... or null if it cannot be
 * determined`): the failure is the documented answer, not an outage hidden from the caller.
 */
export function documentedFallback(handler: ErrorHandler, sourceCode: RuleSourceCode): boolean {
  const fn = enclosingFunction(handler.owner);
  if (!fn) return false;
  const holder = documentedNode(fn);
  const { range } = commentableRange(sourceCode, holder.loc.start, holder.loc.start);
  return sourceCode.getAllComments().some((c) => c.range[0] >= range[0] && c.range[1] <= holder.range[0] && FALLBACK_DOC.test(c.value));
}

/** Functions that check whether a dependency works: `isDatabaseHealthy`, `checkRedis`, `ping`. */
const HEALTH_CHECK_NAME = /^(is\w*(Healthy|Alive|Ready|Reachable|Online|Connected)|(check|probe|ping)[A-Z]\w*|\w*Health\w*|ping|healthcheck)$/i;

function returnsFalse(statement: TSESTree.Statement | undefined): boolean {
  return statement?.type === 'ReturnStatement' && statement.argument?.type === 'Literal' && statement.argument.value === false;
}

/**
 * `async isDatabaseHealthy() { try { await db.query('SELECT 1'); return true; } catch { return false; } }`:
 * in a function that checks whether a dependency works, a failure answered with `false` is the answer
 * the caller asked for (a health endpoint reports it).
 */
export function answersHealthCheck(handler: ErrorHandler): boolean {
  if (handler.kind !== 'catchClause') return false;
  const fn = enclosingFunction(handler.owner);
  const name = fn ? functionName(fn) : undefined;
  if (name === undefined || !HEALTH_CHECK_NAME.test(name)) return false;
  const caught = (handler.body as TSESTree.BlockStatement).body;
  return caught.length === 1 && returnsFalse(caught[0]);
}

/** Lookups that throw by design when nothing is found: Prisma's `findUniqueOrThrow`, TypeORM's `findOneOrFail`, Mongoose's `orFail()`. */
const THROWS_WHEN_MISSING = /(OrThrow|OrFail)$|^orFail$/;
/** Functions that ask whether something is there: `exists`, `userExists`, `fileExist`. */
const EXISTENCE_PROBE_NAME = /^(exists?|\w+Exists?)$/;

/**
 * The failure the handler receives is, by design of the call or the function, the answer "not there":
 * a lookup that throws when nothing is found (`findUniqueOrThrow`), or a function that asks whether
 * something exists. An empty answer is then the intended result, not a hidden outage.
 */
export function failureMeansAbsent(handler: ErrorHandler, work: GuardedWork): boolean {
  if (work.calls.some((c) => THROWS_WHEN_MISSING.test(methodOf(c.call) ?? ''))) return true;
  const fn = enclosingFunction(handler.owner);
  const name = fn ? functionName(fn) : undefined;
  return name !== undefined && EXISTENCE_PROBE_NAME.test(name);
}
