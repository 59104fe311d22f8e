import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { findProperty, hasSpread, unwrapExpression } from '../../utils/ast-names';
import { GLOBAL_PACKAGE, memberPath, type Provenance } from './provenance';

/**
 * Where a call takes the options that can bound it:
 * - `index`: that argument (`axios.get(url, config)`: 1); with `objectFirst`, the first argument when
 *   it is an options object instead of a URL (`axios(config)`, `got({ url })`);
 * - `urlOrOptions`: Node's `http.request(url?, options?, callback?)` shape: callbacks aside, the argument
 *   after a URL, or the only argument when it is not a URL; `skipProtocols` skips ws's subprotocol list;
 * - `chain`: none; a method called on the returned request sets it (`superagent.get(url).timeout(ms)`).
 */
export type OptionsAt =
  | { kind: 'index'; index: number; objectFirst?: boolean }
  | { kind: 'urlOrOptions'; skipProtocols?: boolean }
  | { kind: 'chain'; method: string };

/** A default every call of the program gets, set once: `axios.defaults.timeout = 5000`. */
export interface ProgramDefault {
  /** The name module facts record and findings refer to: `axios.timeout`. */
  name: string;
  /** Set by assigning this member path of the package's export (`defaults.timeout`)… */
  assign?: string;
  /** …or by calling this member with an options object holding a timeout key (`needle.defaults({ response_timeout })`)… */
  call?: string;
  /** …or by calling this member with a `new` of one of `constructs` whose options hold a timeout key (`setGlobalDispatcher(new Agent({...}))`). */
  callWithNew?: { member: string; constructs: readonly string[]; keys: readonly string[] };
}

/** One HTTP (or WebSocket) client library: the calls that make outbound requests and where their timeout lives. */
export interface OutboundClient {
  /** What messages call it. */
  label: string;
  /** Packages whose export is this client (`node:` stripped; `(global)` for the platform's globals). */
  packages: readonly string[];
  /** Member paths from the export that make a request (`''`: calling the export itself) and where each takes options. */
  requests: Readonly<Record<string, OptionsAt>>;
  /** Constructors that open a connection: `new WebSocket(url, protocols, options)`. */
  constructs?: Readonly<Record<string, OptionsAt>>;
  /** Member paths that create a client whose options are the defaults of every call made through it (`axios.create`). */
  factories?: Readonly<Record<string, OptionsAt>>;
  /** Option keys that bound how long a call can wait. */
  timeoutKeys: readonly string[];
  /** Methods of the returned request that set a timeout after the call (`req.setTimeout(ms)`). */
  handleTimeoutMethods?: readonly string[];
  /** A member path on a created client whose assignment sets its default timeout (`api.defaults.timeout = 5000`). */
  instanceDefault?: string;
  programDefault?: ProgramDefault;
  /** What a call without a timeout does, said in messages: "axios sets no timeout by default". */
  withoutTimeout: string;
  /** The library has a finite default timeout: only turning it off is reported (ky's 10 s). */
  finiteDefault?: boolean;
  /** The option a suggestion inserts, for a timeout in ms: `timeout: 10000`. */
  option: (ms: number) => string;
}

const AXIOS_METHODS: Record<string, OptionsAt> = {
  '': { kind: 'index', index: 1, objectFirst: true },
  request: { kind: 'index', index: 0 },
  ...Object.fromEntries(['get', 'delete', 'head', 'options'].map((m) => [m, { kind: 'index', index: 1 }])),
  ...Object.fromEntries(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'].map((m) => [m, { kind: 'index', index: 2 }])),
};
const SECOND_OR_FIRST: OptionsAt = { kind: 'index', index: 1, objectFirst: true };
const methods = (names: string[], at: OptionsAt): Record<string, OptionsAt> => Object.fromEntries(names.map((m) => [m, at]));
const URL_OR_OPTIONS: OptionsAt = { kind: 'urlOrOptions' };
const UNDICI_DISPATCHERS = ['Agent', 'Pool', 'Client', 'ProxyAgent', 'EnvHttpProxyAgent', 'RetryAgent'];
const UNDICI_DISPATCHER_DEFAULT: ProgramDefault = {
  name: 'undici.dispatcher',
  callWithNew: { member: 'setGlobalDispatcher', constructs: UNDICI_DISPATCHERS, keys: ['headersTimeout', 'bodyTimeout'] },
};
const signalOption = (ms: number) => `signal: AbortSignal.timeout(${ms})`;

/**
 * The client libraries the timeout rules know, keyed by package and API. A call is judged only
 * when its callee's provenance (see provenance.ts) leads to one of these; any other library's
 * `get`/`post`/`request` is not reported as if it were one of them.
 */
export const OUTBOUND_CLIENTS: readonly OutboundClient[] = [
  {
    label: 'fetch', packages: [GLOBAL_PACKAGE],
    requests: { fetch: { kind: 'index', index: 1 } },
    timeoutKeys: ['signal', 'dispatcher'],
    programDefault: UNDICI_DISPATCHER_DEFAULT,
    withoutTimeout: "Node's fetch waits up to undici's default 300 s for the response headers and 300 s between body chunks",
    option: signalOption,
  },
  {
    label: 'node-fetch', packages: ['node-fetch', 'cross-fetch', 'isomorphic-fetch'],
    requests: { '': { kind: 'index', index: 1 } },
    timeoutKeys: ['signal', 'timeout'],
    withoutTimeout: 'node-fetch sets no timeout by default, so it waits as long as the connection stays open',
    option: signalOption,
  },
  {
    label: 'axios', packages: ['axios'],
    requests: AXIOS_METHODS,
    factories: { create: { kind: 'index', index: 0 } },
    timeoutKeys: ['timeout', 'signal', 'cancelToken'],
    instanceDefault: 'defaults.timeout',
    programDefault: { name: 'axios.timeout', assign: 'defaults.timeout' },
    withoutTimeout: 'axios sets no timeout by default, so it waits as long as the connection stays open',
    option: (ms) => `timeout: ${ms}`,
  },
  {
    label: 'got', packages: ['got'],
    requests: { '': SECOND_OR_FIRST, ...methods(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream'], SECOND_OR_FIRST) },
    factories: { extend: { kind: 'index', index: 0 } },
    timeoutKeys: ['timeout', 'signal'],
    withoutTimeout: 'got sets no timeout by default, so it waits as long as the connection stays open',
    option: (ms) => `timeout: { request: ${ms} }`,
  },
  {
    label: 'ky', packages: ['ky'],
    requests: { '': { kind: 'index', index: 1 }, ...methods(['get', 'post', 'put', 'patch', 'delete', 'head'], { kind: 'index', index: 1 }) },
    factories: { create: { kind: 'index', index: 0 }, extend: { kind: 'index', index: 0 } },
    timeoutKeys: ['timeout', 'signal'],
    finiteDefault: true,
    withoutTimeout: 'ky times out after 10 s by default',
    option: (ms) => `timeout: ${ms}`,
  },
  {
    label: 'undici', packages: ['undici'],
    requests: { ...methods(['request', 'stream', 'pipeline'], { kind: 'index', index: 1 }), fetch: { kind: 'index', index: 1 } },
    timeoutKeys: ['signal', 'headersTimeout', 'bodyTimeout', 'dispatcher'],
    programDefault: UNDICI_DISPATCHER_DEFAULT,
    withoutTimeout: "undici waits up to its default 300 s for the response headers and 300 s between body chunks",
    option: signalOption,
  },
  {
    label: 'http', packages: ['http', 'https'],
    requests: { request: URL_OR_OPTIONS, get: URL_OR_OPTIONS },
    timeoutKeys: ['timeout', 'signal', 'agent'],
    handleTimeoutMethods: ['setTimeout'],
    withoutTimeout: "Node's http client sets no timeout by default, so it waits as long as the connection stays open",
    option: signalOption,
  },
  {
    label: 'request', packages: ['request', 'request-promise', 'request-promise-native', 'postman-request'],
    requests: { '': URL_OR_OPTIONS, ...methods(['get', 'post', 'put', 'patch', 'del', 'delete', 'head'], URL_OR_OPTIONS) },
    factories: { defaults: { kind: 'index', index: 0 } },
    timeoutKeys: ['timeout'],
    withoutTimeout: 'the request library sets no timeout by default, so it waits as long as the connection stays open',
    option: (ms) => `timeout: ${ms}`,
  },
  {
    label: 'superagent', packages: ['superagent'],
    requests: { '': { kind: 'chain', method: 'timeout' }, ...methods(['get', 'post', 'put', 'patch', 'del', 'delete', 'head', 'options'], { kind: 'chain', method: 'timeout' }) },
    timeoutKeys: [],
    withoutTimeout: 'superagent sets no timeout by default, so it waits as long as the connection stays open',
    option: (ms) => `.timeout(${ms})`,
  },
  {
    label: 'needle', packages: ['needle'],
    requests: {
      '': { kind: 'index', index: 3 }, request: { kind: 'index', index: 3 },
      ...methods(['get', 'head'], { kind: 'index', index: 1 }),
      ...methods(['post', 'put', 'patch', 'delete'], { kind: 'index', index: 2 }),
    },
    timeoutKeys: ['response_timeout', 'read_timeout'],
    programDefault: { name: 'needle.timeout', call: 'defaults' },
    withoutTimeout: "needle's default `open_timeout` bounds only the connect; it then waits for the response as long as the connection stays open",
    option: (ms) => `response_timeout: ${ms}`,
  },
  {
    label: 'ws', packages: ['ws'],
    requests: {},
    constructs: { '': { kind: 'urlOrOptions', skipProtocols: true }, WebSocket: { kind: 'urlOrOptions', skipProtocols: true } },
    timeoutKeys: ['handshakeTimeout'],
    withoutTimeout: 'ws sets no handshake timeout by default, so a server that accepts the connection but never answers the upgrade keeps it waiting',
    option: (ms) => `handshakeTimeout: ${ms}`,
  },
];

const BY_PACKAGE = new Map<string, OutboundClient>(OUTBOUND_CLIENTS.flatMap((c) => c.packages.map((p) => [p, c] as const)));

export function clientOfPackage(name: string): OutboundClient | undefined {
  return BY_PACKAGE.get(name);
}

/** What a call or `new` is, by its callee's provenance. */
export type OutboundUse =
  | { kind: 'request'; client: OutboundClient; options: OptionsAt; api: string }
  | { kind: 'connect'; client: OutboundClient; options: OptionsAt; api: string }
  | { kind: 'factory'; client: OutboundClient; options: OptionsAt; api: string }
  /** A call through a client a factory created (`api.get(...)` after `api = axios.create(...)`): judged at the factory. */
  | { kind: 'instance'; client: OutboundClient; factory: Provenance };

/**
 * Looks a callee's provenance up in the table: `axios.get` is a request, `axios.create` a
 * factory, `new WebSocket` (from `ws`) a connection, `api.get` through an `axios.create` client an
 * instance call. Undefined for anything the table does not list.
 */
export function outboundUseOf(callee: Provenance, construct: boolean): OutboundUse | undefined {
  const client = clientOfPackage(callee.package);
  if (!client) return undefined;
  const path = memberPath(callee.steps);
  if (path !== undefined) {
    const table = construct ? client.constructs : client.requests;
    const options = table?.[path];
    if (options) return { kind: construct ? 'connect' : 'request', client, options, api: path };
    const factory = construct ? undefined : client.factories?.[path];
    return factory ? { kind: 'factory', client, options: factory, api: path } : undefined;
  }
  // `<factory>(...).<method>`: the last call is the factory, the rest a request method of its client.
  const last = callee.steps.length - 1 - [...callee.steps].reverse().findIndex((s) => s.kind !== 'member');
  const factoryPath = memberPath(callee.steps.slice(0, last));
  const method = memberPath(callee.steps.slice(last + 1));
  if (construct || factoryPath === undefined || method === undefined || callee.steps[last].kind !== 'call') return undefined;
  if (!client.factories?.[factoryPath] || !client.requests[method]) return undefined;
  return { kind: 'instance', client, factory: { package: callee.package, steps: callee.steps.slice(0, last + 1) } };
}

/** What an options object literal says about a call's timeout. */
export type TimeoutInOptions =
  | { kind: 'set' }
  | { kind: 'absent' }
  /** A spread may carry one: trusted. */
  | { kind: 'unknown' }
  | { kind: 'disabled'; property: TSESTree.Property };

function isOff(value: Node): boolean {
  return value.type === 'Literal' && (value.value === false || value.value === 0 || value.value === null);
}

/**
 * Reads a timeout key out of an options object: `timeout: 0` / `false` turns axios's, got's and
 * ky's timeout off; an option left `undefined`, `null` or `false` sets nothing.
 */
export function timeoutInOptions(options: TSESTree.ObjectExpression, keys: readonly string[], assignedKeys: ReadonlySet<string> = new Set()): TimeoutInOptions {
  if (keys.some((key) => assignedKeys.has(key))) return { kind: 'set' };
  for (const key of keys) {
    const property = findProperty(options, key);
    if (!property) continue;
    const value = unwrapExpression(property.value);
    if (key === 'timeout' && isOff(value)) return { kind: 'disabled', property };
    if (isOff(value) || (value.type === 'Identifier' && value.name === 'undefined')) continue;
    return { kind: 'set' };
  }
  return hasSpread(options) ? { kind: 'unknown' } : { kind: 'absent' };
}

/**
 * The program-wide default a statement sets, if any: `axios.defaults.timeout = 5000`,
 * `needle.defaults({ response_timeout: 5000 })`, `setGlobalDispatcher(new Agent({ headersTimeout }))`.
 * `provenance` answers which package an expression comes from (see provenance.ts).
 */
export function programDefaultSetBy(node: Node, provenance: (expression: Node) => Provenance | undefined): string | undefined {
  if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'MemberExpression') {
    if (isOff(unwrapExpression(node.right))) return undefined;
    const target = provenance(node.left);
    const client = target && clientOfPackage(target.package);
    const setting = client?.programDefault;
    return setting?.assign !== undefined && memberPath(target!.steps) === setting.assign ? setting.name : undefined;
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = provenance(node.callee);
  const setting = callee && clientOfPackage(callee.package)?.programDefault;
  if (!setting) return undefined;
  const path = memberPath(callee!.steps);
  const first = node.arguments[0] && unwrapExpression(node.arguments[0]);
  const client = clientOfPackage(callee!.package)!;
  if (setting.call !== undefined && path === setting.call && first?.type === 'ObjectExpression') {
    return timeoutInOptions(first, client.timeoutKeys).kind === 'set' ? setting.name : undefined;
  }
  const withNew = setting.callWithNew;
  if (withNew && path === withNew.member && first?.type === 'NewExpression') {
    const made = provenance(first.callee);
    const options = first.arguments[0] && unwrapExpression(first.arguments[0]);
    if (!made || made.package !== callee!.package || !withNew.constructs.includes(memberPath(made.steps) ?? '') || options?.type !== 'ObjectExpression') return undefined;
    return timeoutInOptions(options, withNew.keys).kind === 'set' ? setting.name : undefined;
  }
  return undefined;
}

const QUOTED_PACKAGE = new RegExp(`['"\`](?:node:)?(?:${OUTBOUND_CLIENTS.flatMap((c) => c.packages).filter((p) => p !== GLOBAL_PACKAGE)
  .map((p) => p.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})['"\`]|\\bfetch\\b`);

/**
 * Whether a file can hold a call the table knows: it names one of the packages in quotes (an
 * import or `require`) or says `fetch`. A cheap text test, so files without any skip scope analysis.
 */
export function mayUseOutboundClient(text: string): boolean {
  return QUOTED_PACKAGE.test(text);
}
