/**
 * Always throws: a function that throws on every path (`function fail(err) { throw new AppError('x',
 * { cause: err }); }`, `function badRequest(msg) { throw createError(400, msg); }`), directly or
 * through another such function of its module. A catch that calls it has not swallowed the error:
 * the failure goes on as a throw, as if written in the catch.
 *
 * An `async` function or a generator does not throw at its call (it gives a rejected promise or an
 * iterator): not counted.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type FunctionNode } from '../../utils/ast-names';
import type { BodyFacts } from './body-facts';
import type { FunctionPaths } from './every-path';

/** `rethrowsCall`: whether a call to a function of this module always throws. */
export function alwaysThrows(fn: FunctionNode, facts: BodyFacts, paths: FunctionPaths, rethrowsCall: (call: TSESTree.CallExpression) => boolean): boolean {
  if (fn.async || fn.generator || (fn.body.type === 'BlockStatement' && !facts.mayThrow)) return false;
  return paths.onEveryPath({
    is: (statement) => {
      if (statement.type === 'ThrowStatement') return true;
      const expression = statement.type === 'ExpressionStatement' ? unwrapExpression(statement.expression) : unwrapExpression(statement);
      return expression.type === 'CallExpression' && rethrowsCall(expression);
    },
  });
}
