import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpslintApi } from '../../../client/extension';
import { diagnosticsFor, findingsInOtherFiles, quickFixes } from './events';
import { serverProcesses, serverProcessesWhen } from './server-process';

const RULE = 'logging/no-swallowed-error';
const folder = () => vscode.workspace.workspaceFolders![0].uri;

describe('the Opslint extension in VS Code', () => {
  let api: OpslintApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<OpslintApi>('opslint.opslint');
    assert.ok(extension, 'opslint.opslint is not installed');
    api = await extension.activate();
    console.log(`opslint activation → server ready: ${api.startupMs} ms`);
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['opslint.fixAll', 'opslint.lintWorkspace', 'opslint.restart', 'opslint.showOutput']) assert.ok(commands.includes(id), id);
  });

  it('shows the finding of an open file with its rule id and docs link', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'src', 'jobs.ts');
    await vscode.window.showTextDocument(uri);
    const [diagnostic] = await diagnosticsFor(uri, (ds) => ds.length > 0);
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, RULE);
    assert.match(code.target.toString(), /docs\/rules\/logging\/no-swallowed-error\.md$/);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, 3);
  });

  it('links a finding to the rule\'s page shipped in the extension, and "Show documentation" opens it in an editor', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'src', 'jobs.ts');
    await vscode.window.showTextDocument(uri);
    const [diagnostic] = await diagnosticsFor(uri, (ds) => ds.length > 0);
    const target = (diagnostic.code as { target: vscode.Uri }).target;
    const extension = vscode.extensions.getExtension('opslint.opslint')!;
    assert.equal(target.scheme, 'file');
    assert.equal(target.fsPath, vscode.Uri.joinPath(extension.extensionUri, 'docs', 'rules', 'logging', 'no-swallowed-error.md').fsPath);
    const opened = new Promise<vscode.TextEditor>((resolve) => {
      const listener = vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.uri.fsPath !== target.fsPath) return;
        listener.dispose();
        resolve(editor);
      });
    });
    assert.equal(await vscode.commands.executeCommand('opslint.server.showDocumentation', target.toString()), true);
    const editor = await opened;
    assert.match(editor.document.lineAt(0).text, /^# /);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lists findings of files that were never opened (the workspace scan)', async () => {
    const others = await findingsInOtherFiles(vscode.Uri.joinPath(folder(), 'src', 'jobs.ts'));
    assert.ok(others.some((uri) => uri.path.endsWith('/src/worker.ts')), others.map(String).join(', '));
  });

  it('applies the "Disable for this line" quick fix and the finding goes away', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'src', 'jobs.ts');
    const editor = await vscode.window.showTextDocument(uri);
    const [diagnostic] = await diagnosticsFor(uri, (ds) => ds.length > 0);
    const actions = await quickFixes(uri, diagnostic.range);
    const disable = actions.find((a) => a.title === `Disable ${RULE} for this line`);
    assert.ok(disable?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.equal(editor.document.lineAt(3).text, '  // opslint-disable-next-line logging/no-swallowed-error -- explain why this is safe here');
    // The reason is a snippet placeholder: selected, so what the user types next replaces it.
    assert.equal(editor.document.getText(editor.selection), 'explain why this is safe here');
    await diagnosticsFor(uri, (ds) => !ds.some((d) => (d.code as { value: string }).value === RULE));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('restarts a killed server, and diagnostics of a change made while it was down arrive within 5 s', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'src', 'jobs.ts');
    const editor = await vscode.window.showTextDocument(uri);
    await diagnosticsFor(uri, (ds) => ds.length === 1);
    const [killed] = await serverProcessesWhen((pids) => pids.length === 1);
    const killedAt = Date.now();
    process.kill(killed, 'SIGKILL');
    // A second swallowed error, typed while the server is down: only the restarted server can report it.
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), 'export function runOther(job: () => void): void {\n  try {\n    job();\n  } catch (error) {}\n}\n')));
    const diagnostics = await diagnosticsFor(uri, (ds) => ds.length === 2);
    const elapsed = Date.now() - killedAt;
    console.log(`opslint server killed → diagnostics from the restarted server: ${elapsed} ms`);
    assert.deepEqual(diagnostics.map((d) => d.range.start.line).sort(), [3, 8]);
    const [restarted] = serverProcesses();
    assert.ok(restarted !== undefined && restarted !== killed, `server pids after the kill: ${serverProcesses().join(', ')}`);
    assert.ok(elapsed < 5000, `diagnostics came back ${elapsed} ms after the kill`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('gives up after the restart cap, says why in the status bar, and "Opslint: Restart Server" brings it back', async () => {
    // The test above used one restart of the budget (4 in 3 minutes); crash until the cap is passed.
    let current = (await serverProcessesWhen((pids) => pids.length === 1))[0];
    for (let crash = 2; crash <= 5; crash++) {
      process.kill(current, 'SIGKILL');
      const previous = current;
      if (crash === 5) break;
      current = (await serverProcessesWhen((pids) => pids.length === 1 && pids[0] !== previous))[0];
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual(serverProcesses(), [], 'a server was started after the restart cap');
    assert.match(api.status().tooltip, /crashed 5 times in the last 3 minutes and will not be restarted/);
    await vscode.commands.executeCommand('opslint.restart');
    await serverProcessesWhen((pids) => pids.length === 1);
    assert.doesNotMatch(api.status().tooltip, /will not be restarted/);
  });
});
