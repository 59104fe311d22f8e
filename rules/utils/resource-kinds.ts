/**
 * The acquire → release table the resource rules share (issue 3, "Resource kinds"). Data only,
 * plus the matcher that says which kind a call acquires; users add rows with
 * `settings.resourceKinds`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { dottedName, unwrapExpression } from './ast-names';
import { type OriginContext, valueOrigins } from '../core/knowledge/value-origins';
import { resolveModuleMember, type ModuleBinding } from './imports';
import type { OpslintSettings } from './settings';

export type ResourceRule = 'no-unreleased-resource' | 'no-leaked-interval' | 'no-listener-leak';

export interface ResourceKind {
  /** What messages call it: "file descriptor". */
  name: string;
  /** What runs out when it leaks, for messages: "the process runs out of file descriptors (EMFILE)". */
  exhausts?: string;
  /** How to release it, a sentence for messages: "Close it with `fs.closeSync(fd)` in a `finally` block". */
  how?: string;
  /** The rule that checks this kind. */
  rule: ResourceRule;
  /**
   * Module exports that acquire it, as `module:member` resolved through imports and requires
   * (`fs:openSync` matches `fs.openSync()`, a destructured `openSync()` and `require('fs').openSync()`).
   * A trailing `*` matches any rest of the name (`zlib:create*`). `global:name` is a global function.
   */
  acquire: readonly string[];
  /** Acquired with `new` (`new Worker()`), not a call. */
  construct?: boolean;
  /**
   * Acquired by calling one of these methods on a receiver. `from` keys the receiver by where it
   * comes from (`pg:Pool`: the receiver was made by `new pg.Pool()` in this file, see
   * `core/knowledge/value-origins`); a receiver whose origin is unknown or another library's is
   * not this kind. `anyReceiver` accepts every receiver (event listeners).
   */
  acquireMethods?: {
    from?: readonly string[]; anyReceiver?: boolean; methods: readonly string[];
    /** The call opens the receiver itself (`client.connect()` on a `pg` Client): the receiver is the resource, from that statement on. */
    opensReceiver?: boolean;
  };
  /**
   * Properties of the resource that are streams whose reading to the end waits for it
   * (`for await (const chunk of child.stdout)`, `pipeline(child.stdout, …)`).
   */
  waitedThrough?: readonly string[];
  /**
   * The callback form, when the last argument is a function: `{ param }` says which of its parameters
   * is the resource (`fs.open(p, (err, fd) => ...)`); `'untracked'` skips it (pg's `pool.connect(cb)`
   * hands a `release` function we do not follow).
   */
  callback?: { param: number } | 'untracked';
  /** Methods on the resource that release it: `fh.close()`. */
  releaseMethods: readonly string[];
  /** Functions that release it when it is their first argument, as `module:member` or `global:name`. */
  releaseFunctions?: readonly string[];
  /** Listening for these events means the resource's end is awaited (`child.on('exit', ...)`, `await once(child, 'exit')`). */
  releaseEvents?: readonly string[];
  /**
   * Option keys of the acquiring call that bound how long waiting for its end can take (`spawn(cmd, args, { timeout })`,
   * a `signal`): a wait with none of them and no release call has no bound.
   */
  waitBound?: readonly string[];
  /** Methods on the resource that hand it to something that will release it (`rs.pipe(dest)`, `fh.createReadStream()`). */
  handoffMethods?: readonly string[];
  /**
   * A stream: `pipeline(...)`, `.pipe(it)` and `for await` release it; passing it to any call hands it
   * over (consumers read a stream to its end, which closes it); its own methods report failures as
   * `'error'` events rather than throwing.
   */
  stream?: boolean;
  /** Passing it to any call hands it on: whoever receives a timer handle keeps or clears it. */
  passedOnByArgument?: boolean;
  /** Not from the table: the code closes it itself (`utils/closed-here`), so messages say nothing of what it is. */
  inferred?: boolean;
  /** The release a try/finally suggestion inserts: `{fn}(x)` on the acquiring call's receiver, or `x.{method}()`. */
  suggestedRelease?: { method: string; awaited?: boolean } | { fn: string };
}

const STREAM_RELEASE = ['close', 'destroy', 'end', 'destroySoon', 'resetAndDestroy'];

const FDS = 'the process runs out of file descriptors (EMFILE)';

const MONGO_CLIENT = {
  name: 'MongoDB client', rule: 'no-unreleased-resource', releaseMethods: ['close'], suggestedRelease: { method: 'close', awaited: true },
  exhausts: 'connection pools to the database pile up', how: 'Call its `.close()` in a `finally` block',
} as const satisfies Omit<ResourceKind, 'acquire'>;

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  {
    name: 'file descriptor', rule: 'no-unreleased-resource', acquire: ['fs:openSync', 'fs:open'], callback: { param: 1 },
    releaseMethods: [], releaseFunctions: ['fs:close', 'fs:closeSync'], suggestedRelease: { fn: 'closeSync' }, exhausts: FDS, how: 'Close it with `fs.closeSync(…)` in a `finally` block',
  },
  {
    name: 'file handle', rule: 'no-unreleased-resource', acquire: ['fs:promises.open', 'fs/promises:open'],
    releaseMethods: ['close'], handoffMethods: ['createReadStream', 'createWriteStream', 'readLines'],
    suggestedRelease: { method: 'close', awaited: true }, exhausts: FDS, how: 'Close it with `await ….close()` in a `finally` block, or declare it with `await using`',
  },
  // A read stream closes itself once read to the end or on error, so reading it is releasing it.
  {
    name: 'read stream', rule: 'no-unreleased-resource', acquire: ['fs:createReadStream'],
    releaseMethods: [...STREAM_RELEASE, 'resume'], releaseEvents: ['data', 'readable'], handoffMethods: ['pipe'], stream: true,
    suggestedRelease: { method: 'destroy' }, exhausts: FDS, how: 'Hand it to `pipeline()`, read it to the end, or destroy it in a `finally` block',
  },
  {
    name: 'write stream', rule: 'no-unreleased-resource', acquire: ['fs:createWriteStream'],
    // `end()`, not `destroy()`: the finally must not throw away what was written before it.
    releaseMethods: STREAM_RELEASE, stream: true, suggestedRelease: { method: 'end' }, exhausts: FDS, how: 'Hand it to `pipeline()`, or end it with `.end()` on every path',
  },
  {
    name: 'compression stream', rule: 'no-unreleased-resource', acquire: ['zlib:create*'],
    releaseMethods: STREAM_RELEASE, handoffMethods: ['pipe'], stream: true, suggestedRelease: { method: 'destroy' },
    exhausts: 'native zlib memory outside the JS heap piles up', how: 'Hand it to `pipeline()`, or destroy it in a `finally` block',
  },
  {
    // Waiting for `'end'`/`'close'` is waiting for the peer to close it: a socket ends its side too by default (allowHalfOpen: false).
    name: 'socket', rule: 'no-unreleased-resource', acquire: ['net:connect', 'net:createConnection', 'tls:connect'],
    releaseMethods: STREAM_RELEASE, releaseEvents: ['end', 'close'], handoffMethods: ['pipe'], stream: true, suggestedRelease: { method: 'destroy' },
    exhausts: 'the process runs out of sockets and file descriptors', how: 'End or destroy it in a `finally` block',
  },
  // Pools keyed by the library that made them: `pool.connect()` lends a client only on a `pg` pool
  // (on an `mssql` ConnectionPool it connects the pool itself and returns it).
  {
    name: 'pooled `pg` client', rule: 'no-unreleased-resource', acquire: [],
    acquireMethods: { from: ['pg:Pool', 'pg-pool:'], methods: ['connect'] }, callback: 'untracked',
    releaseMethods: ['release'], suggestedRelease: { method: 'release' },
    exhausts: 'the pool is empty and every later query waits forever', how: 'Call its `.release()` in a `finally` block',
  },
  {
    name: 'pooled MySQL connection', rule: 'no-unreleased-resource', acquire: [],
    acquireMethods: { from: ['mysql:createPool', 'mysql2:createPool', 'mysql2/promise:createPool', 'mariadb:createPool'], methods: ['getConnection'] }, callback: 'untracked',
    releaseMethods: ['release'], suggestedRelease: { method: 'release' },
    exhausts: 'the pool is empty and every later query waits forever', how: 'Call its `.release()` in a `finally` block',
  },
  // `new pg.Client()` opens nothing; `client.connect()` opens its connection.
  {
    name: '`pg` client connection', rule: 'no-unreleased-resource', acquire: [],
    acquireMethods: { from: ['pg:Client'], methods: ['connect'], opensReceiver: true },
    releaseMethods: ['end'], suggestedRelease: { method: 'end', awaited: true },
    exhausts: 'the database refuses new connections (max_connections)', how: 'Call its `.end()` in a `finally` block',
  },
  // `new MongoClient(url)` connects on first use; `MongoClient.connect(url)` at once.
  { ...MONGO_CLIENT, acquire: ['mongodb:MongoClient'], construct: true },
  { ...MONGO_CLIENT, acquire: ['mongodb:MongoClient.connect'] },
  {
    name: 'SQLite database handle', rule: 'no-unreleased-resource', acquire: ['better-sqlite3:', 'sqlite3:Database'], construct: true,
    releaseMethods: ['close'], suggestedRelease: { method: 'close' }, exhausts: FDS, how: 'Call its `.close()` in a `finally` block',
  },
  {
    name: 'worker thread', rule: 'no-unreleased-resource', acquire: ['worker_threads:Worker', 'global:Worker'], construct: true,
    releaseMethods: ['terminate'], releaseEvents: ['exit'], exhausts: 'threads and their heaps pile up', how: 'Call its `.terminate()` in a `finally` block, or wait for its `exit` event',
  },
  {
    name: 'child process', rule: 'no-unreleased-resource', acquire: ['child_process:spawn', 'child_process:fork'],
    releaseMethods: ['kill', 'unref'], releaseEvents: ['exit', 'close'], waitedThrough: ['stdout', 'stderr'], waitBound: ['timeout', 'signal'],
    exhausts: 'child processes pile up unwatched', how: 'Kill it in a `finally` block, or wait for its `exit` event',
  },
  {
    name: 'interval', rule: 'no-leaked-interval', acquire: ['global:setInterval', 'timers:setInterval'],
    releaseMethods: ['unref', 'close'], passedOnByArgument: true, releaseFunctions: ['global:clearInterval', 'global:clearTimeout', 'timers:clearInterval', 'timers:clearTimeout'],
  },
  {
    name: 'event listener', rule: 'no-listener-leak', acquire: [],
    acquireMethods: { anyReceiver: true, methods: ['on', 'addListener', 'addEventListener', 'prependListener'] },
    releaseMethods: ['off', 'removeListener', 'removeEventListener', 'removeAllListeners'],
  },
];

/** The methods that release a resource whatever its kind: what a helper that releases its parameter calls on it. */
export const RELEASE_METHODS: readonly string[] = ['close', 'end', 'destroy', 'release', 'disconnect', 'quit'];

/**
 * What a function of another module of the project returns open (its summary's `returnsResource`):
 * the kind is in that module's facts, not here, so messages say what is true of any. Handing it to
 * a call passes it on, as a caller of a project's opener most often hands it to the code that uses it.
 */
export const PROJECT_OPENER_KIND: ResourceKind = {
  name: 'resource', rule: 'no-unreleased-resource', acquire: [], releaseMethods: RELEASE_METHODS, passedOnByArgument: true,
  exhausts: 'the process, or the server it connects to, runs out of them', how: 'Release it (`.close()`, `.end()`, `.release()`, …) in a `finally` block',
};

/** A value of a library the table does not know, which the function closes with `.close()` itself. */
export const CLOSED_HERE_KIND: ResourceKind = { name: 'handle', rule: 'no-unreleased-resource', acquire: [], releaseMethods: ['close'], inferred: true };

/** The built-in rows for one rule, followed by the user's rows from `settings.resourceKinds`. */
export function resourceKindsFor(rule: ResourceRule, settings: Pick<OpslintSettings, 'resourceKinds'>): ResourceKind[] {
  const user = settings.resourceKinds.map((k) => ({ releaseMethods: [], ...k, rule: k.rule ?? 'no-unreleased-resource' }) as ResourceKind);
  return [...RESOURCE_KINDS, ...user].filter((k) => k.rule === rule);
}

/**
 * A cheap first filter on each call's last name (`openSync`, `createGzip`, `Worker`), so the full
 * match runs only on calls that may acquire something. A module whose export is the constructor
 * itself (`better-sqlite3:`) can be bound to any local name, so then every `new` passes.
 */
export function acquireFilter(kinds: readonly ResourceKind[]): (name: string, isNew: boolean) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  let anyNew = false;
  for (const kind of kinds) {
    for (const pattern of kind.acquire) {
      const name = lastName(pattern.slice(pattern.indexOf(':') + 1));
      if (name === '') anyNew ||= !!kind.construct;
      else if (name.endsWith('*')) prefixes.push(name.slice(0, -1));
      else exact.add(name);
    }
    for (const method of kind.acquireMethods?.methods ?? []) exact.add(method);
  }
  return (name, isNew) => (isNew && anyNew) || exact.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
}

function lastName(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/**
 * `module:member` for a callee: resolved through the file's imports, or read literally when the
 * root is not bound (`fs.openSync` in a script with a global `fs`, `setInterval` → `global:setInterval`).
 */
export function calleeKey(callee: TSESTree.Node, bindings: ReadonlyMap<string, ModuleBinding>): string | undefined {
  const resolved = resolveModuleMember(callee, bindings);
  if (resolved) return `${resolved.module}:${resolved.member}`;
  const name = dottedName(callee);
  if (name === undefined) return undefined;
  const dot = name.indexOf('.');
  if (dot < 0) return `global:${name}`;
  const root = name.slice(0, dot);
  return ['global', 'globalThis', 'window'].includes(root) ? `global:${name.slice(dot + 1)}` : `${root}:${name.slice(dot + 1)}`;
}

export function matchesKey(key: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));
}

/** The kind a call or `new` acquires, if any. */
export function acquiredKind(
  call: TSESTree.CallExpression | TSESTree.NewExpression, kinds: readonly ResourceKind[], origins: OriginContext,
): ResourceKind | undefined {
  const callee = unwrapExpression(call.callee);
  const key = calleeKey(callee, origins.bindings);
  for (const kind of kinds) {
    if (!!kind.construct !== (call.type === 'NewExpression')) continue;
    if (key !== undefined && matchesKey(key, kind.acquire)) return kind;
    const methods = kind.acquireMethods;
    if (methods && callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier'
      && methods.methods.includes(callee.property.name) && receiverFits(callee.object, methods, origins)) return kind;
  }
  return undefined;
}

/** Whether the receiver is one the kind's methods acquire from: made by one of the libraries it lists, every way it can be. */
function receiverFits(receiver: TSESTree.Node, methods: NonNullable<ResourceKind['acquireMethods']>, origins: OriginContext): boolean {
  if (methods.anyReceiver) return true;
  const from = valueOrigins(receiver, origins);
  return !!from && !!methods.from && [...from].every((origin) => matchesKey(origin, methods.from!));
}
