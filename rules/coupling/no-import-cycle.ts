import { relatedAt } from '../core/project/project-rule';
import { createProjectRule } from '../utils/create-rule';
import { projectPath } from '../utils/file-roles';

export const projectRule = createProjectRule({
  id: 'coupling/no-import-cycle',
  description: 'Modules that load each other at run time, directly or through others',
  recommended: true,
  defaultSeverity: 'warn',
  messages: {
    importCycle: 'Import cycle: {{chain}}. Modules in a cycle start half-initialised (an import is undefined at load time, depending on which module loads first), and none of them can change, be tested or be split out alone. Break the cycle: move what they share into a module of its own, or invert one dependency (pass it in, or import only a type).',
  },
  defaultOptions: [],
  check(graph, context) {
    for (const cycle of graph.cycles()) {
      const first = cycle.hops[0];
      const name = (file: string) => projectPath(file, context.cwd);
      const next = (i: number) => cycle.files[(i + 1) % cycle.files.length];
      context.report({
        filePath: first.from,
        span: first.import.span,
        messageId: 'importCycle',
        data: { chain: [...cycle.files, cycle.files[0]].map(name).join(' → ') },
        relatedInformation: cycle.hops.map((hop, i) => relatedAt(hop, `${name(hop.from)} imports ${name(next(i))} here`)),
      });
    }
  },
});
