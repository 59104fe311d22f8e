import picomatch from 'picomatch';
import type { Category, FileRole, Rule, RuleContext, RuleListener, RuleMeta } from '../core/engine/types';
import { projectRelative } from '../core/engine/lint-text';
import { inferFileRole, ruleAppliesTo } from '../core/roles/infer-file-role';
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
  /** The file roles the rule applies to (see core/roles); absent: every file. */
  roles?: readonly FileRole[];
  type?: RuleMeta['type'];
  fixable?: RuleMeta['fixable'];
  hasSuggestions?: boolean;
  messages: Record<string, string>;
  schema?: readonly object[];
  defaultOptions: Options;
  /** The options the rule takes in `opslint:all`, where they differ from `defaultOptions` (a stricter reading). */
  allPresetOptions?: readonly unknown[];
  /** Why these options (merged over the defaults) leave the rule nothing to report; undefined when they do not. */
  needsConfiguration?: (options: Options) => string | undefined;
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
    opslint: {
      id: definition.id, category, defaultSeverity: definition.defaultSeverity,
      ...(definition.roles ? { roles: definition.roles } : {}),
      ...(definition.allPresetOptions ? { allPresetOptions: definition.allPresetOptions } : {}),
      ...(definition.needsConfiguration ? { needsConfiguration: definition.needsConfiguration as (options: readonly unknown[]) => string | undefined } : {}),
    },
  };
}

/** One shape for every rule: metadata derived from the id, ESLint-compatible `meta`. */
export function createRule<Options extends readonly unknown[]>(definition: RuleDefinition<Options>): Rule<Options> {
  const { roles } = definition;
  if (!roles) return { meta: buildMeta(definition), create: definition.create };
  return {
    meta: buildMeta(definition),
    // Opslint's engine runs a rule only on files of its roles. ESLint runs every rule on every
    // file, so there the role is inferred here, from the path and the text alone.
    create(context) {
      if (context.fileRole) return definition.create(context);
      return ruleAppliesTo(roles, fileRoleOf(context)) ? definition.create(context) : {};
    },
  };
}

/**
 * The role of the file a rule is looking at: the engine's verdict, or under ESLint (which has none)
 * the same inference from the path, the text and `settings.opslint.roles`. For rules that apply to
 * several roles and say less in some of them.
 */
export function fileRoleOf(context: RuleContext<readonly unknown[]>): FileRole {
  return context.fileRole?.role ?? inferFileRole(projectRelative(context.filename, context.cwd), context.sourceCode.text, configuredRole(context)).role;
}

/** Under ESLint, `settings.opslint.roles` (globs relative to the working directory) corrects a guess. */
function configuredRole(context: RuleContext<readonly unknown[]>) {
  const roles = (context.settings.opslint as { roles?: Record<string, FileRole> } | undefined)?.roles;
  if (!roles) return {};
  const file = projectRelative(context.filename, context.cwd);
  const glob = Object.keys(roles).findLast((g) => picomatch(g, { dot: true })(file));
  return glob ? { configured: { role: roles[glob], glob } } : {};
}

/**
 * A rule over the whole module graph. Same metadata as a per-file rule; its per-file `create`
 * subscribes to nothing, so the per-file engine (and ESLint) can hold it harmlessly.
 */
export function createProjectRule<Options extends readonly unknown[]>(definition: ProjectRuleDefinition<Options>): ProjectRule<Options> {
  return { meta: buildMeta(definition), create: () => ({}), check: definition.check };
}
