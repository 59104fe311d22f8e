import type { Node } from '../core/engine/types';
import { isFunctionNode } from './ast-names';
import { pushChildren } from './walk';

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
    pushChildren(stack, node);
  }
  return undefined;
}

/** Whether `inner` lies within `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
