import type { RuleRegistry } from '../rules/core/registry';

/** One line per rule: id, category, default severity, fixable, description. Sorted by id. */
export function listRules(registry: RuleRegistry): string {
  const rows = [...registry.values()].map((rule) => [
    rule.meta.opslint.id,
    rule.meta.opslint.category,
    rule.meta.docs.recommended ? rule.meta.opslint.defaultSeverity : `${rule.meta.opslint.defaultSeverity} (all only)`,
    rule.meta.fixable ? 'fix' : rule.meta.hasSuggestions ? 'suggest' : '-',
    rule.meta.docs.description,
  ]).sort((a, b) => a[0].localeCompare(b[0]));
  const header = ['RULE', 'CATEGORY', 'DEFAULT', 'FIXABLE', 'DESCRIPTION'];
  const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  ');
  return `${[header, ...rows].map(line).join('\n')}\n`;
}
