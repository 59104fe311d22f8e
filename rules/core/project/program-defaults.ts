import type { Finding } from '../engine/types';
import { programOf } from '../../utils/service-program';
import type { ProjectGraphView } from './project-rule';

/**
 * The program-wide client defaults in force for a module: the `clientDefaults` facts of every
 * module of its program (its importers up to the entry points and all they load). Setting
 * `axios.defaults.timeout` in the server's start-up module covers the axios calls of a
 * notification module that server loads.
 */
export function programDefaultsFor(graph: ProjectGraphView, file: string): Set<string> {
  const defaults = new Set<string>();
  if (!graph.has(file)) return defaults;
  for (const module of programOf(graph, file)) {
    for (const name of graph.factsOf(module)?.clientDefaults ?? []) defaults.add(name);
  }
  return defaults;
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
    if (!defaults.has(coveredByProgramDefault)) kept.push(finding);
  }
  return kept;
}
