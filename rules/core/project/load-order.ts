/**
 * How an import on a cycle can bite while the modules load. Node runs a module graph depth-first: when
 * the process loads `b` first and `b`'s imports lead (through the cycle) to `a`, then `a` runs while `b`
 * is still loading. That harms `a` only if `a` takes something from `b` right then; an import read only
 * inside functions sees `b` complete, because those functions run after loading finished.
 */
import type { ModuleEdge, ProjectGraphView } from './project-rule';

export type LoadOrderHazard =
  /** Bindings of the import read while the importing module loads (`extends B`, `const { b } = require()`, top-level calls). */
  | { kind: 'read'; names: readonly string[]; line: number }
  /** The exports object kept at load (`const m = require()`) of a module that later replaces `module.exports`. */
  | { kind: 'stale' };

/** The load-order hazards of the imports inside one cyclic component of the graph. */
export class ComponentLoadOrder {
  private enteredFromOutside: boolean | undefined;

  constructor(readonly members: ReadonlySet<string>, private readonly graph: ProjectGraphView) {}

  /**
   * The hazard of one runtime import between two members, or undefined when its bindings are read only
   * inside functions (or its target cannot be half-loaded when it runs).
   */
  hazardOf(edge: ModuleEdge): LoadOrderHazard | undefined {
    if (!edge.runtime || edge.resolution.kind !== 'file' || !this.members.has(edge.resolution.path)) return undefined;
    const reads = edge.import.loadReads;
    const hazard: LoadOrderHazard | undefined = reads
      ? { kind: 'read', names: reads.names, line: reads.line }
      : edge.import.capturesExports && this.graph.factsOf(edge.resolution.path)?.replacesExports ? { kind: 'stale' } : undefined;
    return hazard && this.canStartFirst(edge.resolution.path, edge.from) ? hazard : undefined;
  }

  /**
   * Whether `target` can have started loading before `importer`'s import of it runs: something else
   * imports it (statically, with `import()` or a lazy `require()`), or it is run itself, or nothing
   * outside the component imports any member (the program then starts at one of them, from outside
   * the graph: a test runner, a package's consumer). A module that only this import loads, in a
   * component entered from elsewhere, is loaded by it, completely, before the importer reads it.
   */
  private canStartFirst(target: string, importer: string): boolean {
    if (target === importer || this.graph.factsOf(target)?.runnable) return true;
    for (const other of this.graph.importersOf(target)) if (other !== importer) return true;
    this.enteredFromOutside ??= this.hasOutsideImporter();
    return !this.enteredFromOutside;
  }

  private hasOutsideImporter(): boolean {
    for (const member of this.members) for (const importer of this.graph.importersOf(member)) if (!this.members.has(importer)) return true;
    return false;
  }
}
