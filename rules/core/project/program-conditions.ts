import type { Finding, ProgramCondition } from '../engine/types';
import { programOf } from '../../utils/service-program';
import type { ModuleFacts } from './module-fact-shapes';
import type { ProjectGraphView } from './project-rule';

/**
 * What the modules of one program record that per-file findings depend on (`programCondition`):
 * the client defaults they set (`axios.defaults.timeout` in the start-up module covers the axios
 * calls of a notification module the server loads) and the in-memory stores they keep on a
 * property (`this.keyv = new Keyv()` in the client class makes `client.keyv.set(…)` elsewhere a write
 * to process memory).
 */
export interface ProgramFacts {
  clientDefaults: Set<string>;
  /** `<package> <property>`: see `storeKey`. */
  inMemoryStores: Set<string>;
}

const storeKey = (store: { property: string; package: string }) => `${store.package} ${store.property}`;

/**
 * The facts of every module of the file's program: its importers up to the entry points and all
 * they load. A module nothing imports is an entry point, or a command, listener or route a framework
 * loads from a folder (discord bots, file-based routers): the program it runs in does not show in
 * the imports, so the stores it can write to are looked up in every module of the workspace. Client
 * defaults stay with the program that sets them: taking them from the workspace would drop findings.
 */
export function programFactsFor(graph: ProjectGraphView, file: string): ProgramFacts {
  const facts: ProgramFacts = { clientDefaults: new Set(), inMemoryStores: new Set() };
  if (!graph.has(file)) return facts;
  const program = programOf(graph, file);
  for (const module of program) {
    for (const name of graph.factsOf(module)?.clientDefaults ?? []) facts.clientDefaults.add(name);
  }
  const loadedByFramework = graph.importersOf(file)[Symbol.iterator]().next().done === true;
  for (const module of loadedByFramework ? graph.files() : program) {
    for (const store of graph.factsOf(module)?.inMemoryStores ?? []) facts.inMemoryStores.add(storeKey(store));
  }
  return facts;
}

/** The module facts program conditions read, as comparable texts: a change re-publishes the files whose findings they decide. */
export function programWideFactsOf(facts: ModuleFacts | undefined): { defaults: string; stores: string } {
  return { defaults: (facts?.clientDefaults ?? []).join(), stores: (facts?.inMemoryStores ?? []).map(storeKey).join() };
}

/** Whether any finding waits for the project pass to check its program condition. */
export function awaitsProgramFacts(messages: readonly Finding[]): boolean {
  return messages.some((m) => m.programCondition !== undefined);
}

function holds(condition: ProgramCondition, facts: ProgramFacts): boolean {
  switch (condition.kind) {
    case 'unless-client-default': return !condition.defaults.some((name) => facts.clientDefaults.has(name));
    case 'if-in-memory-store': return facts.inMemoryStores.has(storeKey(condition));
  }
}

/**
 * Keeps the findings whose program condition holds, without the condition (it is for this pass
 * only, not part of the reported finding). New objects: the cached per-file results keep their
 * conditions for the next run.
 */
export function applyProgramConditions(messages: readonly Finding[], facts: ProgramFacts): Finding[] {
  const kept: Finding[] = [];
  for (const message of messages) {
    if (message.programCondition === undefined) { kept.push(message); continue; }
    const { programCondition, ...finding } = message;
    if (holds(programCondition, facts)) kept.push(finding);
  }
  return kept;
}
