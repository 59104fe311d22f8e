import * as path from 'node:path';
import { ConfigResolver } from '../rules/core/config/config-resolver';
import type { RuleRegistry } from '../rules/core/registry';
import type { Settings } from './protocol';

/**
 * One ConfigResolver per (workspace root, settings that shape config). Resolvers cache config files
 * per folder, so every resolver is dropped when any opslint.config.json changes.
 */
export class ConfigStore {
  private readonly resolvers = new Map<string, ConfigResolver>();

  constructor(private readonly registry: RuleRegistry) {}

  /** Throws ConfigError when the configured path or a rule override cannot be used. */
  resolverFor(root: string, settings: Settings): ConfigResolver {
    const key = JSON.stringify([root, settings.configPath, settings.ruleOverrides]);
    let resolver = this.resolvers.get(key);
    if (!resolver) {
      resolver = new ConfigResolver({
        root,
        registry: this.registry,
        configPath: settings.configPath ? path.resolve(root, settings.configPath) : undefined,
        ruleOverrides: settings.ruleOverrides,
      });
      this.resolvers.set(key, resolver);
    }
    return resolver;
  }

  invalidate(): void {
    this.resolvers.clear();
  }
}
