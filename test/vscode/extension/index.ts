/**
 * Entry of the extension's integration tests inside a real VS Code extension host (code-server):
 * the `run()` contract of @vscode/test-electron, run by test/vscode/vscode-extension-tests.mjs.
 */
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'extension.e2e.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension tests failed`)) : resolve()));
  });
}
