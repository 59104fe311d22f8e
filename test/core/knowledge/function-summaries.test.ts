import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { FunctionSummaries } from '../../../rules/core/knowledge/function-summaries';
import { parsed } from './parse-for-test';

function exported(code: string) {
  return new FunctionSummaries(parsed(code).sourceCode.ast).exported();
}

/** The summary of what the call `callee(...)` reaches inside the file, as a rule asks at that call. */
function ofCallTo(code: string, callee: string) {
  const { sourceCode, nodes } = parsed(code);
  const call = nodes.find((n): n is TSESTree.CallExpression => n.type === 'CallExpression' && sourceCode.getText(n.callee) === callee);
  assert.ok(call, `no call to ${callee}`);
  const summaries = new FunctionSummaries(sourceCode.ast);
  const local = summaries.localCallee(call);
  return local ? summaries.of(local) : summaries.importedCallee(call);
}

describe('knowledge/function-summaries', () => {
  it('summarises ES exports by the member path a caller reaches', () => {
    assert.deepEqual(exported('export async function save(x) {}\nexport const load = async () => 1;\nexport function sync() { return 1; }'), {
      save: { async: true }, load: { async: true },
    });
    assert.deepEqual(exported('async function run() {}\nexport default run;'), { '': { async: true } });
    assert.deepEqual(exported('const a = async () => {};\nexport { a as start };'), { start: { async: true } });
  });

  it('summarises CommonJS exports: the module function, properties and object literals', () => {
    assert.deepEqual(exported('module.exports = async function handler() {};'), { '': { async: true } });
    assert.deepEqual(exported('exports.save = async (x) => {};\nmodule.exports.load = function () { return new Promise((r) => r(1)); };'), {
      save: { async: true }, load: { async: true },
    });
    assert.deepEqual(exported('async function save() {}\nfunction count() { return 1; }\nmodule.exports = { save, count, purge: async () => {} };'), {
      save: { async: true }, purge: { async: true },
    });
  });

  it('summarises the methods of an exported singleton and of an exported instance', () => {
    const store = 'class Store {\n  async find(id) {}\n  size() { return 0; }\n}\n';
    assert.deepEqual(exported(`${store}module.exports = new Store();`), { find: { async: true } });
    assert.deepEqual(exported(`${store}export default new Store();`), { find: { async: true } });
    assert.deepEqual(exported(`${store}export const store = new Store();`), { 'store.find': { async: true } });
    assert.deepEqual(exported(`${store}const store = new Store();\nmodule.exports = store;`), { find: { async: true } });
  });

  it('knows a promise from what every return gives', () => {
    assert.deepEqual(exported('export function later(x) { return db.put(x).then(() => x); }'), { later: { async: true } });
    assert.deepEqual(exported('export const all = (xs) => Promise.all(xs);'), { all: { async: true } });
    assert.deepEqual(exported('async function put() {}\nexport function save(x) { if (!x) return put(0); return put(x); }'), { save: { async: true } });
    assert.deepEqual(exported('export function maybe(x) { if (x) return db.put(x).then(f); return null; }'), {}, 'one return is not a promise');
  });

  it('marks an async function that catches everything as unable to reject', () => {
    assert.deepEqual(exported('export async function audit(x) {\n  try { await log.write(x); } catch (e) { console.warn(e); }\n}'), { audit: { async: true, cannotReject: true } });
    assert.deepEqual(exported('export async function audit(x) {\n  try { await log.write(x); } catch (e) { throw new Error("audit", { cause: e }); }\n}'), { audit: { async: true } });
    assert.deepEqual(exported('export async function audit(x) {\n  try { await log.write(x); } finally { done(); }\n}'), { audit: { async: true } }, 'a finally may throw');
    assert.deepEqual(exported("export async function sync(x) {\n  logger.info('syncing');\n  try { await db.put(x); } catch (e) { logger.error(e); }\n}"), { sync: { async: true, cannotReject: true } }, 'log lines before the try');
    assert.deepEqual(exported('export async function sync(x) {\n  await db.clear();\n  try { await db.put(x); } catch (e) { logger.error(e); }\n}'), { sync: { async: true } }, 'work before the try may reject');
  });

  it('records wrappers and barrels as delegations to another module', () => {
    assert.deepEqual(exported("import { put } from './db';\nexport const save = (x) => put(x);"), { save: { delegatesTo: { module: './db', member: 'put' } } });
    assert.deepEqual(exported("const db = require('./db');\nexports.save = function (x) { return db.put(x); };"), { save: { delegatesTo: { module: './db', member: 'put' } } });
    assert.deepEqual(exported("export { save, default as load } from './store';"), {
      save: { delegatesTo: { module: './store', member: 'save' } }, load: { delegatesTo: { module: './store', member: '' } },
    });
    assert.deepEqual(new FunctionSummaries(parsed("export * from './store';\nexport type { X } from './types';").sourceCode.ast).reexportedModules(), ['./store']);
    assert.deepEqual(exported("import { readFile } from 'node:fs/promises';\nexport const read = (p) => readFile(p);"), {}, 'a Node builtin is no module of the project');
  });

  it('resolves calls to the module\'s own functions and methods, and names imported ones', () => {
    assert.deepEqual(ofCallTo('async function save() {}\nfunction handler() { save(); }', 'save'), { async: true });
    assert.deepEqual(ofCallTo('class Orders {\n  async publish() {}\n  create() { this.publish(); }\n}', 'this.publish'), { async: true });
    assert.deepEqual(ofCallTo("import { save } from './store';\nfunction handler() { save(); }", 'save'), { module: './store', member: 'save' });
    assert.deepEqual(ofCallTo("import store from './store';\nfunction handler() { store.orders.save(); }", 'store.orders.save'), { module: './store', member: 'orders.save' });
    assert.deepEqual(ofCallTo("import { save } from './store';\nfunction save2() {}\nfunction handler() { other.save(); }", 'other.save'), undefined);
  });
});
