import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeProject, parseJsonReport, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir, stdio: 'ignore' });
}

describe('CLI --changed-since (as a process, in a git repo)', () => {
  let project: ReturnType<typeof makeProject>;
  beforeEach(() => {
    project = makeProject({
      'opslint.config.json': TEST_RULES_CONFIG,
      '.gitignore': 'generated/\n',
      'src/old.ts': 'var untouched = 1;\n',
      'src/edited.ts': 'export const a = 1;\n',
      'src/committed.ts': 'export const b = 1;\n',
      'src/deleted.ts': 'var gone = 1;\n',
    });
    git(project.dir, 'init', '-q', '-b', 'main');
    git(project.dir, 'add', '.');
    git(project.dir, 'commit', '-qm', 'base');
    git(project.dir, 'checkout', '-qb', 'feature');
    fs.writeFileSync(path.join(project.dir, 'src', 'committed.ts'), 'var b = 1;\n');
    git(project.dir, 'commit', '-qam', 'on the branch');
    fs.writeFileSync(path.join(project.dir, 'src', 'edited.ts'), 'var a = 1;\n');
    fs.writeFileSync(path.join(project.dir, 'src', 'new.ts'), 'var fresh = 1;\n');
    fs.mkdirSync(path.join(project.dir, 'generated'));
    fs.writeFileSync(path.join(project.dir, 'generated', 'ignored.ts'), 'var ignored = 1;\n');
    fs.rmSync(path.join(project.dir, 'src', 'deleted.ts'));
  });
  afterEach(() => project.cleanup());

  it('lints files committed, edited or added since the ref, and nothing else', () => {
    const run = runOpslint(['--changed-since', 'main', '--format', 'json', '.'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(parseJsonReport(run).map((r) => path.relative(project.dir, r.filePath)), ['src/committed.ts', 'src/edited.ts', 'src/new.ts']);
    assert.match(run.stderr, /3 of 4 files changed since main/);
  });

  it('respects the paths given and works from a subfolder', () => {
    const run = runOpslint(['--changed-since', 'main', '--format', 'json', 'edited.ts', 'old.ts'], { cwd: path.join(project.dir, 'src') });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(parseJsonReport(run).map((r) => path.basename(r.filePath)), ['edited.ts']);
  });

  it('nothing changed is a clean run with an empty report, not a usage error', () => {
    const run = runOpslint(['--changed-since', 'HEAD', '--format', 'json', 'src/old.ts'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(parseJsonReport(run), []);
  });

  it('an unknown ref exits 2 with git\'s reason', () => {
    const run = runOpslint(['--changed-since', 'no-such-branch', '.'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--changed-since no-such-branch: git diff failed: .*no-such-branch/s);
  });
});
