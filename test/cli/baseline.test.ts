import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeProject, parseJsonReport, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';

const SERVICE = [
  'export function load() {',
  '  var retries = 3;',
  '  todo();',
  '  return retries;',
  '}',
  '',
  'export function save() {',
  '  todo();',
  '}',
  '',
].join('\n');

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
}

function readBaselineFile(file: string): { version: number; files: Record<string, Array<{ ruleId: string; fingerprint: string }>> } {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('CLI baseline (as a process, in a git repo)', () => {
  let project: ReturnType<typeof makeProject>;
  let src: string;
  beforeEach(() => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'src/service.ts': SERVICE, 'src/clean.ts': 'export const ok = 1;\n' });
    src = path.join(project.dir, 'src', 'service.ts');
    git(project.dir, 'init', '-q');
    git(project.dir, 'add', '.');
    git(project.dir, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'legacy');
  });
  afterEach(() => project.cleanup());

  it('--update-baseline records every finding in opslint-baseline.json and the run passes', () => {
    const run = runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /recorded 3 findings in opslint-baseline\.json/);
    assert.match(run.stderr, /0 new, 3 baselined, 0 fixed since baseline/);
    const baseline = readBaselineFile(path.join(project.dir, 'opslint-baseline.json'));
    assert.deepEqual(Object.keys(baseline.files), ['src/service.ts']);
    assert.deepEqual(baseline.files['src/service.ts'].map((e) => e.ruleId).sort(), ['test/no-todo-call', 'test/no-todo-call', 'test/no-var']);
    assert.equal(new Set(baseline.files['src/service.ts'].map((e) => e.fingerprint)).size, 3, 'identical todo() calls in two functions get two fingerprints');
  });

  it('baselined findings survive line shifts and re-indentation elsewhere in the file', () => {
    runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    fs.writeFileSync(src, `// header added later\nimport { x } from './x';\n\n${SERVICE.replace('  var retries = 3;', '    var   retries =\n      3;')}`);
    const run = runOpslint(['--baseline', 'opslint-baseline.json', '--format', 'json', '.'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(parseJsonReport(run).flatMap((r) => r.messages), []);
    assert.match(run.stderr, /0 new, 3 baselined, 0 fixed since baseline/);
  });

  it('a new violation that replaces a fixed one is new, not hidden by a count', () => {
    runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    // save() loses its todo(); a new function gains one: same rule, same file, same count.
    fs.writeFileSync(src, `${SERVICE.replace('export function save() {\n  todo();\n}', 'export function save() {\n  return 1;\n}')}export function purge() {\n  todo();\n}\n`);
    const run = runOpslint(['--baseline', 'opslint-baseline.json', '--format', 'json', '.'], { cwd: project.dir });
    assert.equal(run.status, 0, 'warnings only');
    const messages = parseJsonReport(run).flatMap((r) => r.messages);
    assert.deepEqual(messages.map((m) => [m.ruleId, m.line]), [['test/no-todo-call', 11]]);
    assert.match(run.stderr, /1 new, 2 baselined, 1 fixed since baseline \(run with --prune-baseline to drop them\)/);
  });

  it('a new error fails the run; the baselined ones do not', () => {
    runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    fs.writeFileSync(path.join(project.dir, 'src', 'clean.ts'), 'export const ok = 1;\nvar added = 2;\n');
    const run = runOpslint(['--baseline', 'opslint-baseline.json', '.'], { cwd: project.dir });
    assert.equal(run.status, 1);
    assert.match(run.stdout, /src\/clean\.ts\n\s+2:1\s+error\s+Use let instead of var\./);
    assert.doesNotMatch(run.stdout, /service\.ts/);
    assert.match(run.stderr, /1 new, 3 baselined, 0 fixed since baseline/);
  });

  it('--prune-baseline drops fixed entries (and deleted files) and keeps the rest', () => {
    runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    fs.writeFileSync(src, SERVICE.replace('  var retries = 3;', '  const retries = 3;'));
    const run = runOpslint(['--baseline', 'opslint-baseline.json', '--prune-baseline', '.'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /pruned 1 fixed findings from opslint-baseline\.json/);
    assert.match(run.stderr, /0 new, 2 baselined, 1 fixed since baseline\n/);
    const entries = readBaselineFile(path.join(project.dir, 'opslint-baseline.json')).files['src/service.ts'];
    assert.deepEqual(entries.map((e) => e.ruleId), ['test/no-todo-call', 'test/no-todo-call']);
    fs.rmSync(src);
    const pruned = runOpslint(['--prune-baseline', '.'], { cwd: project.dir });
    assert.equal(pruned.status, 0, pruned.stderr);
    assert.deepEqual(readBaselineFile(path.join(project.dir, 'opslint-baseline.json')).files, {});
  });

  it('the config key "baseline" applies it without a flag (path relative to the config file)', () => {
    runOpslint(['--update-baseline', '--baseline', 'ci/accepted.json', '.'], { cwd: project.dir });
    fs.writeFileSync(path.join(project.dir, 'opslint.config.json'), JSON.stringify({ ...JSON.parse(TEST_RULES_CONFIG), baseline: 'ci/accepted.json' }));
    const run = runOpslint(['.'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /0 new, 3 baselined, 0 fixed since baseline/);
  });

  it('a missing baseline is a usage problem (exit 2) that says how to create one', () => {
    const run = runOpslint(['--baseline', 'nope.json', '--format', 'json', '.'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /nope\.json: baseline not found; create it with opslint --update-baseline/);
    assert.deepEqual(JSON.parse(run.stdout), [], 'the JSON report stays parseable');
  });

  it('parse errors are never baselined: the file was not analysed', () => {
    fs.writeFileSync(path.join(project.dir, 'src', 'broken.ts'), 'export const = ;\n');
    const update = runOpslint(['--update-baseline', '.'], { cwd: project.dir });
    assert.equal(update.status, 1, 'the parse error still fails the run');
    assert.match(update.stdout, /broken\.ts/);
    assert.deepEqual(Object.keys(readBaselineFile(path.join(project.dir, 'opslint-baseline.json')).files), ['src/service.ts']);
  });
});
