import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { FileRole } from '../engine/types';
import { ConfigError } from '../errors';
import { closeRuleIds, presetRules, type RuleRegistry } from '../registry';
import { CONFIG_FILE_NAME, loadConfigFile, type ConfigFile, type RuleEntry } from './config-file';
import { DEFAULT_MAX_FILE_SIZE, type FileConfig, type RuleSetting } from './file-config';
import { mergeOptions, RuleOptionsValidator } from './rule-options';
import type { RoleHints } from '../roles/infer-file-role';
import { PackageManifests } from '../roles/package-manifests';

export interface ConfigResolverOptions {
  /** The project root: config lookup stops here. */
  root: string;
  registry: RuleRegistry;
  /** `--config PATH`: use this file for every file, no lookup. */
  configPath?: string;
  /** `--rule` flags, applied last. */
  ruleOverrides?: Record<string, RuleEntry>;
}

const SEVERITY = { warn: 1, error: 2 } as const;

/**
 * Finds the config in force for each file (nearest opslint.config.json from the file's folder up
 * to the root; the nearest wins, and it can `extends` others) and resolves it to a FileConfig.
 * Caches per folder for the resolver's lifetime; the server makes a new resolver when a config changes.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, ConfigFile | null>();
  private readonly validator = new RuleOptionsValidator();
  private readonly explicit: ConfigFile | undefined;
  private readonly ignoreMatchers = new Map<ConfigFile, (relative: string) => boolean>();
  private readonly overrideMatchers = new Map<ConfigFile, Array<(relative: string) => boolean>>();
  /** Resolved configs by config file (null: none, defaults) and the indices of the overrides that matched. */
  private readonly resolved = new Map<ConfigFile | null, Map<string, FileConfig>>();
  /** The shared FileConfig with one file's role hints, by hints: a project has a handful of distinct ones. */
  private readonly withHints = new Map<FileConfig, Map<string, FileConfig>>();
  private readonly roleMatchers = new Map<ConfigFile, Array<{ matches: (file: string) => boolean; glob: string; role: FileRole }>>();
  private readonly manifests: PackageManifests;

  constructor(private readonly options: ConfigResolverOptions) {
    this.manifests = new PackageManifests(options.root);
    this.explicit = options.configPath ? this.load(path.resolve(options.configPath)) : undefined;
    if (options.ruleOverrides) this.validateOverrides(options.ruleOverrides);
  }

  private load(file: string): ConfigFile {
    return loadConfigFile(file, { registry: this.options.registry, optionsValidator: this.validator });
  }

  private validateOverrides(overrides: Record<string, RuleEntry>): void {
    for (const id of Object.keys(overrides)) {
      if (this.options.registry.has(id)) continue;
      const close = closeRuleIds(this.options.registry, id);
      throw new ConfigError('--rule', id, 'is not an Opslint rule.', close.length > 0 ? `Did you mean ${close.join(' or ')}?` : 'Run opslint --list-rules for all ids.');
    }
  }

  /** The config file that applies to `filePath`, or undefined when none does (defaults apply). */
  configFileFor(filePath: string): ConfigFile | undefined {
    if (this.explicit) return this.explicit;
    const root = path.resolve(this.options.root);
    let dir = path.dirname(path.resolve(filePath));
    const visited: string[] = [];
    let found: ConfigFile | null = null;
    for (;;) {
      const cached = this.byDir.get(dir);
      if (cached !== undefined) { found = cached; break; }
      visited.push(dir);
      const candidate = path.join(dir, CONFIG_FILE_NAME);
      if (fs.existsSync(candidate)) { found = this.load(candidate); break; }
      const parent = path.dirname(dir);
      if (dir === root || parent === dir || !isInside(parent, root)) break;
      dir = parent;
    }
    for (const d of visited) this.byDir.set(d, found);
    return found ?? undefined;
  }

  isIgnored(filePath: string): boolean {
    const config = this.configFileFor(filePath);
    if (!config || config.ignores.length === 0) return false;
    const relative = toPosix(path.relative(config.dir, path.resolve(filePath)));
    let matcher = this.ignoreMatchers.get(config);
    if (!matcher) {
      matcher = picomatch(config.ignores, { dot: true });
      this.ignoreMatchers.set(config, matcher);
    }
    return matcher(relative);
  }

  /**
   * The config in force for the file. Files under the same config file with the same matching
   * overrides share one FileConfig object (treat it as read-only): a project has a handful of
   * distinct configs, and callers such as the cache key on it.
   */
  resolve(filePath: string): FileConfig {
    const config = this.configFileFor(filePath) ?? null;
    const shared = this.resolveShared(config, filePath);
    const hints = this.roleHintsFor(config, filePath);
    const key = JSON.stringify(hints);
    let byHints = this.withHints.get(shared);
    if (!byHints) this.withHints.set(shared, (byHints = new Map()));
    let resolved = byHints.get(key);
    if (!resolved) byHints.set(key, (resolved = { ...shared, roleHints: hints }));
    return resolved;
  }

  /** The config's last `roles` glob matching the file, and what its nearest package.json says of it. */
  private roleHintsFor(config: ConfigFile | null, filePath: string): RoleHints {
    const manifest = this.manifests.hintsFor(filePath);
    if (!config || config.roles.length === 0) return { manifest };
    let matchers = this.roleMatchers.get(config);
    if (!matchers) this.roleMatchers.set(config, (matchers = config.roles.map(({ glob, role }) => ({ matches: picomatch(glob, { dot: true }), glob, role }))));
    const absolute = toPosix(path.resolve(filePath));
    const configured = matchers.findLast((m) => m.matches(absolute));
    const shown = configured && toPosix(path.relative(config.dir, configured.glob.replace(/\\(.)/g, '$1')));
    return configured ? { configured: { role: configured.role, glob: shown! }, manifest } : { manifest };
  }

  private resolveShared(config: ConfigFile | null, filePath: string): FileConfig {
    const matching = config ? this.matchingOverrides(config, filePath) : [];
    let byOverrides = this.resolved.get(config);
    if (!byOverrides) this.resolved.set(config, (byOverrides = new Map()));
    const key = matching.join(',');
    let resolved = byOverrides.get(key);
    if (!resolved) byOverrides.set(key, (resolved = this.build(config, matching)));
    return resolved;
  }

  /** Indices of the config's overrides whose `files` match the file. */
  private matchingOverrides(config: ConfigFile, filePath: string): number[] {
    const relative = toPosix(path.relative(config.dir, path.resolve(filePath)));
    let matchers = this.overrideMatchers.get(config);
    if (!matchers) this.overrideMatchers.set(config, (matchers = config.overrides.map((override) => picomatch(override.files, { dot: true }))));
    return matchers.flatMap((matches, index) => (matches(relative) ? [index] : []));
  }

  private build(config: ConfigFile | null, matchingOverrides: readonly number[]): FileConfig {
    const entries = new Map<string, RuleEntry>();
    if (!config) for (const [id, severity] of presetRules(this.options.registry, 'opslint:recommended')) entries.set(id, severity);
    let settings: Record<string, unknown> = {};
    if (config) {
      for (const [id, entry] of config.rules) entries.set(id, entry);
      settings = { ...config.settings };
      for (const index of matchingOverrides) {
        const override = config.overrides[index];
        for (const [id, entry] of Object.entries(override.rules ?? {})) entries.set(id, entry);
        settings = { ...settings, ...(override.settings ?? {}) };
      }
    }
    for (const [id, entry] of Object.entries(this.options.ruleOverrides ?? {})) entries.set(id, entry);
    return { rules: this.toSettings(entries), settings, maxFileSize: config?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE };
  }

  private toSettings(entries: Map<string, RuleEntry>): Map<string, RuleSetting> {
    const rules = new Map<string, RuleSetting>();
    for (const [id, entry] of entries) {
      const [severity, ...options] = Array.isArray(entry) ? entry : [entry];
      if (severity === 'off') continue;
      const rule = this.options.registry.get(id);
      if (!rule) continue;
      rules.set(id, { severity: SEVERITY[severity], options: mergeOptions(rule.meta.defaultOptions, options) });
    }
    return rules;
  }
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function isInside(child: string, root: string): boolean {
  const relative = path.relative(root, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
