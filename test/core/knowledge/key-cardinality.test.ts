import * as assert from 'node:assert/strict';
import { readKey, nameWords } from '../../../rules/core/knowledge/key-cardinality';
import { probeCalls } from './probe';

/** The reading of the first argument of every `store.set(…)` in the snippet: `cardinality entity`. */
function keysOf(code: string): string[] {
  return probeCalls(code, (node, resolver) => {
    if (node.type !== 'CallExpression' || code.slice(node.callee.range[0], node.callee.range[1]) !== 'store.set') return undefined;
    const reading = readKey(node.arguments[0], (identifier) => resolver.valueOf(identifier));
    return reading.entity ? `${reading.cardinality} ${reading.entity}` : reading.cardinality;
  }).filter((x): x is string => x !== undefined);
}

describe('knowledge/key-cardinality', () => {
  it('splits names into words', () => {
    assert.deepEqual(nameWords('createdById'), ['created', 'by', 'id']);
    assert.deepEqual(nameWords('guild_snowflake'), ['guild', 'snowflake']);
    assert.deepEqual(nameWords('userID'), ['user', 'id']);
  });

  it('reads per-user, per-channel and per-ticket keys as unbounded, by what the id identifies', () => {
    assert.deepEqual(keysOf('store.set(`rl:${interaction.user.id}`, 1);'), ['unbounded user']);
    assert.deepEqual(keysOf('store.set(`offline/${message.channel.id}`, 1);'), ['unbounded channel']);
    assert.deepEqual(keysOf('store.set(`cache/ticket:${ticketId}`, 1);'), ['unbounded ticket']);
    assert.deepEqual(keysOf('store.set(`cd:${category.id}-${ticket.createdById}`, 1);'), ['unbounded user']);
    assert.deepEqual(keysOf('store.set(req.ip, 1);'), ['unbounded IP address']);
    assert.deepEqual(keysOf('store.set(req.body.email, 1);'), ['unbounded email']);
    assert.deepEqual(keysOf('store.set("sess:" + session.id, 1);'), ['unbounded session']);
    assert.deepEqual(keysOf('store.set(user.username, 1);'), ['unbounded user']);
  });

  it('follows locals to the one value they hold, and the parts of joins and JSON', () => {
    assert.deepEqual(keysOf('const key = `offline/${message.channel.id}`;\nstore.set(key, 1);'), ['unbounded channel']);
    assert.deepEqual(keysOf('function f({ userId, open }) {\n  const guildId = interaction.guild.id;\n  const key = [guildId, userId, open].join("/");\n  store.set(key, 1);\n}'), ['unbounded user']);
    assert.deepEqual(keysOf('store.set(JSON.stringify({ g: guild.id, u: member.id }), 1);'), ['unbounded user']);
  });

  it('reads URLs, paths and queries as unbounded only when they come from the incoming request', () => {
    assert.deepEqual(keysOf('store.set(req.originalUrl, 1);\nstore.set(`q:${req.query.search}`, 1);'), ['unbounded URL', 'unbounded search']);
    assert.deepEqual(keysOf('store.set(config.baseUrl, 1);\nstore.set(smtp.address, 1);'), ['unknown', 'unknown']);
  });

  it('reads a value new on every call as unbounded', () => {
    assert.deepEqual(keysOf('store.set(`job:${Date.now()}`, 1);'), ['unbounded call']);
    assert.deepEqual(keysOf('store.set(crypto.randomUUID(), 1);'), ['unbounded call']);
  });

  it('reads per-guild, per-category and configuration keys as bounded', () => {
    assert.deepEqual(keysOf('store.set(`cache/guild-staff:${guild.id}`, 1);'), ['bounded']);
    assert.deepEqual(keysOf('store.set(`cache/category-stats/${categoryId}`, 1);'), ['bounded']);
    assert.deepEqual(keysOf('const id = req.params.guild;\nstore.set(`stats:${id}`, 1);'), ['bounded']);
    assert.deepEqual(keysOf('store.set(`${tenant.id}:${locale}`, 1);'), ['bounded']);
  });

  it('reads literals and CONSTANT_CASE names as constant, and names that say nothing as unknown', () => {
    assert.deepEqual(keysOf('store.set("cache/presence", 1);\nstore.set(PRESENCE_KEY, 1);'), ['constant', 'constant']);
    assert.deepEqual(keysOf('store.set(id, 1);\nstore.set(req.params.id, 1);\nstore.set(`${guild.id}:${value}`, 1);'), ['unknown', 'unknown', 'unknown']);
  });
});
