import type { FileConfig } from '../rules/core/config/file-config';
import type { RuleRegistry } from '../rules/core/registry';

/** The rules a config turns on (its map holds only rules that are on) that still need configuration to report anything, with why (from each rule's `needsConfiguration`). */
export function rulesNeedingConfiguration(config: FileConfig, registry: RuleRegistry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, setting] of config.rules) {
    const reason = registry.get(id)?.meta.opslint.needsConfiguration?.(setting.options);
    if (reason !== undefined) out[id] = reason;
  }
  return out;
}

/** One stderr line per rule that is on for some linted file but needs configuration: said once per run, not per file. */
export function needsConfigurationNotices(configs: Iterable<FileConfig>, registry: RuleRegistry): string[] {
  const reasons = new Map<string, string>();
  const seen = new Set<FileConfig>();
  for (const config of configs) {
    if (seen.has(config)) continue;
    seen.add(config);
    for (const [id, reason] of Object.entries(rulesNeedingConfiguration(config, registry))) if (!reasons.has(id)) reasons.set(id, reason);
  }
  return [...reasons].map(([id, reason]) => `${id} is on but reports nothing until it is configured: ${reason}.`);
}
