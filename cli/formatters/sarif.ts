import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { toPosix } from '../../rules/core/config/config-resolver';
import { fingerprintFindings } from '../../rules/core/report/fingerprint';
import type { Finding } from '../../rules/core/engine/types';
import type { Formatter } from './format-input';

const INFORMATION_URI = 'https://github.com/opslint/opslint';

function level(f: Finding): Sarif.Result.level {
  return f.severity === 2 ? 'error' : 'warning';
}

function region(f: { line: number; column: number; endLine: number; endColumn: number }): Sarif.Region {
  return { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column : 1) };
}

function location(uri: string, f: { line: number; column: number; endLine: number; endColumn: number }): Sarif.Location {
  return { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(f) } };
}

/**
 * SARIF 2.1.0, one run, for GitHub code scanning and other SARIF consumers: rules with help URIs,
 * URIs relative to %SRCROOT%, partial fingerprints that do not depend on line numbers.
 */
export const sarif: Formatter = ({ results, sources, cwd, registry, toolVersion }) => {
  const ruleIds = [...new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)))].sort();
  const rules: Sarif.ReportingDescriptor[] = ruleIds.map((id) => {
    const rule = registry.get(id);
    if (!rule) return { id, name: id, shortDescription: { text: `Opslint diagnostic ${id}` }, properties: { tags: ['opslint'] } };
    return {
      id,
      name: id,
      shortDescription: { text: rule.meta.docs.description },
      fullDescription: { text: rule.meta.docs.description },
      helpUri: rule.meta.docs.url,
      help: { text: `${rule.meta.docs.description} See ${rule.meta.docs.url}` },
      defaultConfiguration: { level: rule.meta.opslint.defaultSeverity === 'error' ? 'error' : 'warning' },
      properties: { tags: [rule.meta.opslint.category] },
    };
  });
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const sarifResults: Sarif.Result[] = [];
  for (const result of results) {
    const uri = toPosix(path.relative(cwd, result.filePath)).split('/').map(encodeURIComponent).join('/');
    const fingerprints = fingerprintFindings(toPosix(path.relative(cwd, result.filePath)), sources.get(result.filePath), result.messages);
    result.messages.forEach((m, i) => {
      sarifResults.push({
        ruleId: m.ruleId,
        ruleIndex: ruleIndex.get(m.ruleId)!,
        level: level(m),
        message: { text: m.message },
        locations: [location(uri, m)],
        partialFingerprints: { 'opslintFingerprint/v1': fingerprints[i] },
        ...(m.relatedInformation?.length ? {
          relatedLocations: m.relatedInformation.map((r, id) => ({
            ...location(toPosix(path.relative(cwd, r.filePath)), r), id, message: { text: r.message },
          })),
        } : {}),
      });
    });
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'opslint', version: toolVersion, semanticVersion: toolVersion, informationUri: INFORMATION_URI, rules } },
      automationDetails: { id: 'opslint/' },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
      results: sarifResults,
    }],
  };
  return JSON.stringify(log, null, 2);
};
