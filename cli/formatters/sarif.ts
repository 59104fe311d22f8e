import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { toPosix } from '../../rules/core/config/config-resolver';
import { FINGERPRINT_KEY, fingerprintFindings } from '../../rules/core/report/fingerprint';
import type { Finding } from '../../rules/core/engine/types';
import type { Formatter } from './format-input';

const INFORMATION_URI = 'https://github.com/opslint/opslint';
/** GitHub code scanning rejects runs with more results; we keep errors first and say so. */
export const MAX_RESULTS_PER_RUN = 25_000;
/** The code-scanning category: alerts of one category replace those of the previous upload. */
export const AUTOMATION_CATEGORY = 'opslint/';

function level(f: Finding): Sarif.Result.level {
  return f.severity === 2 ? 'error' : 'warning';
}

function region(f: { line: number; column: number; endLine: number; endColumn: number }): Sarif.Region {
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1) };
}

function location(uri: string, f: { line: number; column: number; endLine: number; endColumn: number }): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(f) } };
}

/** The items to keep under the per-run limit: errors before warnings, original order kept. */
export function keptUnderLimit<T>(items: readonly T[], isError: (item: T) => boolean): Set<T> {
  if (items.length <= MAX_RESULTS_PER_RUN) return new Set(items);
  return new Set([...items.filter(isError), ...items.filter((item) => !isError(item))].slice(0, MAX_RESULTS_PER_RUN));
}

export function truncationNotice(total: number): Sarif.Notification {
  return {
    level: 'warning',
    descriptor: { id: 'opslint/results-truncated' },
    message: { text: `Opslint found ${total} results; only ${MAX_RESULTS_PER_RUN} (errors first) are in this run, the limit of GitHub code scanning. Use --baseline or fix findings to bring the count down; --format json has them all.` },
  };
}

/**
 * SARIF 2.1.0, one run, meeting GitHub code scanning's rules: a category in automationDetails.id,
 * rules with help URIs and category tags, URIs relative to %SRCROOT%, partialFingerprints from the
 * baseline fingerprint (no line numbers), at most 25,000 results with a notification when cut.
 */
export const sarif: Formatter = ({ results, sources, cwd, registry, toolVersion, fingerprints }) => {
  const kept = keptUnderLimit(results.flatMap((r) => r.messages), (m) => m.severity === 2);
  const ruleIds = [...new Set(results.flatMap((r) => r.messages.filter((m) => kept.has(m)).map((m) => m.ruleId)))].sort();
  const rules: Sarif.ReportingDescriptor[] = ruleIds.map((id) => {
    const rule = registry.get(id);
    if (!rule) return { id, name: id, shortDescription: { text: `Opslint diagnostic ${id}` }, properties: { tags: ['opslint'] } };
    return {
      id,
      name: id,
      shortDescription: { text: rule.meta.docs.description },
      fullDescription: { text: rule.meta.docs.description },
      helpUri: rule.meta.docs.url,
      help: { text: `${rule.meta.docs.description} See ${rule.meta.docs.url}`, markdown: `${rule.meta.docs.description} [Documentation](${rule.meta.docs.url})` },
      defaultConfiguration: { level: rule.meta.opslint.defaultSeverity === 'error' ? 'error' : 'warning' },
      properties: { tags: ['operability', rule.meta.opslint.category], category: rule.meta.opslint.category },
    };
  });
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const sarifResults: Sarif.Result[] = [];
  for (const result of results) {
    const relative = toPosix(path.relative(cwd, result.filePath));
    const uri = relative.split('/').map(encodeURIComponent).join('/');
    // Fingerprints computed at lint time have the AST; reports built without them hash the text.
    const fallback = result.messages.some((m) => !fingerprints.has(m)) ? fingerprintFindings(relative, sources.get(result.filePath), result.messages) : [];
    result.messages.forEach((m, i) => {
      if (!kept.has(m)) return;
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: ruleIndex.get(m.ruleId)!,
        level: level(m),
        message: { text: m.message },
        locations: [location(uri, m)],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprints.get(m) ?? fallback[i] },
        ...(m.relatedInformation?.length ? {
          relatedLocations: m.relatedInformation.map((r, id) => ({
            ...location(toPosix(path.relative(cwd, r.filePath)), r), id, message: { text: r.message },
          })),
        } : {}),
      });
    });
  }
  const total = results.reduce((sum, r) => sum + r.messages.length, 0);
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'opslint', version: toolVersion, semanticVersion: toolVersion, informationUri: INFORMATION_URI, rules } },
      automationDetails: { id: AUTOMATION_CATEGORY },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: total > kept.size ? [truncationNotice(total)] : [] }],
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2);
};
