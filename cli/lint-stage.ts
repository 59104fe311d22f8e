import type { ConfigResolver } from '../rules/core/config/config-resolver';
import type { FileLint } from '../rules/core/project/lint-project';
import type { RuleRegistry } from '../rules/core/registry';
import type { CliOptions } from './args';
import { lintFiles } from './parallel/lint-files';
import { createProgress, progressWanted } from './progress';

export interface LintStageIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stderrIsTTY?: boolean;
  stderr(text: string): void;
}

/** Lints the selected files with the requested concurrency, drawing progress where wanted. */
export async function lintStage(files: readonly string[], options: CliOptions, io: LintStageIo, registry: RuleRegistry, resolver: ConfigResolver): Promise<FileLint[]> {
  const progress = createProgress({ total: files.length, enabled: progressWanted(io.stderrIsTTY ?? false, io.env, options.format), write: (t) => io.stderr(t) });
  const fix = options.fix || options.fixDryRun;
  try {
    return await lintFiles(files, { resolver, env: { registry, cwd: io.cwd, verbose: options.verbose }, fix }, (done) => progress.update(done));
  } finally {
    progress.finish();
  }
}
