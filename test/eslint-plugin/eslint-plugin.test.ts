import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import plugin = require('../../eslint-plugin');
import { allRules } from '../../rules';
import { parseSource } from '../../rules/core/engine/parse';
import { SourceCode } from '../../rules/core/engine/source-code';
import type { RuleContext } from '../../rules/core/engine/types';
import { isProjectRule } from '../../rules/core/project/project-rule';
import { parseJsonReport, runOpslint } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';

const SAMPLE = path.join(REPO_ROOT, 'examples', 'sample-service');
const SETTINGS = { loggers: ['journal'], configModules: ['**/src/app-config.ts'], entryPoints: ['**/src/server.ts'] };

type Row = string;
const row = (file: string, m: { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number; message: string }): Row =>
  `${path.relative(SAMPLE, file)}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId} ${m.message}`;

async function eslintOn(preset: Linter.Config, cwd: string, patterns: string[]): Promise<ESLint.LintResult[]> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
      preset,
      { settings: { opslint: SETTINGS } },
    ],
  });
  return eslint.lintFiles(patterns);
}

describe('ESLint plugin (opslint/eslint-plugin) with real ESLint 10', () => {
  it('exports every per-file rule, no project rule, and presets that name only its own rules', () => {
    const perFile = allRules.filter((r) => !isProjectRule(r)).map((r) => r.meta.opslint.id).sort();
    assert.deepEqual(Object.keys(plugin.rules).sort(), perFile);
    assert.ok(perFile.length > 0);
    assert.deepEqual(Object.keys(plugin.configs.all.rules).sort(), perFile.map((id) => `opslint/${id}`));
    const recommended = allRules.filter((r) => !isProjectRule(r) && r.meta.docs.recommended).map((r) => `opslint/${r.meta.opslint.id}`).sort();
    assert.deepEqual(Object.keys(plugin.configs.recommended.rules).sort(), recommended);
    assert.equal(plugin.configs.all.plugins.opslint, plugin);
    assert.deepEqual(plugin.configs.all.rules['opslint/coupling/no-hardcoded-endpoint'], ['warn', { reportVendorHosts: true }]);
    assert.equal(plugin.configs.recommended.rules['opslint/coupling/no-hardcoded-endpoint'], 'warn');
    // A preset's options for a rule travel with it: opslint:all reports fallbacks too.
    assert.deepEqual(plugin.configs.all.rules['opslint/logging/no-swallowed-error'], ['error', { reportFallbacks: true, reportFailedLookups: true, reportVanishedWrites: true }]);
    assert.equal(plugin.configs.recommended.rules['opslint/logging/no-swallowed-error'], 'error');
    assert.equal(ESLint.version.split('.')[0], '10');
  });

  // A rule ESLint cannot run (a selector only Opslint's engine accepts) is named by the second
  // test; the parity check covers every rule ESLint can run, so one bad rule hides nothing else.
  let runnable: string[] = [];
  const failures: string[] = [];
  before(async function () {
    this.timeout(120_000);
    for (const id of Object.keys(plugin.rules)) {
      try {
        await eslintOn({ plugins: { opslint: plugin }, rules: { [`opslint/${id}`]: 'warn' } } as unknown as Linter.Config, SAMPLE, ['src']);
        runnable.push(id);
      } catch (error) {
        failures.push(`${id}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    runnable = runnable.sort();
  });

  it('ESLint runs every rule on the sample', () => {
    assert.deepEqual(failures, []);
  });

  it('every listener key is an ESLint selector: ":exit" only once, at the end, for the whole list', () => {
    // ESLint strips one trailing ":exit" from a key and parses the rest with esquery, so
    // 'A:exit, B:exit' throws once an A is met and 'A, B:exit' runs both on exit.
    const sourceCode = new SourceCode('', parseSource('', 'empty.ts'));
    const offenders = Object.entries(plugin.rules).flatMap(([id, rule]) => {
      const context = { id, options: rule.meta.defaultOptions ?? [], settings: {}, filename: 'empty.ts', physicalFilename: 'empty.ts', cwd: SAMPLE, sourceCode, report() {} } as unknown as RuleContext;
      return Object.keys(rule.create(context)).filter((key) => key.slice(0, -':exit'.length).includes(':exit')).map((key) => `${id}: '${key}'`);
    });
    assert.deepEqual(offenders, []);
  });

  it('on the sample service ESLint finds exactly the per-file findings the CLI finds', async () => {
    assert.ok(runnable.length > 0);
    const preset = { plugins: { opslint: plugin }, rules: Object.fromEntries(runnable.map((id) => [`opslint/${id}`, plugin.configs.all.rules[`opslint/${id}`]])) };
    const results = await eslintOn(preset as unknown as Linter.Config, SAMPLE, ['src']);
    const fromEslint = results.flatMap((r) => r.messages.map((m) => row(r.filePath, m))).sort();
    assert.deepEqual(results.flatMap((r) => r.messages.filter((m) => m.fatal || !m.ruleId?.startsWith('opslint/'))), [], 'no parse errors, no foreign rules');

    const cli = runOpslint(['--format', 'json', 'src'], { cwd: SAMPLE, testRules: false });
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    const compared = new Set(runnable);
    const fromCli = parseJsonReport(cli).flatMap((r) => r.messages
      .filter((m) => compared.has(m.ruleId as string))
      .map((m) => row(r.filePath, { ...(m as unknown as Parameters<typeof row>[1]), ruleId: `opslint/${m.ruleId}` }))).sort();
    assert.ok(fromCli.length >= 5, `the sample has per-file findings: ${fromCli.length}`);
    assert.deepEqual(fromEslint, fromCli);
  });
});
