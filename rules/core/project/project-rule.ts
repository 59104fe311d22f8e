/**
 * The contract of project-level rules: rules that need the whole module graph. Same metadata as
 * per-file rules (built by the same `createRule` machinery), so config, presets, options
 * validation, `--list-rules` and the formatters treat both alike; `create` is a no-op, so the
 * per-file engine (and ESLint) can hold them without running anything. The work is `check`.
 */
import type { RelatedLocation, Rule } from '../engine/types';
import type { ImportFact, ModuleFacts, Span } from './module-facts';
import type { Resolution } from './module-resolver';

/** One import of a module, resolved. */
export interface ModuleEdge {
  from: string;
  import: ImportFact;
  resolution: Resolution;
  /** Exists at run time and loads the target on module load: not type-only, not elided by TypeScript, not `import()`, not a `require()` inside a function that runs later. */
  runtime: boolean;
}

/** An import cycle, as the chain `files[0] → files[1] → … → files[0]`; `hops[i]` is the import from `files[i]` to the next. */
export interface ImportCycle {
  files: readonly string[];
  hops: readonly ModuleEdge[];
}

/** What a project rule sees of the workspace. Files are absolute paths of linted, parsed modules. */
export interface ProjectGraphView {
  readonly root: string;
  files(): Iterable<string>;
  has(file: string): boolean;
  factsOf(file: string): ModuleFacts | undefined;
  /** Every import of the file in source order, resolved (external and unresolved ones included). */
  edgesOf(file: string): readonly ModuleEdge[];
  /** Modules of the graph that load `file` at run time, statically, with `import()` or with a lazy `require()`. */
  importersOf(file: string): Iterable<string>;
  /** The runtime import cycles: per component, one per back edge of a depth-first walk; each starts at its smallest path. */
  cycles(): readonly ImportCycle[];
  /** The strongly-connected components of the runtime edges that hold a cycle: every runtime edge between two members lies on one. */
  cyclicComponents(): Iterable<readonly string[]>;
}

export interface ProjectReportDescriptor {
  filePath: string;
  span: Span;
  messageId: string;
  data?: Record<string, unknown>;
  relatedInformation?: RelatedLocation[];
}

export interface ProjectRuleContext<Options extends readonly unknown[] = readonly unknown[]> {
  readonly id: string;
  readonly cwd: string;
  /** The rule is on for this file: a finding reported there is kept. */
  isEnabled(filePath: string): boolean;
  /** The options in force for this file (overrides can differ per folder). */
  optionsFor(filePath: string): Options;
  /** The `settings` object in force for this file, in the shape `readSettings` takes. */
  settingsFor(filePath: string): { settings: Readonly<Record<string, unknown>> };
  report(descriptor: ProjectReportDescriptor): void;
}

export interface ProjectRule<Options extends readonly unknown[] = readonly unknown[]> extends Rule<Options> {
  check(graph: ProjectGraphView, context: ProjectRuleContext<Options>): void;
}

export function isProjectRule(rule: Rule): rule is ProjectRule {
  return typeof (rule as Partial<ProjectRule>).check === 'function';
}

/** Exists only for the type checker: `import type`, all-type specifiers, or an import TypeScript elides. */
export function isTypeOnlyEdge(edge: ModuleEdge): boolean {
  return !edge.runtime && edge.import.kind !== 'dynamic' && !edge.import.lazy;
}

/** A `require()` inside a function that runs after load: a run-time dependency that does not take part in load order. */
export function isLazyEdge(edge: ModuleEdge): boolean {
  return edge.import.lazy === true && !edge.import.typeOnly;
}

/** Where an import sits, for `relatedInformation`. */
export function relatedAt(edge: ModuleEdge, message: string): RelatedLocation {
  return { filePath: edge.from, ...edge.import.span, message };
}
