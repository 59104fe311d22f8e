import type { ConfigResolver } from '../rules/core/config/config-resolver';
import type { Finding } from '../rules/core/engine/types';
import type { LintCache } from '../rules/core/project/lint-cache';
import type { FileLint } from '../rules/core/project/lint-project';
import type { RuleRegistry } from '../rules/core/registry';
import { TEST_RULE_MODULES_VARIABLE } from '../rules/core/test-rule-hook';
import type { CliOptions } from './args';
import { lintFiles, workerCount, type LintPlan } from './parallel/lint-files';
import { createProgress, progressWanted } from './progress';

export interface LintStageIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stderrIsTTY?: boolean;
  stderr(text: string): void;
}

/**
 * Lints the plan with the requested concurrency, drawing progress where wanted. The project pass
 * sees the context files' facts too; only `plan.files` come back.
 */
export async function lintStage(
  plan: LintPlan, options: CliOptions, io: LintStageIo, registry: RuleRegistry, resolver: ConfigResolver, cache?: LintCache,
): Promise<FileLint[]> {
  const total = plan.files.length + plan.contextFiles.length;
  const progress = createProgress({ total, enabled: progressWanted(io.stderrIsTTY ?? false, io.env, options.format), write: (t) => io.stderr(t) });
  const fix = options.fix || options.fixDryRun;
  const setup = {
    root: io.cwd, configPath: options.config, ruleOverrides: options.rules, verbose: options.verbose, fix,
    env: { [TEST_RULE_MODULES_VARIABLE]: io.env[TEST_RULE_MODULES_VARIABLE] },
  };
  const lintOptions = { resolver, env: { registry, cwd: io.cwd, verbose: options.verbose }, fix, cache };
  try {
    return await lintFiles(plan, lintOptions, setup, workerCount(options.concurrency, total), (done) => progress.update(done));
  } finally {
    progress.finish();
  }
}

/** Each finding's baseline fingerprint (computed at lint time), by identity, for the formatters. */
export function fingerprintsOf(lints: readonly FileLint[]): Map<Finding, string> {
  return new Map(lints.flatMap((l) => l.result.messages.map((m, i) => [m, l.fingerprints[i]] as const)));
}
