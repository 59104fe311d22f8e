import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { dottedName, staticKeyName, unwrapExpression } from '../../utils/ast-names';

/**
 * KEY CARDINALITY: how many distinct keys a cache key expression can take over the life of the
 * process, read from what its parts come from. A key is split into its parts (template literal
 * holes, `+` operands, `[a, b].join()` elements, `JSON.stringify({...})` values, locals followed to
 * the one value they hold); each part is judged by the name of what it identifies, read from the
 * end of the expression it is taken from: `interaction.user.id` identifies a `user`,
 * `category.guildId` a `guild`, `ticketId` a `ticket`, `createdById` its creator (a user).
 * - `unbounded`: data that grows with use: users, members, sessions, IP addresses, channels,
 *   tickets, messages, requests, orders…, or a value new on every call (`Date.now()`, a UUID).
 *   One key per such entity ever seen.
 * - `bounded`: configuration-like data that grows only when an operator adds to it: guilds
 *   (servers), tenants, organisations, categories, locales, types, roles, settings…
 * - `constant`: literals and CONSTANT_CASE names only.
 * - `unknown`: a part whose name says neither (`id`, `value`, `key`).
 * The key is as large as its largest part: one unbounded part makes it unbounded
 * (`${guild.id}-${user.id}` grows with users), else one unknown part makes it unknown.
 */
export type KeyCardinality = 'constant' | 'bounded' | 'unknown' | 'unbounded';

export interface KeyReading {
  cardinality: KeyCardinality;
  /** For an unbounded key: the part that makes it so and what it identifies, for the message (`user`, `channel`, `call`). */
  part?: Node;
  entity?: string;
}

/** Words of names that identify data which grows with use, by the entity they name. */
const UNBOUNDED_WORDS = new Map<string, string>([
  ...['user', 'users', 'member', 'author', 'sender', 'owner', 'creator', 'requester', 'actor', 'account', 'customer', 'visitor', 'player', 'person', 'profile', 'recipient', 'subscriber', 'uid']
    .map((w) => [w, 'user'] as [string, string]),
  ['ip', 'IP address'], ['msg', 'message'], ['req', 'request'], ['sid', 'session'],
  ...['session', 'token', 'email', 'phone', 'device', 'fingerprint', 'channel', 'thread', 'conversation', 'chat', 'ticket',
    'message', 'interaction', 'request', 'order', 'invoice', 'payment', 'transaction', 'post', 'comment', 'reply', 'upload',
    'job', 'task', 'event', 'notification', 'document', 'submission', 'reaction', 'attachment']
    .map((w) => [w, w] as [string, string]),
]);

/**
 * Words that grow with use only when read from the incoming request: `req.originalUrl`, `req.query.search`
 * (one key per URL a client sends), but not `config.url` or `smtp.address` (a configured few).
 */
const REQUEST_WORDS = new Map([['url', 'URL'], ['uri', 'URL'], ['path', 'path'], ['query', 'query'], ['search', 'search'], ['address', 'address']]);
/** Names of the incoming request or event object. */
const REQUEST_ROOTS = new Set(['req', 'request', 'ctx', 'interaction', 'message', 'msg']);

/** Words of names that identify configuration-like data: a set operators grow, not users. */
const BOUNDED_WORDS = new Set([
  'guild', 'tenant', 'org', 'organization', 'organisation', 'workspace', 'category', 'locale', 'language', 'lang', 'region', 'country',
  'currency', 'type', 'kind', 'mode', 'status', 'env', 'environment', 'provider', 'plan', 'tier', 'role', 'permission', 'feature', 'flag',
  'setting', 'settings', 'config', 'template', 'version', 'shard', 'cluster', 'namespace', 'table', 'collection', 'schema', 'method',
  'command', 'route', 'endpoint', 'level', 'format', 'scope', 'site',
]);

/** Words that name an identifier, not what it identifies: `user.id`, `ticketId`, `guild_snowflake`. */
const ID_WORDS = new Set(['id', 'ids', 'uuid', 'guid', 'key', 'snowflake', 'hash', 'slug', 'name', 'code', 'value', 'str', 'string']);
/** Property reads that hold request data without naming an entity: `req.params.user`, `req.body.email`. */
const CONTAINERS = new Set(['params', 'query', 'body', 'headers', 'cookies', 'data', 'options', 'payload', 'args', 'dataValues']);

/** Calls whose value is new on every call: a key made of one never repeats. */
const FRESH_CALLS = new Set(['Date.now', 'Math.random', 'performance.now', 'crypto.randomUUID', 'randomUUID', 'uuid', 'uuidv4', 'v4', 'nanoid', 'cuid', 'ulid', 'process.hrtime']);
/** String conversions that keep their input's cardinality. */
const CONVERSIONS = new Set(['toString', 'toLowerCase', 'toUpperCase', 'trim', 'normalize', 'toFixed', 'valueOf']);

const MAX_DEPTH = 4;

/** camelCase, snake_case and kebab-case names as lower-case words. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * What a name identifies, by its words: the last word that is not an id word (`guildId` → guild);
 * a name ending in `By` (`createdBy`, `createdById`) names the actor, a user.
 */
function judgeName(name: string, fromRequest = false): { cardinality: KeyCardinality; entity?: string } {
  const words = nameWords(name).filter((w) => !ID_WORDS.has(w));
  if (words.length === 0) return { cardinality: 'unknown' };
  const last = words[words.length - 1];
  // `userid`, `username`, `channelid`: a name written as one word.
  const bare = last.replace(/(id|ids|name)$/, '');
  const known = (w: string) => UNBOUNDED_WORDS.has(w) || BOUNDED_WORDS.has(w) || REQUEST_WORDS.has(w);
  const head = known(last) || bare === '' ? last : bare;
  if (head === 'by') return { cardinality: 'unbounded', entity: 'user' };
  const entity = UNBOUNDED_WORDS.get(head) ?? (fromRequest ? REQUEST_WORDS.get(head) : undefined);
  if (entity) return { cardinality: 'unbounded', entity };
  if (BOUNDED_WORDS.has(head)) return { cardinality: 'bounded' };
  return { cardinality: 'unknown' };
}

/** The names a member chain reads, outermost last: `interaction.user.id` → interaction, user, id. */
function chainNames(node: Node): string[] | undefined {
  const names: string[] = [];
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression') {
    const name = staticKeyName(current.property, current.computed);
    if (name === undefined) return undefined;
    names.unshift(name);
    current = unwrapExpression(current.object);
  }
  if (current.type === 'Identifier') names.unshift(current.name);
  else if (current.type !== 'ThisExpression') return undefined;
  return names;
}

/** A part that is not split further: judged by the last name of its chain that names something. */
function judgeLeaf(node: Node): { cardinality: KeyCardinality; entity?: string } {
  const value = unwrapExpression(node);
  if (value.type === 'Literal') return { cardinality: 'constant' };
  if (value.type === 'Identifier' && /^[A-Z][A-Z0-9_]*$/.test(value.name)) return { cardinality: 'constant' };
  if (value.type === 'CallExpression' || value.type === 'NewExpression') {
    const callee = dottedName(value.callee);
    if (value.type === 'NewExpression' && callee === 'Date') return { cardinality: 'unbounded', entity: 'call' };
    if (callee !== undefined && FRESH_CALLS.has(callee)) return { cardinality: 'unbounded', entity: 'call' };
    return { cardinality: 'unknown' };
  }
  const names = chainNames(value);
  if (!names) return { cardinality: 'unknown' };
  const fromRequest = REQUEST_ROOTS.has(names[0]);
  for (let i = names.length - 1; i >= 0; i--) {
    const judged = judgeName(names[i], fromRequest && i > 0);
    if (judged.cardinality !== 'unknown') return judged;
    // `user.id`: the id word says nothing, its owner does; `req.params.x` is judged by `x` alone.
    const words = nameWords(names[i]);
    if (!words.every((w) => ID_WORDS.has(w)) || CONTAINERS.has(names[i])) break;
  }
  return { cardinality: 'unknown' };
}

const RANK: Record<KeyCardinality, number> = { constant: 0, bounded: 1, unknown: 2, unbounded: 3 };

/**
 * Reads a key. `valueOf` gives the one value a local name holds (`const key = \`…\``), when it holds
 * one; a name without one (a parameter) is judged by its own name.
 */
export function readKey(key: Node, valueOf: (identifier: TSESTree.Identifier) => Node | undefined): KeyReading {
  let reading: KeyReading = { cardinality: 'constant' };
  const raise = (next: KeyReading) => {
    if (RANK[next.cardinality] > RANK[reading.cardinality]) reading = next;
  };
  const stack: Array<{ node: Node; depth: number }> = [{ node: key, depth: 0 }];
  while (stack.length > 0) {
    const { node: raw, depth } = stack.pop()!;
    const node = unwrapExpression(raw);
    const push = (...parts: Array<Node | null | undefined>) => {
      for (const part of parts) if (part && part.type !== 'SpreadElement') stack.push({ node: part, depth: depth + 1 });
    };
    if (depth > MAX_DEPTH) { raise({ cardinality: 'unknown' }); continue; }
    switch (node.type) {
      case 'TemplateLiteral': push(...node.expressions); continue;
      case 'BinaryExpression': push(node.left as Node, node.right); continue;
      case 'LogicalExpression': push(node.left, node.right); continue;
      case 'ConditionalExpression': push(node.consequent, node.alternate); continue;
      case 'ArrayExpression': push(...node.elements); continue;
      case 'ObjectExpression':
        for (const property of node.properties) push(property.type === 'Property' ? property.value as Node : property.argument);
        continue;
      case 'CallExpression': {
        const callee = node.callee.type === 'MemberExpression' ? node.callee : undefined;
        const method = callee && staticKeyName(callee.property, callee.computed);
        if (callee && method === 'join') { push(callee.object); continue; }
        if (callee && method !== undefined && CONVERSIONS.has(method)) { push(callee.object); continue; }
        const name = dottedName(node.callee);
        if (name === 'JSON.stringify' || name === 'String') { push(node.arguments[0]); continue; }
        break;
      }
      case 'Identifier': {
        const value = valueOf(node);
        if (value) { push(value); continue; }
        break;
      }
      default:
        break;
    }
    const judged = judgeLeaf(node);
    raise(judged.cardinality === 'unbounded' ? { cardinality: 'unbounded', part: node, entity: judged.entity } : { cardinality: judged.cardinality });
  }
  return reading;
}
