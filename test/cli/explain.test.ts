import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeProject, runOpslint } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';

describe('CLI --explain (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('prints the rule\'s shipped docs page', () => {
    project = makeProject({});
    const run = runOpslint(['--explain', 'resilience/require-timeout'], { cwd: project.dir, testRules: false });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules', 'resilience', 'require-timeout.md'), 'utf8'));
  });

  it('an unknown rule is a usage error (exit 2) that names the close ids', () => {
    project = makeProject({});
    const run = runOpslint(['--explain', 'resilience/require-timeouts'], { cwd: project.dir, testRules: false });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /not an Opslint rule\. Did you mean resilience\/require-timeout/);
  });
});
