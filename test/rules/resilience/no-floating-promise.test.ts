import { rule } from '../../../rules/resilience/no-floating-promise';
import { runRuleTests } from '../../helpers/rule-tester';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

const SAVE = `async function save(x) { await db.insert(x); }\n`;

runRuleTests(rule, {
  valid: [
    { name: 'awaited', code: `${SAVE}app.post('/x', async (req, res) => {\n  await save(req.body);\n  res.sendStatus(201);\n});` },
    { name: 'returned', code: `${SAVE}app.post('/x', (req) => {\n  return save(req.body);\n});` },
    { name: 'caught', code: `${SAVE}app.post('/x', (req, res) => {\n  save(req.body).catch((err) => req.log.error(err));\n  res.sendStatus(202);\n});` },
    { name: 'voided with a catch', code: `${SAVE}app.post('/x', (req, res) => {\n  void save(req.body).catch(log);\n  res.end();\n});` },
    { name: 'then with a rejection handler', code: `${SAVE}app.post('/x', (req, res) => {\n  save(req.body).then(() => res.end(), next);\n});` },
    { name: 'stored for later', code: `${SAVE}app.post('/x', async (req, res) => {\n  const pending = save(req.body);\n  res.end();\n  await pending;\n});` },
    { name: 'in a function whose callers the file does not show', code: `${SAVE}export function fireAndForget(x) {\n  save(x);\n}` },
    { name: 'in start-up code, which runs once', code: `${SAVE}async function main() {\n  await db.connect();\n}\nmain();\nsave({ boot: true });` },
    { name: 'voided, with a comment saying why it is fire-and-forget', code: `${SAVE}app.post('/x', (req, res) => {\n  // best effort: the audit trail may lag, the answer must not wait\n  void save(req.body);\n  res.end();\n});` },
    { name: 'an async function of the module that catches everything cannot reject', code: `async function audit(x) {\n  try { await db.insert(x); } catch (err) { log.warn(err); }\n}\napp.post('/x', (req, res) => {\n  audit(req.body);\n  res.end();\n});` },
    { name: 'passed to Promise.all, which is awaited', code: `${SAVE}app.post('/x', async (req, res) => {\n  await Promise.all([save(1), save(2)]);\n  res.end();\n});` },
    { name: 'a handler-less catch is no-swallowed-error\'s finding', code: `${SAVE}app.post('/x', (req, res) => {\n  save(req.body).catch();\n  res.end();\n});` },
    { name: 'a sync function of the module', code: `function track(x) { counter += x; }\napp.get('/x', (req, res) => {\n  track(1);\n  res.end();\n});` },
    { name: 'res.json and next are not promises', code: `app.use((req, res, next) => {\n  res.json({});\n  next();\n});` },
    { name: 'test files are skipped', filename: 'src/app.test.ts', code: `${SAVE}app.get('/x', (req, res) => { save(1); });` },
    { name: 'a function of another module under ESLint, which has no project pass, or with no summary', code: `import { notify } from './notify';\napp.get('/x', (req, res) => {\n  notify(req.user);\n  res.end();\n});` },
    { name: 'async method of another object with the same name', code: `class Repo { async save() {} }\napp.get('/x', (req, res) => {\n  cache.save();\n  res.end();\n});` },
    { name: 'a .then() chain on something not known to be a native promise (an ORM\'s Bluebird promise reports its own rejections)', code: `const models = require('./models');\nfunction onMessage(bot, message) {\n  models.Channel.findOne({ where: { name: message.channel } }).then((channel) => bot.reply(message, channel.name));\n}\ncontroller.hears(['^when'], ['direct_mention'], onMessage);` },
    { name: 'a pg query with a callback', code: `import { Pool } from 'pg';\nconst pool = new Pool();\napp.post('/x', (req, res) => {\n  pool.query('insert', [1], (err) => { if (err) req.log.error(err); });\n  res.end();\n});` },
    { name: 'a Prisma query is lazy: dropped, it never runs (not a rejection)', code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\napp.post('/x', (req, res) => {\n  prisma.audit.create({ data: {} });\n  res.end();\n});` },
    { name: 'an ioredis event subscription is no command', code: `import Redis from 'ioredis';\nconst redis = new Redis();\napp.post('/x', (req, res) => {\n  redis.on('error', onError);\n  res.end();\n});` },
    { name: 'Promise.allSettled never rejects', code: `app.get('/x', (req, res) => {\n  Promise.allSettled(tasks);\n  res.end();\n});` },
  ],
  invalid: [
    {
      name: 'async function of the module called and dropped in an express handler',
      code: `${SAVE}app.post('/orders', (req, res) => {\n  save(req.body);\n  res.sendStatus(201);\n});`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, endLine: 3, endColumn: 7, suggestions: null }],
      output: null,
    },
    {
      name: 'in an async handler: suggest await',
      code: `${SAVE}router.post('/orders', async (req, res) => {\n  save(req.body);\n  res.sendStatus(201);\n});`,
      errors: [{ messageId: 'floatingPromise', line: 3, column: 3, endLine: 3, endColumn: 7,
        suggestions: [{ messageId: 'addAwait', output: `${SAVE}router.post('/orders', async (req, res) => {\n  await save(req.body);\n  res.sendStatus(201);\n});` }] }],
      output: null,
    },
    {
      name: 'async function declared after the handler',
      code: `app.get('/x', (req, res) => {\n  audit(req);\n  res.end();\n});\nconst audit = async (req) => { await log.write(req.url); };`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3, endLine: 2, endColumn: 8, suggestions: null }],
      output: null,
    },
    {
      name: 'voided without a catch',
      code: `${SAVE}app.post('/x', async (req, res) => {\n  void save(req.body);\n  res.end();\n});`,
      errors: [{ messageId: 'voidedWithoutCatch', line: 3, column: 8, endLine: 3, endColumn: 12,
        suggestions: [{ messageId: 'addAwait', output: `${SAVE}app.post('/x', async (req, res) => {\n  await save(req.body);\n  res.end();\n});` }] }],
      output: null,
    },
    {
      name: 'then without a rejection handler',
      code: `app.get('/x', (req, res) => {\n  fetch(url, { signal }).then((r) => res.json(r));\n});`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3, endLine: 2, endColumn: 30, suggestions: null }],
      output: null,
    },
    {
      name: 'fs/promises in a handler registered by name',
      code: `import { writeFile } from 'node:fs/promises';\nserver.on('request', onRequest);\nfunction onRequest(req, res) {\n  writeFile('last-request', req.url);\n  res.end();\n}`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 3, endLine: 4, endColumn: 12, suggestions: null }],
      output: null,
    },
    {
      name: 'async method via this in a Nest controller',
      code: `@Controller('orders')\nclass Orders {\n  @Post()\n  async create(body) {\n    this.publish(body);\n    return { ok: true };\n  }\n  async publish(body) { await bus.send(body); }\n}`,
      errors: [{ messageId: 'floatingPromise', line: 5, column: 5, endLine: 5, endColumn: 17,
        suggestions: [{ messageId: 'addAwait', output: `@Controller('orders')\nclass Orders {\n  @Post()\n  async create(body) {\n    await this.publish(body);\n    return { ok: true };\n  }\n  async publish(body) { await bus.send(body); }\n}` }] }],
      output: null,
    },
    {
      name: 'an ioredis command dropped in a route',
      code: `import Redis from 'ioredis';\nconst redis = new Redis();\napp.post('/seen', (req, res) => {\n  redis.set(req.body.id, '1', 'EX', 60);\n  res.end();\n});`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 3, endLine: 4, endColumn: 12, suggestions: null }],
      output: null,
    },
    {
      name: 'a pg pool query with no callback, in an interval callback',
      code: `const { Pool } = require('pg');\nconst pool = new Pool();\nsetInterval(() => {\n  pool.query('delete from sessions where expires < now()');\n}, 60000);`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 3, endLine: 4, endColumn: 13, suggestions: null }],
      output: null,
    },
    {
      name: 'Promise.all in a queue consumer',
      code: `channel.consume('q', (msg) => {\n  Promise.all(handlers.map((h) => h(msg)));\n});`,
      errors: [{ messageId: 'floatingPromise', line: 2, column: 3, endLine: 2, endColumn: 14, suggestions: null }],
      output: null,
    },
    {
      name: 'axios in a block callback inside a handler',
      code: `import axios from 'axios';\napp.post('/hooks', (req, res) => {\n  req.body.targets.forEach((t) => {\n    axios.post(t, req.body, { timeout: 1000 });\n  });\n  res.end();\n});`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 5, endLine: 4, endColumn: 15, suggestions: null }],
      output: null,
    },
  ],
});

const handler = (call: string) => `import express from 'express';\nconst app = express();\napp.post('/orders', (req, res) => {\n  ${call};\n  res.sendStatus(202);\n});\n`;
const at = (column: number, endColumn: number) => ({ file: 'src/routes.ts', messageId: 'floatingPromise', line: 5, column, endLine: 5, endColumn });

// Across files: the callee's summary travels in its module's facts and the project pass decides.
runProjectRuleTests(rule, {
  valid: [
    { name: 'an imported function that is not async', files: { 'src/store.ts': 'export function save(x: unknown) { return 1; }', 'src/routes.ts': `import { save } from './store';\n${handler('save(req.body)')}` } },
    { name: 'an imported async function that catches everything', files: { 'src/store.ts': 'export async function save(x: unknown) {\n  try { await db.put(x); } catch (e) { console.error(e); }\n}\ndeclare const db: any;', 'src/routes.ts': `import { save } from './store';\n${handler('save(req.body)')}` } },
    { name: 'an imported async function, awaited', files: { 'src/store.ts': 'export async function save(x: unknown) {}', 'src/routes.ts': "import { save } from './store';\nimport express from 'express';\nconst app = express();\napp.post('/o', async (req, res) => {\n  await save(req.body);\n  res.end();\n});" } },
    { name: 'a package, whose functions the project pass has no summary of', files: { 'src/routes.ts': `import { save } from 'some-store';\n${handler('save(req.body)')}` } },
    { name: 'the program routes unhandled rejections to its own listener', files: { 'src/store.ts': 'export async function save(x: unknown) {}', 'src/routes.ts': `import { save } from './store';\n${handler('save(req.body)')}`, 'src/main.ts': "import './routes';\nprocess.on('unhandledRejection', (reason) => console.error(reason));" } },
    { name: 'a command module a framework loads (nobody imports it), under an entry point with an uncaughtException listener', files: { 'src/lib/log.js': 'module.exports.logEvent = async (x) => {};', 'src/commands/add.js': "const { logEvent } = require('../lib/log');\nmodule.exports = class Add extends Command {\n  async run(interaction) {\n    logEvent(interaction);\n  }\n};", 'src/index.js': "process.on('uncaughtException', (e) => console.error(e));\nrequire('./client').start();", 'src/client.js': 'module.exports.start = () => {};' } },
    { name: 'an imported async function called at start-up', files: { 'src/store.ts': 'export async function connect() {}', 'src/main.ts': "import { connect } from './store';\nconnect();" } },
  ],
  invalid: [
    { name: 'an exported async function', files: { 'src/store.ts': 'export async function save(x: unknown) {}', 'src/routes.ts': `import { save } from './store';\n${handler('save(req.body)')}` }, errors: [{ ...at(3, 7), message: 'an async function of `./store`' }] },
    { name: 'a CommonJS export that returns a promise chain', files: { 'src/store.js': 'module.exports.save = (x) => db.put(x).then(() => x);', 'src/routes.ts': `const store = require('./store');\n${handler('store.save(req.body)')}` }, errors: [at(3, 13)] },
    { name: 'a method of an exported singleton', files: { 'src/store.js': 'class Store {\n  async save(x) { await this.db.put(x); }\n}\nmodule.exports = new Store();', 'src/routes.ts': `import store from './store';\n${handler('store.save(req.body)')}` }, errors: [at(3, 13)] },
    { name: 'a wrapper of a wrapper, through a barrel', files: { 'src/db.ts': 'export async function put(x: unknown) {}', 'src/store.ts': "import { put } from './db';\nexport const save = (x: unknown) => put(x);", 'src/index.ts': "export { save } from './store';", 'src/routes.ts': `import { save } from './index';\n${handler('save(req.body)')}` }, errors: [at(3, 7)] },
    { name: 'an export * barrel', files: { 'src/store.ts': 'export const save = async (x: unknown) => {};', 'src/index.ts': "export * from './store';", 'src/routes.ts': `import { save } from './index';\n${handler('save(req.body)')}` }, errors: [at(3, 7)] },
  ],
});
