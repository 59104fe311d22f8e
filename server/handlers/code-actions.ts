import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../../rules/core/engine/types';
import { actionsForFinding, fixAllAction, type LintedText } from '../code-action-builders';
import type { ServerContext } from '../context';
import { toDiagnostic } from '../diagnostics';
import { guardRequest } from '../guard';
import { findingRange, intersects, sameRange, type PositionMap } from '../positions';
import { FIX_ALL_KIND } from '../protocol';

/**
 * Findings behind the diagnostics the client sent back, matched by range and code only: Vim's ALE
 * returns neither `source` nor `severity` nor `data`. A client that sends no diagnostics gets the
 * findings under the requested range.
 */
function matchFindings(findings: readonly Finding[], params: CodeActionParams, at: LintedText, positions: PositionMap): Array<[Finding, Diagnostic]> {
  const sent = params.context.diagnostics.filter((d) => d.code !== undefined);
  if (params.context.diagnostics.length === 0) {
    return findings.filter((f) => intersects(findingRange(f, positions), params.range)).map((f) => [f, toDiagnostic(f, at.registry, positions)]);
  }
  return sent.flatMap((diagnostic) =>
    findings.filter((f) => f.ruleId === String(diagnostic.code) && sameRange(findingRange(f, positions), diagnostic.range)).map((f): [Finding, Diagnostic] => [f, diagnostic]),
  );
}

const wanted = (only: string[] | undefined, kind: string) => !only || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));

export function registerCodeActionHandler(ctx: ServerContext): void {
  ctx.connection.onCodeAction(
    guardRequest(ctx.connection.console, 'textDocument/codeAction', async (params: CodeActionParams): Promise<CodeAction[]> => {
      const open = ctx.documents.get(params.textDocument.uri);
      if (!open) return [];
      const lint = await ctx.linter.lint(open);
      // The document moved on while linting: answer nothing rather than edits for other text.
      if (lint.version !== ctx.documents.get(params.textDocument.uri)?.version) return [];
      const at: LintedText = { capabilities: ctx.capabilities, registry: ctx.registry, document: TextDocument.create(lint.uri, open.languageId, lint.version, lint.text) };
      const findings = ctx.project.findingsOf(lint.filePath, lint);
      const only = params.context.only;
      const actions = wanted(only, 'quickfix') ? matchFindings(findings, params, at, lint.positions).flatMap(([f, d]) => actionsForFinding(at, f, d)) : [];
      // Fix-all costs a lint per pass: only when asked for (on save) or offered beside a finding's own fixes.
      const askedForFixAll = only !== undefined ? wanted(only, FIX_ALL_KIND) : actions.length > 0;
      if (askedForFixAll && findings.some((f) => f.fix)) {
        const fixed = await ctx.linter.fixedText(open);
        if (fixed && fixed.version === lint.version) actions.push(fixAllAction(at, fixed.output));
      }
      return actions;
    }),
  );
}
