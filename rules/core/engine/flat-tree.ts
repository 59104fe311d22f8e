/**
 * Moves an object graph (an AST) between threads without recursion. Structured clone and JSON
 * both recurse over depth, so a tree the parser could only build on a large stack would overflow
 * the receiving thread; a flat table of shallow objects plus (parent, key, child) links does not.
 * Values structured clone keeps (RegExp and bigint literal values) survive.
 */
export interface FlatTree {
  /** Every object or array of the graph, with its object-valued properties left out. */
  objects: Array<Record<string, unknown> | unknown[]>;
  /** Triples: index of the holder, key, index of the object it holds there. */
  links: Array<[number, string | number, number]>;
}

function isComposite(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null && !(value instanceof RegExp);
}

export function flattenTree(root: object): FlatTree {
  const objects: FlatTree['objects'] = [];
  const links: FlatTree['links'] = [];
  const index = new Map<object, number>();
  const pending: Array<Record<string, unknown> | unknown[]> = [];
  const visit = (value: Record<string, unknown> | unknown[]): number => {
    let at = index.get(value);
    if (at === undefined) {
      at = objects.length;
      index.set(value, at);
      objects.push(Array.isArray(value) ? new Array(value.length) : {});
      pending.push(value);
    }
    return at;
  };
  visit(root as Record<string, unknown>);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const holder = index.get(next)!;
    const copy = objects[holder] as Record<string | number, unknown>;
    for (const [key, value] of Object.entries(next)) {
      if (key === 'parent') continue;
      const slot = Array.isArray(next) ? Number(key) : key;
      if (isComposite(value)) links.push([holder, slot, visit(value)]);
      else copy[slot] = value;
    }
  }
  return { objects, links };
}

export function rebuildTree<T>(flat: FlatTree): T {
  for (const [holder, key, child] of flat.links) (flat.objects[holder] as Record<string | number, unknown>)[key] = flat.objects[child];
  return flat.objects[0] as T;
}
