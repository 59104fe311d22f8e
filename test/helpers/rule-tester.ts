/**
 * Runs a rule's cases through Opslint's own engine (the one the CLI and server use), in the
 * shape of ESLint's RuleTester: valid cases first, then invalid ones with exact positions,
 * fix output and each suggestion's output. Every fix and suggestion output must parse.
 */
import { applyProgramConditions } from '../../rules/core/project/program-conditions';
import * as assert from 'node:assert/strict';
import { RuleTester } from '@typescript-eslint/rule-tester';
import { DEFAULT_MAX_FILE_SIZE, type FileConfig } from '../../rules/core/config/file-config';
import { mergeOptions } from '../../rules/core/config/rule-options';
import { applyNonOverlapping, fixText } from '../../rules/core/engine/apply-fixes';
import { lintText } from '../../rules/core/engine/lint-text';
import { parseSource } from '../../rules/core/engine/parse';
import type { Finding, Rule } from '../../rules/core/engine/types';

export interface ValidCase {
  code: string;
  name?: string;
  filename?: string;
  options?: readonly unknown[];
  settings?: Record<string, unknown>;
}

export interface ExpectedError {
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  data?: Record<string, unknown>;
  suggestions?: Array<{ messageId: string; output: string }> | null;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** The text after all fixes, or null when the rule offers no fix here. */
  output: string | null;
}

function configFor(rule: Rule, test: ValidCase): FileConfig {
  return {
    rules: new Map([[rule.meta.opslint.id, { severity: 2, options: mergeOptions(rule.meta.defaultOptions, test.options ?? []) }]]),
    settings: test.settings ?? {},
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  };
}

function findingsOf(rule: Rule, test: ValidCase): Finding[] {
  const filename = test.filename ?? 'src/file.ts';
  const env = { registry: new Map([[rule.meta.opslint.id, rule]]), cwd: process.cwd(), verbose: true };
  const result = lintText(test.code, filename, configFor(rule, test), env);
  // As every front end does after the per-file pass, with the case as the whole project: a
  // finding that waits for another module's summary is dropped, since that module is not linted.
  const messages = applyProgramConditions(result.messages, undefined, filename);
  const unexpected = messages.filter((m) => m.ruleId !== rule.meta.opslint.id);
  assert.deepEqual(unexpected, [], `the case produced findings that are not the rule's own (parse or internal error?)`);
  return messages;
}

function assertParses(text: string, filename: string, what: string): void {
  assert.doesNotThrow(() => parseSource(text, filename), `${what} does not parse:\n${text}`);
}

export function runRuleTests(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const id = rule.meta.opslint.id;
  describe(id, () => {
    describe('valid', () => {
      for (const test of cases.valid) {
        it(test.name ?? test.code.slice(0, 80), () => {
          assert.deepEqual(findingsOf(rule, test).map((f) => `${f.line}:${f.column} ${f.message}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const test of cases.invalid) {
        it(test.name ?? test.code.slice(0, 80), () => {
          const filename = test.filename ?? 'src/file.ts';
          const findings = findingsOf(rule, test);
          assert.equal(findings.length, test.errors.length, `expected ${test.errors.length} finding(s), got:\n${findings.map((f) => `${f.line}:${f.column} ${f.message}`).join('\n')}`);
          test.errors.forEach((expected, i) => {
            const actual = findings[i];
            assert.deepEqual(
              { messageId: actual.messageId, line: actual.line, column: actual.column, endLine: actual.endLine, endColumn: actual.endColumn },
              { messageId: expected.messageId, line: expected.line, column: expected.column, endLine: expected.endLine, endColumn: expected.endColumn },
              `finding ${i}`);
            if (expected.suggestions !== undefined) {
              const outputs = (actual.suggestions ?? []).map((s) => ({ messageId: s.messageId, output: applyNonOverlapping(test.code, [s.fix]).text }));
              assert.deepEqual(outputs, expected.suggestions ?? [], `suggestions of finding ${i}`);
              for (const s of outputs) assertParses(s.output, filename, `suggestion ${s.messageId}`);
            }
          });
          const fixed = fixText(test.code, filename, configFor(rule, test), { registry: new Map([[id, rule]]), cwd: process.cwd() });
          assert.equal(fixed.output ?? null, test.output, 'fix output');
          if (test.output !== null) assertParses(test.output, filename, 'fix output');
        });
      }
    });
    describe('in ESLint (typescript-eslint RuleTester): the same cases, the same findings', () => {
      runInEslint(rule, cases);
    });
  });
}

// typescript-eslint's RuleTester hooks into the test framework's globals; mocha names it `after`.
RuleTester.afterAll = after;

/**
 * The same cases through ESLint itself, proving the rule object runs unchanged there (the
 * contract of rules/core/engine/types.ts). Settings go under `settings.opslint`, as ESLint users write them.
 */
function runInEslint(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const tester = new RuleTester();
  const common = (test: ValidCase) => ({
    code: test.code,
    filename: test.filename ?? 'src/file.ts',
    ...(test.name ? { name: test.name } : {}),
    ...(test.options ? { options: test.options as unknown[] } : {}),
    settings: { opslint: test.settings ?? {} },
  });
  // ESLint reads a slash in a rule name as a plugin prefix; the name is only a label here.
  tester.run(rule.meta.opslint.id.replace('/', '-'), rule as never, {
    valid: cases.valid.map(common),
    invalid: cases.invalid.map((test) => ({
      ...common(test),
      output: test.output,
      errors: test.errors.map((e) => ({
        messageId: e.messageId, line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn,
        ...(e.suggestions !== undefined ? { suggestions: e.suggestions ?? [] } : {}),
      })),
    })) as never,
  });
}
