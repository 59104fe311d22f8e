import type { Finding, LintResult } from '../../rules/core/engine/types';
import type { RuleRegistry } from '../../rules/core/registry';

export interface FormatInput {
  results: LintResult[];
  /** Linted text per file path, for fingerprints and excerpts. */
  sources: ReadonlyMap<string, string>;
  /** The baseline fingerprint of each finding (rules/core/report/fingerprint.ts). */
  fingerprints: ReadonlyMap<Finding, string>;
  cwd: string;
  registry: RuleRegistry;
  color: boolean;
  toolVersion: string;
  verbose: boolean;
  /** Only computed for formats that show it (html). */
  project?: ProjectReportData;
}

/** Project-wide context the HTML report shows; paths are project-relative (POSIX). */
export interface ProjectReportData {
  modules: string[];
  /** [importer, imported] between linted modules. */
  imports: Array<[string, string]>;
  cycles: string[][];
  /** Commits touching each file in the churn window. */
  churn: Record<string, number>;
  churnWindow: string;
}

export type Formatter = (input: FormatInput) => string;

export interface Totals { errors: number; warnings: number; fixableErrors: number; fixableWarnings: number }

export function totalsOf(results: readonly LintResult[]): Totals {
  const totals: Totals = { errors: 0, warnings: 0, fixableErrors: 0, fixableWarnings: 0 };
  for (const r of results) {
    for (const m of r.messages) {
      if (m.severity === 2) { totals.errors++; if (m.fix) totals.fixableErrors++; }
      else { totals.warnings++; if (m.fix) totals.fixableWarnings++; }
    }
  }
  return totals;
}
