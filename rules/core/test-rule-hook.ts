import type { Rule } from './engine/types';

/**
 * Test-only: rules loaded from the modules named in OPSLINT_TEST_RULE_MODULES (path-delimited),
 * each exporting `rules: Rule[]`. Fault-injection tests use it to run a throwing or hanging rule
 * inside the real CLI and server processes. Never set by any shipped config.
 */
export const TEST_RULE_MODULES_VARIABLE = 'OPSLINT_TEST_RULE_MODULES';

export function loadTestRules(env: Readonly<Record<string, string | undefined>>): Rule[] {
  const list = env[TEST_RULE_MODULES_VARIABLE];
  if (!list) return [];
  const delimiter = process.platform === 'win32' ? ';' : ':';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return list.split(delimiter).filter(Boolean).flatMap((file) => (require(file) as { rules: Rule[] }).rules);
}
