/**
 * "Is this resource released on every path out of the function?" — a small, sound approximation.
 *
 * From the statement that acquires the resource, every path is walked statement by statement to
 * the end of the function. A path is released when it reaches
 *   - a statement that is itself a release call (`closeSync(fd);`, `await fh.close();`), or
 *   - a `try` whose `finally` holds a release (also when the acquisition is inside that `try`).
 * A path leaks when, before that, it reaches `return`, `throw`, the end of the function, or a
 * statement that may throw: one with a call, `new`, `await`, `yield` or a tagged template (minus
 * the calls the caller says cannot throw). Inside a `try` with a `catch`, a throw goes to the
 * catch, which is walked as its own path. `if` forks into both branches; blocks are entered.
 *
 * It answers "unknown" rather than guess when a path meets what it does not model: a release
 * buried in a loop, switch or expression, `break`/`continue`, the end of a loop or switch case
 * body, or more than `MAX_STEPS` statements.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { unwrapExpression } from './ast-names';
import { contains, findInSubtree } from './subtree';

export type PathVerdict =
  | { kind: 'released' }
  | { kind: 'unknown' }
  /** `at` is the statement or expression on the leaking path: where it may throw or leave. */
  | { kind: 'leaks'; at: Node };

export interface PathQuery {
  /**
   * The statement that acquires the resource (a declaration or an assignment statement), or `body`
   * itself when the resource is held from the start (a callback that runs once it exists).
   */
  acquisition: TSESTree.Statement;
  /** The body of the function the resource belongs to. */
  body: TSESTree.BlockStatement;
  /** The release calls of the resource in this function (not in nested functions). */
  releases: readonly Node[];
  /** Calls that cannot throw in a way that matters here (a stream's own methods). */
  safeCalls: ReadonlySet<Node>;
  /** Calls that do not fail in practice (`console.error`, `util.format`): see `core/knowledge/calls-that-do-not-throw`. */
  cannotThrow?: (call: TSESTree.CallExpression) => boolean;
  /** Walk on past statements that may throw, to find a `return` or `throw` that leaves without the release. */
  onlyExits?: boolean;
}

interface Frame {
  list: readonly TSESTree.Statement[];
  index: number;
  /** A throw here goes to a `catch` that is walked as its own path. */
  covered: boolean;
  /** Reaching the end of this list means leaving a loop or switch body: unknown. */
  opaqueEnd?: boolean;
  next: Frame | null;
}

const MAX_STEPS = 400;
const UNKNOWN: PathVerdict = { kind: 'unknown' };

export function releasedOnEveryPath(query: PathQuery): PathVerdict {
  const start = startFrames(query);
  if (!('list' in start)) return start;
  const paths: Frame[] = [...start.catches, start.list];
  let steps = 0;
  let sawUnknown = false;
  while (paths.length > 0) {
    const outcome = walkPath(paths.pop()!, query, paths, () => ++steps > MAX_STEPS);
    if (outcome.kind === 'leaks') return outcome;
    if (outcome.kind === 'unknown') sawUnknown = true;
  }
  return sawUnknown ? UNKNOWN : { kind: 'released' };
}

/**
 * Like `releasedOnEveryPath`, but when the first leak found is a statement that may throw, looks
 * for a `return` or `throw` that leaves without the release, which says more in a message than
 * "if this call throws".
 */
export function mostTellingLeak(query: PathQuery): PathVerdict {
  const first = releasedOnEveryPath(query);
  if (first.kind !== 'leaks' || first.at.type === 'ReturnStatement' || first.at.type === 'ThrowStatement') return first;
  const exit = releasedOnEveryPath({ ...query, onlyExits: true });
  return exit.kind === 'leaks' && (exit.at.type === 'ReturnStatement' || exit.at.type === 'ThrowStatement') ? exit : first;
}

/** The continuation after the acquisition, built outward to the function body, plus the catch paths around it. */
function startFrames(query: PathQuery): { list: Frame; catches: Frame[] } | PathVerdict {
  if (query.acquisition === query.body) return { list: { list: query.body.body, index: 0, covered: false, next: null }, catches: [] };
  const chain: Array<{ list: readonly TSESTree.Statement[]; index: number; opaqueEnd?: boolean; tryOf?: TSESTree.TryStatement }> = [];
  let current: Node = query.acquisition;
  while (current !== query.body) {
    const parent: Node | undefined = current.parent;
    if (!parent) return UNKNOWN;
    if (parent.type === 'BlockStatement' || parent.type === 'SwitchCase') {
      const list = parent.type === 'BlockStatement' ? parent.body : parent.consequent;
      chain.push({ list, index: list.indexOf(current as TSESTree.Statement) + 1, opaqueEnd: parent.type === 'SwitchCase' || isLoopBody(parent) });
    } else if (parent.type === 'TryStatement' && current === parent.block) {
      if (parent.finalizer && holdsRelease(parent.finalizer, query)) return { kind: 'released' };
      chain.push({ list: [], index: 0, tryOf: parent });
    } else if (parent.type === 'TryStatement' && current === parent.handler && parent.finalizer) {
      if (holdsRelease(parent.finalizer, query)) return { kind: 'released' };
      chain.push({ list: parent.finalizer.body, index: 0 });
    } else if (isLoop(parent)) {
      chain.push({ list: [], index: 0, opaqueEnd: true });
    }
    current = parent;
  }
  let next: Frame | null = null;
  const catches: Frame[] = [];
  let covered = false;
  for (let i = chain.length - 1; i >= 0; i--) {
    const link = chain[i];
    if (link.tryOf) {
      const after: Frame | null = link.tryOf.finalizer ? { list: link.tryOf.finalizer.body, index: 0, covered, next } : next;
      // The catch runs with the resource held only if something after the acquisition in the try can throw.
      if (link.tryOf.handler && mayThrowAfter(link.tryOf.block, query)) catches.push({ list: link.tryOf.handler.body.body, index: 0, covered, next: after });
      next = after;
      covered = covered || !!link.tryOf.handler;
    } else {
      next = { list: link.list, index: link.index, covered, opaqueEnd: link.opaqueEnd, next };
    }
  }
  return next ? { list: next, catches } : UNKNOWN;
}

function walkPath(first: Frame, query: PathQuery, paths: Frame[], overBudget: () => boolean): PathVerdict {
  let frame: Frame | null = first;
  for (;;) {
    if (!frame) return { kind: 'leaks', at: query.body };
    if (frame.index >= frame.list.length) {
      if (frame.opaqueEnd) return UNKNOWN;
      frame = frame.next;
      continue;
    }
    if (overBudget()) return UNKNOWN;
    const statement: TSESTree.Statement = frame.list[frame.index];
    const after: Frame = { ...frame, index: frame.index + 1 };
    switch (statement.type) {
      case 'BlockStatement':
        frame = { list: statement.body, index: 0, covered: frame.covered, next: after };
        continue;
      case 'IfStatement': {
        const hazard = hazardIn(statement.test, query);
        if (hazard && !frame.covered && !query.onlyExits) return { kind: 'leaks', at: hazard };
        paths.push(statement.alternate ? { list: [statement.alternate], index: 0, covered: frame.covered, next: after } : after);
        frame = { list: [statement.consequent], index: 0, covered: frame.covered, next: after };
        continue;
      }
      case 'TryStatement': {
        if (statement.finalizer && holdsRelease(statement.finalizer, query)) return { kind: 'released' };
        const afterTry: Frame = statement.finalizer ? { list: statement.finalizer.body, index: 0, covered: frame.covered, next: after } : after;
        if (statement.handler) paths.push({ list: statement.handler.body.body, index: 0, covered: frame.covered, next: afterTry });
        frame = { list: statement.block.body, index: 0, covered: frame.covered || !!statement.handler, next: afterTry };
        continue;
      }
      case 'ReturnStatement':
        return { kind: 'leaks', at: statement };
      case 'ThrowStatement':
        if (frame.covered) return { kind: 'released' };
        return { kind: 'leaks', at: statement };
      case 'BreakStatement':
      case 'ContinueStatement':
        return UNKNOWN;
      case 'FunctionDeclaration':
        frame = after;
        continue;
      default: {
        if (isReleaseStatement(statement, query)) return { kind: 'released' };
        if (holdsRelease(statement, query)) return UNKNOWN;
        const exit = findInSubtree(statement, (n) => n.type === 'ReturnStatement');
        if (exit) return { kind: 'leaks', at: exit };
        const hazard = hazardIn(statement, query);
        if (hazard && !frame.covered && !query.onlyExits) return { kind: 'leaks', at: hazard };
        frame = after;
      }
    }
  }
}

/** Whether anything in `block` after the acquisition may throw, the release calls themselves (and their `await`) aside. */
function mayThrowAfter(block: TSESTree.BlockStatement, query: PathQuery): boolean {
  const after = query.acquisition.range[1];
  const inRelease = (n: Node) => query.releases.some((release) => contains(release, n) || release.parent === n);
  return !!findInSubtree(block, (n) => n.range[0] >= after && !inRelease(n) && hazardIn(n, query) === n);
}

function isLoop(node: Node): boolean {
  return node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement'
    || node.type === 'WhileStatement' || node.type === 'DoWhileStatement';
}

function isLoopBody(block: TSESTree.BlockStatement): boolean {
  return !!block.parent && isLoop(block.parent);
}

function holdsRelease(node: Node, query: PathQuery): boolean {
  return query.releases.some((release) => contains(node, release));
}

/** `closeSync(fd);`, `await fh.close();`, `void fh.close();` */
function isReleaseStatement(statement: TSESTree.Statement, query: PathQuery): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  let expression = unwrapExpression(statement.expression);
  if (expression.type === 'AwaitExpression') expression = unwrapExpression(expression.argument);
  else if (expression.type === 'UnaryExpression' && expression.operator === 'void') expression = unwrapExpression(expression.argument);
  if (!query.releases.includes(expression)) return false;
  const call = expression as TSESTree.CallExpression;
  return !call.arguments.some((arg) => hazardIn(arg, query));
}

/** The first thing under `node` that may throw: a call, `new`, `await`, `yield`, a tagged template or `throw`. */
function hazardIn(node: Node, query: PathQuery): Node | undefined {
  return findInSubtree(node, (n) => {
    switch (n.type) {
      case 'CallExpression':
        return !query.safeCalls.has(n) && !query.cannotThrow?.(n);
      case 'NewExpression':
      case 'AwaitExpression':
      case 'YieldExpression':
      case 'TaggedTemplateExpression':
      case 'ThrowStatement':
        return true;
      default:
        return false;
    }
  });
}
