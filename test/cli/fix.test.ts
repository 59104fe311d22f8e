import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSource } from '../../rules/core/engine/parse';
import { makeProject, parseJsonReport, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';

const SOURCE = 'var a = 1;\nfunction f() {\n  var b = a;\n  return b;\n}\ntodo();\n';
const FIXED = 'let a = 1;\nfunction f() {\n  let b = a;\n  return b;\n}\ntodo();\n';

describe('CLI --fix and --fix-dry-run (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('--fix writes the fixed file, which parses, and reports only what is left', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'src/a.ts': SOURCE });
    const run = runOpslint(['--fix', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    const file = path.join(project.dir, 'src/a.ts');
    const written = fs.readFileSync(file, 'utf8');
    assert.equal(written, FIXED);
    assert.doesNotThrow(() => parseSource(written, file));
    const report = parseJsonReport(run);
    assert.deepEqual(report[0].messages.map((m) => m.ruleId), ['test/no-todo-call']);
    assert.equal('output' in report[0], false, 'the written text is not repeated in the report');
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['a.ts'], 'no temp file is left behind');
  });

  it('--fix never writes a fix whose result would not parse, and reports it', () => {
    const config = JSON.stringify({ root: true, rules: { 'test/broken-fix': 'error', 'test/no-var': 'error' } });
    const source = 'function f() {\n  var x = 1;\n  return x;\n}\n';
    project = makeProject({ 'opslint.config.json': config, 'a.ts': source });
    const run = runOpslint(['--fix', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 1);
    assert.equal(fs.readFileSync(path.join(project.dir, 'a.ts'), 'utf8'), source.replace('var', 'let'), 'the good fix is written, the broken one is not');
    const messages = parseJsonReport(run)[0].messages;
    assert.deepEqual(messages.map((m) => [m.ruleId, m.line]), [['test/broken-fix', 1], ['opslint/fix-reverted', 1]]);
    assert.match(String(messages[1].message), /automatic fix for test\/broken-fix .* would leave code that does not parse/);
  });

  it('--fix-dry-run writes nothing and puts the fixed text in the JSON output', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'src/a.ts': SOURCE });
    const before = fs.statSync(path.join(project.dir, 'src/a.ts')).mtimeMs;
    const run = runOpslint(['--fix-dry-run', '--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(fs.readFileSync(path.join(project.dir, 'src/a.ts'), 'utf8'), SOURCE);
    assert.equal(fs.statSync(path.join(project.dir, 'src/a.ts')).mtimeMs, before);
    const report = parseJsonReport(run) as Array<{ output?: string }>;
    assert.equal(report[0].output, FIXED);
  });

  it('--fix and --fix-dry-run together are a usage error', () => {
    project = makeProject({ 'a.ts': 'var a = 1;\n' });
    const run = runOpslint(['--fix', '--fix-dry-run'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot be combined/);
    assert.equal(fs.readFileSync(path.join(project.dir, 'a.ts'), 'utf8'), 'var a = 1;\n');
  });
});
