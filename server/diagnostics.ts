import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { RuleRegistry } from '../rules/core/registry';
import type { Finding } from '../rules/core/engine/types';
import { UNUSED_SUPPRESSION } from '../rules/core/engine/suppressions';
import { shippedDocsUrl } from './docs-links';
import { findingRange, toPosition, type PositionMap } from './positions';
import type { BaselineSeverity } from './protocol';
import { pathToUri } from './uris';

export const DIAGNOSTIC_SOURCE = 'opslint';

/** Internal rules (parse errors, suppressions) have no page of their own: they share the docs index. */
const INTERNAL_DOCS_URL = 'https://github.com/opslint/opslint/blob/main/README.md#suppressions';

/** The rule's page shipped with the server (server/docs-links.ts), else its `meta.docs.url`. */
export function docsUrl(registry: RuleRegistry, ruleId: string): string {
  return shippedDocsUrl(ruleId) ?? registry.get(ruleId)?.meta.docs.url ?? INTERNAL_DOCS_URL;
}

function severityOf(finding: Finding): DiagnosticSeverity {
  return finding.severity === 2 ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
}

/**
 * One finding as the editor shows it. `code` is the rule id: code actions find their finding by it.
 * `positions` maps into the linted text; related places in other files, whose text the server may
 * not hold, keep the plain map.
 */
export function toDiagnostic(finding: Finding, registry: RuleRegistry, positions: PositionMap): Diagnostic {
  const diagnostic: Diagnostic = {
    range: findingRange(finding, positions),
    severity: severityOf(finding),
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl(registry, finding.ruleId) },
    message: finding.message,
  };
  if (finding.ruleId === UNUSED_SUPPRESSION) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.relatedInformation?.length) {
    diagnostic.relatedInformation = finding.relatedInformation.map((related) => ({
      location: { uri: pathToUri(related.filePath), range: findingRange(related, toPosition) },
      message: related.message,
    }));
  }
  return diagnostic;
}

/** Appended to the message of a finding the baseline accepts: every client shows the message. */
const BASELINED_MARK = ' (baselined)';

const BASELINED_SEVERITY = { hint: DiagnosticSeverity.Hint, information: DiagnosticSeverity.Information, warning: DiagnosticSeverity.Warning } as const;

/**
 * The diagnostic of a finding the baseline accepts (CI does not count it): at the configured
 * severity, never above its own, with " (baselined)" after the message and `data.baselined` for
 * clients that read data. Undefined when the setting hides baselined findings.
 */
export function asBaselined(diagnostic: Diagnostic, severity: BaselineSeverity): Diagnostic | undefined {
  if (severity === 'off') return undefined;
  const own = diagnostic.severity ?? DiagnosticSeverity.Error;
  const shown = severity === 'unchanged' ? own : (Math.max(own, BASELINED_SEVERITY[severity]) as DiagnosticSeverity);
  return { ...diagnostic, severity: shown, message: `${diagnostic.message}${BASELINED_MARK}`, data: { baselined: true } };
}
