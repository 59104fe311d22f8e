import * as assert from 'node:assert/strict';
import { inEnvironmentBranch } from '../../../rules/core/knowledge/environment-branches';
import { literal, parsed } from './parse-for-test';

function inBranch(code: string, value: string): boolean {
  const { sourceCode, nodes } = parsed(code);
  return inEnvironmentBranch(literal(nodes, value), sourceCode);
}

describe('knowledge: environment branches', () => {
  it('sees the arms of a conditional on the environment', () => {
    assert.equal(inBranch(`const u = environment.production ? 'a' : 'b';`, 'a'), true);
    assert.equal(inBranch(`const u = process.env.NODE_ENV === 'production' ? 'a' : 'b';`, 'b'), true);
    assert.equal(inBranch(`const u = isDev ? 'a' : 'b';`, 'a'), true);
  });

  it('sees the blocks of an if on the environment', () => {
    assert.equal(inBranch(`if (process.env.IS_OFFLINE) { options = { endpoint: 'a' }; }`, 'a'), true);
  });

  it('does not count the test itself, other conditions, or a function boundary', () => {
    assert.equal(inBranch(`const u = mode === 'production' ? x : y;`, 'production'), false);
    assert.equal(inBranch(`const u = apiKeyPro ? 'a' : 'b';`, 'a'), false);
    assert.equal(inBranch(`const u = products.length ? 'a' : 'b';`, 'a'), false);
    assert.equal(inBranch(`if (isProd) { register(() => 'a'); }`, 'a'), false);
  });
});
