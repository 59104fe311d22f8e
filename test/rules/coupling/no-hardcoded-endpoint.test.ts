import { rule } from '../../../rules/coupling/no-hardcoded-endpoint';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'localhost in a test', filename: 'src/api.test.ts', code: `const base = 'http://localhost:3000';` },
    { name: 'config module (default globs)', filename: 'src/config/index.ts', code: `export const db = 'postgres://db.internal:5432/app';` },
    { name: 'configured config module', filename: 'lib/endpoints.ts', settings: { configModules: ['lib/endpoints.ts'] }, code: `export const API = 'https://api.internal.acme.io';` },
    { name: 'docs folder', filename: 'docs/examples/client.ts', code: `fetch('https://api.acme.io/v1/users');` },
    { name: 'XML namespace', code: `const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');` },
    { name: '$schema id', code: `export const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://acme.io/schemas/order.json' };` },
    { name: 'documentation link in a message', code: `throw new Error('Invalid token, see https://docs.acme.io/auth for details');` },
    { name: 'documentation link stored under a docs key', code: `export const meta = { docsUrl: 'https://acme.io/rules/no-x' };` },
    { name: 'dummy base for new URL', code: `const { pathname } = new URL(req.url, 'http://localhost');\nconst u = new URL(path, 'http://localhost:8080');` },
    { name: 'example domains', code: `const sample = 'https://api.example.com/v1';\nconst other = 'db.example.org:5432';` },
    { name: 'a URL used as a key', code: `const handlers = { 'https://hooks.acme.io/x': onHook };\nhandlers['https://hooks.acme.io/y'] = onOther;` },
    { name: 'a URL used as a pattern or comparison', code: `if (url.startsWith('https://cdn.acme.io/')) skip();\nif (origin === 'https://app.acme.io') allow();\nconst re = new RegExp('https://api\\\\.acme\\\\.io');` },
    { name: 'a default behind an environment variable', code: `const url = process.env.API_URL ?? 'https://api.acme.io';\nconst redis = process.env.REDIS_URL || 'redis://localhost:6379';` },
    { name: 'dynamic host in a template', code: 'const url = `https://${host}:${port}/v1`;\nconst b = `https://api.acme.io${path}`;' },
    { name: 'times, ratios and versions are not addresses', code: `const at = '12:30';\nconst version = '1.2.3.4';\nconst ratio = 'x:10';\nconst key = 'user:123';` },
    { name: 'bind-all and loopback checks', code: `server.listen(3000, '0.0.0.0');\nif (ip === '127.0.0.1') trust();` },
    { name: 'module specifiers and types', code: `import x from 'https://deno.land/x/mod.ts';\ntype Base = 'https://api.acme.io';` },
    { name: 'a label next to a password field is not a credential', code: `const labels = { user: 'User name', password: 'Password' };` },
    { name: 'a placeholder password in a URL', code: `const tpl = 'postgres://user:<password>@db.example.com/app';` },
  ],
  invalid: [
    {
      name: 'API base URL in a service',
      filename: 'src/services/billing.ts',
      code: `const BASE = 'https://billing.internal.acme.io/v2';`,
      errors: [{ messageId: 'hardcodedEndpoint', line: 1, column: 14, endLine: 1, endColumn: 51 }],
      output: null,
    },
    {
      name: 'connection string with credentials',
      code: `const pool = new Pool({ connectionString: 'postgres://app:s3cret@db.prod:5432/orders' });`,
      errors: [{ messageId: 'hardcodedCredential', line: 1, column: 43, endLine: 1, endColumn: 86 }],
      output: null,
    },
    {
      name: 'redis URL',
      code: `const client = createClient({ url: 'redis://cache-01:6379' });`,
      errors: [{ messageId: 'hardcodedEndpoint', line: 1, column: 36, endLine: 1, endColumn: 59 }],
      output: null,
    },
    {
      name: 'kafka brokers as host:port',
      code: `const kafka = new Kafka({ brokers: ['kafka-1:9092', 'kafka-2.internal:9093'] });`,
      errors: [
        { messageId: 'hardcodedEndpoint', line: 1, column: 37, endLine: 1, endColumn: 51 },
        { messageId: 'hardcodedEndpoint', line: 1, column: 53, endLine: 1, endColumn: 76 },
      ],
      output: null,
    },
    {
      name: 'IP address with port',
      code: `connect({ host: '10.0.12.7', port: 5672 });\nconst dns = '8.8.8.8:53';`,
      errors: [
        { messageId: 'hardcodedEndpoint', line: 1, column: 17, endLine: 1, endColumn: 28 },
        { messageId: 'hardcodedEndpoint', line: 2, column: 13, endLine: 2, endColumn: 25 },
      ],
      output: null,
    },
    {
      name: 'password next to a host',
      code: `const db = mysql.createPool({ host, user: 'app', password: 'hunter22' });`,
      errors: [{ messageId: 'hardcodedCredential', line: 1, column: 60, endLine: 1, endColumn: 70 }],
      output: null,
    },
    {
      name: 'localhost with a port outside tests',
      code: `await fetch('http://localhost:4000/graphql', { signal });`,
      errors: [{ messageId: 'hardcodedEndpoint', line: 1, column: 13, endLine: 1, endColumn: 44 }],
      output: null,
    },
    {
      name: 'template literal with a fixed host and a dynamic path',
      code: 'const res = await fetch(`https://api.partner.io/orders/${id}`, { signal });',
      errors: [{ messageId: 'hardcodedEndpoint', line: 1, column: 25, endLine: 1, endColumn: 62 }],
      output: null,
    },
    {
      name: 'amqp broker URL',
      code: `const conn = await amqp.connect('amqp://rabbit.prod.acme.io');`,
      errors: [{ messageId: 'hardcodedEndpoint', line: 1, column: 33, endLine: 1, endColumn: 61 }],
      output: null,
    },
    {
      name: 'mongodb+srv with credentials in a class field',
      code: `class Repo {\n  uri = 'mongodb+srv://admin:pw123@cluster0.abcd.mongodb.net/db';\n}`,
      errors: [{ messageId: 'hardcodedCredential', line: 2, column: 9, endLine: 2, endColumn: 65 }],
      output: null,
    },
  ],
});
