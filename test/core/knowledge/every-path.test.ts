import * as assert from 'node:assert/strict';
import type { Node } from '../../../rules/core/engine/types';
import { isFunctionNode, type FunctionNode } from '../../../rules/utils/ast-names';
import { FunctionPaths } from '../../../rules/core/knowledge/every-path';
import { parsed } from './parse-for-test';

/** Whether the first function of the code calls `done()` on every path (`if (x)` guards a present `x`). */
function callsDoneOnEveryPath(code: string): boolean {
  const fn = parsed(code).nodes.find((n): n is FunctionNode => isFunctionNode(n));
  assert.ok(fn, 'no function');
  const isDone = (statement: Node) => statement.type === 'ExpressionStatement' && statement.expression.type === 'CallExpression'
    && statement.expression.callee.type === 'Identifier' && statement.expression.callee.name === 'done';
  return new FunctionPaths(fn).onEveryPath({ is: isDone, presenceTest: (test) => test.type === 'Identifier' && test.name === 'x' });
}

describe('knowledge/every-path', () => {
  it('sees a step on every path: straight, in both branches, in a finally, in a try and its catch', () => {
    assert.equal(callsDoneOnEveryPath('function f() { work(); done(); }'), true);
    assert.equal(callsDoneOnEveryPath('function f(a) { if (a) { done(); } else { done(); } }'), true);
    assert.equal(callsDoneOnEveryPath('function f() { try { return work(); } finally { done(); } }'), true);
    assert.equal(callsDoneOnEveryPath('function f() { try { work(); done(); } catch (e) { done(); } }'), true);
    assert.equal(callsDoneOnEveryPath('function f(x) { if (!x) return; done(); }'), true, 'nothing to do when absent');
    assert.equal(callsDoneOnEveryPath('function f(x) { if (x) done(); }'), true, 'a presence guard');
  });

  it('does not see a step that a branch, an early return or a throw skips', () => {
    assert.equal(callsDoneOnEveryPath('function f(a) { if (a) done(); }'), false);
    assert.equal(callsDoneOnEveryPath('function f(a) { if (a) return; done(); }'), false);
    assert.equal(callsDoneOnEveryPath('function f(a) { if (a) throw new Error(); done(); }'), false);
    assert.equal(callsDoneOnEveryPath('function f() { try { work(); done(); } catch (e) { log(e); } }'), false);
    assert.equal(callsDoneOnEveryPath('function f(items) { for (const i of items) done(); }'), false, 'a loop may not run');
    assert.equal(callsDoneOnEveryPath('function f() { setTimeout(() => { done(); }); }'), false, 'a nested function runs at another time');
  });
});
