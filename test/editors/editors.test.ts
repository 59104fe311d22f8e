/**
 * The shipped server (dist/server.js) under real third-party LSP clients: Neovim, Emacs eglot and
 * Vim ALE (test/editors/run.sh does the driving). The editors come from Debian
 * (test/editors/setup.sh, which .ci/run calls); on a developer machine without them these tests
 * are reported as skipped, in CI (CI=true) a missing editor fails.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

const EDITORS = [
  { id: 'nvim-lsp', name: 'Neovim built-in LSP client', present: () => onPath('nvim') },
  { id: 'emacs-eglot', name: 'Emacs eglot', present: () => onPath('emacs') && fs.readdirSync('/usr/share/emacs/site-lisp/elpa', { withFileTypes: true }).some((d) => d.name.startsWith('eglot-')) },
  { id: 'vim-ale', name: 'Vim ALE', present: () => onPath('vim') && fs.existsSync('/usr/share/vim-ale') },
];

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function installed(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

describe('real editors drive the language server', function () {
  this.timeout(120_000);
  for (const editor of EDITORS) {
    it(`${editor.name}: shows the finding, offers our actions, applies "Disable ... for this line"; a clean file gets an empty publish`, function () {
      if (!installed(editor.present)) {
        assert.ok(!process.env.CI, `${editor.name} is not installed; .ci/run must run test/editors/setup.sh first`);
        this.skip();
      }
      const run = spawnSync('bash', [path.join(REPO_ROOT, 'test', 'editors', 'run.sh')], { env: { ...process.env, EDITORS: editor.id }, encoding: 'utf8' });
      assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stdout, /^2 passed, 0 failed$/m);
    });
  }
});
