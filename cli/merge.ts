import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type * as Sarif from 'sarif';
import { FileError, UsageError } from '../rules/core/errors';
import { keptUnderLimit, truncationNotice } from './formatters/sarif';

export const MERGE_USAGE = 'opslint merge [-o FILE] a.sarif b.sarif ...   (all SARIF, or all --format json reports)';

interface JsonFileResult { filePath: string }

function readReport(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FileError(file, `cannot be merged: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function resultKey(r: Sarif.Result): string {
  const loc = r.locations?.[0]?.physicalLocation;
  const line = String(loc?.region?.startLine ?? 0).padStart(9, '0');
  const column = String(loc?.region?.startColumn ?? 0).padStart(9, '0');
  return `${loc?.artifactLocation?.uri ?? ''}\u0000${line}\u0000${column}\u0000${r.ruleId ?? ''}`;
}

/** One run from the shards' runs: rules unioned by id, results re-indexed and sorted, limit kept. */
function mergeSarif(logs: Sarif.Log[]): Sarif.Log {
  const runs = logs.flatMap((log) => log.runs);
  const rules = new Map<string, Sarif.ReportingDescriptor>();
  for (const run of runs) for (const rule of run.tool.driver.rules ?? []) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  const ruleIds = [...rules.keys()].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const all = runs.flatMap((run) => run.results ?? []).map((r) => ({ ...r, ...(r.ruleId && index.has(r.ruleId) ? { ruleIndex: index.get(r.ruleId) } : {}) }));
  all.sort((a, b) => (resultKey(a) < resultKey(b) ? -1 : resultKey(a) > resultKey(b) ? 1 : 0));
  const kept = keptUnderLimit(all, (r) => r.level === 'error');
  const notifications = runs.flatMap((run) => run.invocations ?? []).flatMap((inv) => inv.toolExecutionNotifications ?? []);
  const first = runs[0];
  return {
    ...logs[0],
    runs: [{
      ...first,
      tool: { driver: { ...first.tool.driver, rules: ruleIds.map((id) => rules.get(id)!) } },
      invocations: [{
        executionSuccessful: runs.every((run) => (run.invocations ?? []).every((inv) => inv.executionSuccessful)),
        toolExecutionNotifications: [...notifications, ...(kept.size < all.length ? [truncationNotice(all.length)] : [])],
      }],
      results: all.filter((r) => kept.has(r)),
    }],
  };
}

/** Shards lint disjoint files, so merging JSON reports is a sorted concatenation. */
function mergeJson(reports: JsonFileResult[][]): JsonFileResult[] {
  const byFile = new Map<string, JsonFileResult>();
  for (const report of reports) for (const entry of report) if (!byFile.has(entry.filePath)) byFile.set(entry.filePath, entry);
  return [...byFile.values()].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
}

/** `opslint merge`: combines the reports of `--shard` jobs into one. Returns the merged text. */
export function mergeReports(files: readonly string[]): string {
  if (files.length === 0) throw new UsageError(`nothing to merge. Usage: ${MERGE_USAGE}`);
  const reports = files.map(readReport);
  if (reports.every((r) => Array.isArray(r))) return JSON.stringify(mergeJson(reports as JsonFileResult[][]));
  if (reports.every((r) => typeof r === 'object' && r !== null && Array.isArray((r as Sarif.Log).runs))) {
    return JSON.stringify(mergeSarif(reports as Sarif.Log[]), null, 2);
  }
  throw new UsageError(`cannot merge ${files.map((f) => path.basename(f)).join(', ')}: give all SARIF logs or all JSON reports. Usage: ${MERGE_USAGE}`);
}

export function parseMergeArgs(argv: readonly string[]): { files: string[]; outputFile?: string } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { 'output-file': { type: 'string', short: 'o' } } });
    return { files: positionals, outputFile: values['output-file'] };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Usage: ${MERGE_USAGE}`);
  }
}
