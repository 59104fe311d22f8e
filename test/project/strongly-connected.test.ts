import * as assert from 'node:assert/strict';
import { stronglyConnectedComponents } from '../../rules/core/project/strongly-connected';

const sorted = (components: number[][]) => components.map((c) => [...c].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);

describe('stronglyConnectedComponents', () => {
  it('finds components and returns singletons for acyclic nodes', () => {
    const edges: Record<number, number[]> = { 1: [2], 2: [3], 3: [1, 4], 4: [5], 5: [4], 6: [] };
    assert.deepEqual(sorted(stronglyConnectedComponents([1, 2, 3, 4, 5, 6], (n) => edges[n])), [[1, 2, 3], [4, 5], [6]]);
  });

  it('emits components in reverse topological order', () => {
    const edges: Record<number, number[]> = { 1: [2], 2: [3], 3: [] };
    assert.deepEqual(stronglyConnectedComponents([1, 2, 3], (n) => edges[n]), [[3], [2], [1]]);
  });

  it('follows only successors in scope', () => {
    const edges: Record<number, number[]> = { 1: [2], 2: [1, 3], 3: [2] };
    assert.deepEqual(sorted(stronglyConnectedComponents([1, 2], (n) => edges[n], (n) => n !== 3)), [[1, 2]]);
  });

  it('walks a 200,000-node chain without recursion', () => {
    const count = 200_000;
    const components = stronglyConnectedComponents(Array.from({ length: count }, (_, i) => i), (n) => [(n + 1) % count]);
    assert.equal(components.length, 1);
    assert.equal(components[0].length, count);
  });
});
