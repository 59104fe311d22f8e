import type { FileConfig } from '../config/file-config';
import type { Finding } from '../engine/types';
import type { ModuleFacts } from './module-facts';
import { ModuleResolver } from './module-resolver';
import { ProjectGraph } from './project-graph';
import type { ProjectRule } from './project-rule';
import { runProjectRules, type ProjectRuleRun } from './run-project-rules';
import { programWideFactsOf, summaryDependents } from './program-conditions';
import { programOf } from '../../utils/service-program';

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

function samePlace(a: { line: number; column: number; endLine: number; endColumn: number }, b: typeof a): boolean {
  return a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

/** Field by field: serialising every file's findings on each keystroke costs more than the rules. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    const related = x.relatedInformation ?? [];
    const otherRelated = y.relatedInformation ?? [];
    return x.ruleId === y.ruleId && x.severity === y.severity && x.message === y.message && samePlace(x, y)
      && related.length === otherRelated.length
      && related.every((r, k) => r.filePath === otherRelated[k].filePath && r.message === otherRelated[k].message && samePlace(r, otherRelated[k]));
  });
}

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
    const before = programWideFactsOf(this.graph.factsOf(filePath));
    this.graph.setFacts(filePath, facts);
    const after = programWideFactsOf(facts);
    // A client default set or removed here changes which per-file findings every module of its
    // program keeps; an in-memory store or a process-wide rejection listener also those of modules a
    // framework loads (see program-conditions.ts): re-publish them. A function summary that changed
    // (a function made async) changes the findings of the modules that call it.
    const everywhere = before.stores !== after.stores || before.rejectionListener !== after.rejectionListener;
    const also = everywhere ? [...this.graph.files()] : before.defaults !== after.defaults ? [...programOf(this.graph, filePath)] : [];
    const dependents = before.summaries !== after.summaries ? summaryDependents(this.graph, filePath) : [];
    return this.recheck([...also, ...dependents]);
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
    for (const file of new Set([...this.findings.keys(), ...run.byFile.keys()])) {
      if (!sameFindings(this.findings.get(file) ?? NO_FINDINGS, run.byFile.get(file) ?? NO_FINDINGS)) changed.add(file);
    }
    this.findings = run.byFile;
    this.failures = run.failures;
    return { changedFiles: [...changed].sort() };
  }
}
