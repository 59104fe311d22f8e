import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { findProperty, staticKeyName, unwrapExpression } from '../../utils/ast-names';
import type { Provenance } from './provenance';

/**
 * CACHE LIBRARIES, keyed by package: which of their stores live in the process's memory, how their
 * entries leave it, and which call adds one. Read from the libraries' sources and docs:
 * - `keyv`: `new Keyv()` keeps entries in a `Map` unless given a store adapter (`new Keyv('redis://…')`,
 *   `new Keyv({ store: new KeyvRedis() })`, `new Keyv(new KeyvRedis())` in v5). Its TTL is checked only
 *   when a key is read (`get` deletes it if expired): nothing sweeps, so a key that is never read again
 *   stays, TTL or not.
 * - `node-cache`: in memory; `maxKeys` (default -1, no limit) bounds it; an entry with a TTL (`stdTTL`
 *   or `set(k, v, ttl)`) is deleted by a sweep every `checkperiod` seconds (default 600; 0 turns it off).
 * - `memory-cache`: in memory (the module's own instance, or `new Cache()`); `put(k, v, time)` deletes the
 *   entry on a timer after `time` ms; `put(k, v)` keeps it until `del`/`clear`.
 */
export type CachePackage = 'keyv' | 'node-cache' | 'memory-cache';

/** How entries with a TTL leave the store. */
export type Expiry =
  /** Only when read again (Keyv): unread keys stay. */
  | 'on-read'
  /** A periodic sweep or a timer removes them, read or not. */
  | 'active';

export interface InMemoryStore {
  package: CachePackage;
  /** The class, as users name it in messages. */
  name: string;
  expiry: Expiry;
  /** The store has a size limit (`maxKeys`), so it cannot grow without bound. */
  bounded: boolean;
  /** Entries get a TTL from the store's options (`stdTTL`, Keyv's `ttl`) even when `set` passes none. */
  defaultTtl: boolean;
  /** node-cache with `checkperiod: 0`: expired entries are removed only when read. */
  sweepOff?: true;
}

/** The call that adds an entry, by package: the method and which argument holds the TTL. */
const WRITE_METHODS: Record<CachePackage, { method: string; ttlArgument: number }> = {
  keyv: { method: 'set', ttlArgument: 2 },
  'node-cache': { method: 'set', ttlArgument: 2 },
  'memory-cache': { method: 'put', ttlArgument: 2 },
};

/** Package names the store table knows: a module that names none needs no look-up. */
const CACHE_PACKAGE_TEXT = /['"](keyv|node-cache|memory-cache)['"]/;

export function mayUseCacheStore(text: string): boolean {
  return CACHE_PACKAGE_TEXT.test(text);
}

function options(node: Node | undefined): TSESTree.ObjectExpression | undefined {
  const value = node && unwrapExpression(node);
  return value?.type === 'ObjectExpression' ? value : undefined;
}

function numberValue(node: Node | undefined): number | undefined {
  const value = node && unwrapExpression(node);
  if (value?.type === 'Literal' && typeof value.value === 'number') return value.value;
  if (value?.type === 'UnaryExpression' && value.operator === '-' && value.argument.type === 'Literal' && typeof value.argument.value === 'number') return -value.argument.value;
  return undefined;
}

/** `{ ttl: … }` / `{ stdTTL: … }` set to something other than a literal 0. */
function setsDefaultTtl(object: TSESTree.ObjectExpression | undefined, key: string): boolean {
  const property = object && findProperty(object, key);
  return property !== undefined && numberValue(property.value as Node) !== 0;
}

/** Keyv's store in memory: no argument, an options object without `store`/`uri` (or with `store: new Map()`). */
function keyvStore(created: TSESTree.NewExpression): InMemoryStore | undefined {
  const [first, second] = created.arguments;
  // `new Keyv('redis://…')`, `new Keyv(uri, options)`, `new Keyv(new KeyvRedis())`, `new Keyv(store)`: an adapter.
  if (first !== undefined && !options(first)) return undefined;
  const opts = options(first) ?? options(second);
  if (opts && opts.properties.some((p) => p.type === 'SpreadElement')) return undefined;
  if (opts && findProperty(opts, 'uri')) return undefined;
  const store = opts && findProperty(opts, 'store');
  if (store) {
    const value = unwrapExpression(store.value as Node);
    // Only a plain `Map` is the default's twin; any other store (QuickLRU, LRUCache, an adapter) may bound or move it.
    if (!(value.type === 'NewExpression' && value.callee.type === 'Identifier' && value.callee.name === 'Map' && value.arguments.length === 0)) return undefined;
  }
  return { package: 'keyv', name: 'Keyv', expiry: 'on-read', bounded: false, defaultTtl: setsDefaultTtl(opts, 'ttl') };
}

function nodeCacheStore(created: TSESTree.NewExpression): InMemoryStore | undefined {
  const opts = options(created.arguments[0]);
  if (created.arguments.length > 0 && !opts) return undefined;
  if (opts && opts.properties.some((p) => p.type === 'SpreadElement')) return undefined;
  const maxKeys = opts && findProperty(opts, 'maxKeys');
  const limit = maxKeys ? numberValue(maxKeys.value as Node) : -1;
  // A `maxKeys` that is not a literal -1 or 0 (a number, a setting) is taken as a limit.
  const bounded = maxKeys !== undefined && limit !== -1 && limit !== 0;
  const checkperiod = opts && findProperty(opts, 'checkperiod');
  const sweepOff = checkperiod !== undefined && numberValue(checkperiod.value as Node) === 0;
  return { package: 'node-cache', name: 'NodeCache', expiry: sweepOff ? 'on-read' : 'active', bounded, defaultTtl: setsDefaultTtl(opts, 'stdTTL'), ...(sweepOff ? { sweepOff: true as const } : {}) };
}

const MEMORY_CACHE: InMemoryStore = { package: 'memory-cache', name: 'memory-cache', expiry: 'active', bounded: false, defaultTtl: false };

/**
 * The in-memory store a value is, from where it comes from: `new Keyv()`, `new NodeCache({...})`,
 * `require('memory-cache')` or its `new Cache()`. Undefined for anything else, and for stores kept
 * outside the process (a Keyv with an adapter).
 */
export function inMemoryStoreOf(provenance: Provenance | undefined): InMemoryStore | undefined {
  if (!provenance) return undefined;
  const { steps } = provenance;
  const last = steps[steps.length - 1];
  switch (provenance.package) {
    case 'keyv':
    case '@keyv/keyv': {
      // `new Keyv()` of the default export, or of `{ Keyv }` (v5).
      const exported = steps.length === 1 || (steps.length === 2 && steps[0].kind === 'member' && steps[0].name === 'Keyv');
      return exported && last?.kind === 'new' ? keyvStore(last.node) : undefined;
    }
    case 'node-cache': {
      const exported = steps.length === 1 || (steps.length === 2 && steps[0].kind === 'member' && steps[0].name === 'NodeCache');
      return exported && last?.kind === 'new' ? nodeCacheStore(last.node) : undefined;
    }
    case 'memory-cache':
      // The module itself is a store; `new (require('memory-cache').Cache)()` is another.
      if (steps.length === 0) return MEMORY_CACHE;
      return steps.length === 2 && steps[0].kind === 'member' && steps[0].name === 'Cache' && last?.kind === 'new' ? MEMORY_CACHE : undefined;
    default:
      return undefined;
  }
}

/** The store a write through `receiver.<method>(…)` adds to, when `call` is its write call; with the TTL argument. */
export function storeWrite(store: InMemoryStore, call: TSESTree.CallExpression): { key: Node; ttl: Node | undefined } | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || staticKeyName(callee.property, callee.computed) !== WRITE_METHODS[store.package].method) return undefined;
  const key = call.arguments[0];
  if (!key || key.type === 'SpreadElement') return undefined;
  const ttl = call.arguments[WRITE_METHODS[store.package].ttlArgument];
  const ttlNode = ttl && ttl.type !== 'SpreadElement' && !(ttl.type === 'Identifier' && ttl.name === 'undefined') && numberValue(ttl) !== 0 ? ttl : undefined;
  return { key, ttl: ttlNode };
}

/**
 * Whether entries written with (or without) a TTL stay in memory until the process ends, unless
 * the code removes them: the store is unbounded and nothing sweeps them out.
 */
export function entriesStay(store: InMemoryStore, writtenWithTtl: boolean): boolean {
  if (store.bounded) return false;
  const expires = writtenWithTtl || store.defaultTtl;
  return !expires || store.expiry === 'on-read';
}

/**
 * The Keyv store a module keeps on a property (`this.keyv = new Keyv()`, `client.keyv = new Keyv()`,
 * a class field `keyv = new Keyv()`), as module facts record it for the whole program: another
 * module's `client.keyv.set(…)` adds to it (see project/program-conditions.ts). Only Keyv: its
 * `set(key, value, ttl)` returns a promise, a shape a use in another module can be told by.
 */
export function storeOnProperty(node: Node, provenance: (expression: Node) => Provenance | undefined): { property: string; package: CachePackage } | undefined {
  let target: Node | undefined;
  let value: Node | undefined;
  if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'MemberExpression') {
    target = node.left.property;
    value = node.right;
    if (node.left.computed) return undefined;
  } else if (node.type === 'PropertyDefinition' && !node.static && node.value) {
    target = node.key;
    value = node.value;
    if (node.computed) return undefined;
  }
  if (!target || !value || unwrapExpression(value).type !== 'NewExpression') return undefined;
  const property = staticKeyName(target, false);
  const store = property === undefined ? undefined : inMemoryStoreOf(provenance(value));
  return store && store.package === 'keyv' && property !== undefined ? { property, package: store.package } : undefined;
}
