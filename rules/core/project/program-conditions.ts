import * as path from 'node:path';
import type { Finding, ProgramCondition } from '../engine/types';
import { hasCalleeFact, type FunctionSummary } from '../knowledge/function-summaries';
import { programOf } from '../../utils/service-program';
import { handlesUnhandledRejections, UNHANDLED_REJECTION_HANDLER, type ModuleFacts } from './module-fact-shapes';
import type { ProjectGraphView } from './project-rule';

/**
 * Per-file findings whose truth depends on other modules (`programCondition`), decided in the
 * project pass from module facts alone (no parsing), in the CLI (`addProjectFindings`) and in the
 * language server (when it merges a file's findings), so both keep the same ones:
 *   - `unless-client-default`: moot when a module of the program sets that default
 *     (`axios.defaults.timeout = …` in the start-up module covers the axios calls of a module the
 *     server loads; a process-wide `unhandledRejection` listener is `UNHANDLED_REJECTION_HANDLER`);
 *   - `if-in-memory-store`: holds only when a module keeps an in-memory store on that property
 *     (`this.keyv = new Keyv()` in the client class makes `client.keyv.set(…)` a write to process memory);
 *   - `if-callee-summary`: holds only when the function of another module the finding is about has
 *     that summary (a dropped call is a floating promise only if the callee gives one that can reject;
 *     a call is an acquisition only if the callee returns a resource open);
 *   - `unless-callee-summary`: holds unless it has (a resource handed to a helper that releases that
 *     parameter is released; a catch that calls a helper that always throws rethrows).
 * A finding with several conditions is kept when all hold. The markers are for this pass only.
 */

/** How many modules a wrapper chain (`export const save = (x) => store.save(x)`, barrels) is followed through. */
export const SUMMARY_DEPTH = 4;

/** What the modules around a file record that its conditions read. */
export interface ProgramFacts {
  clientDefaults: Set<string>;
  /** `<package> <property>`: see `storeKey`. */
  inMemoryStores: Set<string>;
}

const storeKey = (store: { property: string; package: string }) => `${store.package} ${store.property}`;

function isEmpty(items: Iterable<unknown>): boolean {
  for (const _ of items) return false;
  return true;
}

/**
 * A module no module of the graph imports is loaded by code the graph does not show: a framework
 * that requires every file of a `commands/` folder, a `require(path.join(dir, file))` loop. Its
 * loader is most likely an entry point in a folder above it: the modules in its folder and above.
 */
function loadersOfOrphan(graph: ProjectGraphView, file: string): string[] {
  if (!isEmpty(graph.importersOf(file))) return [];
  const loaders: string[] = [];
  for (const module of graph.files()) {
    const folder = path.dirname(module);
    if (module !== file && (file.startsWith(folder + path.sep) || file.startsWith(folder + '/'))) loaders.push(module);
  }
  return loaders;
}

/**
 * The facts of the file's program: its importers up to the entry points and all they load (for a
 * process-wide rejection listener, also the likely loaders of the program's importer-less modules).
 * For a module nothing imports, the stores it can
 * write to are looked up in every module of the workspace: the program it runs in does not show.
 */
export function programFactsFor(graph: ProjectGraphView, file: string): ProgramFacts {
  const facts: ProgramFacts = { clientDefaults: new Set(), inMemoryStores: new Set() };
  if (!graph.has(file)) return facts;
  const program = programOf(graph, file);
  for (const module of program) {
    for (const name of graph.factsOf(module)?.clientDefaults ?? []) facts.clientDefaults.add(name);
  }
  // A process-wide listener in the entry point also covers the commands a framework loads from the
  // folders below it. Client defaults stay with the program that sets them: a local runner beside a
  // serverless handler is another program, and taking its defaults would drop findings.
  const loaders = [...program].flatMap((module) => loadersOfOrphan(graph, module));
  if ([...program, ...loaders].some((module) => { const f = graph.factsOf(module); return f !== undefined && handlesUnhandledRejections(f); })) {
    facts.clientDefaults.add(UNHANDLED_REJECTION_HANDLER);
  }
  const loadedByFramework = isEmpty(graph.importersOf(file));
  for (const module of loadedByFramework ? graph.files() : program) {
    for (const store of graph.factsOf(module)?.inMemoryStores ?? []) facts.inMemoryStores.add(storeKey(store));
  }
  return facts;
}

/** The module facts conditions read, as comparable texts: a change re-publishes the files whose findings they decide. */
export function programWideFactsOf(facts: ModuleFacts | undefined): { defaults: string; rejectionListener: boolean; stores: string; summaries: string } {
  return {
    defaults: (facts?.clientDefaults ?? []).join(),
    rejectionListener: facts ? handlesUnhandledRejections(facts) : false,
    stores: (facts?.inMemoryStores ?? []).map(storeKey).join(),
    summaries: JSON.stringify([facts?.functions ?? {}, facts?.reexportedModules ?? []]),
  };
}

export function awaitsProgramPass(messages: readonly Finding[]): boolean {
  return messages.some((m) => m.programCondition !== undefined);
}

/** The file an import specifier of `file` resolves to, among the linted modules. */
function resolvedTarget(graph: ProjectGraphView, file: string, specifier: string): string | undefined {
  for (const edge of graph.edgesOf(file)) {
    if (edge.import.specifier !== specifier && `node:${edge.import.specifier}` !== specifier) continue;
    return edge.resolution.kind === 'file' && graph.has(edge.resolution.path) ? edge.resolution.path : undefined;
  }
  return undefined;
}

/**
 * The summary of the function `member` of the module `specifier` imports from `file`, following
 * wrappers, barrels (`export { x } from`) and `export *` up to SUMMARY_DEPTH modules. A wrapper
 * whose chain leaves the linted modules (a package) is known by its own body: `return
 * MongoClient.connect(url)` returns a resource. Undefined when nothing is known.
 */
export function summaryOf(graph: ProjectGraphView, file: string, specifier: string, member: string, depth = SUMMARY_DEPTH): FunctionSummary | undefined {
  if (depth === 0) return undefined;
  const target = resolvedTarget(graph, file, specifier);
  if (target === undefined) return undefined;
  const facts = graph.factsOf(target);
  const summary = facts?.functions?.[member];
  if (summary?.delegatesTo) {
    const { delegatesTo, ...own } = summary;
    return summaryOf(graph, target, delegatesTo.module, delegatesTo.member, depth - 1) ?? own;
  }
  if (summary) return summary;
  for (const module of facts?.reexportedModules ?? []) {
    const passedOn = summaryOf(graph, target, module, member, depth - 1);
    if (passedOn) return passedOn;
  }
  return undefined;
}

/** The files whose findings may change when `file`'s function summaries do: its importers, through wrappers, to SUMMARY_DEPTH. */
export function summaryDependents(graph: ProjectGraphView, file: string): string[] {
  const seen = new Set([file]);
  let frontier = [file];
  for (let depth = 0; depth < SUMMARY_DEPTH && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const module of frontier) {
      for (const importer of graph.importersOf(module)) if (!seen.has(importer)) { seen.add(importer); next.push(importer); }
    }
    frontier = next;
  }
  seen.delete(file);
  return [...seen];
}

/** Whether one condition holds; `facts` is computed once per file, when a condition needs it. */
function holds(condition: ProgramCondition, graph: ProjectGraphView | undefined, file: string, facts: () => ProgramFacts): boolean {
  switch (condition.kind) {
    case 'unless-client-default': return !condition.defaults.some((name) => facts().clientDefaults.has(name));
    case 'if-in-memory-store': return facts().inMemoryStores.has(storeKey(condition));
    case 'if-callee-summary':
    case 'unless-callee-summary': {
      const summary = graph?.has(file) ? summaryOf(graph, file, condition.module, condition.member) : undefined;
      return hasCalleeFact(summary, condition.holds, condition.param) === (condition.kind === 'if-callee-summary');
    }
  }
}

/**
 * Keeps the findings whose program conditions all hold, without the conditions. Without a graph
 * (a lone text), the file is the whole program. New objects: cached per-file results keep their
 * conditions for the next run.
 */
export function applyProgramConditions(messages: readonly Finding[], graph: ProjectGraphView | undefined, file: string): Finding[] {
  let facts: ProgramFacts | undefined;
  const factsOnce = () => (facts ??= graph ? programFactsFor(graph, file) : { clientDefaults: new Set(), inMemoryStores: new Set() });
  const kept: Finding[] = [];
  for (const message of messages) {
    if (message.programCondition === undefined) { kept.push(message); continue; }
    const { programCondition, ...finding } = message;
    const conditions: readonly ProgramCondition[] = Array.isArray(programCondition) ? programCondition : [programCondition as ProgramCondition];
    if (conditions.every((condition) => holds(condition, graph, file, factsOnce))) kept.push(finding);
  }
  return kept;
}
