import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { makeProject } from '../helpers/cli-process';
import { fullChange, makeWorkspace, SERVER_TEST_CONFIG } from './fixture';
import { LspSession } from './lsp-session';

describe('server: findings of files that are not open', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let session: LspSession;
  let closedPath: string;

  beforeEach(async () => {
    workspace = makeWorkspace({ 'src/closed.ts': 'var closed = 1;\n', 'src/clean.ts': 'export const ok = 1;\n', 'node_modules/dep/index.js': 'var skipped = 1;\n' });
    closedPath = path.join(workspace.dir, 'src', 'closed.ts');
    session = await LspSession.start({ root: workspace.dir });
  });

  afterEach(async () => {
    await session.stop();
    workspace.cleanup();
  });

  async function changedOnDisk(filePath: string, type: FileChangeType): Promise<void> {
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: session.uriOf(filePath), type }] });
  }

  it('lints the workspace at start-up with work-done progress, skipping node_modules', async () => {
    const published = await session.publishFor(session.uriOf(closedPath));
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['test/no-var']);
    await session.progress.next((p) => p.kind === 'begin');
    await session.progress.next((p) => p.kind === 'end');
    assert.deepEqual((await session.publishFor(session.uriOf(path.join(workspace.dir, 'src', 'clean.ts')))).diagnostics, []);
    assert.ok(!session.publishes.seen.some((p) => p.uri.includes('node_modules')));
  });

  it('updates a closed file changed on disk, and clears a deleted one', async () => {
    const uri = session.uriOf(closedPath);
    await session.publishFor(uri);
    let from = session.publishes.seen.length;
    fs.writeFileSync(closedPath, 'var a = 1;\nvar b = 2;\n');
    await changedOnDisk(closedPath, FileChangeType.Changed);
    assert.equal((await session.publishFor(uri, () => true, from)).diagnostics.length, 2);
    from = session.publishes.seen.length;
    fs.rmSync(closedPath);
    await changedOnDisk(closedPath, FileChangeType.Deleted);
    assert.deepEqual((await session.publishFor(uri, () => true, from)).diagnostics, []);
  });

  it('shows the editor text while open and the disk text again after close', async () => {
    const uri = session.uriOf(closedPath);
    await session.publishFor(uri);
    await session.progress.next((p) => p.kind === 'end');
    await session.open(closedPath, 'let open = 1;\n');
    await session.publishFor(uri, (p) => p.version === 1 && p.diagnostics.length === 0);
    const from = session.publishes.seen.length;
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await session.publishFor(uri, () => true, from)).diagnostics.map((d) => d.code), ['test/no-var']);
  });

  it('a cycle appears in a closed file when another file is edited to close it, and goes when the edit is undone', async () => {
    await session.stop();
    workspace.cleanup();
    workspace = makeProject({
      'opslint.config.json': JSON.stringify({ root: true, rules: { ...SERVER_TEST_CONFIG.rules, 'coupling/no-import-cycle': ['error', { reportDeferredCycles: true }] } }),
      'src/a.ts': "import { b } from './b';\nexport const a = () => b();\n",
      'src/b.ts': 'export const b = () => 1;\n',
    });
    session = await LspSession.start({ root: workspace.dir });
    const aUri = session.uriOf(path.join(workspace.dir, 'src', 'a.ts'));
    await session.progress.next((p) => p.kind === 'end');
    assert.deepEqual((await session.publishFor(aUri)).diagnostics, []);
    const bPath = path.join(workspace.dir, 'src', 'b.ts');
    const bUri = await session.open(bPath, 'export const b = () => 1;\n');
    await session.publishFor(bUri, (p) => p.version === 1);
    let from = session.publishes.seen.length;
    await session.change(bUri, fullChange("import { a } from './a';\nexport const b = () => a;\n"));
    const cycle = await session.publishFor(aUri, () => true, from);
    const [finding] = cycle.diagnostics;
    assert.equal(finding.code, 'coupling/no-import-cycle');
    assert.equal(finding.range.start.line, 0);
    assert.deepEqual(finding.relatedInformation?.map((r) => r.location.uri).sort(), [aUri, bUri].sort());
    from = session.publishes.seen.length;
    await session.change(bUri, fullChange('export const b = () => 1;\n'));
    assert.deepEqual((await session.publishFor(aUri, () => true, from)).diagnostics, []);
  });

  it('a call in a closed file becomes a floating promise when the function it calls is made async in another file, and stops being one when it is undone', async () => {
    await session.stop();
    workspace.cleanup();
    const syncStore = 'export function save(order: unknown) { return 1; }\n';
    workspace = makeProject({
      'opslint.config.json': JSON.stringify({ root: true, rules: { 'resilience/no-floating-promise': 'warn' } }),
      'src/routes.ts': "import express from 'express';\nimport { save } from './store';\nconst app = express();\napp.post('/orders', (req, res) => {\n  save(req.body);\n  res.sendStatus(202);\n});\n",
      'src/store.ts': syncStore,
    });
    session = await LspSession.start({ root: workspace.dir });
    const routesUri = session.uriOf(path.join(workspace.dir, 'src', 'routes.ts'));
    await session.progress.next((p) => p.kind === 'end');
    assert.deepEqual((await session.publishFor(routesUri)).diagnostics, []);
    const storeUri = await session.open(path.join(workspace.dir, 'src', 'store.ts'), syncStore);
    await session.publishFor(storeUri, (p) => p.version === 1);
    let from = session.publishes.seen.length;
    await session.change(storeUri, fullChange('export async function save(order: unknown) { await Promise.resolve(order); }\n'));
    const floating = await session.publishFor(routesUri, () => true, from);
    assert.deepEqual(floating.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['resilience/no-floating-promise', 4, 2]]);
    assert.match(String(floating.diagnostics[0].message), /an async function of `\.\/store`/);
    from = session.publishes.seen.length;
    await session.change(storeUri, fullChange(syncStore));
    assert.deepEqual((await session.publishFor(routesUri, () => true, from)).diagnostics, []);
  });
});
