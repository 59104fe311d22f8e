/**
 * DocumentParser re-parses only the top-level statements an edit touched. Whatever path it takes,
 * its program must equal a full parse of the new text, node for node, with ranges, locations,
 * comments and sourceType; these are the edits where a naive splice would go wrong.
 */
import * as assert from 'node:assert/strict';
import { DocumentParser } from '../../rules/core/engine/document-parser';
import { parseSource } from '../../rules/core/engine/parse';
import { traverse } from '../../rules/core/engine/traverse';
import { ParseError } from '../../rules/core/errors';
import { astDifference } from '../helpers/ast-difference';

const FILE = '/project/src/service.ts';

const SERVICE = [
  "import { readFile } from 'node:fs/promises';",
  '',
  'const cache = new Map<string, string>();',
  '',
  '// loads one item',
  'export async function load(id: string): Promise<string> {',
  '  const hit = cache.get(id);',
  '  if (hit) return hit;',
  "  const text = await readFile(`/data/${id}.json`, 'utf8');",
  '  cache.set(id, text);',
  '  return text;',
  '}',
  '',
  'export class Store {',
  '  private items: string[] = [];',
  '  add(item: string) { this.items.push(item); }',
  '}',
  '',
  'export const limits = { retries: 3, timeoutMs: 2_000 };',
  '',
].join('\n');

/** Parses `before` then `after` with one DocumentParser, the way the server's lint thread does. */
function reparse(before: string, after: string, filePath = FILE): { program: ReturnType<typeof parseSource>; incremental: boolean } {
  const parser = new DocumentParser();
  const first = parser.parse(before, filePath);
  // The lint walk sets parent links on the program that the next parse reuses.
  traverse(first, () => undefined);
  const program = parser.parse(after, filePath);
  return { program, incremental: parser.counts.incremental === 1 };
}

function assertSameAsFullParse(before: string, after: string, expectIncremental: boolean, filePath = FILE): void {
  const { program, incremental } = reparse(before, after, filePath);
  assert.equal(astDifference(program, parseSource(after, filePath)), undefined);
  assert.equal(incremental, expectIncremental, expectIncremental ? 'expected the incremental path' : 'expected a full parse');
}

const edit = (text: string, find: string, replacement: string): string => {
  assert.ok(text.includes(find), `test text lacks ${find}`);
  return text.replace(find, replacement);
};

describe('core: incremental parse (DocumentParser)', () => {
  it('re-parses a keystroke inside a function and moves the statements after it', () => {
    assertSameAsFullParse(SERVICE, edit(SERVICE, 'cache.get(id)', 'cache.get(id )'), true);
  });

  it('moves lines when an edit adds and removes line breaks', () => {
    assertSameAsFullParse(SERVICE, edit(SERVICE, '  if (hit) return hit;\n', '  if (hit) {\n    return hit;\n  }\n'), true);
    assertSameAsFullParse(SERVICE, edit(SERVICE, '  if (hit) return hit;\n', ''), true);
  });

  it('keeps columns right on the edited line after the edited statement', () => {
    const oneLine = 'let a = 1; let b = 2; let c = 3;\n';
    assertSameAsFullParse(oneLine, 'let a = 100; let b = 2; let c = 3;\n', true);
  });

  it('handles CRLF files, edits that split a CRLF pair, and U+2028 line separators', () => {
    const crlf = SERVICE.replace(/\n/g, '\r\n');
    assertSameAsFullParse(crlf, edit(crlf, 'cache.set(id, text);', 'cache.set(id, text);\r\n  cache.set(id, text);'), true);
    // Typing a line break between \r and \n.
    const at = crlf.indexOf('\r\n', crlf.indexOf('cache.get')) + 1;
    assertSameAsFullParse(crlf, `${crlf.slice(0, at)}\r\n${crlf.slice(at)}`, true);
    const separators = 'const a = "x";\u2028const b = 1;\u2029const c = 2;\n';
    assertSameAsFullParse(separators, separators.replace('const b = 1', 'const b = 12'), true);
  });

  it('handles an edit in a comment or blank space between statements, at the top and at the end', () => {
    assertSameAsFullParse(SERVICE, edit(SERVICE, '// loads one item', '// loads one item from disk'), true);
    assertSameAsFullParse(SERVICE, `// header\n${SERVICE}`, true);
    assertSameAsFullParse(SERVICE, `${SERVICE}export const extra = 1;\n`, true);
    assertSameAsFullParse(SERVICE, edit(SERVICE, '\n\nexport class Store', '\n\nfunction added() {}\nexport class Store'), true);
  });

  it('deletes whole statements', () => {
    assertSameAsFullParse(SERVICE, edit(SERVICE, 'const cache = new Map<string, string>();\n', ''), true);
  });

  it('parses the whole text when a statement now runs on into the next (ASI)', () => {
    const text = 'const a = b\nfoo();\nconst c = 1;\n';
    // `(x)` at the start of the second line continues the first statement as a call.
    const { program } = reparse(text, 'const a = b\n(x)\nfoo();\nconst c = 1;\n');
    assert.equal(astDifference(program, parseSource('const a = b\n(x)\nfoo();\nconst c = 1;\n', FILE)), undefined);
  });

  it('parses the whole text when the edit makes the file a module or a script', () => {
    const script = 'const a = 1;\nconst b = 2;\nconst c = 3;\n';
    assertSameAsFullParse(script, script.replace('const b = 2;', 'export const b = 2;'), false);
    assertSameAsFullParse(SERVICE, SERVICE.replace(/export /g, '').replace("import { readFile } from 'node:fs/promises';", 'const readFile = require("fs").readFile;'), false);
  });

  it('parses the whole text when the region holds an `await` and would parse as a script alone', () => {
    // Alone the region is a script, where a top-level `await` parses differently than in a module.
    const module = 'import x from "x";\nconst a = 1;\nconst b = 2;\nconst c = 3;\n';
    assertSameAsFullParse(module, module.replace('const b = 2;', 'const b = await x;'), false);
  });

  it('parses the whole text of a file with a directive prologue', () => {
    const strict = "'use strict';\nconst a = 1;\nconst b = 2;\n";
    assertSameAsFullParse(strict, strict.replace('const b = 2', 'const b = 3'), false);
    const becomesDirective = "const a = 1;\n'x';\nconst b = 2;\n";
    assertSameAsFullParse(becomesDirective, becomesDirective.replace('const a = 1;\n', ''), false);
  });

  it('throws the full parse error for a syntax error, then parses the next good text', () => {
    const parser = new DocumentParser();
    parser.parse(SERVICE, FILE);
    const broken = edit(SERVICE, 'cache.get(id)', 'cache.get(id');
    assert.throws(() => parser.parse(broken, FILE), (error: unknown) => error instanceof ParseError && error.line === 7);
    const fixed = edit(SERVICE, 'cache.get(id)', 'cache.get(id, 1)');
    assert.equal(astDifference(parser.parse(fixed, FILE), parseSource(fixed, FILE)), undefined);
  });

  it('parses the whole text when an opened comment or template swallows the statements after it', () => {
    const opened = edit(SERVICE, 'const cache', '/* const cache');
    assert.throws(() => new DocumentParser().parse(opened, FILE), ParseError);
    const { program } = reparse(`${SERVICE}/* end */\n`, edit(`${SERVICE}/* end */\n`, 'const cache', '/* const cache'));
    assert.equal(astDifference(program, parseSource(edit(`${SERVICE}/* end */\n`, 'const cache', '/* const cache'), FILE)), undefined);
    // One comment from `/* const cache` to the `*/` of `/* end */`: only the import is left.
    assert.equal(program.comments?.length, 1);
    assert.equal(program.body.length, 1);
  });

  it('returns the same program for the same text, and keeps documents apart', () => {
    const parser = new DocumentParser();
    const first = parser.parse(SERVICE, FILE);
    assert.equal(parser.parse(SERVICE, FILE), first);
    const other = parser.parse('export const other = 1;\n', '/project/src/other.ts');
    assert.equal(other.body.length, 1);
    const next = edit(SERVICE, 'retries: 3', 'retries: 4');
    assert.equal(astDifference(parser.parse(next, FILE), parseSource(next, FILE)), undefined);
    assert.deepEqual(parser.counts, { incremental: 2, whole: 2 });
  });

  it('parses JSX regions in a .tsx file', () => {
    const tsx = 'const a = <div>{1}</div>;\nconst b = <span title="x">text</span>;\nconst c = 1;\n';
    assertSameAsFullParse(tsx, tsx.replace('text</span>', 'more text</span>'), true, '/project/src/view.tsx');
  });

  it('keeps no program whose text is over its memory budget, and parses such a file whole', () => {
    const parser = new DocumentParser({ textLength: SERVICE.length - 1 });
    parser.parse(SERVICE, FILE);
    const next = edit(SERVICE, 'retries: 3', 'retries: 4');
    assert.equal(astDifference(parser.parse(next, FILE), parseSource(next, FILE)), undefined);
    assert.deepEqual(parser.counts, { incremental: 0, whole: 2 });
    // Within the budget the same edit is incremental.
    const within = new DocumentParser({ textLength: SERVICE.length });
    within.parse(SERVICE, FILE);
    within.parse(next, FILE);
    assert.deepEqual(within.counts, { incremental: 1, whole: 1 });
  });
});
