import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodeActionRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic, type TextDocumentEdit } from 'vscode-languageserver-protocol';
import { parseSource } from '../../rules/core/engine/parse';
import { applyWorkspaceEdit, fullChange, makeWorkspace } from './fixture';
import { CAPABILITIES, LspSession } from './lsp-session';

/** What Vim's ALE sends back: range, code and message only (no source, severity or data). */
const aleShape = (d: Diagnostic): Diagnostic => ({ range: d.range, code: d.code, message: d.message });

describe('server: code actions', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let session: LspSession;
  let filePath: string;

  let fileCount = 0;

  // One server for the file: every test opens its own document.
  before(async () => {
    workspace = makeWorkspace({});
    session = await LspSession.start({ root: workspace.dir, settings: { lint: { workspace: false } } });
  });

  beforeEach(() => {
    filePath = path.join(workspace.dir, `file${++fileCount}.ts`);
  });

  after(async () => {
    await session.stop();
    workspace.cleanup();
  });

  async function actionsAt(uri: string, diagnostic: Diagnostic, only?: string[]): Promise<CodeAction[]> {
    const context = { diagnostics: [aleShape(diagnostic)], ...(only ? { only } : {}) };
    return (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context })) as CodeAction[];
  }

  /** Applies an action's edit like an editor, sends the new text, and returns the next publish. */
  async function apply(uri: string, text: string, action: CodeAction): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const next = applyWorkspaceEdit(text, uri, action.edit!);
    const version = await session.change(uri, fullChange(next));
    return { text: next, diagnostics: (await session.publishFor(uri, (p) => p.version === version)).diagnostics };
  }

  it('offers fix, disable and docs for a finding matched by range and code alone; the fix removes it and the text parses', async () => {
    const text = 'function f() {\n  var x = 1;\n  return x;\n}\n';
    const uri = await session.open(filePath, text);
    const [diagnostic] = (await session.publishFor(uri)).diagnostics;
    const actions = await actionsAt(uri, diagnostic);
    assert.deepEqual(actions.map((a) => a.title), [
      'Fix this test/no-var problem', 'Disable test/no-var for this line', 'Show documentation for test/no-var', 'Fix all auto-fixable Opslint problems',
    ]);
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(actions[2].command?.arguments, ['https://example.invalid/opslint-test-rules/no-var']);
    const after = await apply(uri, text, actions[0]);
    assert.equal(after.text, 'function f() {\n  let x = 1;\n  return x;\n}\n');
    assert.deepEqual(after.diagnostics, []);
    parseSource(after.text, filePath);
  });

  it('applies a suggestion', async () => {
    const text = 'console.log("started");\n';
    const uri = await session.open(filePath, text);
    const [diagnostic] = (await session.publishFor(uri)).diagnostics;
    const suggestion = (await actionsAt(uri, diagnostic)).find((a) => a.title === 'Use console.error')!;
    assert.equal(suggestion.isPreferred, false);
    const after = await apply(uri, text, suggestion);
    assert.equal(after.text, 'console.error("started");\n');
    assert.deepEqual(after.diagnostics, []);
  });

  it('"Disable for this line" inserts a suppression with a reason at the line\'s indentation', async () => {
    const text = 'function f() {\n    todo();\n}\n';
    const uri = await session.open(filePath, text);
    const [diagnostic] = (await session.publishFor(uri)).diagnostics;
    const disable = (await actionsAt(uri, diagnostic)).find((a) => a.title === 'Disable test/no-todo-call for this line')!;
    const after = await apply(uri, text, disable);
    assert.equal(after.text, 'function f() {\n    // opslint-disable-next-line test/no-todo-call -- explain why this is safe here\n    todo();\n}\n');
    assert.deepEqual(after.diagnostics, []);
  });

  it('"Disable for this line" selects the reason for a client that takes snippet edits, so typing replaces it', async () => {
    const snippetWorkspace = makeWorkspace({});
    const capabilities = { ...CAPABILITIES, workspace: { ...CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, snippetEditSupport: true } } };
    const snippetSession = await LspSession.start({ root: snippetWorkspace.dir, settings: { lint: { workspace: false } }, capabilities });
    try {
      const text = 'function f() {\n    todo();\n}\n';
      const uri = await snippetSession.open(path.join(snippetWorkspace.dir, 'a.ts'), text);
      const [diagnostic] = (await snippetSession.publishFor(uri)).diagnostics;
      const context = { diagnostics: [aleShape(diagnostic)] };
      const actions = (await snippetSession.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context })) as CodeAction[];
      const disable = actions.find((a) => a.title === 'Disable test/no-todo-call for this line')!;
      const [change] = disable.edit!.documentChanges! as TextDocumentEdit[];
      assert.deepEqual(change.edits, [{
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
        snippet: { kind: 'snippet', value: '    // opslint-disable-next-line test/no-todo-call -- ${1:explain why this is safe here}\n' },
      }]);
      const next = applyWorkspaceEdit(text, uri, disable.edit!);
      assert.equal(next, 'function f() {\n    // opslint-disable-next-line test/no-todo-call -- explain why this is safe here\n    todo();\n}\n');
      const version = await snippetSession.change(uri, fullChange(next));
      assert.deepEqual((await snippetSession.publishFor(uri, (p) => p.version === version)).diagnostics, []);
    } finally {
      await snippetSession.stop();
      snippetWorkspace.cleanup();
    }
  });

  it('offers nothing for a diagnostic whose code or range no longer matches a finding', async () => {
    const uri = await session.open(filePath, 'var x = 1;\n');
    const [diagnostic] = (await session.publishFor(uri)).diagnostics;
    assert.deepEqual(await actionsAt(uri, { ...diagnostic, code: 'test/no-todo-call' }), []);
    assert.deepEqual(await actionsAt(uri, { ...diagnostic, range: { start: diagnostic.range.start, end: { line: 0, character: 3 } } }), []);
  });

  it('source.fixAll.opslint fixes every fixable finding in one edit', async () => {
    const text = 'var a = 1;\nvar b = 2;\ntodo();\nvar c = 3;\n';
    const uri = await session.open(filePath, text);
    const [diagnostic] = (await session.publishFor(uri)).diagnostics;
    const actions = await actionsAt(uri, diagnostic, ['source.fixAll']);
    assert.deepEqual(actions.map((a) => [a.kind, a.title]), [['source.fixAll.opslint', 'Fix all auto-fixable Opslint problems']]);
    const after = await apply(uri, text, actions[0]);
    assert.equal(after.text, 'let a = 1;\nlet b = 2;\ntodo();\nlet c = 3;\n');
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['test/no-todo-call']);
  });

  it('the fix-all command applies its edit through workspace/applyEdit, pinned to the document version', async () => {
    const uri = await session.open(filePath, 'var a = 1;\nvar b = 2;\n');
    await session.publishFor(uri);
    assert.equal(await session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'opslint.server.fixAll', arguments: [uri] }), true);
    const applied = await session.appliedEdits.next((e) => e.label === 'Opslint: fix all');
    assert.equal(applied.label, 'Opslint: fix all');
    assert.deepEqual((applied.edit.documentChanges![0] as { textDocument: unknown }).textDocument, { uri, version: 1 });
    assert.equal(applyWorkspaceEdit('var a = 1;\nvar b = 2;\n', uri, applied.edit), 'let a = 1;\nlet b = 2;\n');
  });

  it('answers a failing command with an error and keeps serving', async () => {
    await assert.rejects(session.connection.sendRequest(ExecuteCommandRequest.type, { command: 'opslint.server.nope', arguments: [] }), /unknown command opslint\.server\.nope/);
    const uri = await session.open(filePath, 'var a = 1;\n');
    assert.equal((await session.publishFor(uri)).diagnostics.length, 1);
  });
});
