import { CodeActionKind, type ClientCapabilities, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix } from '../rules/core/engine/types';
import type { RuleRegistry } from '../rules/core/registry';
import { docsUrl } from './diagnostics';
import { offsetRange } from './positions';
import { FIX_ALL_KIND, SERVER_COMMANDS } from './protocol';
import { documentEdit, minimalReplacement, placeholderEdit } from './workspace-edit';

/** The text a lint ran on, as a document: fix offsets convert to positions against exactly it. */
export interface LintedText {
  capabilities: ClientCapabilities;
  registry: RuleRegistry;
  document: TextDocument;
}

export const DISABLE_REASON_PLACEHOLDER = 'explain why this is safe here';

/** A fix of several parts becomes one text edit per part: the code between them is left as it is. */
function fixAction(at: LintedText, title: string, fix: Fix, diagnostic: Diagnostic, isPreferred: boolean): CodeAction {
  const edits = (fix.parts ?? [fix]).map((part) => ({ range: offsetRange(at.document, part.range), newText: part.text }));
  const edit = documentEdit(at.capabilities, at.document.uri, at.document.version, edits);
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred, edit };
}

/** Inserts the suppression comment above the finding's first line, at that line's indentation, with the reason selected where the client can. */
function disableAction(at: LintedText, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const line = diagnostic.range.start.line;
  const lineText = at.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indentation = /^[ \t]*/.exec(lineText)![0];
  const eol = lineText.endsWith('\r\n') ? '\r\n' : '\n';
  const at0 = { line, character: 0 };
  const before = `${indentation}// opslint-disable-next-line ${finding.ruleId} -- `;
  const edit = placeholderEdit(at.capabilities, at.document.uri, at.document.version, { start: at0, end: at0 }, before, DISABLE_REASON_PLACEHOLDER, eol);
  return { title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function docsAction(at: LintedText, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const url = docsUrl(at.registry, finding.ruleId);
  return {
    title: `Show documentation for ${finding.ruleId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: `Show documentation for ${finding.ruleId}`, command: SERVER_COMMANDS.showDocumentation, arguments: [url] },
  };
}

/** Quick fixes for one finding: its fix, each suggestion, then disable and docs for real rules. */
export function actionsForFinding(at: LintedText, finding: Finding, diagnostic: Diagnostic): CodeAction[] {
  const actions: CodeAction[] = [];
  if (finding.fix) actions.push(fixAction(at, `Fix this ${finding.ruleId} problem`, finding.fix, diagnostic, true));
  for (const suggestion of finding.suggestions ?? []) actions.push(fixAction(at, suggestion.desc, suggestion.fix, diagnostic, false));
  // Internal findings (parse errors, unused suppressions) cannot be suppressed and have no rule page.
  if (at.registry.has(finding.ruleId)) actions.push(disableAction(at, finding, diagnostic), docsAction(at, finding, diagnostic));
  return actions;
}

export function fixAllAction(at: LintedText, fixedText: string): CodeAction {
  const { start, end, text } = minimalReplacement(at.document.getText(), fixedText);
  const edit = documentEdit(at.capabilities, at.document.uri, at.document.version, [{ range: offsetRange(at.document, [start, end]), newText: text }]);
  return { title: 'Fix all auto-fixable Opslint problems', kind: FIX_ALL_KIND, edit };
}
