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
    { name: 'a JavaScript import whose binding is unused is not elided, but has no cycle', files: { 'a.js': "import { b } from './b.js';\nexport const a = 1;", 'b.js': 'export const b = 2;' } },
  ],
  invalid: [
    {
      name: 'a 2-cycle, reported once at the first module\'s import',
      files: { 'a.ts': `${importB}\nexport const a = () => b;`, 'b.ts': "import { a } from './a';\nexport const b = () => a;" },
      errors: [{ file: 'a.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'a.ts → b.ts → a.ts', related: ['a.ts:1', 'b.ts:1'] }],
    },
    {
      name: 'a 3-cycle is reported once, not once per module',
      files: { 'a.ts': `${importB}\nexport const a = b;`, 'b.ts': "import { c } from './c';\nexport const b = c;", 'c.ts': "\n\nimport { a } from './a';\nexport const c = a;" },
      errors: [{ file: 'a.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'a.ts → b.ts → c.ts → a.ts', related: ['a.ts:1', 'b.ts:1', 'c.ts:3'] }],
    },
    {
      name: 'a require() cycle in CommonJS',
      files: { 'a.js': "const { b } = require('./b');\nmodule.exports.a = 1;", 'b.js': "const { a } = require('./a');\nmodule.exports.b = 2;" },
      errors: [{ file: 'a.js', messageId: 'importCycle', line: 1, column: 15, endLine: 1, endColumn: 29, message: 'a.js → b.js → a.js' }],
    },
    {
      name: 'a self-import',
      files: { 'self.ts': "import * as me from './self';\nexport const x = 1;\nexport const y = me.x;" },
      errors: [{ file: 'self.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 30, message: 'self.ts → self.ts', related: ['self.ts:1'] }],
    },
    {
      name: '.js specifiers of ESM TypeScript resolve to the .ts files',
      files: { 'a.ts': "import { b } from './b.js';\nexport const a = b;", 'b.ts': "import { a } from './a.js';\nexport const b = a;" },
      errors: [{ file: 'a.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 28, message: 'a.ts → b.ts → a.ts' }],
    },
    {
      name: 'a cycle through a folder index and export * from',
      files: { 'a.ts': "import { b } from './lib';\nexport const a = b;", 'lib/index.ts': "export * from './b';", 'lib/b.ts': "import { a } from '../a';\nexport const b = a;" },
      errors: [{ file: 'a.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 27, message: 'a.ts → lib/index.ts → lib/b.ts → a.ts' }],
    },
    {
      name: 'a side-effect import is a runtime edge even in TypeScript',
      files: { 'a.ts': "import './b';\nexport const a = 1;", 'b.ts': "import { a } from './a';\nconsole.log(a);" },
      errors: [{ file: 'a.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 14, message: 'a.ts → b.ts → a.ts' }],
    },
    {
      name: 'two cycles sharing a module are two findings',
      files: {
        'a.ts': "import { b } from './b';\nimport { c } from './c';\nexport const a = b + c;",
        'b.ts': "import { a } from './a';\nexport const b = a;",
        'c.ts': "import { a } from './a';\nexport const c = a;",
      },
      errors: [
        { file: 'a.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 25, message: 'a.ts → b.ts → a.ts' },
        { file: 'a.ts', messageId: 'importCycle', line: 2, column: 1, endLine: 2, endColumn: 25, message: 'a.ts → c.ts → a.ts' },
      ],
    },
    {
      name: 'a require() in a top-level IIFE runs at load',
      files: { 'a.js': "const { b } = require('./b');\nmodule.exports.a = 1;", 'b.js': "(function () {\n  const { a } = require('./a');\n  module.exports.b = a;\n})();" },
      errors: [{ file: 'a.js', messageId: 'importCycle', line: 1, column: 15, endLine: 1, endColumn: 29, message: 'a.js → b.js → a.js' }],
    },
    {
      name: 'a require() in a function the top level calls runs at load',
      files: { 'a.js': "const { b } = require('./b');\nmodule.exports.a = 1;", 'b.js': "function load() { return require('./a'); }\nload();\nmodule.exports.b = 2;" },
      errors: [{ file: 'a.js', messageId: 'importCycle', line: 1, column: 15, endLine: 1, endColumn: 29, message: 'a.js → b.js → a.js' }],
    },
    {
      name: 'includeLazyRequires counts a lazy require() as a cycle edge',
      options: [{ includeLazyRequires: true }],
      files: { 'a.js': "const b = require('./b');\nmodule.exports.a = () => b.b;", 'b.js': "function f() { return require('./a').a; }\nmodule.exports.b = 1;\nmodule.exports.f = f;" },
      errors: [{ file: 'a.js', messageId: 'importCycle', line: 1, column: 11, endLine: 1, endColumn: 25, message: 'a.js → b.js → a.js', related: ['a.js:1', 'b.js:1'] }],
    },
    {
      name: 'tsconfig paths with extends',
      files: {
        'tsconfig.base.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"] } } }',
        'tsconfig.json': '// comments are allowed\n{ "extends": "./tsconfig.base.json", "compilerOptions": { "strict": true } }',
        'src/a.ts': "import { b } from '@app/b';\nexport const a = b;",
        'src/b.ts': "import { a } from '@app/a';\nexport const b = a;",
      },
      errors: [{ file: 'src/a.ts', messageId: 'importCycle', line: 1, column: 1, endLine: 1, endColumn: 28, message: 'src/a.ts → src/b.ts → src/a.ts' }],
    },
  ],
});
