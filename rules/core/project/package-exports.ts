/**
 * `package.json` `exports` and `imports` maps, resolved as Node does for the conditions a
 * TypeScript/Node service is built with. Returns the target path relative to the package folder.
 */
export const CONDITIONS = ['types', 'import', 'require', 'node', 'default'] as const;

type Target = string | null | Target[] | { [key: string]: Target };

function pickTarget(target: Target | undefined, star: string): string | undefined {
  if (typeof target === 'string') return target.replace(/\*/g, star);
  if (Array.isArray(target)) {
    for (const t of target) {
      const picked = pickTarget(t, star);
      if (picked !== undefined) return picked;
    }
    return undefined;
  }
  if (target && typeof target === 'object') {
    for (const [condition, value] of Object.entries(target)) {
      if (!(CONDITIONS as readonly string[]).includes(condition)) continue;
      const picked = pickTarget(value, star);
      if (picked !== undefined) return picked;
    }
  }
  return undefined;
}

/** Looks `request` (`.`, `./sub`, `#internal`) up in a subpath map, patterns with one `*` included. */
function lookUp(map: Record<string, Target>, request: string): string | undefined {
  if (request in map && !request.includes('*')) return pickTarget(map[request], '');
  let best: { key: string; star: string } | undefined;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (request.startsWith(prefix) && request.endsWith(suffix) && request.length >= key.length - 1 && (!best || prefix.length > best.key.indexOf('*'))) {
      best = { key, star: request.slice(prefix.length, request.length - suffix.length) };
    }
  }
  return best && pickTarget(map[best.key], best.star);
}

/** The `exports` target for `subpath` (`.` or `./x`), or undefined if the map has none or there is no map. */
export function resolveExports(exportsField: unknown, subpath: string): string | undefined {
  if (exportsField === undefined || exportsField === null) return undefined;
  const isSubpathMap = typeof exportsField === 'object' && !Array.isArray(exportsField) && Object.keys(exportsField).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? pickTarget(exportsField as Target, '') : undefined;
  return lookUp(exportsField as Record<string, Target>, subpath);
}

/** The `imports` target for a `#name` specifier. */
export function resolveImports(importsField: unknown, specifier: string): string | undefined {
  if (!importsField || typeof importsField !== 'object' || Array.isArray(importsField)) return undefined;
  return lookUp(importsField as Record<string, Target>, specifier);
}
