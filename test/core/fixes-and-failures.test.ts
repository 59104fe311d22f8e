import * as assert from 'node:assert/strict';
import { FIX_REVERTED, MAX_FIX_PASSES } from '../../rules/core/engine/apply-fixes';
import { PARSE_ERROR } from '../../rules/core/engine/lint-text';
import { parseSource } from '../../rules/core/engine/parse';
import { traverse } from '../../rules/core/engine/traverse';
import type { Node, Rule } from '../../rules/core/engine/types';
import { fixWith, lintWith, where } from '../helpers/lint-with';
import { brokenFix, noTodoCall, noVar, throwsOnExplode } from '../helpers/test-rules';

/** Wraps each `x` in parentheses, forever: it stops only when the engine's pass limit stops it. */
const neverDone: Rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Test rule: a fix that never converges.', url: 'https://example.invalid/never-done', recommended: false },
    fixable: 'code',
    messages: { again: 'Again.' },
    schema: [],
    opslint: { id: 'test/never-done', category: 'logging', defaultSeverity: 'error' },
  },
  create(context) {
    return {
      Identifier(node) {
        if (node.type === 'Identifier' && node.name === 'x') context.report({ node, messageId: 'again', fix: (fixer) => fixer.replaceText(node, '(x)') });
      },
    };
  },
};

describe('fix passes', () => {
  it('applies fixes until none apply and the result parses', () => {
    const result = fixWith([noVar], 'var a = 1;\nvar b = a;\n');
    assert.equal(result.output, 'let a = 1;\nlet b = a;\n');
    assert.deepEqual(result.messages, []);
  });

  it('reverts a fix whose result would not parse, reports it, and still applies the good ones', () => {
    const text = 'function f() {\n  var x = 1;\n  return x;\n}\n';
    const result = fixWith([brokenFix, noVar], text);
    assert.equal(result.output, text.replace('var', 'let'));
    assert.doesNotThrow(() => parseSource(result.output!, 'src/a.ts'));
    assert.deepEqual(where(result), ['1:test/broken-fix', `1:${FIX_REVERTED}`]);
    const reverted = result.messages[1];
    assert.equal(reverted.severity, 2);
    assert.equal(reverted.fix, undefined);
    assert.match(reverted.message, /automatic fix for test\/broken-fix .* does not parse, so it was not applied/);
  });

  it('writes no output when the only fix is broken', () => {
    const result = fixWith([brokenFix], 'function f() {}\n');
    assert.equal(result.output, undefined);
    assert.deepEqual(where(result), ['1:test/broken-fix', `1:${FIX_REVERTED}`]);
  });

  it('stops after MAX_FIX_PASSES passes on a fix that never converges', () => {
    const result = fixWith([neverDone], 'x;\n');
    assert.equal(result.output, `${'('.repeat(MAX_FIX_PASSES)}x${')'.repeat(MAX_FIX_PASSES)};\n`);
  });
});

describe('rule failures and hostile input', () => {
  it('a rule that throws leaves one internal-error finding; other rules keep their findings', () => {
    const result = lintWith([noVar, throwsOnExplode, noTodoCall], 'todo();\nvar explode = 1;\nvar later = 2;\n', 'src/a.ts', true);
    assert.deepEqual(where(result), ['1:test/no-todo-call', '2:test/no-var', '2:test/throws', '3:test/no-var']);
    const internal = result.messages.find((m) => m.ruleId === 'test/throws')!;
    assert.equal(internal.category, 'opslint');
    assert.equal(internal.column, 5, 'at the node being visited when it threw');
    assert.match(internal.message, /Internal error in rule test\/throws: test rule exploded on purpose\. Its findings for this file are missing; other rules ran/);
    assert.match(internal.detail ?? '', /test-rules/);
  });

  it('a rule whose create() throws is contained the same way', () => {
    const failing: Rule = { ...noVar, meta: { ...noVar.meta, opslint: { ...noVar.meta.opslint, id: 'test/create-throws' } }, create: () => { throw new TypeError('bad options'); } };
    const result = lintWith([failing, noTodoCall], 'todo();\n');
    assert.deepEqual(where(result), ['1:test/create-throws', '1:test/no-todo-call']);
  });

  it('a 5,000-deep nested array is parsed again on a large stack and linted, without crashing', function () {
    this.timeout(30_000);
    const text = `export const deep = ${'['.repeat(5000)}${']'.repeat(5000)};\nvar after = 1;\n`;
    const result = lintWith([noVar], text, 'src/generated.ts');
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.line]), [[noVar.meta.opslint.id, 2]]);
  });

  it('the walk is iterative: a 100,000-deep tree (deeper than the parser can build) is visited without overflow', () => {
    const leaf = { type: 'ArrayExpression', elements: [] } as unknown as Node;
    let root = leaf;
    for (let i = 1; i < 100_000; i++) root = { type: 'ArrayExpression', elements: [root] } as unknown as Node;
    let entered = 0;
    let exited = 0;
    traverse(root, (_node, phase) => (phase === 'enter' ? entered++ : exited++));
    assert.deepEqual([entered, exited], [100_000, 100_000]);
    assert.equal((leaf as Node & { parent?: Node }).parent?.type, 'ArrayExpression');
  });

  it('a syntax error gives the parser position and message', () => {
    const [finding] = lintWith([noVar], 'const a = 1;\nconst b = ;\n').messages;
    assert.deepEqual([finding.ruleId, finding.line, finding.column], [PARSE_ERROR, 2, 11]);
    assert.match(finding.message, /^Parsing error: Expression expected/);
  });
});
