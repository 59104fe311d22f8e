import picomatch from 'picomatch';
import { isTypeOnlyEdge } from '../core/project/project-rule';
import { createProjectRule } from '../utils/create-rule';
import { projectPath } from '../utils/file-roles';

interface Restriction {
  from: string[];
  disallow: string[];
  allow?: string[];
  allowTypeImports?: boolean;
  message?: string;
}
interface Options { rules: Restriction[] }

const globs = { type: 'array', items: { type: 'string' }, minItems: 1 };

export const projectRule = createProjectRule<[Options]>({
  id: 'coupling/no-restricted-dependency',
  description: 'Imports that cross a layer boundary declared in the config (dependency-cruiser style)',
  recommended: false,
  defaultSeverity: 'error',
  messages: {
    restricted: '{{from}} must not depend on {{to}}{{why}}. A dependency against the declared layering ties the inner layer to the outer one: it can no longer be tested, deployed or replaced alone, and an outage of the outer part reaches it. Depend on an interface the inner layer owns, and wire the implementation in at the entry point.',
  },
  schema: [{
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        type: 'array',
        description: 'Layer rules: modules matching `from` must not import anything matching `disallow` unless it matches `allow`.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'disallow'],
          properties: {
            from: { ...globs, description: 'Globs of importing modules, relative to the project root.' },
            disallow: { ...globs, description: 'Globs of forbidden targets (project paths), or package names (`lodash`, `@aws-sdk/*`, `fs`).' },
            allow: { ...globs, description: 'Exceptions to `disallow`.' },
            allowTypeImports: { type: 'boolean', description: 'Type-only imports may cross the boundary (they do not exist at run time).' },
            message: { type: 'string', description: 'Why the boundary exists, appended to the finding.' },
          },
        },
      },
    },
  }],
  defaultOptions: [{ rules: [] }],
  needsConfiguration: ([options]) => ((options?.rules ?? []).length === 0 ? 'it has no layer rules to check: give it a "rules" option ([{ "from": [...], "disallow": [...] }])' : undefined),
  check(graph, context) {
    const matchers = new Map<string[], (path: string) => boolean>();
    const matches = (patterns: string[] | undefined, value: string) => {
      if (!patterns) return false;
      let matcher = matchers.get(patterns);
      if (!matcher) matchers.set(patterns, (matcher = picomatch(patterns, { dot: true })));
      return matcher(value);
    };
    for (const file of graph.files()) {
      if (!context.isEnabled(file)) continue;
      const { rules } = context.optionsFor(file)[0];
      if (rules.length === 0) continue;
      const from = projectPath(file, context.cwd);
      const restrictions = rules.filter((r) => matches(r.from, from));
      if (restrictions.length === 0) continue;
      for (const edge of graph.edgesOf(file)) {
        const { resolution } = edge;
        if (resolution.kind === 'unresolved') continue;
        const to = resolution.kind === 'file' ? projectPath(resolution.path, context.cwd) : resolution.name;
        const broken = restrictions.find((r) => matches(r.disallow, to) && !matches(r.allow, to) && !(r.allowTypeImports && isTypeOnlyEdge(edge)));
        if (!broken) continue;
        context.report({ filePath: file, span: edge.import.span, messageId: 'restricted', data: { from, to, why: broken.message ? ` (${broken.message})` : '' } });
      }
    }
  },
});
