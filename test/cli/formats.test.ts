import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATEGORIES } from '../../rules/core/engine/types';
import { runCli } from '../../cli/run';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { makeProject, parseJsonReport, runOpslint, TEST_RULES_CONFIG, TEST_RULES_MODULE } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';
import { sarifValidator } from '../helpers/sarif-validator';

const SAMPLE = path.join('examples', 'sample-service');
const ESC = '\u001b[';

describe('CLI report formats (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('--format json on the sample service is valid JSON with findings from all five categories', () => {
    const run = runOpslint(['--format', 'json', SAMPLE], { cwd: REPO_ROOT, testRules: false });
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    const report = parseJsonReport(run);
    assert.ok(report.length >= 8, 'every source file of the sample has a result');
    for (const result of report) {
      assert.ok(path.isAbsolute(result.filePath));
      assert.deepEqual(Object.keys(result).slice(0, 4), ['filePath', 'messages', 'suppressedMessages', 'errorCount']);
      for (const key of ['warningCount', 'fixableErrorCount', 'fixableWarningCount']) assert.equal(typeof (result as Record<string, unknown>)[key], 'number');
    }
    const messages = report.flatMap((r) => r.messages);
    assert.deepEqual(messages.filter((m) => m.category === 'opslint'), [], 'no parse, internal or suppression findings on the sample');
    const categories = new Set(messages.map((m) => m.category));
    assert.deepEqual(CATEGORIES.filter((c) => !categories.has(c)), [], `categories with findings: ${[...categories].join(', ')}`);
  });

  it('--format sarif on the sample service validates against the SARIF 2.1.0 schema', () => {
    const run = runOpslint(['--format', 'sarif', SAMPLE], { cwd: REPO_ROOT, testRules: false });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.deepEqual(sarifValidator()(log), []);
    for (const result of log.runs[0].results) {
      const location = result.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(location.artifactLocation.uri.startsWith('examples/sample-service/src/'), location.artifactLocation.uri);
      assert.ok(location.region.startLine >= 1);
    }
  });

  it('SARIF lists rules with help URIs, results with fingerprints that survive a line shift, and validates', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'src/a.ts': 'var a = 1;\ntodo();\n' });
    const first = runOpslint(['--format', 'sarif'], { cwd: project.dir });
    assert.equal(first.status, 1);
    const log = JSON.parse(first.stdout);
    assert.deepEqual(sarifValidator()(log), []);
    const run = log.runs[0];
    assert.equal(log.runs.length, 1);
    assert.deepEqual(run.tool.driver.rules.map((r: { id: string; helpUri: string }) => [r.id, r.helpUri]), [
      ['test/no-todo-call', 'https://example.invalid/opslint-test-rules/no-todo-call'],
      ['test/no-var', 'https://example.invalid/opslint-test-rules/no-var'],
    ]);
    assert.deepEqual(run.results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
      [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine]), [
      ['test/no-var', 'error', 'src/a.ts', 1],
      ['test/no-todo-call', 'warning', 'src/a.ts', 2],
    ]);
    fs.writeFileSync(path.join(project.dir, 'src/a.ts'), '// a new first line\n\nvar a = 1;\ntodo();\n');
    const shifted = JSON.parse(runOpslint(['--format', 'sarif'], { cwd: project.dir }).stdout).runs[0];
    assert.deepEqual(shifted.results.map((r: { partialFingerprints: object }) => r.partialFingerprints), run.results.map((r: { partialFingerprints: object }) => r.partialFingerprints));
    assert.deepEqual(shifted.results.map((r: { locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => r.locations[0].physicalLocation.region.startLine), [3, 4]);
  });

  it('stylish has no colors without a TTY or with --no-color, and colors with --color', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': 'var a = 1;\n' });
    assert.ok(!runOpslint([], { cwd: project.dir }).stdout.includes(ESC));
    assert.ok(!runOpslint([], { cwd: project.dir, env: { NO_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(runOpslint(['--color'], { cwd: project.dir }).stdout.includes(`${ESC}31m`));
    assert.ok(!runOpslint(['--no-color'], { cwd: project.dir, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
  });

  it('on a TTY, stylish has colors unless NO_COLOR is set (and not empty)', async () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': 'var a = 1;\n' });
    const stdoutOnTty = async (env: Record<string, string>) => {
      let stdout = '';
      const code = await runCli({
        argv: [], cwd: project.dir, isTTY: true, env: { [TEST_RULE_MODULES_VARIABLE]: TEST_RULES_MODULE, ...env },
        stdout: (text) => { stdout += text; }, stderr: () => undefined,
      });
      assert.equal(code, 1);
      return stdout;
    };
    assert.ok((await stdoutOnTty({})).includes(`${ESC}31m`));
    assert.ok(!(await stdoutOnTty({ NO_COLOR: '1' })).includes(ESC));
    assert.ok((await stdoutOnTty({ NO_COLOR: '' })).includes(ESC), 'an empty NO_COLOR does not count');
  });

  it('--output-file writes the report there and nothing to stdout', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': 'var a = 1;\n' });
    const run = runOpslint(['--format', 'json', '--output-file', 'reports/opslint.json', 'a.ts'], { cwd: project.dir });
    assert.equal(run.status, 2, 'the reports/ folder does not exist');
    assert.match(run.stderr, /reports\/opslint\.json: cannot write the report: ENOENT/);
    const ok = runOpslint(['--format', 'json', '-o', 'opslint.json', 'a.ts'], { cwd: project.dir });
    assert.equal(ok.status, 1);
    assert.equal(ok.stdout, '');
    const written = JSON.parse(fs.readFileSync(path.join(project.dir, 'opslint.json'), 'utf8'));
    assert.deepEqual(written[0].messages.map((m: { ruleId: string }) => m.ruleId), ['test/no-var']);
  });
});
