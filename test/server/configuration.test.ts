import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { makeWorkspace, SERVER_TEST_CONFIG } from './fixture';
import { LspSession } from './lsp-session';

describe('server: settings and opslint.config.json', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let session: LspSession;
  let configPath: string;

  beforeEach(async () => {
    workspace = makeWorkspace({});
    configPath = path.join(workspace.dir, 'opslint.config.json');
    session = await LspSession.start({ root: workspace.dir, settings: { lint: { workspace: false } } });
  });

  afterEach(async () => {
    await session.stop();
    workspace.cleanup();
  });

  async function configChanged(config: unknown): Promise<void> {
    fs.writeFileSync(configPath, typeof config === 'string' ? config : JSON.stringify(config));
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: session.uriOf(configPath), type: FileChangeType.Changed }] });
  }

  it('re-lints open files when opslint.config.json changes', async () => {
    const uri = await session.open(path.join(workspace.dir, 'a.ts'), 'var x = 1;\ntodo();\n');
    const first = await session.publishFor(uri);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['test/no-var', 'test/no-todo-call']);
    const from = session.publishes.seen.length;
    await configChanged({ ...SERVER_TEST_CONFIG, rules: { ...SERVER_TEST_CONFIG.rules, 'test/no-var': 'off' } });
    const after = await session.publishFor(uri, () => true, from);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['test/no-todo-call']);
  });

  it('reports a broken config in the status notification, and recovers when it is fixed', async () => {
    await session.statuses.next((s) => s.state === 'ok');
    await configChanged('{ "rules": { "test/no-vr": "error" } }');
    const uri = await session.open(path.join(workspace.dir, 'a.ts'), 'var x = 1;\n');
    const status = await session.statuses.next((s) => s.state === 'error');
    assert.match(status.message, /opslint\.config\.json: "rules\.test\/no-vr": is not an Opslint rule\. Did you mean test\/no-var/);
    assert.deepEqual((await session.publishFor(uri)).diagnostics, []);
    const from = session.publishes.seen.length;
    const okFrom = session.statuses.seen.length;
    await configChanged(SERVER_TEST_CONFIG);
    await session.statuses.next((s) => s.state === 'ok', okFrom);
    assert.deepEqual((await session.publishFor(uri, () => true, from)).diagnostics.map((d) => d.code), ['test/no-var']);
  });

  it('pulls settings per resource again after didChangeConfiguration: rule overrides and enable', async () => {
    const uri = await session.open(path.join(workspace.dir, 'a.ts'), 'var x = 1;\ntodo();\n');
    await session.publishFor(uri);
    let from = session.publishes.seen.length;
    session.settings = { lint: { workspace: false }, rules: { overrides: { 'test/no-todo-call': 'off', 'test/no-var': ['warn'] } } };
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const overridden = await session.publishFor(uri, () => true, from);
    assert.deepEqual(overridden.diagnostics.map((d) => [d.code, d.severity]), [['test/no-var', 2]]);
    from = session.publishes.seen.length;
    session.settings = { lint: { enable: false, workspace: false } };
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual((await session.publishFor(uri, () => true, from)).diagnostics, []);
  });

  it('uses opslint.config.path for every file when set', async () => {
    fs.writeFileSync(path.join(workspace.dir, 'strict.json'), JSON.stringify({ root: true, rules: { 'test/no-todo-call': 'error' } }));
    session.settings = { lint: { workspace: false }, config: { path: 'strict.json' } };
    await session.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const uri = await session.open(path.join(workspace.dir, 'a.ts'), 'var x = 1;\ntodo();\n');
    assert.deepEqual((await session.publishFor(uri)).diagnostics.map((d) => [d.code, d.severity]), [['test/no-todo-call', 1]]);
  });
});
