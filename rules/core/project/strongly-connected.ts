/**
 * Tarjan's strongly-connected components, iterative (an explicit stack of frames), so a long
 * import chain cannot overflow the call stack. Visits only `nodes`, following only successors
 * inside `nodes`; components come out in reverse topological order.
 */
export function stronglyConnectedComponents<T>(nodes: Iterable<T>, successors: (node: T) => readonly T[], inScope: (node: T) => boolean = () => true): T[][] {
  const index = new Map<T, number>();
  const lowLink = new Map<T, number>();
  const onStack = new Set<T>();
  const stack: T[] = [];
  const components: T[][] = [];
  let counter = 0;

  for (const start of nodes) {
    if (index.has(start)) continue;
    const frames: Array<{ node: T; next: readonly T[]; i: number }> = [];
    const open = (node: T) => {
      index.set(node, counter);
      lowLink.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push({ node, next: successors(node), i: 0 });
    };
    open(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.i < frame.next.length) {
        const target = frame.next[frame.i++];
        if (!inScope(target)) continue;
        if (!index.has(target)) open(target);
        else if (onStack.has(target)) lowLink.set(frame.node, Math.min(lowLink.get(frame.node)!, index.get(target)!));
        continue;
      }
      frames.pop();
      const low = lowLink.get(frame.node)!;
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        lowLink.set(parent, Math.min(lowLink.get(parent)!, low));
      }
      if (low === index.get(frame.node)) {
        const component: T[] = [];
        let member: T;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
