import { rule } from '../../../rules/resilience/no-sync-io-in-handler';
import { runRuleTests } from '../../helpers/rule-tester';

const FS = `import fs from 'node:fs';\n`;

runRuleTests(rule, {
  valid: [
    { name: 'readFileSync at module top level', code: `${FS}const cert = fs.readFileSync('cert.pem');` },
    { name: 'sync helper not known to run per request', code: `${FS}export function loadTemplates() {\n  return fs.readdirSync('views');\n}` },
    { name: 'async main is start-up code', code: `${FS}async function main() {\n  const cfg = JSON.parse(fs.readFileSync('config.json', 'utf8'));\n  await start(cfg);\n}` },
    { name: 'async bootstrap method', code: `import { execSync } from 'child_process';\nclass App {\n  async bootstrap() { execSync('migrate'); }\n}` },
    { name: 'top-level async IIFE', code: `${FS}(async () => {\n  const key = fs.readFileSync('key');\n  await listen(key);\n})();` },
    { name: 'async fs API in a handler', code: `${FS}app.get('/x', async (req, res) => {\n  res.send(await fs.promises.readFile('x'));\n});` },
    { name: 'a local object with a *Sync method', code: `const store = { getSync: () => 1 };\napp.get('/x', (req, res) => res.json(store.getSync()));` },
    { name: 'crypto calls that are cheap', code: `import crypto from 'crypto';\napp.get('/id', (req, res) => res.send(crypto.randomUUID()));` },
    { name: 'shebang CLI', code: `#!/usr/bin/env node\n${FS}async function run() { fs.writeFileSync('out', data); }` },
    { name: 'cli folder', filename: 'src/cli/build.ts', code: `${FS}export async function build() { fs.mkdirSync('dist'); }` },
    { name: 'test file', filename: 'src/a.spec.ts', code: `${FS}it('x', async () => { fs.readFileSync('fixture'); });` },
    { name: 'cache.get with a callback is not a route', code: `${FS}cache.get('key', () => fs.readFileSync('x'));` },
    { name: 'a handler registered by name that is not a function here', code: `${FS}import { getUser } from './users';\napp.get('/u', getUser);\nfs.readFileSync('x');` },
    { name: 'unrelated module with a Sync export', code: `import { parseSync } from 'yaml-lib';\nexport async function read(s) { return parseSync(s); }` },
  ],
  invalid: [
    {
      name: 'readFileSync in an express handler',
      code: `${FS}app.get('/report', (req, res) => {\n  res.send(fs.readFileSync('report.html'));\n});`,
      errors: [{ messageId: 'syncInHandler', line: 3, column: 12, endLine: 3, endColumn: 27, suggestions: null }],
      output: null,
    },
    {
      name: 'readFileSync directly in an async function, with the swap suggestion',
      code: `${FS}export async function render(name: string) {\n  const html = fs.readFileSync(name, 'utf8');\n  return html;\n}`,
      errors: [{ messageId: 'syncInAsync', line: 3, column: 16, endLine: 3, endColumn: 31,
        suggestions: [{ messageId: 'useAsync', output: `${FS}export async function render(name: string) {\n  const html = await fs.promises.readFile(name, 'utf8');\n  return html;\n}` }] }],
      output: null,
    },
    {
      name: 'suggestion adds parentheses when the result is used as an object',
      code: `${FS}export async function size(p) {\n  return fs.statSync(p).size;\n}`,
      errors: [{ messageId: 'syncInAsync', line: 3, column: 10, endLine: 3, endColumn: 21,
        suggestions: [{ messageId: 'useAsync', output: `${FS}export async function size(p) {\n  return (await fs.promises.stat(p)).size;\n}` }] }],
      output: null,
    },
    {
      name: 'named import from child_process in a koa middleware',
      code: `import { execSync } from 'node:child_process';\napp.use(async (ctx, next) => {\n  ctx.body = execSync('git rev-parse HEAD').toString();\n  await next();\n});`,
      errors: [{ messageId: 'syncInHandler', line: 3, column: 14, endLine: 3, endColumn: 22, suggestions: null }],
      output: null,
    },
    {
      name: 'pbkdf2Sync in a handler registered by name, declared after',
      code: `import * as crypto from 'crypto';\nrouter.post('/login', login);\nfunction login(req, res) {\n  const hash = crypto.pbkdf2Sync(req.body.pw, salt, 100000, 64, 'sha512');\n  res.json({ ok: hash.equals(stored) });\n}`,
      errors: [{ messageId: 'syncInHandler', line: 4, column: 16, endLine: 4, endColumn: 33, suggestions: null }],
      output: null,
    },
    {
      name: 'zlib in a server request listener',
      code: `const zlib = require('zlib');\nserver.on('request', (req, res) => {\n  res.end(zlib.gzipSync(body));\n});`,
      errors: [{ messageId: 'syncInHandler', line: 3, column: 11, endLine: 3, endColumn: 24, suggestions: null }],
      output: null,
    },
    {
      name: 'existsSync inside a nested callback of a handler',
      code: `${FS}fastify.get('/files', async (req) => {\n  return names.filter((n) => fs.existsSync(n));\n});`,
      errors: [{ messageId: 'syncInHandler', line: 3, column: 30, endLine: 3, endColumn: 43, suggestions: null }],
      output: null,
    },
    {
      name: 'queue consumer',
      code: `${FS}channel.consume('jobs', (msg) => {\n  fs.appendFileSync('log', msg.content);\n});`,
      errors: [{ messageId: 'syncInHandler', line: 3, column: 3, endLine: 3, endColumn: 20, suggestions: null }],
      output: null,
    },
    {
      name: 'Nest controller method',
      code: `${FS}class Files {\n  @Get(':id')\n  read(id: string) { return fs.readFileSync(id); }\n}`,
      errors: [{ messageId: 'syncInHandler', line: 4, column: 29, endLine: 4, endColumn: 44, suggestions: null }],
      output: null,
    },
    {
      name: 'spawnSync in an async method of a service',
      code: `import cp from 'child_process';\nexport class Thumbs {\n  async make(file) { return cp.spawnSync('convert', [file]); }\n}`,
      errors: [{ messageId: 'syncInAsync', line: 3, column: 29, endLine: 3, endColumn: 41, suggestions: null }],
      output: null,
    },
  ],
});
