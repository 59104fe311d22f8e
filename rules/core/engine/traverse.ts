import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from './types';

export type VisitPhase = 'enter' | 'exit';

/**
 * Depth-first walk in source order without recursion, so deeply nested input cannot overflow
 * the stack here. Sets `parent` on each child before the child is entered, as ESLint does.
 */
export function traverse(root: Node, visit: (node: Node, phase: VisitPhase) => void): void {
  const stack: Array<{ node: Node; exiting: boolean }> = [{ node: root, exiting: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (frame.exiting) {
      visit(frame.node, 'exit');
      continue;
    }
    const node = frame.node;
    visit(node, 'enter');
    stack.push({ node, exiting: true });
    const keys = visitorKeys[node.type] ?? [];
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) pushChild(stack, node, child[i]);
      } else {
        pushChild(stack, node, child);
      }
    }
  }
}

function pushChild(stack: Array<{ node: Node; exiting: boolean }>, parent: Node, value: unknown): void {
  if (value && typeof value === 'object' && typeof (value as Node).type === 'string') {
    const child = value as Node & { parent?: Node };
    child.parent = parent;
    stack.push({ node: child, exiting: false });
  }
}
