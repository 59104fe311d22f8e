/**
 * A test rule with a suggestion, for the server tests (test/helpers/test-rules has fixes, no
 * suggestions). Loaded into the server process through OPSLINT_TEST_RULE_MODULES.
 */
import type { Rule } from '../../rules/core/engine/types';

/** Reports `console.log(...)`; its suggestion turns it into `console.error(...)`. */
export const noConsoleLog: Rule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Test rule: console.log calls.', url: 'https://example.invalid/opslint-test-rules/no-console-log', recommended: false },
    hasSuggestions: true,
    messages: { noLog: 'console.log is not a logger.', useError: 'Use console.error' },
    schema: [],
    opslint: { id: 'test/no-console-log', category: 'logging', defaultSeverity: 'warn' },
  },
  create(context) {
    return {
      MemberExpression(node) {
        if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier' || node.object.name !== 'console') return;
        if (node.property.type !== 'Identifier' || node.property.name !== 'log') return;
        const property = node.property;
        context.report({ node, messageId: 'noLog', suggest: [{ messageId: 'useError', fix: (fixer) => fixer.replaceText(property, 'error') }] });
      },
    };
  },
};

export const rules: Rule[] = [noConsoleLog];
