import type { Comment, Finding } from './types';

/**
 * Inline suppressions:
 *   // opslint-disable-next-line <id>[, <id>] -- <reason>
 *   // opslint-disable-line <id> -- <reason>
 *   /* opslint-disable <id> -- <reason> *\/ ... /* opslint-enable <id> *\/
 * No ids means every rule. Suppressing needs a reason; one that suppresses nothing is reported.
 */
type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

interface Directive {
  kind: DirectiveKind;
  ruleIds: string[] | 'all';
  reason: string;
  comment: Comment;
  /** 1-based lines the directive covers, inclusive; for block `disable` the end comes from `enable`. */
  fromLine: number;
  toLine: number;
  used: boolean;
}

const DIRECTIVE = /^\s*opslint-(disable-next-line|disable-line|disable|enable)(?:\s+([^]*?))?\s*$/;

export const SUPPRESSION_NEEDS_REASON = 'opslint/suppression-needs-reason';
export const UNUSED_SUPPRESSION = 'opslint/unused-suppression';

function parseDirective(comment: Comment): Directive | undefined {
  const match = DIRECTIVE.exec(comment.value);
  if (!match) return undefined;
  const kind = match[1] as DirectiveKind;
  if ((kind === 'disable-next-line' || kind === 'disable-line') && comment.loc.start.line !== comment.loc.end.line) return undefined;
  const [idsText, ...reasonParts] = (match[2] ?? '').split(/\s--\s|^--\s|\s--$|^--$/);
  const ids = idsText.split(',').map((s) => s.trim()).filter(Boolean);
  const line = comment.loc.start.line;
  return {
    kind,
    ruleIds: ids.length > 0 ? ids : 'all',
    reason: reasonParts.join(' -- ').trim(),
    comment,
    fromLine: kind === 'disable-next-line' ? line + 1 : line,
    toLine: kind === 'disable-next-line' ? line + 1 : kind === 'disable-line' ? line : Number.POSITIVE_INFINITY,
    used: false,
  };
}

function covers(directive: Directive, ruleId: string): boolean {
  return directive.ruleIds === 'all' || directive.ruleIds.includes(ruleId);
}

/** Closes each block `disable` at the first matching `enable` after it. */
function closeBlocks(directives: Directive[]): Directive[] {
  const open: Directive[] = [];
  for (const d of directives) {
    if (d.kind === 'disable') open.push(d);
    if (d.kind !== 'enable') continue;
    for (const block of open) {
      if (block.toLine !== Number.POSITIVE_INFINITY) continue;
      const closes = d.ruleIds === 'all' || (block.ruleIds !== 'all' && block.ruleIds.some((id) => (d.ruleIds as string[]).includes(id)));
      if (closes) block.toLine = d.comment.loc.start.line;
    }
  }
  return directives.filter((d) => d.kind !== 'enable');
}

function directiveFinding(directive: Directive, ruleId: string, message: string): Finding {
  const { start, end } = directive.comment.loc;
  return {
    ruleId, category: 'opslint', severity: 1, message,
    line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1,
  };
}

/**
 * Drops findings covered by a suppression and adds findings for suppressions that lack a reason
 * or suppress nothing. Findings about the file itself (parse errors) are never suppressed.
 */
export function applySuppressions(comments: readonly Comment[], findings: Finding[], enabledRuleIds: ReadonlySet<string>): Finding[] {
  const directives = closeBlocks(comments.map(parseDirective).filter((d): d is Directive => d !== undefined));
  if (directives.length === 0) return findings;
  const kept = findings.filter((finding) => {
    if (finding.fatal) return true;
    const directive = directives.find((d) => covers(d, finding.ruleId) && finding.line >= d.fromLine && finding.line <= d.toLine);
    if (directive) directive.used = true;
    return !directive;
  });
  for (const d of directives) {
    if (!d.reason) {
      kept.push(directiveFinding(d, SUPPRESSION_NEEDS_REASON,
        'This suppression gives no reason. Suppressed findings come back as incidents; say why it is safe after " -- " so the next reader can judge it.'));
    }
    if (!d.used) {
      const ids = d.ruleIds === 'all' ? 'any rule' : d.ruleIds.join(', ');
      const unknown = d.ruleIds === 'all' ? [] : d.ruleIds.filter((id) => !enabledRuleIds.has(id));
      const why = unknown.length > 0 ? ` (${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not enabled or not a rule id)` : '';
      kept.push(directiveFinding(d, UNUSED_SUPPRESSION,
        `Unused suppression: nothing from ${ids} is reported here${why}. Remove it so it cannot hide a future finding.`));
    }
  }
  return kept;
}
