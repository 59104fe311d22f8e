import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { makeProject, parseJsonReport, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';

const TWO_WARNINGS = 'todo();\ntodo();\n';

describe('CLI flags (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('--max-warnings: exit 0 within the limit, 1 above it with a note on stderr', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': TWO_WARNINGS });
    assert.equal(runOpslint(['--max-warnings', '2'], { cwd: project.dir }).status, 0);
    const over = runOpslint(['--max-warnings', '1'], { cwd: project.dir });
    assert.equal(over.status, 1);
    assert.match(over.stderr, /too many warnings \(maximum: 1\)/);
    assert.match(over.stdout, /2 problems \(0 errors, 2 warnings\)/);
    assert.equal(runOpslint(['--max-warnings', '-1'], { cwd: project.dir }).status, 2);
    assert.equal(runOpslint(['--max-warnings', 'many'], { cwd: project.dir }).status, 2);
  });

  it('--quiet reports errors only', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': `var a = 1;\n${TWO_WARNINGS}` });
    const run = runOpslint(['--quiet', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 1);
    const [result] = parseJsonReport(run);
    assert.deepEqual(result.messages.map((m) => m.ruleId), ['test/no-var']);
    assert.equal(result.warningCount, 0);
    const stylish = runOpslint(['--quiet'], { cwd: project.dir }).stdout;
    assert.match(stylish, /1:1\s+error\s+Use let/);
    assert.doesNotMatch(stylish, /\d:\d+\s+warning\s/);
  });

  it('--rule sets a severity over the config, with options as JSON, and rejects bad severities', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': `var a = 1;\n${TWO_WARNINGS}fixme();\n` });
    const off = runOpslint(['--rule', 'test/no-var: off', '--format', 'json'], { cwd: project.dir });
    assert.equal(off.status, 0);
    assert.deepEqual(parseJsonReport(off)[0].messages.map((m) => m.ruleId), ['test/no-todo-call', 'test/no-todo-call']);
    const raised = runOpslint(['--rule', 'test/no-var:off', '--rule', 'test/no-todo-call: ["error", {"names": ["fixme"]}]', '--format', 'json'], { cwd: project.dir });
    assert.equal(raised.status, 1);
    assert.deepEqual(parseJsonReport(raised)[0].messages.map((m) => [m.line, m.severity]), [[4, 2]]);
    const bad = runOpslint(['--rule', 'test/no-var: loud'], { cwd: project.dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /the severity must be off, warn or error/);
  });

  it('--print-config shows the config file and the rules in force for a file, overrides applied', () => {
    const config = JSON.stringify({
      root: true,
      rules: { 'test/no-var': 'error', 'test/no-todo-call': 'warn' },
      settings: { loggers: ['journal'] },
      overrides: [{ files: ['test/**'], rules: { 'test/no-var': 'off' } }],
    });
    project = makeProject({ 'opslint.config.json': config, 'src/a.ts': '', 'test/a.test.ts': '' });
    const run = runOpslint(['--print-config', 'test/a.test.ts'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    const printed = JSON.parse(run.stdout);
    assert.equal(printed.configFile, path.join(project.dir, 'opslint.config.json'));
    assert.deepEqual(printed.rules, { 'test/no-todo-call': ['warn', { names: ['todo'] }] });
    assert.deepEqual(printed.settings, { loggers: ['journal'] });
    const source = JSON.parse(runOpslint(['--print-config', 'src/a.ts'], { cwd: project.dir }).stdout);
    assert.deepEqual(Object.keys(source.rules).sort(), ['test/no-todo-call', 'test/no-var']);
  });

  it('--list-rules prints id, category, default severity, fixable and description for each rule', () => {
    project = makeProject({});
    const run = runOpslint(['--list-rules'], { cwd: project.dir });
    assert.equal(run.status, 0);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^RULE\s+CATEGORY\s+DEFAULT\s+FIXABLE\s+DESCRIPTION$/);
    assert.ok(lines.some((l) => /^test\/no-var\s+logging\s+error\s+fix\s+Test rule: var declarations\.$/.test(l)), run.stdout);
    assert.ok(lines.some((l) => /^test\/throws\s+resilience\s+error \(all only\)\s+-\s+/.test(l)), run.stdout);
    const ids = lines.slice(1).map((l) => l.split(/\s+/)[0]);
    assert.deepEqual(ids, [...ids].sort());
  });

  it('--init writes a starter config that loads, and refuses to overwrite it', () => {
    project = makeProject({ 'src/a.ts': 'var a = 1;\n' });
    const run = runOpslint(['--init'], { cwd: project.dir, testRules: false });
    assert.equal(run.status, 0, run.stderr);
    const file = path.join(project.dir, 'opslint.config.json');
    assert.match(run.stdout, new RegExp(`Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const written = parseJsonc(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(written.extends, ['opslint:recommended']);
    const lint = runOpslint(['--format', 'json'], { cwd: project.dir, testRules: false });
    assert.ok(lint.status === 0 || lint.status === 1, `the starter config loads: ${lint.stderr}`);
    const again = runOpslint(['--init'], { cwd: project.dir, testRules: false });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /already exists/);
  });

  it('--version prints the package version and --help the usage', () => {
    project = makeProject({});
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(runOpslint(['--version'], { cwd: project.dir }).stdout, `${version}\n`);
    const help = runOpslint(['--help'], { cwd: project.dir });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: opslint \[options\]/);
    assert.match(help.stdout, /Exit codes: 0/);
  });
});
