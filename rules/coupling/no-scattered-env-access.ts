import { createProjectRule } from '../utils/create-rule';
import { globMatcher } from '../utils/file-roles';
import { readSettings } from '../utils/settings';
import { SERVICE_CODE } from '../core/roles/role-sets';
import { isServiceCode } from '../utils/service-program';

interface Options { maxModules?: number; allow: string[] }

export const projectRule = createProjectRule<[Options]>({
  id: 'coupling/no-scattered-env-access',
  description: 'process.env read in many modules instead of in the configured config modules',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    scatteredEnv: '{{what}} is read here, outside the config modules; {{count}} modules read the environment directly. A missing or misspelled variable then fails late (at the first request that reaches this code, not at start-up), and no one can list what the service needs to run. Read it in a config module (settings.configModules), validate it at start-up, and import the value.',
  },
  schema: [{
    type: 'object',
    additionalProperties: false,
    properties: {
      maxModules: { type: 'integer', minimum: 0, description: 'How many modules outside the config modules may read process.env before each of their reads is reported. Default: 0 when settings.configModules is set; unset, the rule reports nothing until you set one of the two.' },
      allow: { type: 'array', items: { type: 'string' }, description: 'Variables any module may read (set by the platform or for debugging, not configuration).' },
    },
  }],
  defaultOptions: [{ allow: ['NODE_ENV', 'NODE_DEBUG', 'DEBUG'] }],
  check(graph, context) {
    const configMatchers = new Map<string, (file: string) => boolean>();
    const isConfigModule = (file: string) => {
      const globs = readSettings(context.settingsFor(file)).configModules;
      const key = globs.join('\0');
      let matcher = configMatchers.get(key);
      if (!matcher) configMatchers.set(key, (matcher = globMatcher(globs, context.cwd)));
      return matcher(file);
    };
    const outsideConfig = (file: string) => isServiceCode(graph, file) && !isConfigModule(file);
    const readers = [...graph.files()].filter((f) => (graph.factsOf(f)?.envReads.length ?? 0) > 0 && outsideConfig(f));
    const counts = new Map<string, number>();
    for (const file of readers) {
      if (!context.isEnabled(file)) continue;
      const [{ maxModules, allow }] = context.optionsFor(file);
      // Until the project names its config modules (or sets a threshold), there is no owner to move reads to.
      const declared = (context.settingsFor(file).settings.opslint as { configModules?: unknown } | undefined)?.configModules !== undefined;
      const threshold = maxModules ?? (declared ? 0 : undefined);
      if (threshold === undefined) continue;
      const allowed = (name: string | undefined) => name !== undefined && allow.includes(name);
      const key = JSON.stringify(allow);
      let count = counts.get(key);
      if (count === undefined) {
        count = readers.filter((f) => graph.factsOf(f)!.envReads.some((r) => !allowed(r.name))).length;
        counts.set(key, count);
      }
      if (count <= threshold) continue;
      for (const read of graph.factsOf(file)!.envReads) {
        if (allowed(read.name)) continue;
        context.report({ filePath: file, span: read.span, messageId: 'scatteredEnv', data: { what: read.name ? `process.env.${read.name}` : 'process.env', count } });
      }
    }
  },
});
