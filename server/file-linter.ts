import type { ConfigResolver } from '../rules/core/config/config-resolver';
import type { FileConfig, LintEnvironment } from '../rules/core/config/file-config';
import { isLintable } from '../rules/core/engine/parse';
import { ConfigError, FileError } from '../rules/core/errors';
import type { RuleRegistry } from '../rules/core/registry';
import type { BaselineStore, FileBaseline } from './baselines';
import type { ConfigStore } from './config-store';
import type { Settings } from './protocol';
import type { SettingsStore } from './settings-store';
import type { StatusReporter } from './status';
import type { WorkspaceRoots } from './workspace-roots';

/** What the engine needs to lint one file: the config in force for it and the environment. */
export interface LintTarget {
  filePath: string;
  resolver: ConfigResolver;
  config: FileConfig;
  env: LintEnvironment;
  /** The baseline's entries for this file, if it has any: its findings are then fingerprinted. */
  baseline?: FileBaseline;
}

export interface FileLinterDependencies {
  registry: RuleRegistry;
  configs: ConfigStore;
  baselines: BaselineStore;
  roots: WorkspaceRoots;
  settings: SettingsStore;
  status: StatusReporter;
}

/**
 * Decides whether and how a file is linted: enabled for its resource, a lintable extension, not in
 * the config's `ignores`, and a config that loads. A config that does not load turns into the error
 * status (naming the file and key), and the file gets no findings rather than wrong ones.
 */
export class FileLinter {
  constructor(private readonly deps: FileLinterDependencies) {}

  /** `projectScan`: the file is linted from disk for the project view, which `opslint.lint.workspace` can turn off. */
  async target(resourceUri: string, filePath: string, { projectScan = false } = {}): Promise<LintTarget | undefined> {
    const settings = await this.deps.settings.get(resourceUri);
    if (!settings.enable || (projectScan && !settings.lintWorkspace) || !isLintable(filePath)) return undefined;
    const root = this.deps.roots.rootFor(filePath);
    return this.contained(() => {
      const resolver = this.deps.configs.resolverFor(root, settings);
      if (resolver.isIgnored(filePath)) return undefined;
      return { filePath, resolver, config: resolver.resolve(filePath), env: { registry: this.deps.registry, cwd: root }, baseline: this.baselineOf(filePath, root, resolver, settings) };
    });
  }

  /** A baseline that cannot be read is shown in the status; the file is then linted as if there were none. */
  private baselineOf(filePath: string, root: string, resolver: ConfigResolver, settings: Settings): FileBaseline | undefined {
    try {
      return this.deps.baselines.forFile(filePath, root, resolver, settings.baselineSeverity);
    } catch (error) {
      if (!(error instanceof FileError)) throw error;
      this.deps.status.configProblem(error.file, error.message);
      return undefined;
    }
  }

  /** The resolver a workspace folder's project model asks for configs, if the folder is scanned at all. */
  async projectResolver(rootUri: string, root: string): Promise<ConfigResolver | undefined> {
    const settings = await this.deps.settings.get(rootUri);
    if (!settings.enable || !settings.lintWorkspace) return undefined;
    return this.contained(() => this.deps.configs.resolverFor(root, settings));
  }

  private contained<T>(load: () => T | undefined): T | undefined {
    try {
      return load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.deps.status.configProblem(error.file, error.message);
      return undefined;
    }
  }
}
