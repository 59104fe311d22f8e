import * as path from 'node:path';
import { toPosix } from '../rules/core/config/config-resolver';
import type { Finding } from '../rules/core/engine/types';
import type { FileLint } from '../rules/core/project/lint-project';
import { fingerprintFindings } from '../rules/core/report/fingerprint';

/**
 * Each finding's baseline fingerprint, by identity, relative to the project root (`cwd`). Only
 * files with findings are fingerprinted (one more parse each, for the enclosing function names),
 * and only when a baseline or a format that carries fingerprints asks for them.
 */
export function fingerprintsOf(lints: readonly FileLint[], cwd: string): Map<Finding, string> {
  const fingerprints = new Map<Finding, string>();
  for (const { result, source } of lints) {
    if (result.messages.length === 0) continue;
    const relative = toPosix(path.relative(cwd, result.filePath));
    // With --fix the findings are those left in the fixed text.
    const text = result.output ?? source;
    fingerprintFindings(relative, text, result.messages).forEach((fp, i) => fingerprints.set(result.messages[i], fp));
  }
  return fingerprints;
}
