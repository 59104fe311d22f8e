import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ExecuteCommandRequest, ShowDocumentRequest, type ShowDocumentParams } from 'vscode-languageserver-protocol/node';
import { SERVER_COMMANDS } from '../../server/protocol';
import { makeProject } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';
import { LspSession } from './lsp-session';

describe('server: docs links open the page shipped with the server', () => {
  it('a real rule links to its docs page as a file URL, and "Show documentation" opens it in the editor', async () => {
    const workspace = makeProject({});
    const session = await LspSession.start({ root: workspace.dir, settings: null });
    const shown: ShowDocumentParams[] = [];
    session.connection.onRequest(ShowDocumentRequest.type, (params) => {
      shown.push(params);
      return { success: true };
    });
    try {
      const uri = await session.open(path.join(workspace.dir, 'job.ts'), 'export function run(job: () => Promise<void>) {\n  job().catch();\n}\n');
      const diagnostic = (await session.publishFor(uri, (p) => p.diagnostics.some((d) => d.code === 'logging/no-swallowed-error'))).diagnostics.find((d) => d.code === 'logging/no-swallowed-error')!;
      const href = diagnostic.codeDescription!.href;
      assert.equal(href, pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules', 'logging', 'no-swallowed-error.md')).toString());
      assert.match(fs.readFileSync(fileURLToPath(href), 'utf8'), /^# /);
      assert.equal(await session.connection.sendRequest(ExecuteCommandRequest.type, { command: SERVER_COMMANDS.showDocumentation, arguments: [href] }), true);
      assert.deepEqual(shown, [{ uri: href, external: false }]);
    } finally {
      await session.stop();
      workspace.cleanup();
    }
  });

  it('a rule with no shipped page keeps its meta.docs.url', async () => {
    const workspace = makeProject({ 'opslint.config.json': '{ "rules": { "test/no-var": "error" } }' });
    const session = await LspSession.start({ root: workspace.dir, settings: null });
    try {
      const uri = await session.open(path.join(workspace.dir, 'a.ts'), 'var a = 1;\n');
      const diagnostic = (await session.publishFor(uri, (p) => p.diagnostics.some((d) => d.code === 'test/no-var'))).diagnostics.find((d) => d.code === 'test/no-var')!;
      assert.equal(diagnostic.codeDescription!.href, 'https://example.invalid/opslint-test-rules/no-var');
    } finally {
      await session.stop();
      workspace.cleanup();
    }
  });
});
