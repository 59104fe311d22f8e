import * as path from 'node:path';
import { cyclesOfComponent } from './import-cycles';
import type { ModuleFacts } from './module-facts';
import type { ModuleResolver } from './module-resolver';
import type { ImportCycle, ModuleEdge, ProjectGraphView } from './project-rule';
import { stronglyConnectedComponents } from './strongly-connected';

interface ModuleNode {
  facts: ModuleFacts;
  edges: ModuleEdge[];
  /** Distinct files this module loads at run time (graph members or not): the edges of the components. */
  runtimeTargets: string[];
  /** `runtimeTargets` plus what it loads with `import()`: the edges of the importer index. */
  loadTargets: string[];
}

const NO_EDGES: readonly ModuleEdge[] = [];

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/**
 * The module graph of the workspace: one node per linted module, its resolved imports, the
 * reverse (importer) index and the strongly-connected components of the runtime edges.
 *
 * **Invariant:** after every update, `componentOf` holds the components of the current runtime
 * edges, for every node. An update re-links only the changed module (or, when a file appears or
 * disappears and any specifier may now resolve differently, re-resolves from a warm cache), and
 * re-runs Tarjan only over the nodes whose component can have changed.
 */
export class ProjectGraph implements ProjectGraphView {
  private readonly nodes = new Map<string, ModuleNode>();
  private readonly importers = new Map<string, Set<string>>();
  private readonly componentOf = new Map<string, readonly string[]>();
  /** Components with a cycle (more than one module, or a self-import), kept up to date with `componentOf`. */
  private readonly cyclic = new Set<readonly string[]>();
  private readonly cyclesByComponent = new Map<readonly string[], ImportCycle[]>();
  private cycleList: ImportCycle[] | undefined;

  private constructor(readonly root: string, private readonly resolver: ModuleResolver) {}

  static build(resolver: ModuleResolver, modules: Iterable<readonly [string, ModuleFacts]>): ProjectGraph {
    const graph = new ProjectGraph(resolver.root, resolver);
    for (const [file, facts] of modules) graph.nodes.set(file, { facts, edges: [], runtimeTargets: [], loadTargets: [] });
    for (const file of graph.nodes.keys()) graph.link(file);
    graph.recomputeComponents(new Set(graph.nodes.keys()));
    return graph;
  }

  files(): Iterable<string> { return this.nodes.keys(); }
  has(file: string): boolean { return this.nodes.has(file); }
  factsOf(file: string): ModuleFacts | undefined { return this.nodes.get(file)?.facts; }
  edgesOf(file: string): readonly ModuleEdge[] { return this.nodes.get(file)?.edges ?? NO_EDGES; }

  *importersOf(file: string): Iterable<string> {
    for (const importer of this.importers.get(file) ?? []) if (this.nodes.has(importer)) yield importer;
  }

  cyclicComponents(): Iterable<readonly string[]> { return this.cyclic.values(); }

  cycles(): readonly ImportCycle[] {
    if (this.cycleList) return this.cycleList;
    const list: ImportCycle[] = [];
    for (const component of this.cyclic) {
      let cycles = this.cyclesByComponent.get(component);
      if (!cycles) {
        cycles = cyclesOfComponent(component, (file) => this.runtimeEdgesOf(file));
        this.cyclesByComponent.set(component, cycles);
      }
      list.push(...cycles);
    }
    this.cycleList = list.sort((a, b) => (a.files.join('\0') < b.files.join('\0') ? -1 : 1));
    return this.cycleList;
  }

  /** Adds a module or replaces its facts (the file was created or edited). */
  setFacts(file: string, facts: ModuleFacts): void {
    const existing = this.nodes.get(file);
    this.forgetCycles(file);
    if (existing) {
      existing.facts = facts;
      if (this.link(file)) this.updateComponents([file]);
      return;
    }
    this.nodes.set(file, { facts, edges: [], runtimeTargets: [], loadTargets: [] });
    this.resolver.forget(file);
    this.updateComponents([file, ...this.relinkAll()]);
  }

  /** Drops a module (the file was deleted); imports of it now resolve elsewhere or nowhere. */
  removeFile(file: string): void {
    const node = this.nodes.get(file);
    if (!node) return;
    this.forgetCycles(file);
    const formerComponent = (this.componentOf.get(file) ?? []).filter((f) => f !== file);
    for (const target of node.loadTargets) this.importers.get(target)?.delete(file);
    this.nodes.delete(file);
    this.componentOf.delete(file);
    this.resolver.forget(file);
    this.updateComponents([...formerComponent, ...this.relinkAll()]);
  }

  renameFile(from: string, to: string, facts?: ModuleFacts): void {
    const node = this.nodes.get(from);
    if (!node) return;
    this.removeFile(from);
    this.setFacts(to, facts ?? node.facts);
  }

  private runtimeEdgesOf(file: string): readonly ModuleEdge[] {
    return this.edgesOf(file).filter((e) => e.runtime);
  }

  private forgetCycles(file: string): void {
    const component = this.componentOf.get(file);
    if (component) this.cyclesByComponent.delete(component);
    this.cycleList = undefined;
  }

  /** Resolves the module's imports; returns whether the set of runtime targets changed. */
  private link(file: string): boolean {
    const node = this.nodes.get(file)!;
    const keepsImports = this.resolver.tsconfigFor(path.dirname(file))?.keepsImports ?? false;
    const edges: ModuleEdge[] = [];
    const targets = new Set<string>();
    const loads = new Set<string>();
    for (const fact of node.facts.imports) {
      const resolution = this.resolver.resolve(fact.specifier, file);
      const runtime = !fact.typeOnly && fact.kind !== 'dynamic' && !fact.lazy && !(fact.elidable && !keepsImports);
      edges.push({ from: file, import: fact, resolution, runtime });
      if (resolution.kind !== 'file') continue;
      if (runtime) targets.add(resolution.path);
      if (runtime || fact.kind === 'dynamic' || fact.lazy) loads.add(resolution.path);
    }
    node.edges = edges;
    const loadsBefore = node.loadTargets;
    node.loadTargets = [...loads];
    for (const target of loadsBefore) if (!loads.has(target)) this.importers.get(target)?.delete(file);
    for (const target of loads) {
      let set = this.importers.get(target);
      if (!set) this.importers.set(target, (set = new Set()));
      set.add(file);
    }
    const before = node.runtimeTargets;
    node.runtimeTargets = [...targets];
    return !sameMembers(before, node.runtimeTargets);
  }

  /** Re-resolves every module after the set of files changed; returns those whose runtime targets changed. */
  private relinkAll(): string[] {
    const changed: string[] = [];
    for (const file of this.nodes.keys()) {
      this.forgetCycles(file);
      if (this.link(file)) changed.push(file);
    }
    return changed;
  }

  private successors = (file: string): readonly string[] => this.nodes.get(file)?.runtimeTargets ?? [];

  /**
   * Nodes that may be on a cycle through `file`: reachable from it at run time, and reaching it
   * (the importer index also holds `import()` edges, so this can be a little larger: still exact
   * after Tarjan, which follows runtime edges only).
   */
  private cycleRegion(file: string): Set<string> {
    const forward = new Set([file]);
    const queue = [file];
    for (let head = 0; head < queue.length; head++) {
      for (const next of this.successors(queue[head])) {
        if (!forward.has(next) && this.nodes.has(next)) { forward.add(next); queue.push(next); }
      }
    }
    const region = new Set([file]);
    const back = [file];
    for (let head = 0; head < back.length; head++) {
      for (const previous of this.importers.get(back[head]) ?? []) {
        if (forward.has(previous) && !region.has(previous)) { region.add(previous); back.push(previous); }
      }
    }
    return region;
  }

  /**
   * After the out-edges of `sources` changed, the components that can differ are the old
   * components of the sources (they may split) and the nodes now on a cycle through a source
   * (they may merge, pulling in their old components whole). Everything else keeps its component.
   */
  private updateComponents(sources: readonly string[]): void {
    const affected = new Set<string>();
    for (const source of sources) {
      for (const member of this.componentOf.get(source) ?? []) affected.add(member);
      if (this.nodes.has(source)) for (const member of this.cycleRegion(source)) affected.add(member);
    }
    for (const member of [...affected]) for (const other of this.componentOf.get(member) ?? []) affected.add(other);
    for (const member of affected) if (!this.nodes.has(member)) affected.delete(member);
    this.recomputeComponents(affected);
  }

  private recomputeComponents(scope: ReadonlySet<string>): void {
    for (const member of scope) {
      const old = this.componentOf.get(member);
      if (old) {
        this.cyclesByComponent.delete(old);
        this.cyclic.delete(old);
      }
    }
    for (const component of stronglyConnectedComponents(scope, this.successors, (f) => scope.has(f))) {
      for (const member of component) this.componentOf.set(member, component);
      if (component.length > 1 || this.successors(component[0]).includes(component[0])) this.cyclic.add(component);
    }
    this.cycleList = undefined;
  }
}
