import * as fs from 'node:fs';
import * as path from 'node:path';
import { UsageError } from '../rules/core/errors';
import { closeRuleIds, type RuleRegistry } from '../rules/core/registry';

/**
 * The folder of the rule pages shipped beside the code: `docs/rules/` of the clone or of the
 * installed npm package (from out/cli/, two levels up).
 */
export function shippedDocsDir(): string {
  return path.join(__dirname, '..', '..', 'docs', 'rules');
}

/** `opslint --explain <rule>`: the rule's docs page (Markdown) as shipped, for the terminal. */
export function explainRule(registry: RuleRegistry, ruleId: string): string {
  if (!registry.has(ruleId)) {
    const close = closeRuleIds(registry, ruleId);
    throw new UsageError(`--explain: "${ruleId}" is not an Opslint rule. ${close.length > 0 ? `Did you mean ${close.join(' or ')}?` : 'Run opslint --list-rules for all ids.'}`);
  }
  const page = path.join(shippedDocsDir(), `${ruleId}.md`);
  try {
    return fs.readFileSync(page, 'utf8');
  } catch (error) {
    throw new UsageError(`--explain: the docs page of ${ruleId} is missing (${page}: ${(error as NodeJS.ErrnoException).code ?? String(error)}); reinstall opslint.`);
  }
}
