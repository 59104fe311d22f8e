/**
 * Whether a function body does something on every path through it: releases a parameter, logs it,
 * throws. Function summaries (function-summaries.ts) ask it, so a caller can count a helper's call
 * as the release, log line or rethrow it stands for only when the helper cannot skip it.
 *
 * Paths are the body's branches, early `return`s and `throw`s; a call that throws midway is not
 * followed (a `finally` is how code makes a step survive it, and a step in a `finally` counts).
 * A `return` under a guard that the subject is absent (`if (!conn) return;`) skips nothing: there
 * was nothing to release. Nested functions run at another time and are not entered. One walk down
 * the statements, re-reading a statement's subtree only to look for a `return` in it, once for all
 * the steps asked of one function (`FunctionPaths` keeps the answers).
 */
import type { Node } from '../engine/types';
import type { FunctionNode } from '../../utils/ast-names';
import { findInSubtree } from '../../utils/subtree';

export interface PathStep {
  /** The statement itself is the step (`conn.release();`, `throw err;`). */
  is(statement: Node): boolean;
  /** `if (conn)`: a test that only says the subject is there; what it guards runs whenever there is something to do. */
  presenceTest?(test: Node): boolean;
}

/** The paths of one function, asked about several steps (each parameter, a throw). */
export class FunctionPaths {
  private readonly jumps = new Map<Node, boolean>();

  constructor(private readonly fn: FunctionNode) {}

  /** Whether the function does the step on every path that leaves it. */
  onEveryPath(step: PathStep): boolean {
    if (this.fn.body.type !== 'BlockStatement') return step.is(this.fn.body);
    return this.listDoes(this.fn.body.body, step);
  }

  private listDoes(statements: readonly Node[], step: PathStep): boolean {
    for (const statement of statements) {
      if (this.statementDoes(statement, step)) return true;
      if (this.leavesEarly(statement, step)) return false;
    }
    return false;
  }

  private statementDoes(statement: Node, step: PathStep): boolean {
    if (step.is(statement)) return true;
    switch (statement.type) {
      case 'BlockStatement': return this.listDoes(statement.body, step);
      case 'LabeledStatement': return this.statementDoes(statement.body, step);
      case 'IfStatement':
        if (statement.alternate) return this.statementDoes(statement.consequent, step) && this.statementDoes(statement.alternate, step);
        return step.presenceTest?.(statement.test) === true && this.statementDoes(statement.consequent, step);
      case 'TryStatement':
        if (statement.finalizer && this.listDoes(statement.finalizer.body, step)) return true;
        return this.listDoes(statement.block.body, step) && (!statement.handler || this.statementDoes(statement.handler.body, step));
      default: return false;
    }
  }

  /** A `return` or `throw` in the statement may leave before the step, unless it only leaves when the subject is absent. */
  private leavesEarly(statement: Node, step: PathStep): boolean {
    if (statement.type === 'IfStatement' && !statement.alternate && step.presenceTest && isAbsenceGuard(statement.test, step)) return false;
    let jumps = this.jumps.get(statement);
    if (jumps === undefined) {
      jumps = findInSubtree(statement, (n) => n.type === 'ReturnStatement' || n.type === 'ThrowStatement') !== undefined;
      this.jumps.set(statement, jumps);
    }
    return jumps;
  }
}

/** `!conn`, `conn == null`, `conn === undefined`: the negation of a presence test. */
function isAbsenceGuard(test: Node, step: PathStep): boolean {
  if (test.type === 'UnaryExpression' && test.operator === '!') return step.presenceTest!(test.argument);
  if (test.type !== 'BinaryExpression' || (test.operator !== '==' && test.operator !== '===')) return false;
  const other = isNullish(test.right) ? test.left : isNullish(test.left) ? test.right : undefined;
  return other !== undefined && step.presenceTest!(other);
}

/** `null`, `undefined`. */
export function isNullish(node: Node): boolean {
  return (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
}
