import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from '../core/engine/types';

/**
 * Pushes `node`'s children on `stack` so that popping visits them in source order: the step of an
 * iterative pre-order walk over a subtree (rules must not recurse over AST depth).
 */
export function pushChildren(stack: Node[], node: Node): void {
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

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}
