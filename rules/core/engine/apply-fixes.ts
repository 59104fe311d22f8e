import type { FileConfig, LintEnvironment } from '../config/file-config';
import { lintText } from './lint-text';
import { parseSource } from './parse';
import type { Finding, Fix, LintResult } from './types';

export const MAX_FIX_PASSES = 10;
export const FIX_REVERTED = 'opslint/fix-reverted';

function parses(text: string, filePath: string): boolean {
  try {
    parseSource(text, filePath);
    return true;
  } catch {
    return false;
  }
}

/** Applies non-overlapping fixes in source order; later overlapping ones wait for the next pass. */
export function applyNonOverlapping(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: Fix[] = [];
  let out = '';
  let cursor = 0;
  for (const fix of sorted) {
    if (fix.range[0] < cursor || fix.range[1] > text.length) continue;
    out += text.slice(cursor, fix.range[0]) + fix.text;
    cursor = fix.range[1];
    applied.push(fix);
  }
  return { text: out + text.slice(cursor), applied };
}

function revertedFinding(finding: Finding): Finding {
  return {
    ...finding, ruleId: FIX_REVERTED, category: 'opslint', severity: 2, fix: undefined, suggestions: undefined,
    message: `The automatic fix for ${finding.ruleId} at this line would leave code that does not parse, so it was not applied. Fix it by hand, and please report the rule bug.`,
  };
}

/**
 * Lints and fixes in passes until no fix applies (at most MAX_FIX_PASSES). A fix whose result does
 * not parse is dropped and reported as FIX_REVERTED; the returned text always parses if the input did.
 */
export function fixText(text: string, filePath: string, config: FileConfig, env: LintEnvironment): LintResult {
  let current = text;
  const reverted: Finding[] = [];
  const rejected = new Set<string>();
  let result = lintText(current, filePath, config, env);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixable = result.messages.filter((m) => m.fix && !rejected.has(`${m.ruleId}:${m.fix.range}:${m.fix.text}`));
    if (fixable.length === 0) break;
    let { text: next } = applyNonOverlapping(current, fixable.map((m) => m.fix!));
    if (!parses(next, filePath)) {
      // Find the culprits one by one so the good fixes of this pass still apply.
      const good: Fix[] = [];
      for (const m of fixable) {
        if (parses(applyNonOverlapping(current, [m.fix!]).text, filePath)) good.push(m.fix!);
        else {
          rejected.add(`${m.ruleId}:${m.fix!.range}:${m.fix!.text}`);
          reverted.push(revertedFinding(m));
        }
      }
      next = applyNonOverlapping(current, good).text;
      if (good.length === 0 || !parses(next, filePath)) break;
    }
    if (next === current) break;
    current = next;
    result = lintText(current, filePath, config, env);
  }
  const messages = [...result.messages, ...reverted].sort((a, b) => a.line - b.line || a.column - b.column);
  return { ...result, messages, ...(current !== text ? { output: current } : {}) };
}
