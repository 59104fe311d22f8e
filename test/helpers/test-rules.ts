/**
 * Rules for engine and CLI tests only, independent of the real catalog so those tests do not
 * move when rules change. The CLI loads this compiled module through OPSLINT_TEST_RULE_MODULES
 * (rules/core/test-rule-hook.ts), which is how a throwing rule gets into a real CLI process.
 */
import type { Rule } from '../../rules/core/engine/types';

const DOCS = 'https://example.invalid/opslint-test-rules';

/** Reports every `var` declaration; its fix turns `var` into `let`. */
export const noVar: Rule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Test rule: var declarations.', url: `${DOCS}/no-var`, recommended: true },
    fixable: 'code',
    messages: { useLet: 'Use let instead of var.' },
    schema: [],
    opslint: { id: 'test/no-var', category: 'logging', defaultSeverity: 'error' },
  },
  create(context) {
    return {
      VariableDeclaration(node) {
        if (node.type !== 'VariableDeclaration' || node.kind !== 'var') return;
        const start = node.range[0];
        context.report({ node, messageId: 'useLet', fix: (fixer) => fixer.replaceTextRange([start, start + 3], 'let') });
      },
    };
  },
};

/** Warns on calls to `todo()`; option `ignore` lists callee names to skip instead. */
export const noTodoCall: Rule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'Test rule: todo() calls.', url: `${DOCS}/no-todo-call`, recommended: true },
    messages: { todo: 'Do not ship {{name}}().' },
    schema: [{ type: 'object', properties: { names: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }],
    defaultOptions: [{ names: ['todo'] }],
    opslint: { id: 'test/no-todo-call', category: 'caching', defaultSeverity: 'warn' },
  },
  create(context) {
    const names = new Set((context.options[0] as { names: string[] }).names);
    return {
      CallExpression(node) {
        if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && names.has(node.callee.name)) {
          context.report({ node, messageId: 'todo', data: { name: node.callee.name } });
        }
      },
    };
  },
};

/** Throws when it meets an identifier named `explode`: the fault a real rule bug would cause. */
export const throwsOnExplode: Rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Test rule: throws on `explode`.', url: `${DOCS}/throws`, recommended: false },
    messages: {},
    schema: [],
    opslint: { id: 'test/throws', category: 'resilience', defaultSeverity: 'error' },
  },
  create() {
    return {
      Identifier(node) {
        if (node.type === 'Identifier' && node.name === 'explode') throw new Error('test rule exploded on purpose');
      },
    };
  },
};

/** Its fix deletes a `{`, so the result never parses: the engine must revert and report it. */
export const brokenFix: Rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Test rule: a fix that breaks the file.', url: `${DOCS}/broken-fix`, recommended: false },
    fixable: 'code',
    messages: { broken: 'This fix breaks the file.' },
    schema: [],
    opslint: { id: 'test/broken-fix', category: 'coupling', defaultSeverity: 'error' },
  },
  create(context) {
    return {
      BlockStatement(node) {
        if (node.parent?.type !== 'FunctionDeclaration') return;
        context.report({ node, messageId: 'broken', fix: (fixer) => fixer.removeRange([node.range[0], node.range[0] + 1]) });
      },
    };
  },
};

export const rules: Rule[] = [noVar, noTodoCall, throwsOnExplode, brokenFix];
