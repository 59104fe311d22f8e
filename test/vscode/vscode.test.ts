/**
 * Real VS Code: code-server with the packaged .vsix, driven by Chromium (test/vscode/run.sh does
 * the driving; its header says what each check proves). .ci/run installs code-server and Chromium
 * (test/setup-ci-tools.sh); on a developer machine without them these tests are reported as
 * skipped, in CI (CI=true) a missing tool fails.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

const TOOLS = process.env.OPSLINT_TOOLS ?? path.join(os.homedir(), '.cache', 'opslint-tools');
const CODE_SERVER = path.join(TOOLS, 'code-server', 'node_modules', '.bin', 'code-server');

const CHECKS = [
  { id: 'ui-quick-fix', title: 'the Problems panel lists the finding and Ctrl+. applies "Disable ... for this line" (screenshot in test-artifacts/vscode)' },
  { id: 'extension-tests', title: "the extension's own mocha tests pass inside the real extension host (diagnostics, workspace scan, quick fix, restart after a kill, restart cap)" },
];

describe('real VS Code (code-server + Chromium) runs the packaged extension', function () {
  this.timeout(300_000);
  for (const check of CHECKS) {
    it(check.title, function () {
      if (!fs.existsSync(CODE_SERVER) || !fs.existsSync('/usr/bin/chromium')) {
        assert.ok(!process.env.CI, `code-server (${CODE_SERVER}) or Chromium is not installed; .ci/run must run test/setup-ci-tools.sh first`);
        this.skip();
      }
      const run = spawnSync('bash', [path.join(REPO_ROOT, 'test', 'vscode', 'run.sh')], { env: { ...process.env, CHECKS: check.id }, encoding: 'utf8' });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /^1 passed, 0 failed$/m);
    });
  }
});
