import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSource } from '../rules/core/files/read-source';
import type { FileLint } from '../rules/core/project/lint-project';

/**
 * Writes fixed files atomically (temp file in the same folder, then rename), and never
 * overwrites a file whose text changed on disk since it was linted. Returns one line per
 * file it refused to write.
 */
export function writeFixes(lints: readonly FileLint[]): string[] {
  const problems: string[] = [];
  for (const { result, source } of lints) {
    if (result.output === undefined || source === undefined) continue;
    const file = result.filePath;
    try {
      if (readSource(file) !== source) {
        problems.push(`${file}: not fixed: it changed on disk during the run; run opslint --fix again`);
        continue;
      }
      const temp = path.join(path.dirname(file), `.${path.basename(file)}.opslint-${process.pid}.tmp`);
      const mode = fs.statSync(file).mode;
      fs.writeFileSync(temp, result.output, { mode });
      fs.renameSync(temp, file);
    } catch (error) {
      problems.push(`${file}: not fixed: ${(error as Error).message}`);
    }
  }
  return problems;
}
