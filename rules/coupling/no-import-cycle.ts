import { cyclesThrough } from '../core/project/import-cycles';
import { type ImportCycle, isLazyEdge, relatedAt } from '../core/project/project-rule';
import { createProjectRule } from '../utils/create-rule';
import { projectPath } from '../utils/file-roles';
import { SERVICE_CODE } from '../core/roles/role-sets';

interface Options { includeLazyRequires: boolean }

export const projectRule = createProjectRule<[Options]>({
  id: 'coupling/no-import-cycle',
  description: 'Modules that load each other at run time, directly or through others',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    importCycle: 'Import cycle: {{chain}}. Modules in a cycle start half-initialised (an import is undefined at load time, depending on which module loads first), and none of them can change, be tested or be split out alone. Break the cycle: move what they share into a module of its own, or invert one dependency (pass it in, or import only a type).',
  },
  schema: [{
    type: 'object',
    additionalProperties: false,
    properties: {
      includeLazyRequires: { type: 'boolean', description: 'Count a `require()` inside a function (which loads its module when called, not at load time) as a cycle edge.' },
    },
  }],
  defaultOptions: [{ includeLazyRequires: false }],
  check(graph, context) {
    const name = (file: string) => projectPath(file, context.cwd);
    const withLazy = (file: string) => context.optionsFor(file)[0]?.includeLazyRequires === true;
    const report = (cycle: ImportCycle) => {
      const first = cycle.hops[0];
      const next = (i: number) => cycle.files[(i + 1) % cycle.files.length];
      context.report({
        filePath: first.from,
        span: first.import.span,
        messageId: 'importCycle',
        data: { chain: [...cycle.files, cycle.files[0]].map(name).join(' → ') },
        relatedInformation: cycle.hops.map((hop, i) => relatedAt(hop, `${name(hop.from)} imports ${name(next(i))} here`)),
      });
    };
    // The graph's cycles follow load-time edges only (a lazy require() loads its module when called,
    // as import() does); files that opt in get the cycles through lazy requires as well.
    for (const cycle of graph.cycles()) if (!withLazy(cycle.hops[0].from)) report(cycle);
    if (![...graph.files()].some((file) => context.isEnabled(file) && withLazy(file))) return;
    for (const cycle of cyclesThrough(graph, (edge) => edge.runtime || isLazyEdge(edge))) if (withLazy(cycle.hops[0].from)) report(cycle);
  },
});
