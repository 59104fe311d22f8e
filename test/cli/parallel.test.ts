import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { workerCount } from '../../cli/parallel/lint-files';
import { makeProject, parseJsonReport, runOpslint } from '../helpers/cli-process';

/** The test rules plus the real import-cycle rule (with the design-debt cycles the fixture has), so the project pass is exercised too. */
const CONFIG = JSON.stringify({ root: true, rules: { 'test/no-var': 'error', 'test/no-todo-call': 'warn', 'coupling/no-import-cycle': ['error', { reportDeferredCycles: true }] } });

function projectFiles(): Record<string, string> {
  const files: Record<string, string> = { 'opslint.config.json': CONFIG };
  for (let i = 0; i < 60; i++) {
    const name = `src/m${String(i).padStart(2, '0')}.ts`;
    files[name] = i % 3 === 0 ? `export function f${i}() {\n  var x = ${i};\n  todo();\n  return x;\n}\n` : `export const v${i} = ${i};\n`;
  }
  // A cycle across two files that land in different batches and shards.
  files['src/m01.ts'] = "import { b } from './m58';\nexport const a = () => b;\n";
  files['src/m58.ts'] = "import { a } from './m01';\nexport const b = () => a;\n";
  return files;
}

type Report = ReturnType<typeof parseJsonReport>;
const summary = (report: Report) => report.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)}:${m.line}:${m.ruleId}`));

describe('CLI --concurrency, --shard and opslint merge (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  before(() => { project = makeProject(projectFiles()); });
  after(() => project.cleanup());

  it('--concurrency 2 and auto give byte-identical JSON and SARIF to a single thread, cycle included', function () {
    this.timeout(300_000); // nine CLI processes on a shared two-core machine
    for (const format of ['json', 'sarif']) {
      const one = runOpslint(['--format', format, '.'], { cwd: project.dir });
      assert.equal(one.status, 1, one.stderr);
      for (const concurrency of format === 'json' ? ['2', '3', 'auto'] : ['2']) {
        const many = runOpslint(['--format', format, '--concurrency', concurrency, '.'], { cwd: project.dir });
        assert.equal(many.status, 1, many.stderr);
        assert.equal(many.stdout, one.stdout, `${format} with --concurrency ${concurrency}`);
      }
    }
    const found = summary(parseJsonReport(runOpslint(['--format', 'json', '--concurrency', '2', '.'], { cwd: project.dir })));
    assert.deepEqual(found.filter((f) => f.includes('cycle')), ['m01.ts:1:coupling/no-import-cycle'], 'the cycle is reported once, on its first module');
    assert.equal(found.filter((f) => f.endsWith('test/no-var')).length, 20);
  });

  it('auto takes half the cores (as ESLint), and never more threads than the files fill', () => {
    const half = Math.max(1, Math.floor(os.availableParallelism() / 2));
    assert.equal(workerCount('auto', 100_000), half);
    assert.equal(workerCount('auto', 149), 1, 'under 150 files a thread is not worth starting');
    assert.equal(workerCount(4, 20), 2, 'an explicit N is capped by batches of 16 files');
    assert.equal(workerCount(3, 100_000), 3);
  });

  it('bad --concurrency and --shard values exit 2 with what is allowed', () => {
    assert.match(runOpslint(['--concurrency', '0', '.'], { cwd: project.dir }).stderr, /--concurrency expects auto or a whole number >= 1, got '0'/);
    const shard = runOpslint(['--shard', '4/3', '.'], { cwd: project.dir });
    assert.equal(shard.status, 2);
    assert.match(shard.stderr, /--shard expects I\/N with 1 <= I <= N \(e\.g\. 2\/4\), got '4\/3'/);
  });

  it('shards split the files disjointly, report cross-file findings once, and merge back to the full report', () => {
    const full = runOpslint(['--format', 'json', '.'], { cwd: project.dir });
    const fullSarif = JSON.parse(runOpslint(['--format', 'sarif', '.'], { cwd: project.dir }).stdout);
    const shards = [1, 2, 3].map((i) => {
      for (const format of ['json', 'sarif']) {
        const run = runOpslint(['--format', format, '--shard', `${i}/3`, '-o', `shard${i}.${format}`, '.'], { cwd: project.dir });
        assert.ok(run.status === 0 || run.status === 1, run.stderr);
      }
      return JSON.parse(fs.readFileSync(path.join(project.dir, `shard${i}.json`), 'utf8')) as Report;
    });
    const files = shards.flatMap((s) => s.map((r) => r.filePath));
    assert.equal(new Set(files).size, files.length, 'no file is in two shards');
    assert.equal(files.length, 60);
    assert.ok(shards.every((s) => s.length > 5), `every shard gets a share: ${shards.map((s) => s.length).join(', ')}`);

    const mergedJson = runOpslint(['merge', 'shard1.json', 'shard2.json', 'shard3.json'], { cwd: project.dir });
    assert.equal(mergedJson.status, 0, mergedJson.stderr);
    assert.deepEqual(JSON.parse(mergedJson.stdout), JSON.parse(full.stdout));

    const mergedSarif = runOpslint(['merge', '-o', 'all.sarif', 'shard3.sarif', 'shard1.sarif', 'shard2.sarif'], { cwd: project.dir });
    assert.equal(mergedSarif.status, 0, mergedSarif.stderr);
    const merged = JSON.parse(fs.readFileSync(path.join(project.dir, 'all.sarif'), 'utf8'));
    assert.equal(merged.runs.length, 1);
    assert.deepEqual(merged.runs[0].results, fullSarif.runs[0].results);
    assert.deepEqual(merged.runs[0].tool.driver.rules, fullSarif.runs[0].tool.driver.rules);
  });

  it('merge refuses a mix of SARIF and JSON', () => {
    runOpslint(['--format', 'json', '-o', 'a.json', 'src/m00.ts'], { cwd: project.dir });
    runOpslint(['--format', 'sarif', '-o', 'b.sarif', 'src/m00.ts'], { cwd: project.dir });
    const run = runOpslint(['merge', 'a.json', 'b.sarif'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot merge a\.json, b\.sarif: give all SARIF logs or all JSON reports/);
  });

  it('--changed-since keeps cross-file findings of a changed file whose partner did not change', () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: project.dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', 'src', 'opslint.config.json');
    git('commit', '-qm', 'base');
    fs.appendFileSync(path.join(project.dir, 'src', 'm01.ts'), 'export const c = 1;\n');
    const run = runOpslint(['--changed-since', 'HEAD', '--format', 'json', '--concurrency', '2', 'src'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(summary(parseJsonReport(run)), ['m01.ts:1:coupling/no-import-cycle']);
  });
});
