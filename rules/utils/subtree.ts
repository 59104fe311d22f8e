import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from '../core/engine/types';
import { isFunctionNode } from './ast-names';

/**
 * The first node under `root` (root included, source order) that `test` accepts, without
 * entering nested functions or classes: their bodies run at another time, not as part of `root`.
 * Iterative, so deeply nested code cannot overflow the stack.
 */
export function findInSubtree(root: Node, test: (node: Node) => boolean): Node | undefined {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (test(node)) return node;
    if (node !== root && (isFunctionNode(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression')) continue;
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) if (isNode(child[i])) stack.push(child[i]);
      } else if (isNode(child)) {
        stack.push(child);
      }
    }
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

/** Whether `inner` lies within `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
