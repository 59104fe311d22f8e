/**
 * What a call does, as far as its failure goes. Rules that ask whether a failure that vanished was
 * an outage or an expected answer share this:
 *
 * - `io`: work that fails for reasons outside the program: the network, a database, a queue, file
 *   writes, a child process, or an awaited operation of a kind the analysis cannot see (a service
 *   method, a package's async function), whose failure is most often one of those;
 * - `optional-read`: a read whose failure is commonly a normal state: a file or folder that may be
 *   absent, a cache entry that may be missing or corrupt, a module that may not be installed;
 * - `local`: deterministic work on values in memory: parsing, decoding, validation, string, number
 *   and collection work, built-in feature probes;
 * - `unknown`: a synchronous call of something else (a helper, a method of a local object).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { dottedName, staticKeyName, unwrapExpression } from '../../utils/ast-names';
import { resolveModuleMember, type ModuleBinding } from '../../utils/imports';

export type CallEffect = 'io' | 'optional-read' | 'local' | 'unknown';
export type CallNode = TSESTree.CallExpression | TSESTree.NewExpression;

/** Clients of remote services: every call through them talks to the service. */
const REMOTE_MODULES = new Set([
  'axios', 'got', 'node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici', 'ky', 'superagent', 'request', 'request-promise',
  'needle', 'phin', 'pg', 'mysql', 'mysql2', 'mysql2/promise', 'mongodb', 'mongoose', 'redis', 'ioredis', 'knex', 'sequelize',
  'typeorm', '@prisma/client', 'redbean-node', 'better-sqlite3', 'sqlite3', 'sqlite', 'amqplib', 'kafkajs', 'bull', 'bullmq',
  'nodemailer', 'aws-sdk', 'firebase-admin', '@elastic/elasticsearch', 'cassandra-driver', 'nats', 'mqtt', 'child_process', 'execa',
]);
const REMOTE_SCOPES = /^@(aws-sdk|google-cloud|azure)\//;
/** Node modules whose named members reach the network. */
const NETWORK_MEMBERS: Record<string, RegExp> = {
  http: /^(request|get)$/, https: /^(request|get)$/, http2: /^connect$/, net: /^(connect|createConnection)$/,
  tls: /^connect$/, dgram: /^createSocket$/, dns: /^(promises\.)?(lookup\w*|resolve\w*|reverse)$/, 'dns/promises': /^(lookup\w*|resolve\w*|reverse)$/,
};
const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
/** File-system calls that only read: their failure is most often "not there" (ENOENT), a normal state. */
const FS_READ = /^(readFile|readdir|stat|lstat|fstat|access|exists|realpath|readlink|opendir|createReadStream|readJson|pathExists)(Sync)?$/;
/** File-system calls that change the disk: their failure (a full disk, a permission) loses data. */
const FS_WRITE = /^(writeFile|appendFile|mkdir|mkdtemp|rename|copyFile|cp|truncate|chmod|chown|symlink|link|utimes|createWriteStream|outputFile|outputJson|writeJson|ensureDir|ensureFile|move|copy|emptyDir)(Sync)?$/;
/** Modules whose functions work on values in memory. */
const LOCAL_MODULES = new Set([
  'path', 'url', 'querystring', 'util', 'crypto', 'zlib', 'buffer', 'string_decoder', 'yaml', 'js-yaml', 'ini', 'json5', 'semver',
  'qs', 'date-fns', 'dayjs', 'moment', 'lodash', 'validator', 'zod', 'joi', 'ajv', 'cheerio', 'chroma-js', 'jsonwebtoken',
]);

/** Global functions and constructors that only compute, parse or probe what the platform supports. */
const LOCAL_GLOBALS = /^(JSON\.(parse|stringify)|URL|URLSearchParams|decodeURIComponent|decodeURI|encodeURIComponent|encodeURI|BigInt|structuredClone|atob|btoa|String|Number|Boolean|parseInt|parseFloat|Date|Date\.\w+|Math\.\w+|Object\.\w+|Array\.\w+|Buffer\.\w+|Promise\.\w+|Symbol|RegExp|TextDecoder|TextEncoder|WebAssembly\.Module|Intl\.[A-Z]\w*|Error|\w+Error|setTimeout|setImmediate|clearTimeout)$/;
/** Loading a module: it may not be installed, which is an answer (optional dependencies, feature detection). */
const MODULE_LOADS = new Set(['require', 'require.resolve']);
/** Names of pure work, as a function or a method: parsers, decoders, validators, formatters. */
const LOCAL_NAME = /^(parse|decode|validate|verify|cast|json|decompress|inflate|gunzip|unzip|brotliDecompress|format|stringify|text)(?![a-z])|(Parse|Decode|Validate|Verify|Decompress)$/;
/** Methods of strings, arrays, maps, regular expressions and parsed documents: work on a value in memory. */
const LOCAL_METHOD = /^(replace|replaceAll|trim|trimStart|trimEnd|toLowerCase|toUpperCase|slice|substring|substr|split|join|toString|toFixed|startsWith|endsWith|includes|indexOf|lastIndexOf|padStart|padEnd|match|matchAll|test|exec|charAt|charCodeAt|localeCompare|normalize|map|filter|find|findIndex|some|every|reduce|forEach|sort|push|pop|shift|unshift|concat|flat|flatMap|keys|values|entries|at|fill|reverse|has|isArray|hex|attr|text)$/;
/** Waiting, which fails only if the program is broken. */
const DELAYS = /^(sleep|wait|delay|setTimeout|nextTick)$/;
/** Receivers that hold a cache: a failing read is a miss, a failing write a later miss. */
const CACHE_NAME = /cache|keyv/i;
/** Receivers and classes that are clients of a remote service. */
const REMOTE_NAME = /^(redis\w*|prisma\w*|db|database|knex|sql|pool|mongo\w*|sequelize|repo|\w*Repository|\w*Repo|collection|queue|\w*Queue|producer|publisher|channel|kafka|amqp|rabbit\w*|sqs|sns|s3|bucket|storage|http|axios|client|\w*Client|api|\w*Api|mailer|transporter|smtp|socket|ws|connection|\w*Connection|Pool|Redis|Kafka|WebSocket)$/i;
/** What a call to a remote client does with the service. */
const DATA_VERB = /^(get|set|mget|mset|hget|hset|hdel|hgetall|del|expire|incr\w*|decr\w*|lpush|rpush|sadd|zadd|query|execute|find\w*|insert\w*|update\w*|upsert|delete\w*|remove|save|create\w*|count|aggregate|publish|send\w*|put\w*|post|patch|request|fetch|write|connect|getCol|getRow|getCell|getAll|\$\w+)$/;

/**
 * Whether the value of `call` is awaited: `await f()`, `await Promise.all([f(), g()])`,
 * `await f().then(...)`, `for await (... of f())`, `await (a ?? f())`. A rejection is caught by the
 * enclosing `try` only then.
 */
export function isAwaited(call: Node): boolean {
  let node: Node = call;
  for (let parent = node.parent; parent; node = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'AwaitExpression':
        return true;
      case 'ForOfStatement':
        return parent.await && parent.right === node;
      case 'ArrayExpression': case 'SpreadElement': case 'ConditionalExpression': case 'LogicalExpression':
      case 'TSAsExpression': case 'TSNonNullExpression': case 'ChainExpression': case 'TSTypeAssertion': case 'TSSatisfiesExpression':
        if (parent.type === 'ConditionalExpression' && parent.test === node) return false;
        continue;
      case 'MemberExpression': {
        // `f().then(...)`: the promise chain goes on from `f()`.
        const method = parent.object === node ? staticKeyName(parent.property, parent.computed) : undefined;
        if (method === 'then' || method === 'catch' || method === 'finally') continue;
        return false;
      }
      case 'CallExpression': {
        const path = dottedName(parent.callee);
        if (parent.callee !== node && /^Promise\.(all|allSettled|race|any)$/.test(path ?? '')) continue;
        // `(...).then(...)` reached through the member above.
        if (parent.callee === node) continue;
        return false;
      }
      default:
        return false;
    }
  }
  return false;
}

/** The last name of a callee's receiver path segments: `this.prismaService.user.update` → ['this', 'prismaService', 'user']. */
function receiverSegments(callee: Node): string[] {
  const expr = unwrapExpression(callee);
  if (expr.type !== 'MemberExpression') return [];
  const path = dottedName(expr.object);
  return path === undefined ? [] : path.split('.');
}

function methodName(call: CallNode): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression') return staticKeyName(callee.property, callee.computed);
  return callee.type === 'Identifier' ? callee.name : undefined;
}

/** The name of the class whose method holds `node`, when `this` is its instance there. */
function enclosingClassName(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'FunctionDeclaration' || (current.type === 'FunctionExpression' && current.parent?.type !== 'MethodDefinition')) return undefined;
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return current.id?.name;
  }
  return undefined;
}

function moduleEffect(module: string, member: string): CallEffect | undefined {
  const last = member.slice(member.lastIndexOf('.') + 1);
  if (FS_MODULES.has(module)) return FS_READ.test(last) ? 'optional-read' : FS_WRITE.test(last) || /^(unlink|rm|rmdir|remove)(Sync)?$/.test(last) ? 'io' : undefined;
  if (REMOTE_MODULES.has(module) || REMOTE_SCOPES.test(module)) return 'io';
  const network = NETWORK_MEMBERS[module];
  if (network) return network.test(member) ? 'io' : 'local';
  if (LOCAL_MODULES.has(module)) return 'local';
  return undefined;
}

/**
 * `spawn('pnpm', ['--version'])`, `execSync('yarnpkg --version')`: asking a tool for its version is
 * feature detection (is it installed?), and its failure is the answer "no".
 */
function asksVersion(call: CallNode): boolean {
  const stack: Node[] = [...call.arguments];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'Literal' && typeof node.value === 'string' && /(^|\s)(--version|-v)(\s|$)/.test(node.value)) return true;
    if (node.type === 'ArrayExpression') for (const e of node.elements) if (e) stack.push(e);
  }
  return false;
}

/** Knowledge of one file: what its calls do, given the file's module bindings. */
export interface IoCalls {
  effectOf(call: CallNode, options?: { awaited?: boolean }): CallEffect;
  /**
   * `fsp.writeFile(p)`, `fs.promises.readFile(p)`, `fs.readFile(p, cb)`: a call of the file-system module
   * that does not block. Its error says all there is (code, syscall, path), and its stack holds no
   * frame of the caller (libuv completes it on a later tick), so its text loses nothing.
   */
  isAsyncFileSystemCall(call: CallNode): boolean;
}

export function createIoCalls(bindings: ReadonlyMap<string, ModuleBinding>): IoCalls {
  const effectOf = (call: CallNode, options: { awaited?: boolean } = {}): CallEffect => {
    const awaited = options.awaited ?? isAwaited(call);
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'ImportExpression') return 'optional-read';
    const path = dottedName(callee);
    const method = methodName(call);
    const resolved = resolveModuleMember(callee, bindings);
    if (resolved) {
      const known = moduleEffect(resolved.module, resolved.member);
      if (known === 'io' && asksVersion(call)) return 'optional-read';
      if (known) return known;
    }
    if (path !== undefined && MODULE_LOADS.has(path)) return 'optional-read';
    if (path === 'fetch' || path === 'globalThis.fetch' || path === 'window.fetch') return 'io';
    if (path !== undefined && LOCAL_GLOBALS.test(path)) return 'local';
    const receiver = receiverSegments(callee);
    const viaThis = receiver[0] === 'this';
    if (receiver.some((s) => CACHE_NAME.test(s)) || (viaThis && CACHE_NAME.test(enclosingClassName(call) ?? ''))) return 'optional-read';
    if (method !== undefined && FS_READ.test(method) && receiver.some((s) => /^(fs\w*|fsp|fse|promises)$/i.test(s))) return 'optional-read';
    if (call.type === 'NewExpression') return path !== undefined && REMOTE_NAME.test(path.slice(path.lastIndexOf('.') + 1)) ? 'io' : 'unknown';
    const remoteReceiver = receiver.some((s) => REMOTE_NAME.test(s)) || (viaThis && REMOTE_NAME.test(enclosingClassName(call) ?? ''));
    if (remoteReceiver && method !== undefined && DATA_VERB.test(method)) return 'io';
    // A value method (`push`, `find`) whose promise is awaited is some object's own async method, not an
    // array's (`await Promise.all(ids.map(...))` awaits what `map` returns, not `map`).
    const promised = options.awaited ?? call.parent?.type === 'AwaitExpression';
    if (method !== undefined && (LOCAL_NAME.test(method) || DELAYS.test(method) || (!promised && callee.type === 'MemberExpression' && LOCAL_METHOD.test(method)))) return 'local';
    if (remoteReceiver && awaited) return 'io';
    if (asksVersion(call)) return 'optional-read';
    // An awaited operation of a kind we cannot see (a service method, a package's async function):
    // its failure is most often the I/O behind it.
    return awaited ? 'io' : 'unknown';
  };
  const isAsyncFileSystemCall = (call: CallNode): boolean => {
    const resolved = resolveModuleMember(unwrapExpression(call.callee), bindings);
    return resolved !== undefined && FS_MODULES.has(resolved.module) && !resolved.member.endsWith('Sync');
  };
  return { effectOf, isAsyncFileSystemCall };
}

/** How a message names a call: `this.userService.find()`, or the start of its text when it has no plain name. */
export function callLabel(call: CallNode, text: (node: Node) => string): string {
  const path = dottedName(call.callee);
  if (path !== undefined) return `${call.type === 'NewExpression' ? 'new ' : ''}${path}()`;
  const source = text(call).replace(/\s+/g, ' ');
  return source.length > 40 ? `${source.slice(0, 37)}...` : source;
}
