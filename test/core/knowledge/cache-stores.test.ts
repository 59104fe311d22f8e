import * as assert from 'node:assert/strict';
import { entriesStay, inMemoryStoreOf } from '../../../rules/core/knowledge/cache-stores';
import { extractFacts } from '../../../rules/core/project/module-facts';
import { parseSource } from '../../../rules/core/engine/parse';
import { probeCalls } from './probe';

/** The in-memory store each `new` (or `require`) of the snippet makes, as `package bounded expiry ttl`. */
function storesOf(code: string): string[] {
  return probeCalls(code, (node, resolver) => {
    const store = inMemoryStoreOf(resolver.of(node));
    return store ? `${store.package}${store.bounded ? ' bounded' : ''} ${store.expiry}${store.defaultTtl ? ' ttl' : ''}` : undefined;
  }, 'src/file.js').filter((x): x is string => x !== undefined);
}

describe('knowledge/cache-stores', () => {
  it('a Keyv with no store adapter (or a Map store) keeps entries in memory and expires them only on read', () => {
    assert.deepEqual(storesOf("const Keyv = require('keyv');\nconst a = new Keyv();\nconst b = new Keyv({ namespace: 'x', ttl: 1000 });\nconst c = new Keyv({ store: new Map() });"),
      ['keyv on-read', 'keyv on-read ttl', 'keyv on-read']);
    assert.deepEqual(storesOf("import { Keyv } from 'keyv';\nconst a = new Keyv();"), ['keyv on-read']);
  });

  it('a Keyv with a URI, an adapter or another store is not an in-memory store', () => {
    assert.deepEqual(storesOf("const Keyv = require('keyv');\nconst KeyvRedis = require('@keyv/redis');\nconst a = new Keyv('redis://cache:6379');\nconst b = new Keyv({ store: new KeyvRedis(url) });\nconst c = new Keyv(new KeyvRedis(url));\nconst d = new Keyv({ uri: process.env.REDIS_URL });\nconst e = new Keyv({ store: new QuickLRU({ maxSize: 1000 }) });"), []);
  });

  it('node-cache: bounded by maxKeys, swept unless checkperiod is 0', () => {
    assert.deepEqual(storesOf("const NodeCache = require('node-cache');\nconst a = new NodeCache();\nconst b = new NodeCache({ maxKeys: 1000 });\nconst c = new NodeCache({ stdTTL: 60 });\nconst d = new NodeCache({ stdTTL: 60, checkperiod: 0 });"),
      ['node-cache active', 'node-cache bounded active', 'node-cache active ttl', 'node-cache on-read ttl']);
  });

  it('memory-cache: the module itself and `new Cache()`', () => {
    assert.deepEqual(storesOf("const cache = require('memory-cache');\nconst other = new cache.Cache();"), ['memory-cache active', 'memory-cache active']);
  });

  it('entries stay when nothing expires them, or when the TTL is checked only on read', () => {
    const keyv = { package: 'keyv', name: 'Keyv', expiry: 'on-read', bounded: false, defaultTtl: false } as const;
    const nodeCache = { package: 'node-cache', name: 'NodeCache', expiry: 'active', bounded: false, defaultTtl: false } as const;
    assert.equal(entriesStay(keyv, true), true);
    assert.equal(entriesStay(nodeCache, false), true);
    assert.equal(entriesStay(nodeCache, true), false);
    assert.equal(entriesStay({ ...nodeCache, bounded: true }, false), false);
  });

  it('module facts record a Keyv kept on a property, for writes through it in other modules', () => {
    const facts = (code: string) => extractFacts(parseSource(code, 'client.js'), 'client.js', code).inMemoryStores;
    assert.deepEqual(facts("const Keyv = require('keyv');\nclass Bot { async login() { this.keyv = new Keyv(); } }"), [{ property: 'keyv', package: 'keyv' }]);
    assert.deepEqual(facts("import Keyv from 'keyv';\nexport class Bot { cache = new Keyv(); }"), [{ property: 'cache', package: 'keyv' }]);
    assert.equal(facts("const Keyv = require('keyv');\nclass Bot { login() { this.keyv = new Keyv('redis://r:6379'); } }"), undefined);
    assert.equal(facts("class Bot { login() { this.keyv = new Map(); } }"), undefined);
  });
});
