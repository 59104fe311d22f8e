import type { Finding, SummaryCondition } from '../engine/types';
import type { FunctionSummary } from '../knowledge/function-summaries';
import { applyProgramDefaults, programDefaultsFor } from './program-defaults';
import type { ProjectGraphView } from './project-rule';

/**
 * Per-file findings whose truth depends on other modules, decided in the project pass from module
 * facts alone (no parsing), in the CLI (`addProjectFindings`) and in the language server (when it
 * merges a file's findings), so both keep the same ones:
 *   - `coveredByProgramDefault`: dropped when a module of the program sets that client default
 *     (program-defaults.ts);
 *   - `requiresSummary`: kept only when the function the finding is about, in another module, has
 *     the summary the condition asks for (a floating call is a finding only if the callee gives a
 *     promise that can reject).
 * Both markers are for this pass only and are taken off what is kept.
 */

/** How many modules a wrapper chain (`export const save = (x) => store.save(x)`, barrels) is followed through. */
export const SUMMARY_DEPTH = 4;

export function awaitsProgramPass(messages: readonly Finding[]): boolean {
  return messages.some((m) => m.coveredByProgramDefault !== undefined || m.requiresSummary !== undefined);
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
 * wrappers, barrels (`export { x } from`) and `export *` up to SUMMARY_DEPTH modules. Undefined
 * when the chain leaves the linted modules (a package) or is not known.
 */
export function summaryOf(graph: ProjectGraphView, file: string, specifier: string, member: string, depth = SUMMARY_DEPTH): FunctionSummary | undefined {
  if (depth === 0) return undefined;
  const target = resolvedTarget(graph, file, specifier);
  if (target === undefined) return undefined;
  const facts = graph.factsOf(target);
  const summary = facts?.functions?.[member];
  if (summary?.delegatesTo) return summaryOf(graph, target, summary.delegatesTo.module, summary.delegatesTo.member, depth - 1);
  if (summary) return summary;
  for (const module of facts?.reexportedModules ?? []) {
    const passedOn = summaryOf(graph, target, module, member, depth - 1);
    if (passedOn) return passedOn;
  }
  return undefined;
}

function holds(condition: SummaryCondition, summary: FunctionSummary | undefined): boolean {
  switch (condition.holds) {
    case 'rejectable-promise': return summary?.async === true && summary.cannotReject !== true;
  }
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

/** Decides the file's conditional findings. New objects: cached per-file results keep their markers for the next run. */
export function applyProgramConditions(messages: readonly Finding[], graph: ProjectGraphView | undefined, file: string): Finding[] {
  if (!awaitsProgramPass(messages)) return [...messages];
  const decided: Finding[] = [];
  for (const message of messages) {
    if (message.requiresSummary === undefined) { decided.push(message); continue; }
    const { requiresSummary, ...finding } = message;
    if (graph?.has(file) && holds(requiresSummary, summaryOf(graph, file, requiresSummary.module, requiresSummary.member))) decided.push(finding);
  }
  return applyProgramDefaults(decided, graph ? programDefaultsFor(graph, file) : new Set());
}
