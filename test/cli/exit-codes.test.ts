import * as assert from 'node:assert/strict';
import { makeProject, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';

describe('CLI exit codes and inputs (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('exits 0 with no output when nothing is found', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'src/clean.ts': 'export const answer = 42;\n' });
    const run = runOpslint([], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
  });

  it('exits 0 on warnings only, and 1 on an error', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'warn.ts': 'todo();\n' });
    assert.equal(runOpslint(['warn.ts'], { cwd: project.dir }).status, 0);
    project.cleanup();
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'error.ts': 'var x = 1;\n' });
    const run = runOpslint(['error.ts'], { cwd: project.dir });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /1:1\s+error\s+Use let instead of var\.\s+test\/no-var/);
    assert.match(run.stdout, /1 problem \(1 error, 0 warnings\)/);
  });

  it('exits 2 on a usage error and says what is allowed', () => {
    project = makeProject({ 'a.ts': '' });
    const run = runOpslint(['--format', 'xml'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--format xml is not a format; use one of stylish, json, sarif/);
    const unknown = runOpslint(['--no-such-flag'], { cwd: project.dir });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no-such-flag/);
  });

  it('a file that does not parse gives one parse finding, and the other files are still linted', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'broken.ts': 'const x = ;\n', 'fine.ts': 'var y = 1;\n' });
    const run = runOpslint(['--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 1);
    const report = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; fatal?: boolean }> }>;
    const broken = report.find((r) => r.filePath.endsWith('broken.ts'))!;
    assert.equal(broken.messages.length, 1);
    assert.equal(broken.messages[0].ruleId, 'opslint/parse-error');
    assert.equal(broken.messages[0].fatal, true);
    assert.deepEqual([broken.messages[0].line, broken.messages[0].column], [1, 11]);
    const fine = report.find((r) => r.filePath.endsWith('fine.ts'))!;
    assert.deepEqual(fine.messages.map((m) => m.ruleId), ['test/no-var']);
  });

  it('a path that does not exist exits 2 and names it', () => {
    project = makeProject({ 'a.ts': '' });
    const run = runOpslint(['src/nope.ts'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no such file or folder: src\/nope\.ts/);
    assert.equal(run.stdout, '');
  });

  it('an empty folder exits 2 and says there is nothing to lint', () => {
    project = makeProject({ 'empty/README.md': '# nothing to lint\n' });
    const run = runOpslint(['empty'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no files to lint in empty/);
  });

  it('a rule that throws gives one internal-error finding; other rules and files are unaffected', () => {
    project = makeProject({
      'opslint.config.json': TEST_RULES_CONFIG,
      'boom.ts': 'var explode = 1;\ntodo();\n',
      'calm.ts': 'var calm = 1;\n',
    });
    const run = runOpslint(['--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string; line: number; detail?: string }> }>;
    const boom = report.find((r) => r.filePath.endsWith('boom.ts'))!;
    assert.deepEqual(boom.messages.map((m) => `${m.line}:${m.ruleId}`), ['1:test/no-var', '1:test/throws', '2:test/no-todo-call']);
    const internal = boom.messages.find((m) => m.ruleId === 'test/throws')!;
    assert.match(internal.message, /Internal error in rule test\/throws: test rule exploded on purpose/);
    assert.equal(internal.detail, undefined, 'the stack is shown in verbose mode only');
    const calm = report.find((r) => r.filePath.endsWith('calm.ts'))!;
    assert.deepEqual(calm.messages.map((m) => m.ruleId), ['test/no-var']);

    const verbose = runOpslint(['--format', 'json', '--verbose', 'boom.ts'], { cwd: project.dir });
    const detail = (JSON.parse(verbose.stdout) as typeof report)[0].messages.find((m) => m.ruleId === 'test/throws')!.detail;
    assert.match(detail ?? '', /test-rules\.js/);
  });
});
