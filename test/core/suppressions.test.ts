import * as assert from 'node:assert/strict';
import { SUPPRESSION_NEEDS_REASON, UNUSED_SUPPRESSION } from '../../rules/core/engine/suppressions';
import { lintWith, where } from '../helpers/lint-with';
import { noTodoCall, noVar } from '../helpers/test-rules';

const RULES = [noVar, noTodoCall];

describe('inline suppressions', () => {
  it('disable-next-line suppresses the listed rule on the next line only', () => {
    const result = lintWith(RULES, [
      '// opslint-disable-next-line test/no-var -- legacy global read by the loader',
      'var a = 1; todo();',
      'var b = 2;',
    ].join('\n'));
    assert.deepEqual(where(result), ['2:test/no-todo-call', '3:test/no-var']);
  });

  it('disable-next-line takes a comma list of ids', () => {
    const result = lintWith(RULES, '// opslint-disable-next-line test/no-var, test/no-todo-call -- generated shim\nvar a = 1; todo();\n');
    assert.deepEqual(where(result), []);
  });

  it('disable-line suppresses on its own line', () => {
    const result = lintWith(RULES, 'var a = 1; // opslint-disable-line test/no-var -- kept for the loader\nvar b = 2;\n');
    assert.deepEqual(where(result), ['2:test/no-var']);
  });

  it('a block disable lasts until the matching enable', () => {
    const result = lintWith(RULES, [
      'var a = 1;',
      '/* opslint-disable test/no-var -- vendored code, fixed upstream */',
      'var b = 2;',
      'todo();',
      'var c = 3;',
      '/* opslint-enable test/no-var */',
      'var d = 4;',
    ].join('\n'));
    assert.deepEqual(where(result), ['1:test/no-var', '4:test/no-todo-call', '7:test/no-var']);
  });

  it('a block disable without an enable lasts to the end of the file; no ids means every rule', () => {
    const result = lintWith(RULES, 'var a = 1;\n/* opslint-disable -- generated below this line */\nvar b = 2;\ntodo();\n');
    assert.deepEqual(where(result), ['1:test/no-var']);
  });

  it('a suppression without a reason still suppresses, and is itself reported', () => {
    const result = lintWith(RULES, 'var a = 1; // opslint-disable-line test/no-var\n');
    assert.deepEqual(where(result), [`1:${SUPPRESSION_NEEDS_REASON}`]);
    const [finding] = result.messages;
    assert.equal(finding.severity, 1);
    assert.deepEqual([finding.column, finding.endColumn], [12, 47]);
    assert.match(finding.message, /gives no reason/);
    assert.deepEqual(where(lintWith(RULES, '// opslint-disable-next-line test/no-var --\nvar a = 1;\n')), [`1:${SUPPRESSION_NEEDS_REASON}`]);
  });

  it('a suppression that suppresses nothing is reported as unused, naming ids that are not rules', () => {
    const result = lintWith(RULES, [
      '// opslint-disable-next-line test/no-var -- nothing here to suppress',
      'const a = 1;',
      '// opslint-disable-next-line test/no-such-rule -- typo in the id',
      'var b = 2;',
    ].join('\n'));
    assert.deepEqual(where(result), [`1:${UNUSED_SUPPRESSION}`, `3:${UNUSED_SUPPRESSION}`, '4:test/no-var']);
    assert.match(result.messages[1].message, /test\/no-such-rule is not enabled or not a rule id/);
  });

  it('parse errors are never suppressed, and look-alike comments are not directives', () => {
    const broken = lintWith(RULES, '/* opslint-disable -- everything */\nconst = ;\n');
    assert.deepEqual(broken.messages.map((m) => m.ruleId), ['opslint/parse-error']);
    const prose = lintWith(RULES, '// see opslint-disable-next-line in the docs\nvar a = 1;\n');
    assert.deepEqual(where(prose), ['2:test/no-var']);
  });
});
