import type { Connection } from 'vscode-languageserver';
import type { RuleRegistry } from '../rules/core/registry';
import type { Finding } from '../rules/core/engine/types';
import type { BaselinedFindings } from './baselines';
import { asBaselined, toDiagnostic } from './diagnostics';
import { toPosition, type PositionMap } from './positions';

/**
 * Sends `textDocument/publishDiagnostics`. A clean file is published as an empty list, never
 * skipped: that is how stale squiggles clear, and how strict clients know the lint ran.
 */
export class Publisher {
  constructor(
    private readonly connection: Connection,
    private readonly registry: RuleRegistry,
  ) {}

  publish(uri: string, findings: readonly Finding[], positions: PositionMap, version?: number, baselined?: BaselinedFindings): void {
    const diagnostics = findings.flatMap((finding) => {
      const diagnostic = toDiagnostic(finding, this.registry, positions);
      return baselined?.findings.has(finding) ? (asBaselined(diagnostic, baselined.severity) ?? []) : [diagnostic];
    });
    void this.connection.sendDiagnostics({ uri, diagnostics, ...(version === undefined ? {} : { version }) });
  }

  clear(uri: string): void {
    this.publish(uri, [], toPosition);
  }
}
