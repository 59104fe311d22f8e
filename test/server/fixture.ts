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
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  const edits: TextEdit[] = [];
  for (const change of edit.documentChanges ?? []) if ('textDocument' in change && change.textDocument.uri === uri) edits.push(...(change.edits as TextEdit[]));
  edits.push(...(edit.changes?.[uri] ?? []));
  return TextDocument.applyEdits(TextDocument.create(uri, 'typescript', 0, text), edits);
}

export const fullChange = (text: string) => [{ text }];
