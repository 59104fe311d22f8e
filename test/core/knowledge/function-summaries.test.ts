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
    assert.deepEqual(exported("import { openDb } from './db';\nexport { openDb };"), { openDb: { delegatesTo: { module: './db', member: 'openDb' } } }, 'an imported binding exported again');
    assert.deepEqual(exported("const db = require('./db');\nmodule.exports = { open: db.openDb, name: 'db' };"), { open: { delegatesTo: { module: './db', member: 'openDb' } } });
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

  describe('what a function returns open (returned-resources)', () => {
    it('knows an opener from the resource table: a pooled client, a stream, a database handle', () => {
      assert.deepEqual(exported("import pg from 'pg';\nconst pool = new pg.Pool();\nexport async function getClient() {\n  const client = await pool.connect();\n  await client.query('set search_path to app');\n  return client;\n}"), {
        getClient: { async: true, returnsResource: { kind: 'pooled `pg` client' } },
      });
      assert.deepEqual(exported("import fs from 'fs';\nexport const tail = (p) => fs.createReadStream(p, { start: 10 });"), { tail: { returnsResource: { kind: 'read stream' } } });
      assert.deepEqual(exported("import Database from 'better-sqlite3';\nexport function openDb(file) { return new Database(file); }"), { openDb: { returnsResource: { kind: 'SQLite database handle' } } });
      assert.deepEqual(exported("import { Client } from 'pg';\nexport async function connect() {\n  const client = new Client();\n  await client.connect();\n  return client;\n}"), {
        connect: { async: true, returnsResource: { kind: '`pg` client connection' } },
      });
    });

    it('knows a pool kept on this by the class: a method of an exported database singleton', () => {
      const db = "import mysql from 'mysql2/promise';\nclass Database {\n  constructor(cfg) { this.pool = mysql.createPool(cfg); }\n  getConnection() { return this.pool.getConnection(); }\n  async close() { await this.pool.end(); this.pool = null; }\n}\n";
      assert.deepEqual(exported(`${db}module.exports = new Database(config);`), { getConnection: { returnsResource: { kind: 'pooled MySQL connection' } }, close: { async: true } });
      assert.deepEqual(exported(`${db.replace('this.pool = null', 'this.pool = other()')}module.exports = new Database(config);`), { close: { async: true } }, 'a field given two different values is of no known library');
    });

    it('follows a wrapper of an opener of the module, and keeps what a wrapper of a package shows', () => {
      const db = "import { MongoClient } from 'mongodb';\nfunction open(url) { return MongoClient.connect(url); }\n";
      assert.deepEqual(exported(`${db}export function openDb() { return open(process.env.URL); }`), { openDb: { returnsResource: { kind: 'MongoDB client' } } });
      assert.deepEqual(exported("import { MongoClient } from 'mongodb';\nexport const connect = (url) => MongoClient.connect(url);"), {
        connect: { returnsResource: { kind: 'MongoDB client' }, delegatesTo: { module: 'mongodb', member: 'MongoClient.connect' } },
      });
    });

    it('does not take for an opener a function that releases what it opened, or returns something else', () => {
      assert.deepEqual(exported("import pg from 'pg';\nconst pool = new pg.Pool();\nexport async function version() {\n  const client = await pool.connect();\n  try { return client; } finally { client.release(); }\n}"), { version: { async: true } });
      assert.deepEqual(exported("export async function getClient(pool) {\n  return pool.connect();\n}"), { getClient: { async: true } }, 'a pool of no known library');
      assert.deepEqual(exported("import fs from 'fs';\nexport function open(p, cb) { return fs.open(p, 'r', cb); }"), {}, 'the callback form hands the descriptor to the callback');
    });
  });

  describe('what a function does with its parameters (parameter-uses)', () => {
    it('lists the parameters released on every path, or in a finally', () => {
      assert.deepEqual(exported('export function releaseConn(conn) { conn.release(); }'), { releaseConn: { releasesParam: [0] } });
      assert.deepEqual(exported('export const done = (label, client) => client.end();'), { done: { releasesParam: [1] } });
      assert.deepEqual(exported('export async function finish(conn, sql) {\n  try { await conn.query(sql); } finally { await conn.close(); }\n}'), { finish: { async: true, releasesParam: [0] } });
      assert.deepEqual(exported('export function drop(conn) {\n  if (!conn) return;\n  conn.destroy();\n}'), { drop: { releasesParam: [0] } }, 'nothing to release when absent');
      assert.deepEqual(exported('function releaseConn(conn) { conn.release(); }\nexport function done(c) { releaseConn(c); }'), { done: { releasesParam: [0] } }, 'through a helper of the module');
    });

    it('does not list a parameter released only on some paths', () => {
      assert.deepEqual(exported('export function maybeRelease(conn, ok) { if (ok) conn.release(); }'), {});
      assert.deepEqual(exported('export function put(conn, keep) {\n  if (keep) return;\n  conn.release();\n}'), {});
      assert.deepEqual(exported('export function put(conn) {\n  try { conn.query(); conn.release(); } catch (e) { log(e); }\n}'), {}, 'not in the catch');
    });

    it('lists the error parameters logged as objects', () => {
      assert.deepEqual(exported("import pino from 'pino';\nconst logger = pino();\nexport function reportError(e, ctx) { logger.error({ err: e, ...ctx }, 'request failed'); }"), { reportError: { logsErrorParam: [0] } });
      assert.deepEqual(exported('export function logError(err) { console.error(err); }'), { logError: { logsErrorParam: [0] } });
      assert.deepEqual(exported('export function logError(err) {\n  if (err.expected) logger.warn(err);\n  else logger.error(err);\n}'), { logError: { logsErrorParam: [0] } });
      assert.deepEqual(exported('export function logError(err) { logger.error(err.message); }'), {}, 'its text only');
      assert.deepEqual(exported('export function logError(err) { if (verbose) logger.error(err); }'), {}, 'only sometimes');
    });
  });

  describe('functions that always throw (always-throws)', () => {
    it('marks a function that throws on every path', () => {
      assert.deepEqual(exported("export function fail(err) { throw new Error('failed', { cause: err }); }"), { fail: { rethrows: true } });
      assert.deepEqual(exported("export function check(res) {\n  if (res.status >= 500) throw new Error('server');\n  else throw new Error('client');\n}"), { check: { rethrows: true } });
      assert.deepEqual(exported("function fail(e) { throw e; }\nexport const badRequest = (e) => fail(e);"), { badRequest: { rethrows: true } });
    });

    it('does not mark one that throws only sometimes, or an async one (it rejects instead)', () => {
      assert.deepEqual(exported('export function check(res) { if (!res.ok) throw new Error(res.status); }'), {});
      assert.deepEqual(exported('export async function fail(e) { throw e; }'), { fail: { async: true } });
    });
  });
});
