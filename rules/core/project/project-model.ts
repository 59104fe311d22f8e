import type { FileConfig } from '../config/file-config';
import type { Finding } from '../engine/types';
import type { ModuleFacts } from './module-facts';
import { ModuleResolver } from './module-resolver';
import { ProjectGraph } from './project-graph';
import type { ProjectRule } from './project-rule';
import { runProjectRules, type ProjectRuleRun } from './run-project-rules';

export interface ProjectModelOptions {
  /** The workspace root: module resolution and project-relative paths start here. */
  root: string;
  rules: readonly ProjectRule[];
  /** The config in force for a file (the server's per-folder resolver); memoise it, it is asked often. */
  configFor(filePath: string): FileConfig | undefined;
}

/** What an update changed: the files whose project-level findings differ now, to re-publish. */
export interface ProjectUpdate {
  changedFiles: string[];
}

const NO_FINDINGS: readonly Finding[] = [];

/**
 * The project model a long-lived process (the language server) keeps: the module graph plus the
 * project rules' latest findings. Each file event re-extracts nothing but that file's facts (the
 * caller passes them, from the parse it already did), updates its edges and the components that
 * can have changed, reruns the project rules over the graph, and says which files' findings changed.
 * Findings are returned before suppressions; merge them with `mergeProjectFindings`.
 */
export class ProjectModel {
  private readonly graph: ProjectGraph;
  private findings = new Map<string, Finding[]>();
  private failures: ProjectRuleRun['failures'] = [];

  constructor(private readonly options: ProjectModelOptions, modules: Iterable<readonly [string, ModuleFacts]>, resolver = new ModuleResolver(options.root)) {
    this.graph = ProjectGraph.build(resolver, modules);
    this.recheck();
  }

  /** The file was created or edited (on disk, or in an editor buffer): `facts` come from its current text. */
  fileChanged(filePath: string, facts: ModuleFacts): ProjectUpdate {
    this.graph.setFacts(filePath, facts);
    return this.recheck();
  }

  /** The file was deleted, or no longer parses (its last good facts would be stale). */
  fileDeleted(filePath: string): ProjectUpdate {
    this.graph.removeFile(filePath);
    return this.recheck([filePath]);
  }

  fileRenamed(from: string, to: string, facts?: ModuleFacts): ProjectUpdate {
    this.graph.renameFile(from, to, facts);
    return this.recheck([from]);
  }

  /** The config changed: the same graph, rules rerun with the new severities and options. */
  configChanged(): ProjectUpdate {
    return this.recheck();
  }

  findingsFor(filePath: string): readonly Finding[] {
    return this.findings.get(filePath) ?? NO_FINDINGS;
  }

  /** Project rules that threw in the last run, for the server's status. */
  ruleFailures(): ProjectRuleRun['failures'] {
    return this.failures;
  }

  get view(): ProjectGraph {
    return this.graph;
  }

  private recheck(alsoChanged: readonly string[] = []): ProjectUpdate {
    const run = runProjectRules(this.graph, this.options.rules, (f) => this.options.configFor(f), this.options.root);
    const changed = new Set(alsoChanged);
    const key = (list: readonly Finding[] | undefined) => JSON.stringify(list ?? NO_FINDINGS);
    for (const file of new Set([...this.findings.keys(), ...run.byFile.keys()])) {
      if (key(this.findings.get(file)) !== key(run.byFile.get(file))) changed.add(file);
    }
    this.findings = run.byFile;
    this.failures = run.failures;
    return { changedFiles: [...changed].sort() };
  }
}
