import type { Category, Rule, RuleContext, RuleListener, RuleMeta } from '../core/engine/types';
import type { ProjectGraphView, ProjectRule, ProjectRuleContext } from '../core/project/project-rule';

export const DOCS_BASE_URL = 'https://github.com/opslint/opslint/blob/main/docs/rules/';

export function docsUrlFor(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/** The metadata every rule declares, per-file or project-level. */
interface RuleMetaDefinition<Options extends readonly unknown[]> {
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
  /** Options `opslint:all` sets (merged over `defaultOptions` like a user's), for reports `opslint:recommended` leaves out. */
  allPresetOptions?: readonly unknown[];
}

interface RuleDefinition<Options extends readonly unknown[]> extends RuleMetaDefinition<Options> {
  create(context: RuleContext<Options>): RuleListener;
}

interface ProjectRuleDefinition<Options extends readonly unknown[]> extends RuleMetaDefinition<Options> {
  check(graph: ProjectGraphView, context: ProjectRuleContext<Options>): void;
}

/** ESLint-compatible `meta`, derived from the id. */
function buildMeta<Options extends readonly unknown[]>(definition: RuleMetaDefinition<Options>): RuleMeta {
  const category = definition.id.split('/')[0] as Category;
  return {
    type: definition.type ?? 'problem',
    docs: { description: definition.description, url: docsUrlFor(definition.id), recommended: definition.recommended },
    ...(definition.fixable ? { fixable: definition.fixable } : {}),
    ...(definition.hasSuggestions ? { hasSuggestions: true } : {}),
    messages: definition.messages,
    schema: definition.schema ?? [],
    defaultOptions: definition.defaultOptions,
    opslint: { id: definition.id, category, defaultSeverity: definition.defaultSeverity, ...(definition.allPresetOptions ? { allPresetOptions: definition.allPresetOptions } : {}) },
  };
}

/** One shape for every rule: metadata derived from the id, ESLint-compatible `meta`. */
export function createRule<Options extends readonly unknown[]>(definition: RuleDefinition<Options>): Rule<Options> {
  return { meta: buildMeta(definition), create: definition.create };
}

/**
 * A rule over the whole module graph. Same metadata as a per-file rule; its per-file `create`
 * subscribes to nothing, so the per-file engine (and ESLint) can hold it harmlessly.
 */
export function createProjectRule<Options extends readonly unknown[]>(definition: ProjectRuleDefinition<Options>): ProjectRule<Options> {
  return { meta: buildMeta(definition), create: () => ({}), check: definition.check };
}
