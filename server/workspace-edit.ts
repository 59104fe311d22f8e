import type { ClientCapabilities, Range, SnippetTextEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { findEdit } from '../rules/core/engine/text-edit';

/**
 * An edit pinned to the document version it was computed for, when the client can check versions
 * (then a stale edit is refused instead of applied to other text); plain `changes` otherwise.
 */
export function documentEdit(capabilities: ClientCapabilities, uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
  if (capabilities.workspace?.workspaceEdit?.documentChanges) return { documentChanges: [{ textDocument: { uri, version }, edits }] };
  return { changes: { [uri]: edits } };
}

/** Escapes text for a snippet (LSP snippet grammar): `$`, `}` and `\` are syntax there. */
const snippetText = (text: string): string => text.replace(/[$}\\]/g, '\\$&');

/**
 * Inserts `before + placeholder + after` at `range`. A client that takes snippet edits (LSP 3.18,
 * VS Code's languageclient) selects the placeholder so typing replaces it; others get plain text.
 */
export function placeholderEdit(capabilities: ClientCapabilities, uri: string, version: number, range: Range, before: string, placeholder: string, after: string): WorkspaceEdit {
  const workspaceEdit = capabilities.workspace?.workspaceEdit;
  if (!workspaceEdit?.documentChanges || !workspaceEdit.snippetEditSupport) {
    return documentEdit(capabilities, uri, version, [{ range, newText: before + placeholder + after }]);
  }
  const snippet: SnippetTextEdit = { range, snippet: { kind: 'snippet', value: `${snippetText(before)}\${1:${snippetText(placeholder)}}${snippetText(after)}` } };
  return { documentChanges: [{ textDocument: { uri, version }, edits: [snippet] }] };
}

/** The smallest single replacement that turns `before` into `after`: cursors and folds elsewhere survive. */
export function minimalReplacement(before: string, after: string): { start: number; end: number; text: string } {
  const { start, oldEnd, newEnd } = findEdit(before, after);
  return { start, end: oldEnd, text: after.slice(start, newEnd) };
}
