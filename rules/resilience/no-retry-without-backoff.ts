import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from '../core/engine/types';
import { calleeMethod, calleeName, dottedName, isFunctionNode, staticKeyName } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { recursiveRetryIn } from '../utils/recursive-retry';
import { findInSubtree } from '../utils/subtree';
import { SERVICE_AND_SCRIPT_CODE } from '../core/roles/role-sets';

type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

const DELAY_NAME = /sleep|delay|backoff|pause|^wait$|^setTimeout$|^timeout$/i;
const GROWTH_NAME = /backoff|jitter|exponential/i;
const LIMIT_NAME = /attempt|retr|tries|tried|count|deadline|elapsed|budget/i;
const STATUS_KEYS = new Set(['ok', 'status', 'statusCode']);
/** Random jitter spreads clients apart: a delay using it is not fixed. */
const JITTER_CALLS = new Set(['Math.random', 'crypto.randomInt', 'randomInt', '_.random', 'lodash.random']);
/** What a loop that pages through results advances: `page++`, `offset += n`, `cursor = body.next`. */
const CURSOR_NAME = /page|cursor|offset|skip|marker|continuation|next_?token|after|^start$|^from$/i;
const KEYWORD_LENGTH: Record<Loop['type'], number> = { WhileStatement: 5, DoWhileStatement: 2, ForStatement: 3 };

/** What one loop body holds, not counting nested loops (their own) or functions (they run later). */
interface LoopFacts {
  tries: TSESTree.TryStatement[];
  ifs: TSESTree.IfStatement[];
  delays: TSESTree.CallExpression[];
  updated: Set<string>;
  /** Initializers of variables declared in the loop, to follow `const wait = base * 2 ** attempt; await sleep(wait)`. */
  locals: Map<string, Node>;
  /** Variables used as an index (`items[i]`): the loop walks a collection rather than retrying. */
  indexes: Set<string>;
}

function isLoop(node: Node): node is Loop | TSESTree.ForOfStatement | TSESTree.ForInStatement {
  return node.type === 'WhileStatement' || node.type === 'DoWhileStatement' || node.type === 'ForStatement'
    || node.type === 'ForOfStatement' || node.type === 'ForInStatement';
}

function isPromiseExecutor(node: Node): boolean {
  const parent = node.parent;
  return parent?.type === 'NewExpression' && dottedName(parent.callee) === 'Promise';
}

function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of visitorKeys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const value of Array.isArray(child) ? child : [child]) {
      if (value && typeof value === 'object' && typeof (value as Node).type === 'string') out.push(value as Node);
    }
  }
  return out;
}

function collectFacts(loop: Loop): LoopFacts {
  const facts: LoopFacts = { tries: [], ifs: [], delays: [], updated: new Set(), locals: new Map(), indexes: new Set() };
  const stack: Node[] = [loop.body];
  if (loop.test) stack.push(loop.test);
  if (loop.type === 'ForStatement' && loop.update) stack.push(loop.update);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isLoop(node)) continue;
    if (isFunctionNode(node) && !isPromiseExecutor(node)) continue;
    switch (node.type) {
      case 'TryStatement': facts.tries.push(node); break;
      case 'IfStatement': facts.ifs.push(node); break;
      case 'CallExpression': if (DELAY_NAME.test(calleeMethod(node) ?? '')) facts.delays.push(node); break;
      case 'UpdateExpression': if (node.argument.type === 'Identifier') facts.updated.add(node.argument.name); break;
      case 'AssignmentExpression': if (node.left.type === 'Identifier') facts.updated.add(node.left.name); break;
      case 'VariableDeclarator': if (node.id.type === 'Identifier' && node.init) facts.locals.set(node.id.name, node.init); break;
      case 'MemberExpression': if (node.computed && node.property.type === 'Identifier') facts.indexes.add(node.property.name); break;
      default: break;
    }
    stack.push(...children(node));
  }
  return facts;
}

/** Whether an expression changes from one attempt to the next: exponential, counter-based, jittered, or a variable the loop grows. */
function grows(expression: Node, facts: LoopFacts): boolean {
  const stack: Node[] = [expression];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'BinaryExpression' && (node.operator === '**' || node.operator === '<<')) return true;
    if (node.type === 'CallExpression') {
      const name = calleeName(node) ?? '';
      if (name === 'Math.pow' || JITTER_CALLS.has(name) || GROWTH_NAME.test(name)) return true;
    }
    if (node.type === 'Identifier' && !seen.has(node.name)) {
      seen.add(node.name);
      if (facts.updated.has(node.name)) return true;
      const init = facts.locals.get(node.name);
      if (init) stack.push(init);
    }
    if (node.type === 'MemberExpression' && !node.computed) stack.push(node.object);
    else if (!isFunctionNode(node) && node.type !== 'MemberExpression') stack.push(...children(node));
  }
  return false;
}

/**
 * Whether a delay is provably the same on every attempt: built only from literals and names the
 * loop does not change (`RETRY_MS`, `config.restartDelayMs`). A call (`getDelay(n)`) may compute
 * anything, so it is not provably fixed.
 */
function provablyFixed(expression: Node, facts: LoopFacts): boolean {
  const stack: Node[] = [expression];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    const varies = containsNode(node, (n) => n.type === 'CallExpression' || n.type === 'NewExpression' || n.type === 'AwaitExpression'
      || n.type === 'UpdateExpression' || n.type === 'AssignmentExpression' || isFunctionNode(n)
      || (n.type === 'Identifier' && facts.updated.has(n.name)));
    if (varies) return false;
    // A local of the loop (`const ms = …`) is as fixed as its initializer.
    for (const name of identifiersOf(node)) {
      const init = facts.locals.get(name);
      if (init && !seen.has(name)) {
        seen.add(name);
        stack.push(init);
      }
    }
  }
  return true;
}

/** Whether a statement (or a block holding it directly) leaves the loop: throw, return or break. */
function exits(statement: Node | null | undefined): boolean {
  const stack = statement ? [statement] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'BlockStatement') stack.push(...node.body);
    else if (node.type === 'ThrowStatement' || node.type === 'ReturnStatement' || node.type === 'BreakStatement') return true;
  }
  return false;
}

function throws(statement: TSESTree.Statement): boolean {
  return statement.type === 'ThrowStatement' || (statement.type === 'BlockStatement' && statement.body.at(-1)?.type === 'ThrowStatement');
}

function containsNode(root: Node, test: (node: Node) => boolean): boolean {
  return findInSubtree(root, test) !== undefined;
}

function isConstantTrue(test: Node | null): boolean {
  return test === null || (test.type === 'Literal' && Boolean(test.value));
}

/** Whether the loop stops retrying at some point: a real loop condition, or `if (attempt > max) throw`. */
function hasAttemptLimit(loop: Loop, facts: LoopFacts): boolean {
  if (!isConstantTrue(loop.test)) return true;
  return facts.ifs.some((s) => exits(s.consequent) && containsNode(s.test, (n) =>
    n.type === 'UpdateExpression' || (n.type === 'Identifier' && (facts.updated.has(n.name) || LIMIT_NAME.test(n.name)))
    || (n.type === 'CallExpression' && calleeName(n) === 'Date.now')));
}

/** A catch that awaits something other than a delay (reconnect, resume) recovers before the next attempt. */
function recoversInCatch(handler: TSESTree.CatchClause): boolean {
  return containsNode(handler.body, (n) => n.type === 'AwaitExpression' && !isDelay(n.argument));
}

/** A wait: a call named like one (`sleep(ms)`, `setTimeout(…)`) or a hand-made promise (`new Promise((r) => setTimeout(r, ms))`). */
function isDelay(node: Node): boolean {
  return (node.type === 'CallExpression' && DELAY_NAME.test(calleeMethod(node) ?? ''))
    || (node.type === 'NewExpression' && dottedName(node.callee) === 'Promise');
}

/**
 * `try { return await op(); } catch (e) { log(e); }` inside the loop: the try ends by leaving the loop
 * on success (`return`, `break`, or setting the flag the loop condition reads), and a failure falls
 * through the catch to another attempt.
 */
function isRetryTry(statement: TSESTree.TryStatement, loop: Loop): boolean {
  const handler = statement.handler;
  if (!handler || exits(handler.body.body[handler.body.body.length - 1]) || recoversInCatch(handler)) return false;
  const last = statement.block.body[statement.block.body.length - 1];
  if (!last || !containsNode(statement.block, (n) => n.type === 'CallExpression')) return false;
  // `catch (e) { log(e); await sleep(ms); continue; }` around awaited work: a failure goes straight back to
  // the top for another attempt. (Synchronous loops that `continue` past a failed item drain a queue.)
  const lastOfCatch = handler.body.body.at(-1);
  if (lastOfCatch?.type === 'ContinueStatement' && !lastOfCatch.label) return containsNode(statement.block, (n) => n.type === 'AwaitExpression');
  if (last.type === 'ReturnStatement' || (last.type === 'BreakStatement' && !last.label)) return true;
  const flag = loop.test && loop.test.type !== 'Literal' ? new Set(identifiersOf(loop.test)) : new Set<string>();
  return last.type === 'ExpressionStatement' && last.expression.type === 'AssignmentExpression'
    && last.expression.left.type === 'Identifier' && flag.has(last.expression.left.name);
}

/** `for (let i = 0; i < items.length; i++) { ... items[i] ... }` walks a collection: each pass tries another item. */
function walksCollection(loop: Loop, facts: LoopFacts): boolean {
  return loop.type === 'ForStatement' && [...facts.updated].some((name) => facts.indexes.has(name));
}

/**
 * `for (let page = 1; ; page++) { await fetch(`…&page=${page}`) … }`: each pass asks for the next
 * page (or offset, or cursor) of the results, not for the same thing again. Only when the cursor
 * moves on whatever happened: advanced inside the `try`, after the call, a failure asks for the
 * same page again, and that is a retry.
 */
function advancesCursor(loop: Loop): boolean {
  const cursors: string[] = [];
  const stack: Node[] = [loop.body];
  if (loop.type === 'ForStatement' && loop.update) stack.push(loop.update);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isLoop(node) || isFunctionNode(node)) continue;
    if (node.type === 'TryStatement') {
      if (node.handler) stack.push(node.handler);
      if (node.finalizer) stack.push(node.finalizer);
      continue;
    }
    const target = node.type === 'UpdateExpression' ? node.argument : node.type === 'AssignmentExpression' ? node.left : undefined;
    if (target?.type === 'Identifier' && CURSOR_NAME.test(target.name)) cursors.push(target.name);
    stack.push(...children(node));
  }
  if (cursors.length === 0) return false;
  return containsNode(loop.body, (n) => (n.type === 'CallExpression' || n.type === 'NewExpression')
    && n.arguments.some((argument) => containsNode(argument, (a) => a.type === 'Identifier' && cursors.includes(a.name))));
}

function identifiersOf(node: Node): string[] {
  const names: string[] = [];
  containsNode(node, (n) => { if (n.type === 'Identifier') names.push(n.name); return false; });
  return names;
}

/** `if (res.ok) return res;` / `if (res.status >= 500) continue;` after a call: a retry driven by the response status. */
function isStatusRetry(statement: TSESTree.IfStatement): boolean {
  const checksStatus = containsNode(statement.test, (n) => n.type === 'MemberExpression' && STATUS_KEYS.has(staticKeyName(n.property, n.computed) ?? ''));
  // `if (!res.ok) throw …`: a bad status ends the loop, the opposite of retrying it.
  if (throws(statement.consequent)) return false;
  return checksStatus && (exits(statement.consequent) || statement.consequent.type === 'ContinueStatement'
    || (statement.consequent.type === 'BlockStatement' && statement.consequent.body.some((s) => s.type === 'ContinueStatement')));
}

export const rule = createRule({
  id: 'resilience/no-retry-without-backoff',
  description: 'Disallow retry loops that retry immediately, at a fixed pace, or forever.',
  recommended: true,
  // A command-line tool its users run by the thousand hammers a struggling registry as hard as a service does.
  roles: SERVICE_AND_SCRIPT_CODE,
  defaultSeverity: 'warn',
  messages: {
    retryWithoutDelay: 'This loop retries a failing call immediately: when the dependency is down, it hammers it in a tight loop, burns CPU and keeps it from recovering. Wait between attempts with a delay that grows (e.g. `await sleep(2 ** attempt * 100)`) and cap the attempts.',
    retryWithFixedDelay: 'This loop retries after a fixed delay: every client of a struggling dependency retries in lock-step, so the load never drops enough for it to recover. Make the delay grow with each attempt (exponential backoff, ideally with jitter).',
    retryByRecursionWithoutDelay: 'This `catch` retries `{{fn}}` at once by calling it again with the same input: when the dependency is down, each failure is followed straight away by another call, hammering it while it tries to recover. Wait before the next attempt with a delay that grows with the attempt count (e.g. `await sleep(2 ** attempt * 100)`).',
    retryWithoutLimit: 'This loop retries forever: a dependency that stays down keeps this request (and its caller) waiting with no end, instead of failing fast. Stop after a maximum number of attempts or a deadline and rethrow the last error.',
  },
  defaultOptions: [],
  create(context) {
    const check = (node: Node) => {
      const loop = node as Loop;
      const facts = collectFacts(loop);
      if (walksCollection(loop, facts) || advancesCursor(loop)) return;
      const tryRetry = facts.tries.some((t) => isRetryTry(t, loop));
      const statusRetry = !tryRetry && facts.ifs.some(isStatusRetry) && containsNode(loop.body, (n) => n.type === 'AwaitExpression');
      if (!tryRetry && !statusRetry) return;
      const delayArgs = facts.delays.flatMap((d) => (GROWTH_NAME.test(calleeMethod(d) ?? '') ? [d] : d.arguments));
      let messageId: string | undefined;
      const growing = delayArgs.some((a) => grows(a, facts));
      if (facts.delays.length === 0) messageId = 'retryWithoutDelay';
      else if (tryRetry && !growing && delayArgs.length > 0 && delayArgs.every((a) => provablyFixed(a, facts))) messageId = 'retryWithFixedDelay';
      else if (tryRetry && !hasAttemptLimit(loop, facts)) messageId = 'retryWithoutLimit';
      if (!messageId) return;
      const start = loop.loc.start;
      context.report({ loc: { start, end: { line: start.line, column: start.column + KEYWORD_LENGTH[loop.type] } }, messageId });
    };
    const checkCatch = (node: Node) => {
      const handler = node as TSESTree.CatchClause;
      const retry = recursiveRetryIn(handler);
      if (!retry || containsNode(handler.body, isDelay)) return;
      context.report({ loc: { start: retry.loc.start, end: retry.callee.loc.end }, messageId: 'retryByRecursionWithoutDelay', data: { fn: context.sourceCode.getText(retry.callee) } });
    };
    // On exit, so that every node of the body has its parent set (the executor of `new Promise` is found by its parent).
    return { 'WhileStatement:exit': check, 'DoWhileStatement:exit': check, 'ForStatement:exit': check, 'CatchClause:exit': checkCatch };
  },
});
