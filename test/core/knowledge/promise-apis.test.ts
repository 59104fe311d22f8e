import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { promiseApiOf } from '../../../rules/core/knowledge/promise-apis';
import { ProvenanceResolver } from '../../../rules/core/knowledge/provenance';
import { moduleBindings } from '../../../rules/utils/imports';
import { parsed } from './parse-for-test';

/** What promiseApiOf says of the call whose callee text is `callee`. */
function apiOf(code: string, callee: string) {
  const { sourceCode, nodes } = parsed(code);
  const call = nodes.find((n): n is TSESTree.CallExpression => n.type === 'CallExpression' && sourceCode.getText(n.callee) === callee);
  assert.ok(call, `no call to ${callee}`);
  const provenance = new ProvenanceResolver(sourceCode.ast, sourceCode);
  return promiseApiOf(call, moduleBindings(sourceCode.ast), (e) => provenance.of(e));
}

describe('knowledge/promise-apis', () => {
  it('knows the platform promise APIs and promise-only HTTP clients', () => {
    assert.deepEqual(apiOf('fetch(u);', 'fetch'), { kind: 'api' });
    assert.deepEqual(apiOf("import { writeFile } from 'node:fs/promises';\nwriteFile(p, d);", 'writeFile'), { kind: 'api' });
    assert.deepEqual(apiOf("import axios from 'axios';\naxios.post(u, b);", 'axios.post'), { kind: 'api' });
    const chain = apiOf('load().then(show);', 'load().then');
    assert.equal(chain?.kind === 'chain' && `${chain.method} on ${chain.receiver.type}`, 'then on CallExpression', 'a chain, whose receiver the caller judges');
    assert.equal(apiOf('Promise.allSettled(xs);', 'Promise.allSettled'), undefined, 'never rejects');
  });

  it('knows the client methods that give a promise without a callback, by package', () => {
    assert.deepEqual(apiOf("import { Pool } from 'pg';\nconst pool = new Pool();\npool.query('select 1');", 'pool.query'), { kind: 'client', package: 'pg', method: 'query' });
    assert.deepEqual(apiOf("const Redis = require('ioredis');\nconst r = new Redis();\nr.set('k', 1);", 'r.set'), { kind: 'client', package: 'ioredis', method: 'set' });
    assert.deepEqual(apiOf("import { MongoClient } from 'mongodb';\nconst c = new MongoClient(u).db().collection('x');\nc.insertOne({});", 'c.insertOne'), { kind: 'client', package: 'mongodb', method: 'insertOne' });
  });

  it('leaves out callback style, events, factories and lazy queries', () => {
    assert.equal(apiOf("import { Pool } from 'pg';\nconst pool = new Pool();\npool.query('select 1', (err) => {});", 'pool.query'), undefined);
    assert.equal(apiOf("const Redis = require('ioredis');\nconst r = new Redis();\nr.on('error', f);", 'r.on'), undefined);
    assert.equal(apiOf("import pg from 'pg';\npg.query('x');", 'pg.query'), undefined, 'the package itself, not a client it made');
    assert.equal(apiOf("import { PrismaClient } from '@prisma/client';\nconst p = new PrismaClient();\np.user.create({});", 'p.user.create'), undefined);
  });
});
