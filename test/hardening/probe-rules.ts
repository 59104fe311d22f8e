/** Test-only rules that expose what the engine hands rules on pathological input. */
import { createRule } from '../../rules/utils/create-rule';

/** Reports every identifier named `target`, so tests can check positions after odd line ends. */
export const reportTarget = createRule({
  id: 'logging/test-report-target',
  description: 'test probe: reports identifiers named target',
  recommended: false,
  defaultSeverity: 'error',
  messages: { found: 'found target' },
  defaultOptions: [],
  create: (context) => ({
    Identifier(node) {
      if (node.type === 'Identifier' && node.name === 'target') context.report({ node, messageId: 'found' });
    },
  }),
});

/** Asks for scope analysis once per file, as many real rules do at Program:exit. */
export const needsScope = createRule({
  id: 'logging/test-needs-scope',
  description: 'test probe: runs scope analysis',
  recommended: false,
  defaultSeverity: 'error',
  messages: { scopes: '{{count}} scopes' },
  defaultOptions: [],
  create: (context) => ({
    'Program:exit'(node) {
      context.report({ node, messageId: 'scopes', data: { count: context.sourceCode.scopeManager.scopes.length } });
    },
  }),
});
