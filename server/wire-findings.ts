import { mergeFixParts } from '../rules/core/engine/fixer';
import type { Finding, Fix, Range } from '../rules/core/engine/types';

/**
 * A fix as it crosses from the lint thread: a fix of several parts travels as its parts, without
 * the merged text. That text carries over everything between the parts, so a suggestion that adds
 * an import at the top for a line 1,500 lines down holds 1,500 lines; a hundred such findings made
 * 5.5 MB to copy on every keystroke. The receiver has the same text and merges the parts again.
 */
export type PackedFix = Fix | { range: Range; parts: readonly Fix[] };

type Suggestion = NonNullable<Finding['suggestions']>[number];

export interface PackedFinding extends Omit<Finding, 'fix' | 'suggestions'> {
  fix?: PackedFix;
  suggestions?: Array<Omit<Suggestion, 'fix'> & { fix: PackedFix }>;
}

function packFix(fix: Fix): PackedFix {
  return fix.parts ? { range: fix.range, parts: fix.parts } : fix;
}

function unpackFix(fix: PackedFix, text: string): Fix {
  return 'text' in fix ? fix : mergeFixParts(fix.parts, text);
}

export function packFindings(findings: readonly Finding[]): PackedFinding[] {
  return findings.map((finding) => ({
    ...finding,
    ...(finding.fix ? { fix: packFix(finding.fix) } : {}),
    ...(finding.suggestions ? { suggestions: finding.suggestions.map((s) => ({ ...s, fix: packFix(s.fix) })) } : {}),
  }));
}

/** `text`: the text the findings were linted from. */
export function unpackFindings(findings: readonly PackedFinding[], text: string): Finding[] {
  return findings.map(({ fix, suggestions, ...finding }) => ({
    ...finding,
    ...(fix ? { fix: unpackFix(fix, text) } : {}),
    ...(suggestions ? { suggestions: suggestions.map((s) => ({ ...s, fix: unpackFix(s.fix, text) })) } : {}),
  }));
}
