import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpslintApi } from '../../../client/extension';
import { diagnosticsFor, findingsInOtherFiles, quickFixes } from './events';

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

  it('lists findings of files that were never opened (the workspace scan)', async () => {
    const others = await findingsInOtherFiles(vscode.Uri.joinPath(folder(), 'src', 'jobs.ts'));
    assert.ok(others.some((uri) => uri.path.endsWith('/src/worker.ts')), others.map(String).join(', '));
  });

  it('applies the "Disable for this line" quick fix and the finding goes away', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'src', 'jobs.ts');
    const document = await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await diagnosticsFor(uri, (ds) => ds.length > 0);
    const actions = await quickFixes(uri, diagnostic.range);
    const disable = actions.find((a) => a.title === `Disable ${RULE} for this line`);
    assert.ok(disable?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.match(document.lineAt(3).text, /\/\/ opslint-disable-next-line logging\/no-swallowed-error -- /);
    await diagnosticsFor(uri, (ds) => !ds.some((d) => (d.code as { value: string }).value === RULE));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
