import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from '../core/engine/types';
import { calleeMethod, calleeName, dottedName, isFunctionNode, staticKeyName } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { findInSubtree } from '../utils/subtree';
import { SERVICE_CODE } from '../core/roles/role-sets';

type Loop = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement;

const DELAY_NAME = /sleep|delay|backoff|pause|^wait$|^setTimeout$|^timeout$/i;
const GROWTH_NAME = /backoff|jitter|exponential/i;
const LIMIT_NAME = /attempt|retr|tries|tried|count|deadline|elapsed|budget/i;
const STATUS_KEYS = new Set(['ok', 'status', 'statusCode']);
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

/** Whether an expression changes from one attempt to the next: exponential, counter-based, or a variable the loop grows. */
function grows(expression: Node, facts: LoopFacts): boolean {
  const stack: Node[] = [expression];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'BinaryExpression' && (node.operator === '**' || node.operator === '<<')) return true;
    if (node.type === 'CallExpression') {
      const name = calleeName(node) ?? '';
      if (name === 'Math.pow' || GROWTH_NAME.test(name)) return true;
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
  const isDelay = (n: Node) => (n.type === 'CallExpression' && DELAY_NAME.test(calleeMethod(n) ?? ''))
    || (n.type === 'NewExpression' && dottedName(n.callee) === 'Promise');
  return containsNode(handler.body, (n) => n.type === 'AwaitExpression' && !isDelay(n.argument));
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
  if (last.type === 'ReturnStatement' || (last.type === 'BreakStatement' && !last.label)) return true;
  const flag = loop.test && loop.test.type !== 'Literal' ? new Set(identifiersOf(loop.test)) : new Set<string>();
  return last.type === 'ExpressionStatement' && last.expression.type === 'AssignmentExpression'
    && last.expression.left.type === 'Identifier' && flag.has(last.expression.left.name);
}

/** `for (let i = 0; i < items.length; i++) { ... items[i] ... }` walks a collection: each pass tries another item. */
function walksCollection(loop: Loop, facts: LoopFacts): boolean {
  return loop.type === 'ForStatement' && [...facts.updated].some((name) => facts.indexes.has(name));
}

function identifiersOf(node: Node): string[] {
  const names: string[] = [];
  containsNode(node, (n) => { if (n.type === 'Identifier') names.push(n.name); return false; });
  return names;
}

/** `if (res.ok) return res;` / `if (res.status >= 500) continue;` after a call: a retry driven by the response status. */
function isStatusRetry(statement: TSESTree.IfStatement): boolean {
  const checksStatus = containsNode(statement.test, (n) => n.type === 'MemberExpression' && STATUS_KEYS.has(staticKeyName(n.property, n.computed) ?? ''));
  return checksStatus && (exits(statement.consequent) || statement.consequent.type === 'ContinueStatement'
    || (statement.consequent.type === 'BlockStatement' && statement.consequent.body.some((s) => s.type === 'ContinueStatement')));
}

export const rule = createRule({
  id: 'resilience/no-retry-without-backoff',
  description: 'Disallow retry loops that retry immediately, at a fixed pace, or forever.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    retryWithoutDelay: 'This loop retries a failing call immediately: when the dependency is down, it hammers it in a tight loop, burns CPU and keeps it from recovering. Wait between attempts with a delay that grows (e.g. `await sleep(2 ** attempt * 100)`) and cap the attempts.',
    retryWithFixedDelay: 'This loop retries after a fixed delay: every client of a struggling dependency retries in lock-step, so the load never drops enough for it to recover. Make the delay grow with each attempt (exponential backoff, ideally with jitter).',
    retryWithoutLimit: 'This loop retries forever: a dependency that stays down keeps this request (and its caller) waiting with no end, instead of failing fast. Stop after a maximum number of attempts or a deadline and rethrow the last error.',
  },
  defaultOptions: [],
  create(context) {
    const check = (node: Node) => {
      const loop = node as Loop;
      const facts = collectFacts(loop);
      if (walksCollection(loop, facts)) return;
      const tryRetry = facts.tries.some((t) => isRetryTry(t, loop));
      const statusRetry = !tryRetry && facts.ifs.some(isStatusRetry) && containsNode(loop.body, (n) => n.type === 'AwaitExpression');
      if (!tryRetry && !statusRetry) return;
      const delayArgs = facts.delays.flatMap((d) => (GROWTH_NAME.test(calleeMethod(d) ?? '') ? [d] : d.arguments));
      let messageId: string | undefined;
      if (facts.delays.length === 0) messageId = 'retryWithoutDelay';
      else if (tryRetry && !delayArgs.some((a) => grows(a, facts))) messageId = 'retryWithFixedDelay';
      else if (tryRetry && !hasAttemptLimit(loop, facts)) messageId = 'retryWithoutLimit';
      if (!messageId) return;
      const start = loop.loc.start;
      context.report({ loc: { start, end: { line: start.line, column: start.column + KEYWORD_LENGTH[loop.type] } }, messageId });
    };
    // On exit, so that every node of the body has its parent set (the executor of `new Promise` is found by its parent).
    return { 'WhileStatement:exit': check, 'DoWhileStatement:exit': check, 'ForStatement:exit': check };
  },
});
