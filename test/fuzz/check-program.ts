/**
 * What fuzzing checks on one program, with every rule on: no rule throws, before or after a
 * suggestion is applied; every finding, fix and suggestion lies inside the document; each fix and
 * each suggestion applied alone still parses;
 * one rule's fixes do not overlap; fixing reaches a fixpoint, after which nothing is fixable.
 */
import type { FileConfig, LintEnvironment } from '../../rules/core/config/file-config';
import { applyNonOverlapping, fixText } from '../../rules/core/engine/apply-fixes';
import { lintText, PARSE_ERROR } from '../../rules/core/engine/lint-text';
import { parseSource } from '../../rules/core/engine/parse';
import type { Finding, Fix } from '../../rules/core/engine/types';
import { ParseError } from '../../rules/core/errors';

export type FailureKind =
  | 'rule-exception' | 'range-outside' | 'fix-does-not-parse' | 'suggestion-does-not-parse'
  | 'overlapping-fixes' | 'still-fixable';

export interface FuzzFailure {
  kind: FailureKind;
  ruleId: string;
  detail: string;
}

export interface FuzzSetup {
  config: FileConfig;
  env: LintEnvironment;
}

function parses(text: string, file: string): boolean {
  try {
    parseSource(text, file);
    return true;
  } catch (error) {
    if (error instanceof ParseError) return false;
    throw error;
  }
}

function rangeProblem(fix: Fix, length: number): string | undefined {
  const [start, end] = fix.range;
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= length ? undefined : `range [${start}, ${end}] in a text of ${length}`;
}

function locationProblem(m: Finding, lines: readonly string[]): string | undefined {
  const inside = (line: number, column: number) => line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1;
  if (!inside(m.line, m.column) || !inside(m.endLine, m.endColumn)) return `location ${m.line}:${m.column}-${m.endLine}:${m.endColumn} outside ${lines.length} lines`;
  if (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)) return `location ${m.line}:${m.column}-${m.endLine}:${m.endColumn} ends before it starts`;
  return undefined;
}

const isInternalError = (m: Finding) => /^Internal error in rule /.test(m.message);

/**
 * The text's findings, or undefined when it does not parse. Parsing is most of the fuzzing time, so
 * the lint's own parse answers; only a text the lint skipped unparsed (NUL byte, size) is parsed alone.
 */
function lintIfParses(text: string, file: string, config: FileConfig, env: LintEnvironment): Finding[] | undefined {
  const result = lintText(text, file, config, env);
  if (result.skipped) return parses(text, file) ? result.messages : undefined;
  return result.messages.some((m) => m.ruleId === PARSE_ERROR) ? undefined : result.messages;
}

/** The program's failures, or 'unparsable' when the input itself does not parse (not a failure). */
export function checkProgram(text: string, file: string, { config, env }: FuzzSetup): FuzzFailure[] | 'unparsable' {
  const messages = lintIfParses(text, file, config, env);
  if (!messages) return 'unparsable';
  const failures: FuzzFailure[] = [];
  const fail = (kind: FailureKind, ruleId: string, detail: string) => failures.push({ kind, ruleId, detail });
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/);
  for (const crash of messages.filter(isInternalError)) fail('rule-exception', crash.ruleId, crash.message);
  const fixesByRule = new Map<string, Fix[]>();
  for (const m of messages) {
    const where = locationProblem(m, lines);
    if (where) fail('range-outside', m.ruleId, where);
    if (m.fix) {
      const problem = rangeProblem(m.fix, text.length);
      if (problem) fail('range-outside', m.ruleId, `fix ${problem}`);
      else if (!parses(applyNonOverlapping(text, [m.fix]).text, file)) fail('fix-does-not-parse', m.ruleId, `${m.messageId}: ${JSON.stringify(m.fix)}`);
      fixesByRule.set(m.ruleId, [...(fixesByRule.get(m.ruleId) ?? []), m.fix]);
    }
    for (const s of m.suggestions ?? []) {
      const problem = rangeProblem(s.fix, text.length);
      if (problem) fail('range-outside', m.ruleId, `suggestion ${s.messageId}: ${problem}`);
      else {
        const after = lintIfParses(applyNonOverlapping(text, [s.fix]).text, file, config, env);
        if (!after) fail('suggestion-does-not-parse', m.ruleId, `${s.messageId}: ${JSON.stringify(s.fix)}`);
        else for (const crash of after.filter(isInternalError)) fail('rule-exception', crash.ruleId, `after suggestion ${m.ruleId}/${s.messageId}: ${crash.message}`);
      }
    }
  }
  for (const [ruleId, fixes] of fixesByRule) {
    const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i].range[0] < sorted[i - 1].range[1]) fail('overlapping-fixes', ruleId, `${JSON.stringify(sorted[i - 1])} and ${JSON.stringify(sorted[i])}`);
    }
  }
  if (failures.length > 0 || fixesByRule.size === 0) return failures;
  const fixed = fixText(text, file, config, env);
  const output = fixed.output ?? text;
  for (const m of lintText(output, file, config, env).messages) {
    if (m.fix) fail('still-fixable', m.ruleId, `after fixing to a fixpoint, ${m.messageId} at ${m.line}:${m.column} still offers ${JSON.stringify(m.fix)}`);
  }
  return failures;
}

/** A failure's identity for minimizing: the same kind from the same rule. */
export function signature(failure: FuzzFailure): string {
  return `${failure.kind} ${failure.ruleId}`;
}
