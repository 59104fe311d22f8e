import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeProject, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';
import { sarifValidator } from '../helpers/sarif-validator';

const FILES = {
  'opslint.config.json': TEST_RULES_CONFIG,
  'src/a,b.ts': 'export function f() {\n  var x = 1;\n  todo();\n  return x;\n}\n',
  'src/clean.ts': 'export const ok = 1;\n',
  'src/<odd>.ts': 'todo();\n',
};

interface SarifResult { ruleId: string; level: string; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }> }

describe('CLI CI formats: junit, gitlab, github, SARIF for GitHub code scanning (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => { project = makeProject(FILES); });
  afterEach(() => project.cleanup());

  it('junit: one test case per file, one failure per finding, XML-escaped', () => {
    const run = runOpslint(['--format', 'junit', '.'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="opslint" tests="3" failures="2" errors="0">/);
    assert.equal((run.stdout.match(/<testcase /g) ?? []).length, 3);
    assert.equal((run.stdout.match(/<failure /g) ?? []).length, 3);
    assert.match(run.stdout, /<testcase classname="opslint" name="src\/clean\.ts" time="0"\/>/);
    assert.match(run.stdout, /<testcase classname="opslint" name="src\/&lt;odd&gt;\.ts" time="0">\n {6}<failure type="test\/no-todo-call" message="1:1 Do not ship todo\(\)\.">warning test\/no-todo-call at src\/&lt;odd&gt;\.ts:1:1/);
    assert.match(run.stdout, /<failure type="test\/no-var" message="2:3 Use let instead of var\.">error test\/no-var at src\/a,b\.ts:2:3/);
  });

  it('gitlab: Code Quality issues whose fingerprints are the baseline fingerprints', () => {
    const run = runOpslint(['--format', 'gitlab', '.'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    const issues = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    assert.deepEqual(issues.map((i) => [i.check_name, i.severity, i.location]), [
      ['test/no-todo-call', 'minor', { path: 'src/<odd>.ts', lines: { begin: 1, end: 1 } }],
      ['test/no-var', 'major', { path: 'src/a,b.ts', lines: { begin: 2, end: 2 } }],
      ['test/no-todo-call', 'minor', { path: 'src/a,b.ts', lines: { begin: 3, end: 3 } }],
    ]);
    assert.deepEqual(issues[1].categories, ['logging']);
    runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    const baseline = JSON.parse(fs.readFileSync(path.join(project.dir, 'opslint-baseline.json'), 'utf8'));
    const recorded = Object.values(baseline.files).flat().map((e) => (e as { fingerprint: string }).fingerprint).sort();
    assert.deepEqual(issues.map((i) => i.fingerprint).sort(), recorded);
  });

  it('github: workflow-command annotations with escaped properties', () => {
    const run = runOpslint(['--format', 'github', '.'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(run.stdout.trimEnd().split('\n'), [
      '::warning file=src/<odd>.ts,line=1,col=1,endLine=1,endColumn=7,title=test/no-todo-call::Do not ship todo().',
      '::error file=src/a%2Cb.ts,line=2,col=3,endLine=2,endColumn=13,title=test/no-var::Use let instead of var.',
      '::warning file=src/a%2Cb.ts,line=3,col=3,endLine=3,endColumn=9,title=test/no-todo-call::Do not ship todo().',
    ]);
  });

  it('SARIF meets GitHub code scanning rules: category, tags, help URIs, %SRCROOT% URIs, baseline fingerprints', () => {
    const run = runOpslint(['--format', 'sarif', '.'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout);
    assert.deepEqual(sarifValidator()(log), []);
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.automationDetails.id, 'opslint/');
    for (const rule of sarifRun.tool.driver.rules) {
      assert.match(rule.helpUri, /^https:\/\//);
      assert.ok(rule.properties.tags.includes(rule.properties.category), `${rule.id} is tagged with its category`);
    }
    assert.deepEqual(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id), ['test/no-todo-call', 'test/no-var']);
    const results = sarifRun.results as SarifResult[];
    assert.deepEqual(results.map((r) => r.locations[0].physicalLocation.artifactLocation), [
      { uri: 'src/%3Codd%3E.ts', uriBaseId: '%SRCROOT%' }, { uri: 'src/a%2Cb.ts', uriBaseId: '%SRCROOT%' }, { uri: 'src/a%2Cb.ts', uriBaseId: '%SRCROOT%' },
    ]);
    assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%'].uri, `file://${project.dir}/`);
    assert.deepEqual(sarifRun.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
    runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    const baseline = JSON.parse(fs.readFileSync(path.join(project.dir, 'opslint-baseline.json'), 'utf8'));
    const recorded = Object.values(baseline.files).flat().map((e) => (e as { fingerprint: string }).fingerprint).sort();
    assert.deepEqual(results.map((r) => r.partialFingerprints['opslintFingerprint/v2']).sort(), recorded);
  });

  it('SARIF keeps at most 25,000 results per run, errors first, and says so in a notification', () => {
    fs.writeFileSync(path.join(project.dir, 'src', 'many.ts'), `${'todo();\n'.repeat(25_000)}var last = 1;\n`);
    const run = runOpslint(['--format', 'sarif', '-o', 'many.sarif', 'src/many.ts'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(fs.readFileSync(path.join(project.dir, 'many.sarif'), 'utf8'));
    const [sarifRun] = log.runs;
    assert.equal(sarifRun.results.length, 25_000);
    assert.equal(sarifRun.results.filter((r: SarifResult) => r.level === 'error').length, 1, 'the one error is kept');
    assert.equal(sarifRun.results.at(-1).ruleId, 'test/no-var', 'kept results stay in file order');
    const notes = sarifRun.invocations[0].toolExecutionNotifications;
    assert.equal(notes.length, 1);
    assert.equal(notes[0].descriptor.id, 'opslint/results-truncated');
    assert.match(notes[0].message.text, /found 25001 results; only 25000 \(errors first\)/);
    assert.deepEqual(sarifValidator()(log), []);
  });
});
