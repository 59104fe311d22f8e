import * as assert from 'node:assert/strict';
import type { Rule } from '../../rules/core/engine/types';
import { engineSetup } from '../helpers/lint-with';
import { brokenFix, noVar, throwsOnExplode } from '../helpers/test-rules';
import { checkProgram, type FuzzFailure } from './check-program';
import { minimize } from './minimize';

/** Swaps the names `ping` and `pong` back and forth: a fix that never reaches a fixpoint. */
const flipFlop: Rule = {
  meta: {
    type: 'problem', docs: { description: 'Test rule: a fix that never converges.', url: 'https://example.invalid/flip-flop', recommended: false },
    fixable: 'code', messages: { flip: 'flip' }, schema: [], opslint: { id: 'test/flip-flop', category: 'logging', defaultSeverity: 'error' },
  },
  create: (context) => ({
    Identifier(node) {
      if (node.type !== 'Identifier' || (node.name !== 'ping' && node.name !== 'pong')) return;
      context.report({ node, messageId: 'flip', fix: (fixer) => fixer.replaceText(node, node.name === 'ping' ? 'pong' : 'ping') });
    },
  }),
};

/** Reports with a fix reaching past the end of the text, and a location past the last line. */
const outOfRange: Rule = {
  meta: {
    type: 'problem', docs: { description: 'Test rule: ranges outside the text.', url: 'https://example.invalid/out-of-range', recommended: false },
    fixable: 'code', messages: { far: 'far' }, schema: [], opslint: { id: 'test/out-of-range', category: 'logging', defaultSeverity: 'error' },
  },
  create: (context) => ({
    Program(node) {
      context.report({ loc: { line: 99, column: 0 }, messageId: 'far', fix: (fixer) => fixer.replaceTextRange([node.range[1], node.range[1] + 5], '') });
    },
  }),
};

function kinds(rules: Rule[], text: string): string[] {
  const result = checkProgram(text, 'a.ts', engineSetup(rules));
  assert.notEqual(result, 'unparsable');
  return (result as FuzzFailure[]).map((f) => `${f.kind} ${f.ruleId}`).sort();
}

describe('fuzzing: the checks themselves catch each kind of failure', () => {
  it('a clean program with a converging fix passes', () => {
    assert.deepEqual(kinds([noVar], 'var a = 1;\n'), []);
  });

  it('a rule that throws', () => {
    assert.deepEqual(kinds([throwsOnExplode], 'explode();\n'), ['rule-exception test/throws']);
  });

  it('a fix whose result does not parse', () => {
    assert.deepEqual(kinds([brokenFix], 'function f() { return 1; }\n'), ['fix-does-not-parse test/broken-fix']);
  });

  it('fixes that never converge', () => {
    assert.deepEqual(kinds([flipFlop], 'const ping = 1;\n'), ['still-fixable test/flip-flop']);
  });

  it('locations and fix ranges outside the document', () => {
    assert.deepEqual(kinds([outOfRange], 'const a = 1;\n'), ['range-outside test/out-of-range', 'range-outside test/out-of-range']);
  });

  it('a program that does not parse is not a failure but reported as such', () => {
    assert.equal(checkProgram('const = ;', 'a.ts', engineSetup([noVar])), 'unparsable');
  });

  it('minimizing keeps only what the failure needs', () => {
    const text = ['const a = 1;', 'function f() {', '  const b = 2;', '  explode(b);', '}', 'export const c = a;'].join('\n');
    assert.equal(minimize(text, 'a.ts', 'rule-exception test/throws', engineSetup([throwsOnExplode])), 'function f() {\n  explode(b);\n}');
  });
});
