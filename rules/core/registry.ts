import type { Rule } from './engine/types';

export type RuleRegistry = ReadonlyMap<string, Rule>;

/**
 * Indexes rules by id; two rules with one id are a packaging bug, caught here at start-up.
 * Project-level rules are Rules too (see core/project/project-rule.ts), so config, presets and
 * options validation accept their ids with no special case.
 */
export function createRegistry(rules: readonly Rule[]): RuleRegistry {
  const registry = new Map<string, Rule>();
  for (const rule of rules) {
    const id = rule.meta.opslint.id;
    if (registry.has(id)) throw new Error(`two rules share the id ${id}`);
    registry.set(id, rule);
  }
  return registry;
}

export const PRESETS = ['opslint:recommended', 'opslint:all'] as const;
export type PresetName = (typeof PRESETS)[number];

/** A preset's entry for one rule: its default severity, with the options `opslint:all` sets, if any. */
export type PresetEntry = 'warn' | 'error' | ['warn' | 'error', ...unknown[]];

/** Rule id → entry (default severity, and in `opslint:all` the rule's `allPresetOptions`) for a preset. */
export function presetRules(registry: RuleRegistry, preset: PresetName): Map<string, PresetEntry> {
  const rules = new Map<string, PresetEntry>();
  for (const [id, rule] of registry) {
    const { defaultSeverity, allPresetOptions } = rule.meta.opslint;
    if (preset === 'opslint:all') rules.set(id, allPresetOptions ? [defaultSeverity, ...allPresetOptions] : defaultSeverity);
    else if (rule.meta.docs.recommended) rules.set(id, defaultSeverity);
  }
  return rules;
}

/** Ids within a small edit distance of `unknown`, for "did you mean" messages. */
export function closeRuleIds(registry: RuleRegistry, unknown: string): string[] {
  const scored = [...registry.keys()].map((id) => ({ id, d: Math.min(editDistance(unknown, id), editDistance(unknown, id.split('/')[1] ?? id)) }));
  return scored.filter((s) => s.d <= Math.max(3, Math.floor(unknown.length / 3))).sort((a, b) => a.d - b.d).slice(0, 3).map((s) => s.id);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
