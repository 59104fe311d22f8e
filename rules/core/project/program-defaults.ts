import * as path from 'node:path';
import type { Finding } from '../engine/types';
import { programOf } from '../../utils/service-program';
import type { ProjectGraphView } from './project-rule';
import { handlesUnhandledRejections, UNHANDLED_REJECTION_HANDLER } from './module-fact-shapes';

/**
 * The program-wide client defaults in force for a module: the `clientDefaults` facts of every
 * module of its program (its importers up to the entry points and all they load). Setting
 * `axios.defaults.timeout` in the server's start-up module covers the axios calls of a
 * notification module that server loads. A process-wide `unhandledRejection` listener in any of
 * them is one too (`UNHANDLED_REJECTION_HANDLER`).
 */
export function programDefaultsFor(graph: ProjectGraphView, file: string): Set<string> {
  const defaults = new Set<string>();
  if (!graph.has(file)) return defaults;
  const program = programOf(graph, file);
  const loaders = [...program].flatMap((module) => loadersOfOrphan(graph, module));
  for (const module of [...program, ...loaders]) {
    const facts = graph.factsOf(module);
    for (const name of facts?.clientDefaults ?? []) defaults.add(name);
    if (facts && handlesUnhandledRejections(facts)) defaults.add(UNHANDLED_REJECTION_HANDLER);
  }
  return defaults;
}

/**
 * A module no module of the graph imports is loaded by code the graph does not show: a framework
 * that requires every file of a `commands/` folder, a `require(path.join(dir, file))` loop. Its
 * loader is most likely an entry point in a folder above it, so the defaults of the modules in
 * its folder and the folders above count for it too.
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

function isEmpty(items: Iterable<unknown>): boolean {
  for (const _ of items) return false;
  return true;
}

/** Whether any finding waits for the project pass to decide whether a program default covers it. */
export function awaitsProgramDefaults(messages: readonly Finding[]): boolean {
  return messages.some((m) => m.coveredByProgramDefault !== undefined);
}

/**
 * Drops the findings a program default in force covers, and takes the marker off those that
 * stay (it is for this pass only, not part of the reported finding). New objects: the cached
 * per-file results keep their markers for the next run.
 */
export function applyProgramDefaults(messages: readonly Finding[], defaults: ReadonlySet<string>): Finding[] {
  const kept: Finding[] = [];
  for (const message of messages) {
    if (message.coveredByProgramDefault === undefined) { kept.push(message); continue; }
    const { coveredByProgramDefault, ...finding } = message;
    const covering = typeof coveredByProgramDefault === 'string' ? [coveredByProgramDefault] : coveredByProgramDefault;
    if (!covering.some((name) => defaults.has(name))) kept.push(finding);
  }
  return kept;
}
