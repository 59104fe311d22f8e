/**
 * How an import on a cycle can bite while the modules load. Node runs a module graph depth-first: when
 * the process loads `b` first and `b`'s imports lead (through the cycle) to `a`, then `a` runs while `b`
 * is still loading. That harms `a` only if `a` takes something from `b` right then; an import read only
 * inside functions sees `b` complete, because those functions run after loading finished. Nor does it harm
 * `a` when `b` sets its exports (`module.exports = …`) before the requires that lead back to `a`: `a` then
 * runs after `b`'s exports are complete.
 */
import type { ModuleFacts, Span } from './module-facts';
import type { ModuleEdge, ProjectGraphView } from './project-rule';

export type LoadOrderHazard =
  /** Bindings of the import read while the importing module loads (`extends B`, `const { b } = require()`, top-level calls). */
  | { kind: 'read'; names: readonly string[]; line: number }
  /** The exports object kept at load (`const m = require()`) of a module that later replaces `module.exports`. */
  | { kind: 'stale' };

/** The load-order hazards of the imports inside one cyclic component of the graph. */
export class ComponentLoadOrder {
  private enteredFromOutside: boolean | undefined;
  /** Per member: the members its loading reaches before it has set its exports. */
  private readonly reachedEarly = new Map<string, ReadonlySet<string>>();

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
    const target = edge.resolution.path;
    return hazard && this.canStartFirst(target, edge.from) && this.reachesBeforeExports(target, edge.from) ? hazard : undefined;
  }

  /**
   * Whether loading `target` can run `importer` before `target` has set its exports: through an import of
   * `target` that runs before its `module.exports = …` statement (or any, when it has none). One that runs
   * in place after that statement leads back into the cycle with `target`'s exports complete.
   */
  private reachesBeforeExports(target: string, importer: string): boolean {
    let reached = this.reachedEarly.get(target);
    if (!reached) {
      const setAt = this.graph.factsOf(target)?.exportsSetAt;
      reached = this.reachableFrom(this.membersImportedBy(target, (edge) => !(setAt && runsAfter(edge, setAt))));
      this.reachedEarly.set(target, reached);
    }
    return reached.has(importer);
  }

  /** The members `file` imports at run time, through the imports `keep` accepts. */
  private membersImportedBy(file: string, keep: (edge: ModuleEdge) => boolean = () => true): string[] {
    const members: string[] = [];
    for (const edge of this.graph.edgesOf(file)) {
      if (edge.runtime && edge.resolution.kind === 'file' && this.members.has(edge.resolution.path) && keep(edge)) members.push(edge.resolution.path);
    }
    return members;
  }

  /** The members reachable from `starts` (included) through runtime imports; paths between members stay in the component. */
  private reachableFrom(starts: readonly string[]): ReadonlySet<string> {
    const seen = new Set<string>();
    const stack = [...starts];
    while (stack.length > 0) {
      const file = stack.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      stack.push(...this.membersImportedBy(file));
    }
    return seen;
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

/** A `require()` that runs where it stands, after the `module.exports = …` statement that ends at `setAt`. */
function runsAfter(edge: ModuleEdge, setAt: NonNullable<ModuleFacts['exportsSetAt']>): boolean {
  const { kind, inPlace, span } = edge.import;
  return kind === 'require' && inPlace === true && startsAfter(span, setAt);
}

function startsAfter(span: Span, point: { line: number; column: number }): boolean {
  return span.line > point.line || (span.line === point.line && span.column >= point.column);
}
