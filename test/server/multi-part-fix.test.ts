/**
 * A suggestion whose fix has two parts far apart (no-unbounded-cache: import LRUCache at the top,
 * replace a Map 400 lines down) reaches the editor as two small text edits, not one edit that
 * rewrites the 400 lines between them; and the lint thread sends the parts, not that merged text.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CodeActionRequest, type CodeAction, type TextDocumentEdit } from 'vscode-languageserver-protocol';
import { parseSource } from '../../rules/core/engine/parse';
import { makeProject } from '../helpers/cli-process';
import { applyWorkspaceEdit } from './fixture';
import { LspSession } from './lsp-session';

describe('server: a fix in several parts', () => {
  it('becomes one text edit per part, and applying them gives the merged fix\'s text', async () => {
    const workspace = makeProject({ 'opslint.config.json': JSON.stringify({ root: true, rules: { 'caching/no-unbounded-cache': 'warn' } }) });
    const session = await LspSession.start({ root: workspace.dir, settings: { lint: { workspace: false } } });
    try {
      const filler = Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i};`).join('\n');
      // The map grows in a route handler (code that runs per call), so the rule reports it.
      const text = `import { readFile } from 'node:fs/promises';\n${filler}\nconst cache = new Map<string, string>();\ndeclare const router: { get(path: string, handler: (req: { params: { id: string } }) => Promise<void>): void };\nrouter.get('/files/:id', async (req) => {\n  cache.set(req.params.id, await readFile(req.params.id, 'utf8'));\n});\n`;
      const uri = await session.open(path.join(workspace.dir, 'service.ts'), text);
      const [diagnostic] = (await session.publishFor(uri)).diagnostics;
      assert.equal(diagnostic.code, 'caching/no-unbounded-cache');
      const actions = (await session.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
      const lru = actions.find((a) => a.title.startsWith('Replace the Map with'))!;
      const edits = (lru.edit!.documentChanges![0] as TextDocumentEdit).edits;
      assert.deepEqual(edits.map((e) => ('newText' in e ? e.newText : e.snippet.value)), ["\nimport { LRUCache } from 'lru-cache';", 'new LRUCache<string, string>({ max: 1000 })']);
      const fixed = applyWorkspaceEdit(text, uri, lru.edit!);
      assert.equal(fixed, text.replace("promises';\n", "promises';\nimport { LRUCache } from 'lru-cache';\n").replace('new Map<string, string>()', 'new LRUCache<string, string>({ max: 1000 })'));
      parseSource(fixed, 'service.ts');
    } finally {
      await session.stop();
      workspace.cleanup();
    }
  });
});
