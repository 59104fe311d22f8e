/**
 * The first place two ESTree values differ, as a path (`$.body.3.range.0: 41 vs 42`), or undefined
 * when they are equal. `parent` links are left out: the walk sets them, the parser does not. An
 * explicit stack, so deep corpus trees cannot overflow it.
 */
export function astDifference(actual: unknown, expected: unknown): string | undefined {
  const pending: Array<[unknown, unknown, string]> = [[actual, expected, '$']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [a, b, at] = next;
    if (Object.is(a, b)) continue;
    if (a instanceof RegExp && b instanceof RegExp) {
      if (String(a) !== String(b)) return `${at}: ${String(a)} vs ${String(b)}`;
      continue;
    }
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
      return `${at}: ${describe(a)} vs ${describe(b)}`;
    }
    const keysA = Object.keys(a).filter((k) => k !== 'parent');
    const keysB = Object.keys(b).filter((k) => k !== 'parent');
    if (keysA.length !== keysB.length || keysA.some((k) => !(k in b))) return `${at}: keys ${keysA.join(',')} vs ${keysB.join(',')}`;
    for (const key of keysA) pending.push([(a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`]);
  }
  return undefined;
}

function describe(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value)).slice(0, 80);
}
