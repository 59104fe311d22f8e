import * as assert from 'node:assert/strict';
import { parseSource } from '../../rules/core/engine/parse';
import { extractFacts, INVOCATION_TIMEOUT, type ModuleFacts } from '../../rules/core/project/module-facts';

function factsOf(text: string, file = 'src/a.ts'): ModuleFacts {
  return extractFacts(parseSource(text, file), file, text);
}
const imports = (text: string, file?: string) => factsOf(text, file).imports.map((i) => `${i.kind} ${i.specifier}${i.typeOnly ? ' type' : ''}${i.elidable ? ' elidable' : ''}`);

describe('extractFacts', () => {
  it('classifies every kind of import', () => {
    assert.deepEqual(imports([
      "import a from './a';", "import './side';", "export * from './all';", "export { x } from './x';",
      "const r = require('./r');", "const d = () => import('./d');", "import e = require('./e');",
      'console.log(a, r, d, e);',
    ].join('\n')), ['import ./a', 'import ./side', 'export ./all', 'export ./x', 'require ./r', 'dynamic ./d', 'import-equals ./e']);
  });

  it('marks type-only imports: import type, export type, all-type specifiers', () => {
    assert.deepEqual(imports("import type { A } from './a';\nexport type { B } from './b';\nimport { type C, type D } from './c';\nexport type * from './e';\nimport { type F, g } from './f';\ng();"),
      ['import ./a type', 'export ./b type', 'import ./c type', 'export ./e type', 'import ./f']);
  });

  it('marks TypeScript imports used only as types as elidable, and only in TypeScript', () => {
    const text = "import { A } from './a';\nimport { B } from './b';\nimport * as ns from './ns';\nimport def from './def';\nlet x: A = new B();\ntype T = typeof def | ns.Q;\nexport { x };";
    assert.deepEqual(imports(text), ['import ./a elidable', 'import ./b', 'import ./ns elidable', 'import ./def elidable']);
    assert.deepEqual(imports("import { A } from './a';\nexport const x = 1;", 'src/a.js'), ['import ./a'], 'JavaScript keeps every import');
  });

  it('counts values in JSX, decorators, re-exports of locals and shorthand properties as uses', () => {
    const text = "import { Button } from './button';\nimport { dec } from './dec';\nimport { c } from './c';\nimport { d } from './d';\nexport { c };\n@dec class K {}\nexport const el = <Button />;\nexport const o = { d };";
    assert.deepEqual(imports(text, 'src/a.tsx'), ['import ./button', 'import ./dec', 'import ./c', 'import ./d']);
  });

  it('does not count property names or object keys as uses of an import', () => {
    assert.deepEqual(imports("import { a } from './a';\nimport { b } from './b';\nexport const x = { a: 1 };\nexport const y = x.a;\nclass C { b = 1; b2() {} }\nexport { C };"), ['import ./a elidable', 'import ./b elidable']);
  });

  it('records which imports are read while the module loads, and where first', () => {
    const reads = (text: string, file = 'src/a.ts') => factsOf(text, file).imports.map((i) => `${i.specifier}${i.loadReads ? ` reads ${i.loadReads.names.join(',')}@${i.loadReads.line}` : ''}${i.capturesExports ? ' captures' : ''}`);
    assert.deepEqual(reads([
      "import { Base } from './base';", "import { dec } from './dec';", "import { K } from './k';", "import { later } from './later';",
      "import { live } from './live';", "import { field } from './field';", "import { D } from './def';", "import { s } from './static';",
      '@dec() export class C extends Base {', '  static x = s;', '  y = field;', '  m() { return later; }', '}',
      'export { live };', 'export const o = { K };', 'export default D;',
    ].join('\n')), ['./base reads Base@9', './dec reads dec@9', './k reads K@15', './later', './live', './field', './def reads D@16', './static reads s@10']);
  });

  it('tells CommonJS requires read at load from those kept and read in functions', () => {
    const reads = (text: string) => factsOf(text, 'src/a.js').imports.map((i) => `${i.specifier}${i.loadReads ? ` reads ${i.loadReads.names.join(',')}@${i.loadReads.line}` : ''}${i.capturesExports ? ' captures' : ''}${i.lazy ? ' lazy' : ''}`);
    assert.deepEqual(reads([
      "const { a, b: c } = require('./destructured');",
      "const x = require('./member').x;",
      "require('./called')(app);",
      "const kept = require('./kept');",
      "const used = require('./used');",
      "module.exports.u = used.value;",
      "app.use(require('./routes'));",
      "require('./side-effect');",
      "app.get('/', () => { const { h } = require('./handler'); return h; });",
      "function later() { return require('./lazy').z; }",
      "[1].forEach(() => { const { e } = require('./each'); });",
    ].join('\n')), [
      './destructured reads a,b@1', './member reads x@2', './called reads module.exports@3', './kept captures', './used reads used@6 captures',
      './routes captures', './side-effect', './handler', './lazy lazy', './each reads e@11',
    ]);
  });

  it('notes a module that replaces its exports object', () => {
    assert.equal(factsOf('class A {}\nmodule.exports = A;', 'src/a.js').replacesExports, true);
    assert.equal(factsOf('exports = module.exports = { a: 1 };', 'src/a.js').replacesExports, true);
    assert.equal(factsOf('class A {}\nexport = A;').replacesExports, true);
    assert.equal(factsOf('module.exports.a = 1;\nexports.b = 2;', 'src/a.js').replacesExports, undefined);
  });

  it('notes where the one top-level module.exports = statement ends, and which require()s run in place', () => {
    const facts = factsOf([
      "const early = require('./early');",
      'class A {}',
      'module.exports = { A };',
      "const late = require('./late');",
      "(function () { require('./iife'); })();",
      'setUp();',
      "function setUp() { require('./called'); }",
      "app.use(() => require('./callback'));",
      "function later() { return require('./lazy'); }",
    ].join('\n'), 'src/a.js');
    assert.deepEqual(facts.exportsSetAt, { line: 3, column: 24 });
    assert.deepEqual(facts.imports.map((i) => `${i.specifier}${i.inPlace ? ' in place' : ''}`), ['./early in place', './late in place', './iife in place', './called', './callback', './lazy']);
  });

  it('gives no exportsSetAt when the exports may be written elsewhere, or the statement may not run', () => {
    const setAt = (text: string) => factsOf(text, 'src/a.js').exportsSetAt;
    assert.equal(setAt('module.exports = { a: 1 };\nmodule.exports.b = 2;'), undefined);
    assert.equal(setAt("module.exports = { a: 1 };\nexports['b'] = 2;"), undefined);
    assert.equal(setAt('module.exports = { a: 1 };\nmodule.exports = { a: 2 };'), undefined);
    assert.equal(setAt('if (ready) module.exports = { a: 1 };'), undefined);
    assert.equal(setAt('function init() { module.exports = { a: 1 }; }\ninit();'), undefined);
    assert.equal(setAt('exports.a = 1;'), undefined);
  });

  it('collects process.env reads with their names and spans', () => {
    const facts = factsOf("const a = process.env.A;\nconst b = process.env['B'];\nconst { C } = process.env;\nconst other = notProcess.env.D;");
    assert.deepEqual(facts.envReads.map((r) => [r.name, r.span.line, r.span.column, r.span.endColumn]), [['A', 1, 11, 24], ['B', 2, 11, 27], ['C', 3, 15, 26]]);
  });

  it('tells writes, a forwarded environment and names taken at run time from reads', () => {
    const facts = factsOf([
      "process.env.TZ = 'UTC';",
      'delete process.env.PROXY;',
      "spawn('x', { env: { ...process.env, A: '1' } });",
      "spawn('y', { env: process.env });",
      'const read = (name) => process.env[name];',
      'const all = (env = process.env) => env;',
    ].join('\n'));
    assert.deepEqual(facts.envReads.map((r) => [r.span.line, r.name, r.use, r.dynamic]), [
      [1, 'TZ', 'write', undefined], [2, 'PROXY', 'write', undefined], [3, undefined, 'forward', undefined],
      [4, undefined, 'forward', undefined], [5, undefined, undefined, true], [6, undefined, undefined, undefined],
    ]);
  });

  it('tells the reads interpreted in place (parsed, defaulted, compared, tested) from values handed on as they are', () => {
    const facts = factsOf([
      'const a = Number(process.env.A || 30);',
      "const b = process.env.B === 'true';",
      'if (process.env.C) start();',
      "const d = process.env.D?.split(',');",
      'const e = new Client(process.env.E);',
      'const f = `${process.env.F}/api`;',
    ].join('\n'));
    assert.deepEqual(facts.envReads.map((r) => [r.name, r.interpreted]), [['A', true], ['B', true], ['C', true], ['D', true], ['E', undefined], ['F', undefined]]);
  });

  it('keeps the upper-case names of a module that reads the environment (a schema, a list of required variables)', () => {
    assert.deepEqual(factsOf("const schema = { PORT: port(), DATABASE_URL: str() };\nconst required = ['SLACK_TOKEN', 'lowercase'];\nexport const env = validate(process.env, schema);").envNames, ['DATABASE_URL', 'PORT', 'SLACK_TOKEN']);
    assert.equal(factsOf("const schema = { PORT: 1 };\nexport const e = 'SLACK_TOKEN';").envNames, undefined);
  });

  it('collects process handlers and whether a signal handler closes something', () => {
    const facts = factsOf([
      "process.on('SIGTERM', () => server.close());",
      "process.once('SIGINT', () => process.exit(0));",
      "process.on('SIGTERM', shutdown);",
      "process.on('unhandledRejection', (e) => log(e));",
      "emitter.on('SIGTERM', () => x.close());",
    ].join('\n'));
    assert.deepEqual(facts.processHandlers.map((h) => `${h.event}:${h.closes}`), ['SIGTERM:true', 'SIGINT:false', 'SIGTERM:true', 'unhandledRejection:false']);
  });

  it('collects server starts and runnable markers', () => {
    assert.deepEqual(factsOf("app.listen(3000);\nch.consume('q', h);\nstream.consume(1);").serverStarts.map((s) => `${s.method}@${s.span.line}`), ['listen@1', 'consume@2']);
    assert.equal(factsOf('#!/usr/bin/env node\nrun();').runnable, true);
    assert.equal(factsOf('if (require.main === module) run();').runnable, true);
    assert.equal(factsOf('run();').runnable, false);
  });

  it('marks server starts in exported functions, and starts in functions that top-level blocks call', () => {
    const started = (text: string, file = 'src/a.js') => factsOf(text, file).serverStarts.map((s) => ({ line: s.span.line, atStartup: s.atStartup, exported: s.inExportedFunction ?? false }));
    assert.deepEqual(started('export default async function run() {\n  app.listen(1);\n}'), [{ line: 2, atStartup: false, exported: true }]);
    assert.deepEqual(started('export function start() { app.listen(1); }\nfunction hidden() { app.listen(2); }'), [{ line: 1, atStartup: false, exported: true }, { line: 2, atStartup: false, exported: false }]);
    assert.deepEqual(started('module.exports.start = function () { app.listen(1); };'), [{ line: 1, atStartup: false, exported: true }]);
    assert.deepEqual(started('const boot = () => app.listen(1);\nmodule.exports = { boot };'), [{ line: 1, atStartup: false, exported: true }]);
    assert.deepEqual(started('async function runApp() { app.listen(1); }\nif (cluster.isPrimary) {\n  void runApp();\n}'), [{ line: 1, atStartup: true, exported: false }]);
  });

  it('a module that exports a serverless handler sets the platform\'s invocation timeout', () => {
    const platform = (text: string, file = 'handler.js') => (factsOf(text, file).clientDefaults ?? []).includes(INVOCATION_TIMEOUT);
    // Handlers written by hand: Lambda's and Azure's parameters, whatever the first is called.
    assert.equal(platform('exports.handler = async (event, context) => ({ statusCode: 200 });'), true);
    assert.equal(platform('export const step = (data, context, callBack) => { callBack(null, {}); };', 'handler.ts'), true);
    assert.equal(platform("module.exports.hello = async (event) => { const { url } = event.queryStringParameters; return open(url); };"), true);
    assert.equal(platform('module.exports = async function (context, req) { context.res = {}; };'), true);
    // Apps served by a serverless adapter, exported by CommonJS or ESM.
    assert.equal(platform("const serverless = require('serverless-http');\nconst app = express();\nmodule.exports = { app, hello: serverless(app) };"), true);
    assert.equal(platform("import serverless from 'serverless-http';\nexport const handler = serverless(app);", 'handler.ts'), true);
    assert.equal(platform("import serverlessExpress from '@vendia/serverless-express';\nexport default serverlessExpress({ app });", 'lambda.mjs'), true);
    assert.equal(platform("const { configure } = require('@codegenie/serverless-express');\nexports.handler = configure({ app });"), true);
    assert.equal(platform("const serverless = require('serverless-http');\nconst handler = serverless(app);\nmodule.exports = { handler };"), true);
    assert.equal(platform("async function run(event, context) { return {}; }\nexport { run as handler };", 'fn.ts'), true);
    // Not handlers: an event listener, a call of a local function, a handler that is not exported.
    assert.equal(platform('module.exports.onClick = (event) => { event.preventDefault(); };'), false);
    assert.equal(platform("const serverless = require('./serverless');\nmodule.exports.handler = serverless(app);"), false);
    assert.equal(platform("const serverless = require('serverless-http');\nconst handler = serverless(app);\nhandler();"), false);
    assert.equal(platform('export function main(params) { return fetch(params.url); }', 'action.ts'), false);
  });

  it('handles deeply nested input without recursion', () => {
    const depth = 5_000;
    const text = `${'['.repeat(depth)}require('./deep')${']'.repeat(depth)};`;
    const program = parseSource(text, 'deep.js');
    assert.deepEqual(extractFacts(program, 'deep.js', text).imports.map((i) => i.specifier), ['./deep']);
  });
});
