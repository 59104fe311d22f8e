import type { ConfigResolver } from '../rules/core/config/config-resolver';
import type { FileConfig } from '../rules/core/config/file-config';
import type { Comment, Finding } from '../rules/core/engine/types';
import { mergeProjectFindings } from '../rules/core/project/merge-project-findings';
import { applyProgramConditions, awaitsProgramFacts, programFactsFor } from '../rules/core/project/program-conditions';
import type { ModuleFacts } from '../rules/core/project/module-facts';
import { ProjectModel } from '../rules/core/project/project-model';
import { isProjectRule } from '../rules/core/project/project-rule';
import type { RuleRegistry } from '../rules/core/registry';
import type { BaselineInputs } from './baselines';
import type { PositionMap } from './positions';
import type { WorkspaceRoots } from './workspace-roots';

/** A file's per-file lint, with what the project pass needs to add its cross-file findings and the baseline to mark them. */
export interface FileState extends BaselineInputs {
  messages: Finding[];
  /** Absent when the text does not parse: the file then leaves the module graph. */
  facts?: ModuleFacts;
  directives: Comment[];
  enabledRules: ReadonlySet<string>;
  /** Finding line/column → LSP position in the text that was linted. */
  positions: PositionMap;
}

/**
 * One ProjectModel (module graph + project rules' findings) per workspace folder. Updates go
 * through the model's incremental API and return the files whose cross-file findings changed.
 */
export class ProjectModels {
  private readonly byRoot = new Map<string, ProjectModel>();

  constructor(
    private readonly registry: RuleRegistry,
    private readonly roots: WorkspaceRoots,
  ) {}

  /** Replaces the root's model with one built from these facts; returns the files with cross-file findings. */
  build(root: string, resolver: ConfigResolver, modules: Array<readonly [string, ModuleFacts]>): string[] {
    const rules = [...this.registry.values()].filter(isProjectRule);
    if (rules.length === 0) return [];
    const configs = new Map<string, FileConfig>();
    const configFor = (file: string) => configs.get(file) ?? configs.set(file, resolver.resolve(file)).get(file);
    const model = new ProjectModel({ root, rules, configFor }, modules);
    this.byRoot.set(root, model);
    return modules.map(([file]) => file).filter((file) => model.findingsFor(file).length > 0);
  }

  /** The file's text changed (disk or buffer). Returns the files whose cross-file findings changed. */
  update(filePath: string, facts: ModuleFacts | undefined): string[] {
    const model = this.byRoot.get(this.roots.rootFor(filePath));
    if (!model) return [];
    return (facts ? model.fileChanged(filePath, facts) : model.fileDeleted(filePath)).changedFiles;
  }

  /** The file's per-file findings plus its cross-file ones, with its suppressions applied to both. */
  merged(filePath: string, state: FileState): Finding[] {
    const model = this.byRoot.get(this.roots.rootFor(filePath));
    const found = model?.findingsFor(filePath) ?? [];
    // Per-file findings whose program condition another module decides (`axios.defaults.timeout`, `this.keyv = new Keyv()`), as the CLI's project pass checks them.
    const messages = model && awaitsProgramFacts(state.messages) ? applyProgramConditions(state.messages, programFactsFor(model.view, filePath)) : state.messages;
    return mergeProjectFindings(messages, found, state.directives, state.enabledRules);
  }

  clear(): void {
    this.byRoot.clear();
  }
}
