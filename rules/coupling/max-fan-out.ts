import { isTypeOnlyEdge } from '../core/project/project-rule';
import { createProjectRule } from '../utils/create-rule';

interface Options { max: number; ignoreTypeImports: boolean }

export const projectRule = createProjectRule<[Options]>({
  id: 'coupling/max-fan-out',
  description: 'Modules that import more than a set number of the project\'s own modules',
  recommended: true,
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
    },
  }],
  defaultOptions: [{ max: 15, ignoreTypeImports: false }],
  check(graph, context) {
    for (const file of graph.files()) {
      if (!context.isEnabled(file)) continue;
      const [{ max, ignoreTypeImports }] = context.optionsFor(file);
      const edges = graph.edgesOf(file);
      if (edges.length <= max) continue;
      const targets = new Set<string>();
      for (const edge of edges) {
        if (ignoreTypeImports && isTypeOnlyEdge(edge)) continue;
        if (edge.resolution.kind === 'file' && edge.resolution.path !== file && graph.has(edge.resolution.path)) targets.add(edge.resolution.path);
      }
      if (targets.size > max) {
        context.report({ filePath: file, span: edges[0].import.span, messageId: 'tooManyDependencies', data: { count: targets.size, max } });
      }
    }
  },
});
