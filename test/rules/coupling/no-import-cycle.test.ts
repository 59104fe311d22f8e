import * as assert from 'node:assert/strict';
import { createRegistry, presetRules } from '../../../rules/core/registry';
import { projectRule } from '../../../rules/coupling/no-import-cycle';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

const importB = "import { b } from './b';"; // 24 characters

runProjectRuleTests(projectRule, {
  valid: [
    { name: 'a chain without a way back', files: { 'a.ts': "import { b } from './b';\nexport const a = b;", 'b.ts': "import { c } from './c';\nexport const b = c;", 'c.ts': 'export const c = 1;' } },
    { name: 'a cycle through import type', files: { 'a.ts': "import type { B } from './b';\nexport const a = 1; export type A = B;", 'b.ts': "import { a } from './a';\nexport const b = a; export interface B { x: 1 }" } },
    { name: 'a cycle through export type ... from', files: { 'a.ts': "export type { B } from './b';\nexport const a = 1;", 'b.ts': "import { a } from './a';\nexport const b = a; export interface B { x: 1 }" } },
    { name: 'a cycle through specifiers that are all type', files: { 'a.ts': "import { type B, type C } from './b';\nexport const a: B | C = 1;", 'b.ts': "import { a } from './a';\nexport const b = a; export type B = 1; export type C = 2;" } },
    { name: 'a cycle through an import TypeScript elides (bindings used as types only)', files: { 'a.ts': "import { B } from './b';\nexport function a(x: B): number { return 1; }", 'b.ts': "import { a } from './a';\nexport const b = a(0); export interface B { x: 1 }" } },
    { name: 'a cycle through dynamic import()', files: { 'a.ts': "export async function a() { return (await import('./b')).b; }", 'b.ts': "import { a } from './a';\nexport const b = a;" } },
    { name: 'a cycle through import x = require() used only as a type', files: { 'a.ts': "import B = require('./b');\nexport const a: B.T = 1;", 'b.ts': "import { a } from './a';\nexport const b = a; export type T = number;" } },
    { name: 'a typeof in a type position is not a value use', files: { 'a.ts': "import { b } from './b';\nexport type A = typeof b;\nexport const a = 1;", 'b.ts': "import { a } from './a';\nexport const b = a;" } },
    { name: 'two modules importing a third (a diamond)', files: { 'a.ts': "import { c } from './c';\nexport const a = c;", 'b.ts': "import { c } from './c';\nimport { a } from './a';\nexport const b = c + a;", 'c.ts': 'export const c = 1;' } },
    { name: 'the same file name in another folder is another module', files: { 'a/util.ts': "import { x } from '../b/util';\nexport const a = x;", 'b/util.ts': "import { h } from './helper';\nexport const x = h;", 'b/helper.ts': 'export const h = 1;' } },
    { name: 'an external package with the same name as a file', files: { 'lodash.ts': "import { chunk } from 'lodash';\nexport const c = chunk;" } },
    { name: 'a cycle closed by a lazy require() inside a function', files: { 'a.js': "const b = require('./b');\nmodule.exports.a = () => b.b;", 'b.js': "function f() { return require('./a').a; }\nmodule.exports.b = 1;\nmodule.exports.f = f;" } },
    { name: 'a lazy require() in a method, cached in a module variable (mongoose style)', files: { 'document.js': "const utils = require('./utils');\nmodule.exports = class Document { get(p) { return utils.get(this, p); } };", 'utils.js': "let Document;\nexports.isDoc = function (v) { Document || (Document = require('./document')); return v instanceof Document; };\nexports.get = (d, p) => d[p];" } },
    { name: 'a 2-cycle whose imports are read only inside functions is design debt, not reported by default', files: { 'a.ts': "import { b } from './b';\nexport const a = () => b;", 'b.ts': "import { a } from './a';\nexport const b = () => a;" } },
    { name: 'CommonJS modules kept as objects (exports.x style) and read inside functions', files: { 'a.js': "const b = require('./b');\nexports.a = () => b.b();", 'b.js': "const a = require('./a');\nexports.b = () => a.a();" } },
    { name: 'entity relations written as () => Entity (TypeORM style) are read when called', files: {
      'article.ts': "import { Entity, ManyToOne } from 'typeorm';\nimport { User } from './user';\n@Entity()\nexport class Article { @ManyToOne(() => User, (u) => u.articles) author: User; }",
      'user.ts': "import { Entity, OneToMany } from 'typeorm';\nimport { Article } from './article';\n@Entity()\nexport class User { @OneToMany(() => Article, (a) => a.author) articles: Article[]; }",
    } },
    { name: 'handing on a live binding (export { x }) is not a read of it', files: { 'a.ts': "import { b } from './b';\nexport { b };\nexport const a = () => 1;", 'b.ts': "import { a } from './a';\nexport const b = () => a();" } },
    { name: 'an instance field initialiser runs at new, not while the module loads', files: { 'a.ts': "import { B } from './b';\nexport class A { b = new B(); }", 'b.ts': "import { A } from './a';\nexport class B { make() { return new A(); } }" } },
    { name: 'a route handler passed to a top-level call reads its import when a request comes', files: { 'a.js': "const b = require('./b');\nconst app = require('express')();\napp.get('/', (req, res) => res.send(b.render()));\nexports.app = app;", 'b.js': "const a = require('./a');\nexports.render = () => String(a.app);" } },
    { name: 'a module that only this import loads is complete when it is read (the cycle is entered elsewhere)', files: {
      'main.js': "const { a } = require('./a');\nconsole.log(a);",
      'a.js': "const { b } = require('./b');\nmodule.exports.a = b;",
      'b.js': "const a = require('./a');\nmodule.exports.b = () => a.a;",
    } },
    { name: 'a module that sets module.exports before the require() leading back into its cycle: reads of it during the cycle see its exports complete', files: {
      'entry.js': "require('./helper');\nrequire('./server');",
      'server.js': "class Server { static make() { return new Server(); } }\nmodule.exports = { Server };\n// last, so that the modules of the cycle find the exports set\nconst helper = require('./helper');\nServer.prototype.help = () => helper.help();",
      'helper.js': "const { Server } = require('./server');\nexports.help = () => Server.make();",
    } },
    { name: 'a 3-cycle through a module that sets module.exports first: the module read during the cycle is complete', files: {
      'entry.js': "require('./worker');\nrequire('./helper');\nrequire('./server');",
      'server.js': "class Server {}\nmodule.exports = { Server };\nconst worker = require('./worker');\nServer.work = () => worker.run();",
      'worker.js': "const helper = require('./helper');\nexports.run = () => helper.help();",
      'helper.js': "const { Server } = require('./server');\nexports.help = () => new Server();",
    } },
    { name: 'a JavaScript import whose binding is unused is not elided, but has no cycle', files: { 'a.js': "import { b } from './b.js';\nexport const a = 1;", 'b.js': 'export const b = 2;' } },
  ],
  invalid: [
    {
      name: 'a 2-cycle with a load-time read, reported where the binding is read',
      files: { 'a.ts': `${importB}\nexport const a = b + 1;`, 'b.ts': "import { a } from './a';\nexport const b = () => a;" },
      errors: [{ file: 'a.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'Import cycle: a.ts → b.ts → a.ts. This module reads `b` from b.ts while it loads (line 2).', related: ['a.ts:1', 'b.ts:1'] }],
    },
    {
      name: 'a 3-cycle is reported at its load-time read only',
      files: { 'a.ts': `${importB}\nexport const a = () => b;`, 'b.ts': "import { c } from './c';\nexport const b = c;", 'c.ts': "\n\nimport { a } from './a';\nexport const c = () => a;" },
      errors: [{ file: 'b.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'b.ts → c.ts → a.ts → b.ts', related: ['b.ts:1', 'c.ts:3', 'a.ts:1'] }],
    },
    {
      name: 'a class that extends a class of its cycle',
      files: { 'base.ts': "import { Child } from './child';\nexport class Base { static make() { return new Child(); } }", 'child.ts': "import { Base } from './base';\nexport class Child extends Base {}" },
      errors: [{ file: 'child.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 31, message: 'reads `Base` from base.ts while it loads (line 2)' }],
    },
    {
      name: 'a decorator argument is evaluated at load; one wrapped in forwardRef(() => X) is not',
      files: {
        'a.module.ts': "import { Module } from '@nestjs/common';\nimport { BModule } from './b.module';\n@Module({ imports: [BModule] })\nexport class AModule {}",
        'b.module.ts': "import { Module, forwardRef } from '@nestjs/common';\nimport { AModule } from './a.module';\n@Module({ imports: [forwardRef(() => AModule)] })\nexport class BModule {}",
      },
      errors: [{ file: 'a.module.ts', messageId: 'loadTimeRead', line: 2, column: 1, endLine: 2, endColumn: 38, message: 'reads `BModule` from b.module.ts while it loads (line 3)' }],
    },
    {
      // p.js's read of s.js is safe: only p.js loads s.js, and the cycle is entered at m.js or p.js.
      name: 'require()s of a 3-cycle: each line that can see a half-loaded module is a finding, with the shortest cycle through it',
      files: {
        'entry.js': "require('./m');\nrequire('./p');",
        'm.js': "const { P } = require('./p');\nclass M { p() { return new P(); } }\nmodule.exports = M;",
        'p.js': "const { S } = require('./s');\nclass P { s() { return S; } }\nmodule.exports = { P };",
        's.js': "class S {}\nmodule.exports = { S };\nconst M = require('./m');\nS.make = () => new M();",
      },
      errors: [
        { file: 'm.js', messageId: 'loadTimeRead', line: 1, column: 15, endLine: 1, endColumn: 29, message: 'm.js → p.js → s.js → m.js. This module reads `P` from p.js while it loads (line 1)', related: ['m.js:1', 'p.js:1', 's.js:3'] },
        { file: 's.js', messageId: 'staleExports', line: 3, column: 11, endLine: 3, endColumn: 25, message: 'This require() keeps the object m.js exports at this moment, and m.js later replaces it' },
      ],
    },
    {
      name: 'module.exports set first, but an earlier require() also leads back into the cycle',
      files: {
        'entry.js': "require('./helper');\nrequire('./server');",
        'server.js': "const { other } = require('./other');\nclass Server {}\nmodule.exports = { Server };\nconst helper = require('./helper');",
        'other.js': "const helper = require('./helper');\nexports.other = () => helper;",
        'helper.js': "const { Server } = require('./server');\nexports.help = () => Server;",
      },
      errors: [{ file: 'helper.js', messageId: 'loadTimeRead', line: 1, column: 20, endLine: 1, endColumn: 39, message: 'reads `Server` from server.js while it loads (line 1)' }],
    },
    {
      name: 'module.exports set first, but the require() after it is in a function the top level calls before',
      files: {
        'entry.js': "require('./helper');\nrequire('./server');",
        'server.js': "class Server {}\ninit();\nmodule.exports = { Server };\nfunction init() { return require('./helper'); }",
        'helper.js': "const { Server } = require('./server');\nexports.help = () => Server;",
      },
      errors: [{ file: 'helper.js', messageId: 'loadTimeRead', line: 1, column: 20, endLine: 1, endColumn: 39, message: 'reads `Server` from server.js while it loads (line 1)' }],
    },
    {
      name: 'module.exports set first, but written again after the require() (it may not be complete then)',
      files: {
        'entry.js': "require('./helper');\nrequire('./server');",
        'server.js': "class Server {}\nmodule.exports = { Server };\nconst helper = require('./helper');\nmodule.exports.help = () => helper.help();",
        'helper.js': "const { Server } = require('./server');\nexports.help = () => Server;",
      },
      errors: [{ file: 'helper.js', messageId: 'loadTimeRead', line: 1, column: 20, endLine: 1, endColumn: 39, message: 'reads `Server` from server.js while it loads (line 1)' }],
    },
    {
      name: 'require()s kept as objects of modules that replace module.exports go stale',
      files: { 'a.js': "const B = require('./b');\nclass A { b() { return new B(); } }\nmodule.exports = A;", 'b.js': "const A = require('./a');\nclass B { a() { return new A(); } }\nmodule.exports = B;" },
      errors: [
        { file: 'a.js', messageId: 'staleExports', line: 1, column: 11, endLine: 1, endColumn: 25, message: 'a.js → b.js → a.js' },
        { file: 'b.js', messageId: 'staleExports', line: 1, column: 11, endLine: 1, endColumn: 25, message: 'b.js → a.js → b.js' },
      ],
    },
    {
      name: 'a self-import read at load',
      files: { 'self.ts': "import * as me from './self';\nexport const x = 1;\nexport const y = me.x;" },
      errors: [{ file: 'self.ts', messageId: 'selfRead', line: 1, column: 1, endLine: 1, endColumn: 30, message: 'self.ts → self.ts. This module imports itself and reads `me` from itself while it loads (line 3)', related: ['self.ts:1'] }],
    },
    {
      name: '.js specifiers of ESM TypeScript resolve to the .ts files',
      files: { 'a.ts': "import { b } from './b.js';\nexport const a = b;", 'b.ts': "import { a } from './a.js';\nexport const b = () => a;" },
      errors: [{ file: 'a.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 28, message: 'a.ts → b.ts → a.ts' }],
    },
    {
      name: 'a cycle through a folder index and export * from (the re-export itself reads nothing)',
      files: { 'a.ts': "import { b } from './lib';\nexport const a = b;", 'lib/index.ts': "export * from './b';", 'lib/b.ts': "import { a } from '../a';\nexport const b = () => a;" },
      errors: [{ file: 'a.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 27, message: 'a.ts → lib/index.ts → lib/b.ts → a.ts' }],
    },
    {
      name: 'a side-effect import closes a cycle in which the other module reads at load',
      files: { 'a.ts': "import './b';\nexport const a = 1;", 'b.ts': "import { a } from './a';\nconsole.log(a);" },
      errors: [{ file: 'b.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'b.ts → a.ts → b.ts' }],
    },
    {
      name: 'an import line on two cycles is one finding, with both cycles as related locations',
      files: {
        'a.ts': `${importB}\nexport const a = b;`,
        'b.ts': "import { a } from './a';\nimport { c } from './c';\nexport const b = () => a + c;",
        'c.ts': "import { a } from './a';\nexport const c = () => a;",
      },
      errors: [{ file: 'a.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'The import is on 2 cycles (see the related locations).', related: ['a.ts:1', 'b.ts:1', 'a.ts:1', 'b.ts:2', 'c.ts:1'] }],
    },
    {
      name: 'a require() in a top-level IIFE runs at load',
      files: { 'a.js': "const { b } = require('./b');\nmodule.exports.a = 1;", 'b.js': "(function () {\n  const { a } = require('./a');\n  module.exports.b = a;\n})();" },
      errors: [
        { file: 'a.js', messageId: 'loadTimeRead', line: 1, column: 15, endLine: 1, endColumn: 29, message: 'a.js → b.js → a.js' },
        { file: 'b.js', messageId: 'loadTimeRead', line: 2, column: 17, endLine: 2, endColumn: 31, message: 'b.js → a.js → b.js' },
      ],
    },
    {
      name: 'a require() in a function the top level calls runs at load',
      files: { 'a.js': "const { b } = require('./b');\nmodule.exports.a = 1;", 'b.js': "function load() { return require('./a'); }\nload();\nmodule.exports.b = 2;" },
      errors: [{ file: 'a.js', messageId: 'loadTimeRead', line: 1, column: 15, endLine: 1, endColumn: 29, message: 'a.js → b.js → a.js' }],
    },
    {
      name: 'an import read in a function the top level calls is read at load',
      files: { 'a.ts': `${importB}\nfunction init() { return b(); }\ninit();\nexport const a = 1;`, 'b.ts': "import { a } from './a';\nexport function b() { return a; }" },
      errors: [{ file: 'a.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'reads `b` from b.ts while it loads (line 2)' }],
    },
    {
      name: 'export default of an imported binding takes its value at load',
      files: { 'a.ts': `${importB}\nexport default b;`, 'b.ts': "import a from './a';\nexport const b = () => a;" },
      errors: [{ file: 'a.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'reads `b` from b.ts while it loads (line 2)' }],
    },
    {
      name: 'reportDeferredCycles reports a cycle read only inside functions, as design debt',
      options: [{ reportDeferredCycles: true }],
      files: { 'a.ts': `${importB}\nexport const a = () => b;`, 'b.ts': "import { a } from './a';\nexport const b = () => a;" },
      errors: [{ file: 'a.ts', messageId: 'deferredCycle', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'a.ts → b.ts → a.ts. Design debt, not a load-order hazard', related: ['a.ts:1', 'b.ts:1'] }],
    },
    {
      name: 'includeLazyRequires reports a cycle closed by a lazy require(), as design debt',
      options: [{ includeLazyRequires: true }],
      files: { 'a.js': "const b = require('./b');\nmodule.exports.a = () => b.b;", 'b.js': "function f() { return require('./a').a; }\nmodule.exports.b = 1;\nmodule.exports.f = f;" },
      errors: [{ file: 'a.js', messageId: 'lazyCycle', line: 1, column: 11, endLine: 1, endColumn: 25, message: 'a.js → b.js → a.js', related: ['a.js:1', 'b.js:1'] }],
    },
    {
      name: 'tsconfig paths with extends',
      files: {
        'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }',
        'tsconfig.json': '// comments are allowed\n{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }',
        'src/a.ts': "import { b } from '@app/b';\nexport const a = b;",
        'src/b.ts': "import { a } from '@app/a';\nexport const b = () => a;",
      },
      errors: [{ file: 'src/a.ts', messageId: 'loadTimeRead', line: 1, column: 1, endLine: 1, endColumn: 28, message: 'src/a.ts → src/b.ts → src/a.ts' }],
    },
  ],
});

describe('coupling/no-import-cycle in the presets', () => {
  it('opslint:all turns on reportDeferredCycles; opslint:recommended keeps the defaults', () => {
    const registry = createRegistry([projectRule]);
    assert.deepEqual(presetRules(registry, 'opslint:all').get('coupling/no-import-cycle'), ['warn', { reportDeferredCycles: true }]);
    assert.equal(presetRules(registry, 'opslint:recommended').get('coupling/no-import-cycle'), 'warn');
  });
});
