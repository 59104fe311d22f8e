import * as assert from 'node:assert/strict';
import { heapGrowthFlag } from '../../cli/heap-growth';

describe('cli heap growth cap', () => {
  it('caps V8 heap growth when the user set nothing', () => {
    assert.equal(heapGrowthFlag([], undefined), '--heap-growing-percent=100');
    assert.equal(heapGrowthFlag(['--enable-source-maps'], '--trace-warnings'), '--heap-growing-percent=100');
  });

  it("leaves the heap to the user's own V8 flags, on the command line or in NODE_OPTIONS", () => {
    assert.equal(heapGrowthFlag(['--max-old-space-size=4096'], undefined), undefined);
    assert.equal(heapGrowthFlag([], '--max_old_space_size=8192 --trace-warnings'), undefined);
    assert.equal(heapGrowthFlag([], '--heap-growing-percent=300'), undefined);
    assert.equal(heapGrowthFlag(['--optimize-for-size'], ''), undefined);
  });
});
