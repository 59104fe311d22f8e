import type { ImportCycle, ModuleEdge, ProjectGraphView } from './project-rule';
import { stronglyConnectedComponents } from './strongly-connected';

/** Up to this size a component's cycles are shortened by breadth-first search; above it the depth-first path is used as is. */
const SHORTEST_CYCLE_LIMIT = 400;

function targetOf(edge: ModuleEdge): string | undefined {
  return edge.resolution.kind === 'file' ? edge.resolution.path : undefined;
}

/** The shortest chain of runtime imports from `from` to `to` inside the component (breadth-first). */
function shortestPath(from: string, to: string, members: ReadonlySet<string>, runtimeEdges: (file: string) => readonly ModuleEdge[]): ModuleEdge[] | undefined {
  if (from === to) return [];
  const via = new Map<string, ModuleEdge>();
  const queue = [from];
  const visited = new Set([from]);
  for (let head = 0; head < queue.length; head++) {
    for (const edge of runtimeEdges(queue[head])) {
      const target = targetOf(edge);
      if (target === undefined || !members.has(target) || visited.has(target)) continue;
      visited.add(target);
      via.set(target, edge);
      if (target === to) {
        const path: ModuleEdge[] = [];
        for (let at = to; at !== from; at = via.get(at)!.from) path.unshift(via.get(at)!);
        return path;
      }
      queue.push(target);
    }
  }
  return undefined;
}

/**
 * The shortest cycle through one runtime edge between two members of a component (there always is
 * one: its target reaches its source), starting at that edge.
 */
export function cycleThroughEdge(edge: ModuleEdge, members: ReadonlySet<string>, runtimeEdges: (file: string) => readonly ModuleEdge[]): ImportCycle | undefined {
  const target = targetOf(edge);
  if (target === undefined || !members.has(target)) return undefined;
  const back = shortestPath(target, edge.from, members, runtimeEdges);
  if (back === undefined) return undefined;
  const hops = [edge, ...back];
  return { files: hops.map((h) => h.from), hops };
}

/** Starts the cycle at its smallest path, so it reads (and is reported) the same whatever the edit order. */
function canonical(hops: readonly ModuleEdge[]): ImportCycle {
  let start = 0;
  for (let i = 1; i < hops.length; i++) if (hops[i].from < hops[start].from) start = i;
  const rotated = [...hops.slice(start), ...hops.slice(0, start)];
  return { files: rotated.map((h) => h.from), hops: rotated };
}

/**
 * The cycles of one strongly-connected component: one per back edge of a depth-first walk from
 * its smallest path, in import order. Removing every back edge leaves no cycle, so the imports
 * these cycles run through are enough to untangle the component, and a 3-cycle is one cycle (not
 * three rotations). In components small enough, each cycle is the shortest one through its back
 * edge. Linear in the component (plus the shortening), where listing every elementary cycle of a
 * tangle would be exponential. Iterative: long chains cannot overflow the stack.
 */
export function cyclesOfComponent(component: readonly string[], runtimeEdges: (file: string) => readonly ModuleEdge[]): ImportCycle[] {
  const members = new Set(component);
  const shorten = component.length <= SHORTEST_CYCLE_LIMIT;
  const start = component.reduce((a, b) => (b < a ? b : a));
  const onStack = new Map<string, number>();
  const visited = new Set<string>([start]);
  const pathEdges: ModuleEdge[] = [];
  const frames: Array<{ node: string; edges: readonly ModuleEdge[]; i: number }> = [{ node: start, edges: runtimeEdges(start), i: 0 }];
  onStack.set(start, 0);
  const seen = new Set<string>();
  const cycles: ImportCycle[] = [];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.i >= frame.edges.length) {
      frames.pop();
      onStack.delete(frame.node);
      pathEdges.pop();
      continue;
    }
    const edge = frame.edges[frame.i++];
    const target = targetOf(edge);
    if (target === undefined || !members.has(target)) continue;
    const depth = onStack.get(target);
    if (depth !== undefined) {
      const hops = shorten ? [edge, ...(shortestPath(target, edge.from, members, runtimeEdges) ?? [])] : [...pathEdges.slice(depth), edge];
      const cycle = canonical(hops);
      const key = cycle.files.join('\0');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push(cycle);
      }
      continue;
    }
    if (visited.has(target)) continue;
    visited.add(target);
    onStack.set(target, frames.length);
    pathEdges.push(edge);
    frames.push({ node: target, edges: runtimeEdges(target), i: 0 });
  }
  return cycles;
}

/**
 * The cycles of the whole graph through the edges `follow` keeps, in the order `cycles()` gives. For a
 * rule option that counts more edges than the graph's load-time ones (lazy `require()`s): computed
 * afresh on each call, where the graph keeps its load-time cycles up to date incrementally.
 */
export function cyclesThrough(graph: ProjectGraphView, follow: (edge: ModuleEdge) => boolean): ImportCycle[] {
  const edgesOf = (file: string) => graph.edgesOf(file).filter(follow);
  const successors = (file: string) => edgesOf(file).flatMap((e) => (e.resolution.kind === 'file' ? [e.resolution.path] : []));
  const cycles: ImportCycle[] = [];
  for (const component of stronglyConnectedComponents(graph.files(), successors, (file) => graph.has(file))) {
    if (component.length > 1 || successors(component[0]).includes(component[0])) cycles.push(...cyclesOfComponent(component, edgesOf));
  }
  return cycles.sort((a, b) => (a.files.join('\0') < b.files.join('\0') ? -1 : 1));
}
