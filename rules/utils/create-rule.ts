import type { Category, Rule, RuleContext, RuleListener, RuleMeta } from '../core/engine/types';

export const DOCS_BASE_URL = 'https://github.com/opslint/opslint/blob/main/docs/rules/';

export function docsUrlFor(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

interface RuleDefinition<Options extends readonly unknown[]> {
  /** `<category>/<rule-name>`, the same as the file's path under `rules/`. */
  id: `${Category}/${string}`;
  description: string;
  recommended: boolean;
  defaultSeverity: 'warn' | 'error';
  type?: RuleMeta['type'];
  fixable?: RuleMeta['fixable'];
  hasSuggestions?: boolean;
  messages: Record<string, string>;
  schema?: readonly object[];
  defaultOptions: Options;
  create(context: RuleContext<Options>): RuleListener;
}

/** One shape for every rule: metadata derived from the id, ESLint-compatible `meta`. */
export function createRule<Options extends readonly unknown[]>(definition: RuleDefinition<Options>): Rule<Options> {
  const category = definition.id.split('/')[0] as Category;
  return {
    meta: {
      type: definition.type ?? 'problem',
      docs: { description: definition.description, url: docsUrlFor(definition.id), recommended: definition.recommended },
      ...(definition.fixable ? { fixable: definition.fixable } : {}),
      ...(definition.hasSuggestions ? { hasSuggestions: true } : {}),
      messages: definition.messages,
      schema: definition.schema ?? [],
      defaultOptions: definition.defaultOptions,
      opslint: { id: definition.id, category, defaultSeverity: definition.defaultSeverity },
    },
    create: definition.create,
  };
}
