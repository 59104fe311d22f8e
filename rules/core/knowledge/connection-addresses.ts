/**
 * Which calls open an outbound connection, and which of their arguments say where to: the
 * address (a URL, `host:port`, a connection string) and the option objects whose keys
 * (`host`, `url`, `baseURL`, `brokers`, ...) configure the connection.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../engine/types';
import { calleeMethod, dottedName, unwrapExpression } from '../../utils/ast-names';
import { resolveModuleMember, type ModuleBinding } from '../../utils/imports';

export interface OutboundCall {
  /** What the code calls, for messages: `fetch`, `axios.post`, `new Kafka`. */
  client: string;
  /** Indices of the arguments that hold the address itself. */
  addressArgs: readonly number[];
  /** Indices of the arguments that are connection options (every object argument for client constructors). */
  optionArgs: readonly number[];
}

type Shape = Omit<OutboundCall, 'client'>;

const ALL_OBJECTS = -1;
const URL_FIRST: Shape = { addressArgs: [0], optionArgs: [0, 1] };
const URL_THEN_OPTIONS: Shape = { addressArgs: [0], optionArgs: [1] };
const URL_BODY_OPTIONS: Shape = { addressArgs: [0], optionArgs: [2] };
const OPTIONS_ONLY: Shape = { addressArgs: [], optionArgs: [0] };
const CONSTRUCTOR: Shape = { addressArgs: [0], optionArgs: [ALL_OBJECTS] };

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'stream']);
const BODY_VERBS = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'isomorphic-unfetch', 'make-fetch-happen']);
const REQUEST_MODULES = new Set(['request', 'request-promise', 'request-promise-native', 'superagent', 'needle', 'phin', 'bent', 'got', 'ky', 'undici']);
const SOCKET_MODULES = new Set(['ws', 'socket.io-client', 'eventsource', 'isomorphic-ws', 'reconnecting-websocket']);

/**
 * Classes that hold a connection: database and broker clients and pools, HTTP agents and
 * sockets (`new Pool`, `new Redis`, `new Kafka`, `new MongoClient`, `new Sequelize`, `new WebSocket`).
 */
const CLIENT_CLASS = /(Client|Pool|Connection|Cluster|Producer|Consumer|Kafka|Redis|Sequelize|DataSource|Agent|Transport|Queue|WebSocket|EventSource|Socket)$/;
/** Factories that open or configure one: `createClient`, `createPool`, `createTransport`, `mongoose.connect`, `amqp.connect`, `knex`. */
const CLIENT_FACTORY = /^(create\w*(Client|Pool|Connection|Transport|Cluster|Producer|Consumer|Queue|Agent)|connect|createConnection|knex)$/;
/**
 * Objects whose methods send HTTP requests by their name: `this.httpService.get`, `this.fetchService.fetch`,
 * `apiClient.post`, `this.http.request`. A `Map`'s `get` is not one of them: the receiver must say so.
 */
const HTTP_RECEIVER = /(^|[a-z.])(https?|fetch|axios|got|request|rest|api)(Service|Client|Instance)?$/i;

function moduleShape(module: string, member: string): Shape | undefined {
  if (FETCH_MODULES.has(module)) return member === '' || member === 'fetch' ? URL_THEN_OPTIONS : undefined;
  if (module === 'http' || module === 'https' || module === 'http2') {
    if (member === 'request' || member === 'get' || member === 'connect') return URL_FIRST;
    return member === 'Agent' ? OPTIONS_ONLY : undefined;
  }
  if (module === 'net' || module === 'tls') return member === 'connect' || member === 'createConnection' ? { addressArgs: [1], optionArgs: [0] } : undefined;
  if (SOCKET_MODULES.has(module)) return member === '' || member === 'io' || member === 'connect' || CLIENT_CLASS.test(member) ? CONSTRUCTOR : undefined;
  if (module === 'needle' && member === '') return { addressArgs: [1], optionArgs: [3] };
  if (REQUEST_MODULES.has(module) || module === 'axios') {
    if (member === '' || member === 'fetch') return URL_FIRST;
    if (member === 'create' || member === 'extend' || member === 'defaults') return OPTIONS_ONLY;
    // Only axios takes a body before its options; `request.post(options)`, `got.post(url, options)` do not.
    if (module === 'axios' && BODY_VERBS.has(member)) return URL_BODY_OPTIONS;
    return HTTP_VERBS.has(member) || BODY_VERBS.has(member) ? URL_FIRST : undefined;
  }
  return undefined;
}

/** Whether the code around `node` declares `name` itself (a local `fetch` is not the global one). */
function declaresName(sourceCode: RuleSourceCode, node: Node, name: string): boolean {
  for (let scope: ReturnType<RuleSourceCode['getScope']> | null = sourceCode.getScope(node); scope; scope = scope.upper) {
    const variable = scope.set.get(name);
    if (variable && variable.defs.length > 0) return true;
  }
  return false;
}

/** `fetch` and the browser-style socket classes as globals, not a local function or import of that name. */
function globalShape(name: string, bound: (name: string) => boolean, isNew: boolean): Shape | undefined {
  const root = name.split('.')[0];
  if (bound(root) && root !== 'globalThis' && root !== 'window' && root !== 'self') return undefined;
  const local = name.replace(/^(globalThis|window|self)\./, '');
  if (local === 'fetch' && !isNew) return URL_THEN_OPTIONS;
  return isNew && (local === 'WebSocket' || local === 'EventSource') ? CONSTRUCTOR : undefined;
}

function genericShape(call: TSESTree.CallExpression | TSESTree.NewExpression): Shape | undefined {
  const method = calleeMethod(call);
  if (method === undefined) return undefined;
  if (call.type === 'NewExpression') return CLIENT_CLASS.test(method) ? CONSTRUCTOR : undefined;
  if (CLIENT_FACTORY.test(method)) return CONSTRUCTOR;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || !(HTTP_VERBS.has(method) || method === 'fetch')) return undefined;
  const receiver = dottedName(callee.object);
  if (receiver === undefined || !HTTP_RECEIVER.test(receiver)) return undefined;
  return BODY_VERBS.has(method) ? URL_BODY_OPTIONS : URL_FIRST;
}

/**
 * The outbound connection a call or `new` opens, if it is one Opslint knows: a module's HTTP,
 * socket or database client (through the file's imports), the global `fetch`/`WebSocket`, a
 * client class or factory by its name, or an HTTP method of an object named for HTTP.
 */
export function outboundCall(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  bindings: ReadonlyMap<string, ModuleBinding>,
  sourceCode: RuleSourceCode,
): OutboundCall | undefined {
  const bound = (local: string) => declaresName(sourceCode, call, local);
  const isNew = call.type === 'NewExpression';
  const resolved = resolveModuleMember(call.callee, bindings);
  const name = dottedName(call.callee) ?? calleeMethod(call) ?? 'this call';
  const shape = (resolved && moduleShape(resolved.module, resolved.member))
    ?? (resolved ? undefined : globalShape(name, bound, isNew))
    ?? genericShape(call);
  return shape && { client: `${isNew ? 'new ' : ''}${name}`, ...shape };
}

/**
 * Whether argument `index` of the call says where it connects: as the address itself
 * (`viaOption` false: `fetch(url)`), or under an address key of an options object (`viaOption`
 * true: `new Pool({ host })`, `axios({ url })`).
 */
export function takesAddressAt(outbound: OutboundCall, index: number, viaOption: boolean): boolean {
  if (!viaOption) return outbound.addressArgs.includes(index);
  return outbound.optionArgs.includes(index) || outbound.optionArgs.includes(ALL_OBJECTS);
}

/**
 * Option keys that say where a connection goes: `host`, `url`, `baseURL`, `brokers`,
 * `connectionString`, ... (in any object nested under the options: `{ redis: { host } }`).
 */
export const ADDRESS_KEYS = new Set([
  'url', 'uri', 'baseURL', 'baseUrl', 'prefixUrl', 'endpoint', 'host', 'hostname', 'hosts', 'server', 'servers', 'brokers',
  'bootstrapServers', 'connectionString', 'connectionUri', 'connectionUrl', 'address', 'node', 'nodes', 'target', 'proxy',
]);
