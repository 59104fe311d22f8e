import { rule } from '../../../rules/resilience/no-floating-promise-in-handler';
import { runRuleTests } from '../../helpers/rule-tester';

const SAVE = `async function save(x) { await db.insert(x); }\n`;

runRuleTests(rule, {
  valid: [
    { name: 'awaited', code: `${SAVE}app.post('/x', async (req, res) => {\n  await save(req.body);\n  res.sendStatus(201);\n});` },
    { name: 'returned', code: `${SAVE}app.post('/x', (req) => {\n  return save(req.body);\n});` },
    { name: 'caught', code: `${SAVE}app.post('/x', (req, res) => {\n  save(req.body).catch((err) => req.log.error(err));\n  res.sendStatus(202);\n});` },
    { name: 'voided with a catch', code: `${SAVE}app.post('/x', (req, res) => {\n  void save(req.body).catch(log);\n  res.end();\n});` },
    { name: 'then with a rejection handler', code: `${SAVE}app.post('/x', (req, res) => {\n  save(req.body).then(() => res.end(), next);\n});` },
    { name: 'stored for later', code: `${SAVE}app.post('/x', async (req, res) => {\n  const pending = save(req.body);\n  res.end();\n  await pending;\n});` },
    { name: 'not in a handler', code: `${SAVE}export function fireAndForget(x) {\n  save(x);\n}` },
    { name: 'a sync function of the module', code: `function track(x) { counter += x; }\napp.get('/x', (req, res) => {\n  track(1);\n  res.end();\n});` },
    { name: 'unknown call: no type information, no finding', code: `import { notify } from './notify';\napp.get('/x', (req, res) => {\n  notify(req.user);\n  res.end();\n});` },
    { name: 'res.json and next are not promises', code: `app.use((req, res, next) => {\n  res.json({});\n  next();\n});` },
    { name: 'test files are skipped', filename: 'src/app.test.ts', code: `${SAVE}app.get('/x', (req, res) => { save(1); });` },
    { name: 'async method of another object with the same name', code: `class Repo { async save() {} }\napp.get('/x', (req, res) => {\n  cache.save();\n  res.end();\n});` },
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
      code: `class Orders {\n  @Post()\n  async create(body) {\n    this.publish(body);\n    return { ok: true };\n  }\n  async publish(body) { await bus.send(body); }\n}`,
      errors: [{ messageId: 'floatingPromise', line: 4, column: 5, endLine: 4, endColumn: 17,
        suggestions: [{ messageId: 'addAwait', output: `class Orders {\n  @Post()\n  async create(body) {\n    await this.publish(body);\n    return { ok: true };\n  }\n  async publish(body) { await bus.send(body); }\n}` }] }],
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
