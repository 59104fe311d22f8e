/**
 * Runs a project rule's cases the way the CLI does: each case is a small workspace written to a
 * temp folder, linted with `lintProject` (per-file pass, then the graph and the project rules),
 * with only the rule under test enabled. Valid cases first, then invalid ones with exact positions.
 */
import * as assert from 'node:assert/strict';
import { ConfigResolver } from '../../rules/core/config/config-resolver';
import type { Finding, Rule } from '../../rules/core/engine/types';
import { lintProject } from '../../rules/core/project/lint-project';
import { createRegistry } from '../../rules/core/registry';
import { TempWorkspace } from './temp-workspace';

export interface ProjectCase {
  name: string;
  files: Record<string, string>;
  options?: readonly unknown[];
  settings?: Record<string, unknown>;
}

export interface ExpectedProjectError {
  /** Project-relative path of the file the finding lands in. */
  file: string;
  messageId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Substring the message must contain (a cycle's chain, a count). */
  message?: string;
  /** `file:line` of each related location, in order. */
  related?: string[];
}

export interface InvalidProjectCase extends ProjectCase {
  errors: ExpectedProjectError[];
}

/** Lints the workspace with only `rule` on; returns its findings as `[relative file, finding]`, in file order. */
export function lintWorkspace(rule: Rule, test: ProjectCase): Array<{ file: string; finding: Finding }> {
  const id = rule.meta.opslint.id;
  const entry = test.options ? ['error', ...test.options] : 'error';
  const workspace = new TempWorkspace({
    ...test.files,
    'opslint.config.json': JSON.stringify({ root: true, rules: { [id]: entry }, settings: test.settings ?? {} }),
  });
  try {
    const registry = createRegistry([rule]);
    const resolver = new ConfigResolver({ root: workspace.root, registry });
    const lints = lintProject(workspace.sourceFiles(), { resolver, env: { registry, cwd: workspace.root } });
    const out: Array<{ file: string; finding: Finding }> = [];
    for (const lint of lints) {
      const file = lint.result.filePath.slice(workspace.root.length + 1).split('\\').join('/');
      assert.equal(lint.fingerprints.length, lint.result.messages.length, 'one fingerprint per finding');
      for (const finding of lint.result.messages) out.push({ file, finding });
    }
    return out;
  } finally {
    workspace.remove();
  }
}

export function runProjectRuleTests(rule: Rule, cases: { valid: ProjectCase[]; invalid: InvalidProjectCase[] }): void {
  const id = rule.meta.opslint.id;
  describe(id, () => {
    describe('valid', () => {
      for (const test of cases.valid) {
        it(test.name, () => {
          assert.deepEqual(lintWorkspace(rule, test).map(({ file, finding }) => `${file}:${finding.line}:${finding.column} ${finding.message}`), []);
        });
      }
    });
    describe('invalid', () => {
      for (const test of cases.invalid) {
        it(test.name, () => {
          const found = lintWorkspace(rule, test);
          const other = found.filter(({ finding }) => finding.ruleId !== id);
          assert.deepEqual(other.map(({ file, finding }) => `${file}:${finding.line} ${finding.ruleId}: ${finding.message}`), [], 'findings that are not the rule\'s own');
          assert.equal(found.length, test.errors.length, `expected ${test.errors.length} finding(s), got:\n${found.map(({ file, finding }) => `${file}:${finding.line}:${finding.column} ${finding.message}`).join('\n')}`);
          test.errors.forEach((expected, i) => {
            const { file, finding } = found[i];
            assert.deepEqual(
              { file, messageId: finding.messageId, line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
              { file: expected.file, messageId: expected.messageId, line: expected.line, column: expected.column, endLine: expected.endLine, endColumn: expected.endColumn },
              `finding ${i}`);
            if (expected.message) assert.ok(finding.message.includes(expected.message), `finding ${i} message "${finding.message}" lacks "${expected.message}"`);
            if (expected.related) {
              const related = (finding.relatedInformation ?? []).map((r) => `${r.filePath.slice(r.filePath.lastIndexOf('/') + 1)}:${r.line}`);
              assert.deepEqual(related, expected.related, `finding ${i} related locations`);
            }
            assert.equal(finding.fix, undefined, 'project findings carry no fix');
          });
        });
      }
    });
  });
}
