import * as assert from 'node:assert/strict';
import { allRules } from '../../rules';
import { parseSource } from '../../rules/core/engine/parse';
import type { LintResult } from '../../rules/core/engine/types';
import { engineSetup, lintWith } from '../helpers/lint-with';
import { lintText } from '../../rules/core/engine/lint-text';
import { needsScope, reportTarget } from './probe-rules';
import { codeOfSize, NESTING_SHAPES } from './shapes';

const MIB = 1024 * 1024;

function lintAll(text: string, file: string, maxFileSize?: number): LintResult {
  const { config, env } = engineSetup(allRules);
  return lintText(text, file, maxFileSize ? { ...config, maxFileSize } : config, env);
}

/** Findings that mean the engine or a rule failed rather than judged the code. */
function failures(result: LintResult): string[] {
  return result.messages.filter((m) => m.ruleId === 'opslint/parse-error' || /^Internal error|too deeply nested/.test(m.message)).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('hardening: deep nesting', function () {
  // Depth 1,000 overflows the default stack, so each of these parses once more on a worker thread.
  this.timeout(60_000);
  for (const shape of NESTING_SHAPES) {
    for (const depth of [100, 1000]) {
      it(`lints ${depth} nested levels of ${shape.name} with every rule on`, () => {
        assert.deepEqual(failures(lintAll(shape.make(depth), shape.file)), []);
      });
    }
  }

  it('keeps the whole tree when the parse moves to a worker: ranges, locations, RegExp and bigint values', () => {
    const depth = 1000;
    const text = `const r = /a+/g;\nconst big = 10n;\n${NESTING_SHAPES[0].make(depth)}`;
    const program = parseSource(text, 'deep.ts');
    const [regex, bigint, outer] = program.body;
    assert.ok(regex.type === 'VariableDeclaration' && regex.declarations[0].init?.type === 'Literal');
    assert.ok((regex.declarations[0].init as { value: unknown }).value instanceof RegExp);
    assert.ok(bigint.type === 'VariableDeclaration' && typeof (bigint.declarations[0].init as { value: unknown }).value === 'bigint');
    let innermost = outer;
    let levels = 1;
    while (innermost.type === 'IfStatement' && innermost.consequent.type === 'BlockStatement' && innermost.consequent.body.length > 0) {
      innermost = innermost.consequent.body[0];
      levels++;
    }
    assert.equal(levels, depth);
    assert.deepEqual(innermost.loc.start, { line: depth + 2, column: 0 });
    assert.equal(text.slice(...innermost.range), 'if (a) {\n}');
  });

  it('reports a syntax error found on the worker thread at its position', () => {
    const text = `${NESTING_SHAPES[0].make(1000)}const = 1;\n`;
    const result = lintAll(text, 'deep.ts');
    assert.equal(result.messages.length, 1);
    assert.equal(result.messages[0].ruleId, 'opslint/parse-error');
    assert.equal(result.messages[0].line, 2001);
  });

  // 20,000 levels: far past any stack scope-manager gets, so the overflow does not depend on how much stack the test runner already uses.
  it('says "too deeply nested" instead of "internal error" when scope analysis runs out of stack', () => {
    const result = lintWith([needsScope], NESTING_SHAPES.find((s) => s.name === 'array')!.make(20000), 'deep.ts');
    assert.equal(result.messages.length, 1);
    assert.match(result.messages[0].message, /^Rule logging\/test-needs-scope could not analyse this file: it is too deeply nested \(scope analysis ran out of stack\)/);
  });
});

describe('hardening: size', function () {
  this.timeout(60_000);

  it('lints 100 KB of service code with every rule on', () => {
    const result = lintAll(codeOfSize(100 * 1024), 'big.ts');
    assert.deepEqual(failures(result), []);
    assert.ok(result.messages.length > 0, 'the code has findings to report');
  });

  it('skips a file over maxFileSize with a notice that gives both sizes', () => {
    const result = lintAll(codeOfSize(1.2 * MIB), 'big.ts');
    assert.equal(result.messages.length, 1);
    assert.match(result.messages[0].message, /^skipped: 1\.2 MB exceeds maxFileSize 1\.0 MB; raise "maxFileSize"/);
    assert.equal(result.messages[0].severity, 1);
  });

  it('lints a 1 MB single line when maxFileSize allows it, with columns past 65,535', () => {
    const text = `${codeOfSize(MIB, true)} const target = 1;`;
    const result = lintWith([reportTarget], text, 'min.ts');
    const found = result.messages.filter((m) => m.ruleId === 'logging/test-report-target');
    assert.equal(found.length, 0, 'default maxFileSize is 1 MiB, this file is larger');
    const { config, env } = engineSetup([reportTarget]);
    const linted = lintText(text, 'min.ts', { ...config, maxFileSize: 2 * MIB }, env);
    assert.deepEqual(linted.messages.map((m) => [m.line, m.column]), [[1, text.lastIndexOf('target') + 1]]);
  });
});
