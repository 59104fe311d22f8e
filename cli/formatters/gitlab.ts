import * as path from 'node:path';
import { toPosix } from '../../rules/core/config/config-resolver';
import type { Formatter } from './format-input';

/**
 * GitLab Code Quality report (artifacts:reports:codequality). The fingerprint is the baseline
 * fingerprint, so GitLab's merge-request widget tracks a finding across line shifts.
 */
export const gitlab: Formatter = ({ results, cwd, fingerprints }) => JSON.stringify(results.flatMap((result) => {
  const file = toPosix(path.relative(cwd, result.filePath));
  return result.messages.map((m) => ({
    type: 'issue',
    check_name: m.ruleId,
    description: m.message,
    categories: [m.category],
    severity: m.severity === 2 ? 'major' : 'minor',
    fingerprint: fingerprints.get(m) ?? `${m.ruleId}:${file}:${m.line}:${m.column}`,
    location: { path: file, lines: { begin: m.line, end: m.endLine } },
  }));
}), null, 2);
