/**
 * Which library calls give a promise, without type information: the platform's promise APIs
 * (`fetch`, `fs/promises`, `Promise.all`), `.then()` chains (whose receiver the caller judges), HTTP clients whose calls all give one
 * (axios, got, ky, undici, node-fetch), and the methods of database and cache clients that give one
 * when no callback is passed, keyed by the package the client comes from (provenance.ts): a pg
 * pool's `query`, an ioredis or node-redis command, a MongoDB collection's writes.
 *
 * Prisma's queries are left out on purpose: they are lazy (nothing runs until awaited or `.then`ed),
 * so a dropped one is a write that never happens, not an unhandled rejection.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeMethod, dottedName, unwrapExpression } from '../../utils/ast-names';
import { resolveModuleMember, type ModuleBinding } from '../../utils/imports';
import type { Provenance } from './provenance';

/** Modules whose functions (as used here) return promises. */
const PROMISE_MODULES = new Set(['fs/promises', 'timers/promises', 'dns/promises', 'stream/promises', 'readline/promises', 'axios', 'got', 'ky', 'node-fetch', 'undici']);
/** `Promise.allSettled` never rejects; these do when one of their promises does. */
const PROMISE_COMBINATORS = new Set(['Promise.all', 'Promise.race', 'Promise.any']);

const REDIS_COMMANDS = [
  'get', 'set', 'setex', 'setEx', 'del', 'expire', 'incr', 'incrby', 'incrBy', 'decr', 'hget', 'hGet', 'hset', 'hSet', 'hdel', 'hDel', 'hmset',
  'hincrby', 'hIncrBy', 'lpush', 'lPush', 'rpush', 'rPush', 'sadd', 'sAdd', 'srem', 'sRem', 'zadd', 'zAdd', 'zrem', 'zRem', 'publish', 'xadd', 'xAdd',
];
const MONGO_WRITES = ['insertOne', 'insertMany', 'updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndDelete', 'bulkWrite', 'createIndex'];

/** Methods of a client instance (reached through a call or `new` from the package) that give a promise when called without a callback. */
const CLIENT_METHODS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['pg', new Set(['query', 'connect', 'end'])],
  ['mysql2/promise', new Set(['query', 'execute', 'getConnection', 'end', 'beginTransaction', 'commit', 'rollback'])],
  ['ioredis', new Set(REDIS_COMMANDS)],
  ['redis', new Set(REDIS_COMMANDS)],
  ['mongodb', new Set(MONGO_WRITES)],
]);

/** `chain`: `.then(f)` / `.finally(f)` on `receiver`, a promise only if the receiver is one (a Bluebird or other thenable rejects its own way). */
/** Whether a module's imports name a client package of the table: only then is provenance worth asking for. */
export function importsPromiseClient(bindings: ReadonlyMap<string, ModuleBinding>): boolean {
  for (const binding of bindings.values()) if (CLIENT_METHODS.has(binding.module)) return true;
  return false;
}

export type PromiseApi = { kind: 'chain'; method: 'then' | 'finally'; receiver: TSESTree.Expression } | { kind: 'api' } | { kind: 'client'; package: string; method: string };

/**
 * The promise API a call is, if the call is known to give a promise that can reject. Without
 * `provenanceOf` (a module that imports no client package: see `importsPromiseClient`) client
 * methods are not looked for.
 */
export function promiseApiOf(
  call: TSESTree.CallExpression, bindings: ReadonlyMap<string, ModuleBinding>, provenanceOf: ((expression: TSESTree.Node) => Provenance | undefined) | undefined,
): PromiseApi | undefined {
  const method = calleeMethod(call);
  const member = unwrapExpression(call.callee).type === 'MemberExpression';
  const callee = unwrapExpression(call.callee);
  if ((method === 'then' || method === 'finally') && callee.type === 'MemberExpression') return { kind: 'chain', method, receiver: callee.object };
  const name = dottedName(call.callee);
  if (name !== undefined && (PROMISE_COMBINATORS.has(name) || name === 'fetch' || name.startsWith('fs.promises.'))) return { kind: 'api' };
  const resolved = resolveModuleMember(call.callee, bindings);
  if (resolved !== undefined && (PROMISE_MODULES.has(resolved.module) || (resolved.module === 'fs' && resolved.member.startsWith('promises.')))) return { kind: 'api' };
  if (!provenanceOf || !member || method === undefined || call.arguments.some(isFunction)) return undefined;
  const provenance = provenanceOf(call.callee);
  if (!provenance || !provenance.steps.some((step) => step.kind !== 'member')) return undefined;
  return CLIENT_METHODS.get(provenance.package)?.has(method) ? { kind: 'client', package: provenance.package, method } : undefined;
}

function isFunction(node: TSESTree.Node): boolean {
  const value = unwrapExpression(node);
  return value.type === 'ArrowFunctionExpression' || value.type === 'FunctionExpression' || (value.type === 'Identifier' && /^(cb|callback|done|next)$/.test(value.name));
}
