/** Runs the engine on a text with the given rule objects, each at 'error' with default options. */
import { DEFAULT_MAX_FILE_SIZE, type FileConfig, type LintEnvironment } from '../../rules/core/config/file-config';
import { mergeOptions } from '../../rules/core/config/rule-options';
import { fixText } from '../../rules/core/engine/apply-fixes';
import { lintText } from '../../rules/core/engine/lint-text';
import type { LintResult, Rule } from '../../rules/core/engine/types';

export function engineSetup(rules: readonly Rule[], verbose = false): { config: FileConfig; env: LintEnvironment } {
  return {
    config: {
      rules: new Map(rules.map((r) => [r.meta.opslint.id, { severity: 2 as const, options: mergeOptions(r.meta.defaultOptions, []) }])),
      settings: {},
      maxFileSize: DEFAULT_MAX_FILE_SIZE,
    },
    env: { registry: new Map(rules.map((r) => [r.meta.opslint.id, r])), cwd: process.cwd(), verbose },
  };
}

export function lintWith(rules: readonly Rule[], text: string, filePath = 'src/a.ts', verbose = false): LintResult {
  const { config, env } = engineSetup(rules, verbose);
  return lintText(text, filePath, config, env);
}

export function fixWith(rules: readonly Rule[], text: string, filePath = 'src/a.ts'): LintResult {
  const { config, env } = engineSetup(rules);
  return fixText(text, filePath, config, env);
}

/** `line:ruleId` per message, the compact form most engine assertions need. */
export function where(result: LintResult): string[] {
  return result.messages.map((m) => `${m.line}:${m.ruleId}`);
}
