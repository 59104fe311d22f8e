import type { ImportCycle, ModuleEdge } from './project-rule';

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
 * The cycles of one strongly-connected component: for each runtime import inside it (in path
 * order), the shortest cycle through that import, unless an earlier cycle already used it. So
 * every import that takes part in a cycle is shown in at least one, a 3-cycle is one cycle (not
 * three rotations), and the work stays polynomial where listing every elementary cycle would not.
 * Each cycle starts at its smallest path, so it reads (and is reported) the same whatever the edit order.
 */
export function cyclesOfComponent(component: readonly string[], runtimeEdges: (file: string) => readonly ModuleEdge[]): ImportCycle[] {
  const members = new Set(component);
  const covered = new Set<ModuleEdge>();
  const seen = new Set<string>();
  const cycles: ImportCycle[] = [];
  for (const file of [...component].sort()) {
    for (const edge of runtimeEdges(file)) {
      const target = targetOf(edge);
      if (target === undefined || !members.has(target) || covered.has(edge)) continue;
      const back = shortestPath(target, file, members, runtimeEdges);
      if (!back) continue;
      const hops = [edge, ...back];
      for (const hop of hops) covered.add(hop);
      let start = 0;
      for (let i = 1; i < hops.length; i++) if (hops[i].from < hops[start].from) start = i;
      const rotated = [...hops.slice(start), ...hops.slice(0, start)];
      const files = rotated.map((h) => h.from);
      const key = files.join('\0');
      if (seen.has(key)) continue;
      seen.add(key);
      cycles.push({ files, hops: rotated });
    }
  }
  return cycles;
}
