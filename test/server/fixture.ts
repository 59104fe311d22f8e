import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { makeProject } from '../helpers/cli-process';

/** Only the test rules, so the server tests do not move when the real catalog changes. */
export const SERVER_TEST_CONFIG = {
  root: true,
  rules: { 'test/no-var': 'error', 'test/no-todo-call': 'warn', 'test/no-console-log': 'warn', 'test/throws': 'error' },
};

export function makeWorkspace(files: Record<string, string>): ReturnType<typeof makeProject> {
  return makeProject({ 'opslint.config.json': JSON.stringify(SERVER_TEST_CONFIG, null, 2), ...files });
}

/** Applies the edits a WorkspaceEdit holds for `uri` the way an editor does. */
/**
 * What an editor inserts for a snippet before the user types: each `${N:default}` becomes its
 * default, `$N` nothing, escapes lose their backslash. Enough for the snippets the server sends.
 */
export function expandSnippet(snippet: string): string {
  return snippet.replace(/\\([$}\\])|\$\{\d+:((?:[^}\\]|\\.)*)\}|\$\d+/g, (_, escaped: string | undefined, placeholder: string | undefined) =>
    escaped ?? (placeholder === undefined ? '' : placeholder.replace(/\\([$}\\])/g, '$1')));
}

/** Applies the edits for `uri` like an editor, snippets expanded to their defaults. */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== uri) continue;
    for (const one of change.edits) edits.push('snippet' in one ? { range: one.range, newText: expandSnippet(one.snippet.value) } : one);
  }
  edits.push(...(edit.changes?.[uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 0, text), edits);
}

export const fullChange = (text: string) => [{ text }];
