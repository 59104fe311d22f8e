import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../rules/core/config/config-file';
import { toPosix, type ConfigResolver } from '../rules/core/config/config-resolver';
import type { Finding } from '../rules/core/engine/types';
import type { FileLint } from '../rules/core/project/lint-project';
import {
  compareWithBaseline, countEntries, DEFAULT_BASELINE_FILE, emptyBaseline, pruneFixed, readBaseline, recordFindings, writeBaseline,
  type FileFindings,
} from '../rules/core/report/baseline';
import type { CliOptions } from './args';

export interface BaselineOutcome {
  /** Findings the baseline accepts: left out of the report and the exit code. */
  baselined: ReadonlySet<Finding>;
  /** Lines for stderr: what was written and "N new, M baselined, K fixed since baseline". */
  notes: string[];
}

/** `--baseline`, then the root config's `baseline`, then the default file when writing one. */
function baselineFile(options: CliOptions, cwd: string, resolver: ConfigResolver): string | undefined {
  if (options.baseline) return path.resolve(cwd, options.baseline);
  const configured = resolver.configFileFor(path.join(cwd, CONFIG_FILE_NAME))?.baseline;
  if (configured) return configured;
  return options.updateBaseline || options.pruneBaseline ? path.join(cwd, DEFAULT_BASELINE_FILE) : undefined;
}

/** Applies --baseline / --update-baseline / --prune-baseline to the run's findings. */
export function applyBaselineOptions(options: CliOptions, lints: readonly FileLint[], cwd: string, resolver: ConfigResolver): BaselineOutcome {
  const file = baselineFile(options, cwd, resolver);
  if (!file) return { baselined: new Set(), notes: [] };
  const linted: FileFindings[] = lints.map((l) => ({
    relativePath: toPosix(path.relative(cwd, l.result.filePath)), findings: l.result.messages, fingerprints: l.fingerprints,
  }));
  const exists = (relativePath: string) => fs.existsSync(path.resolve(cwd, relativePath));
  const shown = toPosix(path.relative(cwd, file)) || file;
  const notes: string[] = [];
  let baseline = options.updateBaseline && !fs.existsSync(file) ? emptyBaseline() : readBaseline(file);
  if (options.updateBaseline) {
    baseline = recordFindings(baseline, linted, exists);
    writeBaseline(file, baseline);
    notes.push(`recorded ${countEntries(baseline.files)} findings in ${shown}`);
  }
  const comparison = compareWithBaseline(baseline, linted, exists);
  const fixed = countEntries(comparison.fixed);
  if (options.pruneBaseline && fixed > 0) {
    writeBaseline(file, pruneFixed(baseline, comparison.fixed));
    notes.push(`pruned ${fixed} fixed findings from ${shown}`);
  }
  const hint = fixed > 0 && !options.pruneBaseline ? ' (run with --prune-baseline to drop them)' : '';
  notes.push(`${comparison.newCount} new, ${comparison.baselined.size} baselined, ${fixed} fixed since baseline${hint}`);
  return { baselined: comparison.baselined, notes };
}
