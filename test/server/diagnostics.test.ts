import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fullChange, makeWorkspace } from './fixture';
import { LspSession } from './lsp-session';

describe('server: diagnostics of open documents', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let session: LspSession;

  // One server for the file: every test opens its own document.
  before(async () => {
    workspace = makeWorkspace({});
    session = await LspSession.start({ root: workspace.dir, settings: { lint: { workspace: false } } });
  });

  after(async () => {
    await session.stop();
    workspace.cleanup();
  });

  it('publishes findings of an opened file with rule id, docs, severity and UTF-16 ranges', async () => {
    const text = "const face = '😀'; var x = 1;\ntodo();\n";
    const uri = await session.open(path.join(workspace.dir, 'a.ts'), text);
    const published = await session.publishFor(uri);
    assert.equal(published.version, 1);
    const [noVar, todo] = published.diagnostics;
    // '😀' is two UTF-16 code units: the LSP column is the JavaScript string index.
    const column = text.indexOf('var');
    assert.deepEqual(noVar.range, { start: { line: 0, character: column }, end: { line: 0, character: column + 'var x = 1;'.length } });
    assert.equal(noVar.source, 'opslint');
    assert.equal(noVar.code, 'test/no-var');
    assert.equal(noVar.codeDescription?.href, 'https://example.invalid/opslint-test-rules/no-var');
    assert.equal(noVar.severity, 1);
    assert.equal(noVar.message, 'Use let instead of var.');
    assert.equal(todo.code, 'test/no-todo-call');
    assert.equal(todo.severity, 2);
    assert.deepEqual(todo.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    assert.equal(published.diagnostics.length, 2);
  });

  it('places findings after a U+2028 on the LSP line, which does not break there (ESTree does)', async () => {
    const uri = await session.open(path.join(workspace.dir, 'separator.ts'), 'const a = "x";\u2028var b = 1;\n');
    const [noVar, ...rest] = (await session.publishFor(uri)).diagnostics;
    assert.equal(noVar.code, 'test/no-var');
    assert.deepEqual(noVar.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 25 } });
    assert.deepEqual(rest, []);
  });

  it('publishes an empty list for a clean file, so stale squiggles clear', async () => {
    const uri = await session.open(path.join(workspace.dir, 'clean.ts'), 'export const ok = 1;\n');
    assert.deepEqual((await session.publishFor(uri)).diagnostics, []);
  });

  it('follows incremental edits and publishes for the edited version', async () => {
    const uri = await session.open(path.join(workspace.dir, 'edits.ts'), 'var x = 1;\ntodo();\n');
    await session.publishFor(uri, (p) => p.version === 1);
    const version = await session.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: '' }]);
    const published = await session.publishFor(uri, (p) => p.version === version);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['test/no-var']);
    const fixed = await session.change(uri, fullChange('let x = 1;\n'));
    assert.deepEqual((await session.publishFor(uri, (p) => p.version === fixed)).diagnostics, []);
  });

  it('reports a parse error at the parser position and keeps serving the file', async () => {
    const uri = await session.open(path.join(workspace.dir, 'broken.ts'), 'const = ;\n');
    const [parseError] = (await session.publishFor(uri)).diagnostics;
    assert.equal(parseError.code, 'opslint/parse-error');
    assert.equal(parseError.range.start.line, 0);
    const version = await session.change(uri, fullChange('var ok = 1;\n'));
    assert.deepEqual((await session.publishFor(uri, (p) => p.version === version)).diagnostics.map((d) => d.code), ['test/no-var']);
  });

  it('turns a throwing rule into one finding and keeps the other rules\' findings', async () => {
    const uri = await session.open(path.join(workspace.dir, 'explode.ts'), 'var explode = 1;\n');
    const diagnostics = (await session.publishFor(uri)).diagnostics;
    assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['test/no-var', 'test/throws']);
    assert.match(String(diagnostics.find((d) => d.code === 'test/throws')!.message), /^Internal error in rule test\/throws: test rule exploded on purpose/);
  });
});
