import { rule } from '../../../rules/caching/no-unbounded-cache';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'a size check guards the insert', code: 'const cache = new Map();\nexport function put(k, v) {\n  if (cache.size >= MAX) return;\n  cache.set(k, v);\n}' },
    { name: 'eviction in another function of the module', code: 'const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }\nexport function evict(k) { cache.delete(k); }' },
    { name: 'a .clear() on a timer', code: 'const cache = new Map();\nexport function put(k, v) { cache.set(k, v); }\nsetInterval(() => cache.clear(), 60_000).unref();' },
    { name: 'filled only at module load from static data', code: 'const countries = new Map();\nfor (const c of COUNTRIES) countries.set(c.code, c);\nexport const byCode = (code) => countries.get(code);' },
    { name: 'filled by a function that only module load calls', code: 'const countries = new Map();\nfunction load() { for (const c of COUNTRIES) countries.set(c.code, c); }\nload();' },
    { name: 'filled in a top-level IIFE', code: 'const codes = new Set();\n(() => { for (const c of LIST) codes.add(c); })();' },
    { name: 'an lru-cache instance', code: 'import { LRUCache } from "lru-cache";\nconst cache = new LRUCache({ max: 500 });\nexport function put(k, v) { cache.set(k, v); }' },
    { name: 'a WeakMap', code: 'const meta = new WeakMap();\nexport function tag(obj, v) { meta.set(obj, v); }' },
    { name: 'a registry of handlers', code: 'const handlers = [];\nexport function onEvent(handler) { handlers.push(handler); }\nexport function register(name, fn) { routes.set(name, fn); }\nconst routes = new Map();' },
    { name: 'a class field of a class made per call', code: 'class Session {\n  private seen = new Set<string>();\n  mark(id: string) { this.seen.add(id); }\n}\nexport function open() { return new Session(); }' },
    { name: 'a function-local Map', code: 'export function dedupe(items) { const seen = new Set(); for (const i of items) seen.add(i.id); return seen.size; }' },
    { name: 'handed to a function that may bound it', code: 'const cache = new Map();\nregisterForEviction(cache);\nexport function put(k, v) { cache.set(k, v); }' },
    { name: 'a queue that is drained', code: 'const queue = [];\nexport function enqueue(job) { queue.push(job); }\nexport function next() { return queue.shift(); }' },
    { name: 'reset by reassignment', code: 'let cache = new Map();\nexport function put(k, v) { cache.set(k, v); }\nexport function reset() { cache = new Map(); }' },
    { name: 'an array truncated by length', code: 'const buffer = [];\nexport function add(x) { buffer.push(x); }\nexport function flush() { send(buffer); buffer.length = 0; }' },
    { name: 'an object guarded by Object.keys(...).length', code: 'const memo = {};\nexport function put(k, v) { if (Object.keys(memo).length > 100) return; memo[k] = v; }' },
    { name: 'fixed keys on an object are not growth', code: 'const state = {};\nexport function ready() { state.ready = true; state.at = Date.now(); }' },
    { name: 'completed at load by a forEach over a static table', code: 'const Codes = { OK: 200, NotFound: 404 };\nObject.entries(Codes).forEach(([key, value]) => { Codes[value] = key; });\nexport default Codes;' },
    { name: 'a warn-once set keyed by messages in the code', code: 'const emittedWarnings = new Set();\nexport function warnOnce(message) {\n  if (!emittedWarnings.has(message)) { emittedWarnings.add(message); process.emitWarning(message); }\n}' },
    { name: 'a registry of classes by scheme', code: 'const registeredResolvers = {};\nexport function registerResolver(scheme, resolverClass) { registeredResolvers[scheme] = resolverClass; }' },
    { name: 'a registry of objects holding handlers', code: 'const services = [];\nexport function addService(getServiceDefinition, getHandlers) { services.push({ getServiceDefinition, getHandlers }); }' },
    { name: 'an exported function: its callers are elsewhere', code: 'const cache = new Map();\nexport async function getUser(id) {\n  if (!cache.has(id)) cache.set(id, await db.find(id));\n  return cache.get(id);\n}' },
    { name: 'keyed by a fixed enum, in a handler', code: 'const secrets = {};\napp.post(\'/token\', (req) => { secrets[SecretName.token] = req.body.token; });' },
    { name: 'keyed by a literal, in a handler', code: 'const stats = new Map();\napp.get(\'/x\', (req) => { stats.set(\'last\', Date.now()); });' },
    { name: 'filled by start-up code only', code: 'const types = {};\nasync function main() { for (const t of await loadTypes()) types[t.name] = t; }\nmain();' },
    { name: 'filled in a once: true ready listener', code: 'const guilds = new Map();\nmodule.exports = { name: \'ready\', once: true, execute(client) { for (const g of client.guilds) guilds.set(g.id, g); } };' },
    { name: 'a field of a class created elsewhere, filled in a public method', code: 'export class ApiCache {\n  index = {};\n  add(key, group) { this.index[key] = group; }\n}' },
    { name: 'a static table only read', code: 'const table = new Map([[1, "a"]]);\nexport function get(k) { return table.get(k); }' },
  ],
  invalid: [
    {
      name: 'a module-level Map grown per request; the suggestion imports lru-cache after the last import',
      code: 'import { db } from "./db";\nconst cache = new Map<string, User>();\nasync function getUser(id: string) {\n  const hit = cache.get(id);\n  if (hit) return hit;\n  const user = await db.find(id);\n  cache.set(id, user);\n  return user;\n}\napp.get(\'/users/:id\', async (req, res) => res.json(await getUser(req.params.id)));',
      errors: [{ messageId: 'unboundedCache', line: 2, column: 7, endLine: 2, endColumn: 12, suggestions: [
        { messageId: 'useLruCache', output: 'import { db } from "./db";\nimport { LRUCache } from \'lru-cache\';\nconst cache = new LRUCache<string, User>({ max: 1000 });\nasync function getUser(id: string) {\n  const hit = cache.get(id);\n  if (hit) return hit;\n  const user = await db.find(id);\n  cache.set(id, user);\n  return user;\n}\napp.get(\'/users/:id\', async (req, res) => res.json(await getUser(req.params.id)));' },
      ] }],
      output: null,
    },
    {
      name: 'a Set of seen ids: no suggestion',
      code: 'const seen = new Set();\nfunction track(id) { seen.add(id); }\nclient.on(\'messageCreate\', (m) => track(m.author.id));',
      errors: [{ messageId: 'unboundedCache', line: 1, column: 7, endLine: 1, endColumn: 11, suggestions: null }],
      output: null,
    },
    {
      name: 'an array of events',
      code: 'const events: Event[] = [];\napp.post(\'/events\', (req) => { events.push(req.body); });',
      errors: [{ messageId: 'unboundedCache', line: 1, column: 7, endLine: 1, endColumn: 13, suggestions: null }],
      output: null,
    },
    {
      name: 'an object keyed by request data',
      code: 'const cache = {};\nrouter.put(\'/kv\', (req) => { cache[req.query.k] = req.query.v; });',
      errors: [{ messageId: 'unboundedCache', line: 1, column: 7, endLine: 1, endColumn: 12, suggestions: null }],
      output: null,
    },
    {
      name: 'an exported Map, with the suggestion reusing an existing LRUCache import',
      code: 'import { LRUCache } from "lru-cache";\nexport const sessions = new Map();\napp.post(\'/login\', (req) => { sessions.set(req.body.id, req.body); });',
      errors: [{ messageId: 'unboundedCache', line: 2, column: 14, endLine: 2, endColumn: 22, suggestions: [
        { messageId: 'useLruCache', output: 'import { LRUCache } from "lru-cache";\nexport const sessions = new LRUCache({ max: 1000 });\napp.post(\'/login\', (req) => { sessions.set(req.body.id, req.body); });' },
      ] }],
      output: null,
    },
    {
      name: 'a class static Map',
      code: 'class Repo {\n  static cache = new Map();\n  static get(id) { if (!Repo.cache.has(id)) Repo.cache.set(id, load(id)); return Repo.cache.get(id); }\n}\napp.get(\'/r/:id\', (req, res) => res.json(Repo.get(req.params.id)));',
      errors: [{ messageId: 'unboundedCache', line: 2, column: 10, endLine: 2, endColumn: 15, suggestions: [
        { messageId: 'useLruCache', output: 'import { LRUCache } from \'lru-cache\';\nclass Repo {\n  static cache = new LRUCache({ max: 1000 });\n  static get(id) { if (!Repo.cache.has(id)) Repo.cache.set(id, load(id)); return Repo.cache.get(id); }\n}\napp.get(\'/r/:id\', (req, res) => res.json(Repo.get(req.params.id)));' },
      ] }],
      output: null,
    },
    {
      name: 'a field of a module singleton',
      code: 'class Service {\n  private cache = new Map<string, number>();\n  compute(k: string) { this.cache.set(k, 1); }\n}\nexport const service = new Service();\nclient.on(\'interactionCreate\', (i) => service.compute(i.user.id));',
      errors: [{ messageId: 'unboundedCache', line: 2, column: 11, endLine: 2, endColumn: 16, suggestions: [
        { messageId: 'useLruCache', output: 'import { LRUCache } from \'lru-cache\';\nclass Service {\n  private cache = new LRUCache<string, number>({ max: 1000 });\n  compute(k: string) { this.cache.set(k, 1); }\n}\nexport const service = new Service();\nclient.on(\'interactionCreate\', (i) => service.compute(i.user.id));' },
      ] }],
      output: null,
    },
    {
      name: 'a field set in the constructor of a module singleton',
      code: 'class Service {\n  constructor() { this.cache = {}; }\n  compute(k) { this.cache[k] = 1; }\n}\nconst service = new Service();\nexport default service;\nclient.on(\'messageCreate\', (m) => service.compute(m.content));',
      errors: [{ messageId: 'unboundedCache', line: 2, column: 19, endLine: 2, endColumn: 29, suggestions: null }],
      output: null,
    },
    {
      name: 'a CommonJS module gets a require in the suggestion',
      code: 'const { something } = require("x");\nconst cache = new Map();\napp.put(\'/kv/:k\', (req, res) => cache.set(req.params.k, req.body));',
      errors: [{ messageId: 'unboundedCache', line: 2, column: 7, endLine: 2, endColumn: 12, suggestions: [
        { messageId: 'useLruCache', output: 'const { something } = require("x");\nconst { LRUCache } = require(\'lru-cache\');\nconst cache = new LRUCache({ max: 1000 });\napp.put(\'/kv/:k\', (req, res) => cache.set(req.params.k, req.body));' },
      ] }],
      output: null,
    },
    {
      name: 'a clear() on a shadowing parameter does not bound the module cache',
      code: 'const cache = new Map();\nfunction put(k, v) { cache.set(k, v); }\nexport function wipe(cache) { cache.clear(); }\napp.post(\'/p\', (req) => put(req.body.k, req.body.v));',
      options: [{ suggestedMax: 50 }],
      errors: [{ messageId: 'unboundedCache', line: 1, column: 7, endLine: 1, endColumn: 12, suggestions: [
        { messageId: 'useLruCache', output: 'import { LRUCache } from \'lru-cache\';\nconst cache = new LRUCache({ max: 50 });\nfunction put(k, v) { cache.set(k, v); }\nexport function wipe(cache) { cache.clear(); }\napp.post(\'/p\', (req) => put(req.body.k, req.body.v));' },
      ] }],
      output: null,
    },
    {
      name: 'a load-time fill does not excuse growth per call',
      code: 'const codes = new Set(DEFAULT_CODES);\nfor (const c of EXTRA) codes.add(c);\napp.post(\'/allow\', (req) => { codes.add(req.body.code); });',
      errors: [{ messageId: 'unboundedCache', line: 1, column: 7, endLine: 1, endColumn: 12, suggestions: null }],
      output: null,
    },
  ],
});
