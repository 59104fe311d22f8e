import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { DEFAULT_MAX_FILE_SIZE } from '../../../rules/core/config/file-config';
import { lintText } from '../../../rules/core/engine/lint-text';
import type { Node } from '../../../rules/core/engine/types';
import { ProvenanceResolver } from '../../../rules/core/knowledge/provenance';
import { createRule } from '../../../rules/utils/create-rule';

/**
 * Runs `look` on every call and `new` of a snippet, once the engine's walk is done (parents set,
 * scopes available), with a provenance resolver for the file. Returns what `look` returned, in source order.
 */
export function probeCalls<T>(code: string, look: (node: TSESTree.CallExpression | TSESTree.NewExpression, resolver: ProvenanceResolver) => T, filename = 'src/file.ts'): T[] {
  const out: T[] = [];
  const probe = createRule({
    id: 'resilience/probe', description: 'test probe', recommended: false, defaultSeverity: 'warn', messages: { x: 'x' }, defaultOptions: [],
    create(context) {
      const nodes: Node[] = [];
      return {
        'CallExpression, NewExpression'(node) { nodes.push(node); },
        'Program:exit'() {
          const resolver = new ProvenanceResolver(context.sourceCode.ast, context.sourceCode);
          for (const node of nodes.sort((a, b) => a.range[0] - b.range[0])) out.push(look(node as TSESTree.CallExpression, resolver));
        },
      };
    },
  });
  const config = { rules: new Map([[probe.meta.opslint.id, { severity: 1 as const, options: [] }]]), settings: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE };
  lintText(code, filename, config, { registry: new Map([[probe.meta.opslint.id, probe]]), cwd: process.cwd() });
  return out;
}
