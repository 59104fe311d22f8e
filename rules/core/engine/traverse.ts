import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from './types';

export type VisitPhase = 'enter' | 'exit';

/**
 * Depth-first walk in source order without recursion, so deeply nested input cannot overflow
 * the stack here. Sets `parent` on each child before the child is entered, as ESLint does.
 * Two parallel arrays instead of a frame object per node: the walk runs on every node of every
 * file, and the allocation showed in the lint/parse ratio. `needsExit` says which node types the
 * caller wants an exit visit for (all by default).
 */
export function traverse(root: Node, visit: (node: Node, phase: VisitPhase) => void, needsExit: (type: string) => boolean = always): void {
  const nodes: Node[] = [root];
  const exiting: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    if (exiting.pop()) {
      visit(node, 'exit');
      continue;
    }
    visit(node, 'enter');
    // Most node types have no exit handler: no exit frame for them (half the stack traffic of the walk).
    if (needsExit(node.type)) {
      nodes.push(node);
      exiting.push(true);
    }
    const keys = visitorKeys[node.type];
    if (keys === undefined) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]];
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) pushChild(nodes, exiting, node, child[i]);
      } else {
        pushChild(nodes, exiting, node, child);
      }
    }
  }
}

function pushChild(nodes: Node[], exiting: boolean[], parent: Node, value: unknown): void {
  if (value !== null && typeof value === 'object' && typeof (value as Node).type === 'string') {
    (value as Node & { parent?: Node }).parent = parent;
    nodes.push(value as Node);
    exiting.push(false);
  }
}

function always(): boolean {
  return true;
}
