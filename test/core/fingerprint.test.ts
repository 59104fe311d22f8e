import * as assert from 'node:assert/strict';
import { parseSource } from '../../rules/core/engine/parse';
import type { Finding } from '../../rules/core/engine/types';
import { enclosingFunctionName, fingerprintFindings, normalizeSource } from '../../rules/core/report/fingerprint';

function finding(ruleId: string, line: number, column: number, endLine: number, endColumn: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, category: 'logging', severity: 2, message: 'm', line, column, endLine, endColumn, ...extra };
}

/** Finds `needle` in `text` and returns a finding spanning it (1-based, as findings are). */
function at(text: string, needle: string, nth = 0, ruleId = 'r/x'): Finding {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  const before = text.slice(0, index).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  const lines = needle.split('\n');
  const endLine = line + lines.length - 1;
  const endColumn = lines.length === 1 ? column + needle.length : lines[lines.length - 1].length + 1;
  return finding(ruleId, line, column, endLine, endColumn);
}

describe('baseline fingerprints', () => {
  const text = [
    'class UserService {',
    '  load() { fetch(url); }',
    '  save = () => { fetch(url); };',
    '}',
    'const handler = function () { fetch(url); fetch(url); };',
    'export function outer() { return [1].map(() => fetch(url)); }',
  ].join('\n');
  const ast = parseSource(text, 'a.ts');

  it('names the enclosing functions and classes, outermost first, through variables, methods and fields', () => {
    const names = [at(text, 'fetch(url)', 0), at(text, 'fetch(url)', 1), at(text, 'fetch(url)', 2), at(text, 'fetch(url)', 4)].map((f) => {
      const start = text.split('\n').slice(0, f.line - 1).join('\n').length + (f.line > 1 ? 1 : 0) + f.column - 1;
      return enclosingFunctionName(ast, start, start + 'fetch(url)'.length);
    });
    assert.deepEqual(names, ['UserService.load', 'UserService.save', 'handler', 'outer']);
  });

  it('normalizes layout away but keeps tokens apart', () => {
    assert.equal(normalizeSource('fetch( url ,\n   { signal } )'), 'fetch(url,{signal})');
    assert.equal(normalizeSource('new   Map<string,  number>()'), 'new Map<string,number>()');
    assert.equal(normalizeSource('return\n  value'), 'return value');
  });

  it('tells apart identical code in different functions, and repeats within one by occurrence', () => {
    const findings = [0, 1, 2, 3, 4].map((n) => at(text, 'fetch(url)', n));
    const prints = fingerprintFindings('src/a.ts', text, findings, ast);
    assert.equal(new Set(prints).size, 5);
    assert.match(prints[0], /^[0-9a-f]{32}$/);
  });

  it('does not depend on line numbers, indentation or the AST being passed in', () => {
    const shifted = `// new header\n\n${text.replace('  load() { fetch(url); }', '  load() {\n      fetch( url );\n  }')}`;
    const before = fingerprintFindings('src/a.ts', text, [at(text, 'fetch(url)', 0)], ast);
    const after = fingerprintFindings('src/a.ts', shifted, [at(shifted, 'fetch( url )', 0)]);
    assert.deepEqual(after, before);
  });

  it('depends on the rule, the file and the enclosing function', () => {
    const base = fingerprintFindings('src/a.ts', text, [at(text, 'fetch(url)', 0)], ast)[0];
    assert.notEqual(fingerprintFindings('src/b.ts', text, [at(text, 'fetch(url)', 0)], ast)[0], base);
    assert.notEqual(fingerprintFindings('src/a.ts', text, [at(text, 'fetch(url)', 0, 'r/other')], ast)[0], base);
    const renamed = text.replace('load()', 'reload()');
    assert.notEqual(fingerprintFindings('src/a.ts', renamed, [at(renamed, 'fetch(url)', 0)])[0], base);
  });

  it('a point location (parse error) stands for its line; unparsable text still gets fingerprints', () => {
    const broken = 'const a = 1;\nconst = ;\n';
    const prints = fingerprintFindings('src/c.ts', broken, [finding('opslint/parse-error', 2, 7, 2, 7)]);
    const moved = fingerprintFindings('src/c.ts', `\n${broken}`, [finding('opslint/parse-error', 3, 7, 3, 7)]);
    assert.deepEqual(moved, prints);
  });
});
