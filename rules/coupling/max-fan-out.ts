import { isTypeOnlyEdge } from '../core/project/project-rule';
import { createProjectRule } from '../utils/create-rule';
import { SERVICE_CODE } from '../core/roles/role-sets';

interface Options { max: number; ignoreTypeImports: boolean; ignoreReExports: boolean }

export const projectRule = createProjectRule<[Options]>({
  id: 'coupling/max-fan-out',
  description: 'Modules that import more than a set number of the project\'s own modules',
  recommended: false,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    tooManyDependencies: 'This module imports {{count}} modules of the project (more than {{max}}). A module that depends on that much changes whenever any of them does, and a fault anywhere in them reaches it. Split it by responsibility, or put a narrower module in front of a group of its dependencies.',
  },
  schema: [{
    type: 'object',
    additionalProperties: false,
    properties: {
      max: { type: 'integer', minimum: 1, description: 'The most distinct project modules one module may import.' },
      ignoreTypeImports: { type: 'boolean', description: 'Leave `import type` (and elided type-only) imports out of the count.' },
      ignoreReExports: { type: 'boolean', description: 'Leave `export … from` re-exports out of the count (a barrel module is the narrower front the message recommends).' },
    },
  }],
  defaultOptions: [{ max: 15, ignoreTypeImports: false, ignoreReExports: true }],
  check(graph, context) {
    for (const file of graph.files()) {
      if (!context.isEnabled(file)) continue;
      const [{ max, ignoreTypeImports, ignoreReExports }] = context.optionsFor(file);
      const edges = graph.edgesOf(file);
      if (edges.length <= max) continue;
      const targets = new Set<string>();
      for (const edge of edges) {
        if ((ignoreTypeImports && isTypeOnlyEdge(edge)) || (ignoreReExports && edge.import.kind === 'export')) continue;
        if (edge.resolution.kind === 'file' && edge.resolution.path !== file && graph.has(edge.resolution.path)) targets.add(edge.resolution.path);
      }
      if (targets.size > max) {
        context.report({ filePath: file, span: edges[0].import.span, messageId: 'tooManyDependencies', data: { count: targets.size, max } });
      }
    }
  },
});
