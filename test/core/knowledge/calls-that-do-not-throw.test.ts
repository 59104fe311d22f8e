import * as assert from 'node:assert/strict';
import { simpleTraverse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource } from '../../../rules/core/engine/parse';
import { cannotThrow } from '../../../rules/core/knowledge/calls-that-do-not-throw';
import { moduleBindings } from '../../../rules/utils/imports';

/** Whether the last call of the text (in source order) is one that cannot throw. */
function lastCallCannotThrow(text: string): boolean {
  const ast = parseSource(text, 'a.js');
  let last: TSESTree.CallExpression | undefined;
  simpleTraverse(ast, { enter(node) { if (node.type === 'CallExpression') last = node; } }, true);
  assert.ok(last, 'the text has a call');
  return cannotThrow(last, moduleBindings(ast));
}

describe('cannotThrow', () => {
  it('logging, formatting and the clock do not throw', () => {
    assert.equal(lastCallCannotThrow('console.error(err);'), true);
    assert.equal(lastCallCannotThrow("const util = require('util');\nutil.format(err);"), true);
    assert.equal(lastCallCannotThrow("import { inspect } from 'node:util';\ninspect(err);"), true);
    assert.equal(lastCallCannotThrow('Date.now();'), true);
    assert.equal(lastCallCannotThrow('Math.max(a, b);'), true);
  });

  it("a package's synchronous call with no arguments does not throw", () => {
    assert.equal(lastCallCannotThrow("const R = require('redbean-node');\nR.isoDateTime();"), true);
    assert.equal(lastCallCannotThrow("import { v4 } from 'uuid';\nv4();"), true);
  });

  it('a call with input, an awaited call, or an app function may throw', () => {
    assert.equal(lastCallCannotThrow('JSON.stringify(value);'), false);
    assert.equal(lastCallCannotThrow("const R = require('redbean-node');\nR.exec(sql);"), false);
    assert.equal(lastCallCannotThrow("import { load } from 'loader';\nasync function f() { await load(); }"), false);
    assert.equal(lastCallCannotThrow("import { now } from './clock';\nnow();"), false);
    assert.equal(lastCallCannotThrow('compute();'), false);
  });
});
