import { applySuppressions, UNUSED_SUPPRESSION, SUPPRESSION_NEEDS_REASON } from '../engine/suppressions';
import type { Comment, Finding } from '../engine/types';

/** The comments that can be suppressions: all `applySuppressions` needs, small enough to cache. */
export function directiveComments(comments: readonly Comment[]): Comment[] {
  return comments.filter((c) => c.value.includes('opslint-'));
}

function at(finding: Finding): string {
  return `${finding.line}:${finding.column}`;
}

/**
 * Adds a file's project-level findings to its per-file results, honouring inline suppressions.
 * The per-file pass called every suppression of a project rule unused (it could not see the
 * finding); such a report is dropped when the suppression now covers a project finding.
 */
export function mergeProjectFindings(messages: readonly Finding[], projectFindings: readonly Finding[], comments: readonly Comment[], enabledRuleIds: ReadonlySet<string>): Finding[] {
  if (projectFindings.length === 0) return [...messages];
  const second = applySuppressions(comments, [...projectFindings], enabledRuleIds);
  const stillUnused = new Set(second.filter((f) => f.ruleId === UNUSED_SUPPRESSION).map(at));
  const kept = second.filter((f) => f.ruleId !== UNUSED_SUPPRESSION && f.ruleId !== SUPPRESSION_NEEDS_REASON);
  const merged = [...messages.filter((f) => f.ruleId !== UNUSED_SUPPRESSION || stillUnused.has(at(f))), ...kept];
  return merged.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
