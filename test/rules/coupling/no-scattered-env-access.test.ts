import { projectRule } from '../../../rules/coupling/no-scattered-env-access';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

/** The project names its config modules: from then on, any read outside them is reported. */
const settings = { configModules: ['**/config/**', '**/config.*', '**/env.*', '**/settings/**'] };

/**
 * `count` service modules under `dir`, each reading its own two variables with an ad-hoc default
 * (`Number(process.env.X || 30)`), as services without a config module grow.
 */
function scatteredReaders(dir: string, count: number, prefix = 'FEATURE'): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) {
    files[`${dir}/feature${i}.js`] = `const limit = Number(process.env.${prefix}${i}_LIMIT || 30);\nexports.enabled = () => process.env.${prefix}${i}_ENABLED === 'true' && limit > 0;\n`;
  }
  return files;
}

/** `count` modules that each read one variable of `names` in turn. */
function readersOf(dir: string, count: number, names: string[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= count; i++) files[`${dir}/module${i}.js`] = `exports.value = () => process.env.${names[(i - 1) % names.length]};\n`;
  return files;
}

const envalidConfig = "import { cleanEnv, num, str, bool } from 'envalid';\nexport const env = cleanEnv(process.env, {\n  FEATURE1_LIMIT: num({ default: 30 }), FEATURE1_ENABLED: bool({ default: false }),\n  FEATURE2_LIMIT: num({ default: 30 }), FEATURE2_ENABLED: bool({ default: false }),\n  FEATURE3_LIMIT: num({ default: 30 }), FEATURE3_ENABLED: bool({ default: false }),\n  FEATURE4_LIMIT: num({ default: 30 }), FEATURE4_ENABLED: bool({ default: false }),\n  FEATURE5_LIMIT: num({ default: 30 }), FEATURE5_ENABLED: bool({ default: false }),\n  FEATURE6_LIMIT: num({ default: 30 }), FEATURE6_ENABLED: bool({ default: false }),\n  FEATURE7_LIMIT: num({ default: 30 }), FEATURE7_ENABLED: bool({ default: false }),\n  DATABASE_URL: str(),\n});\n";

/** Where `scatteredReaders`' module `i` is reported: its first read, `process.env.<prefix><i>_LIMIT`. */
function firstRead(file: string, prefix: string, i: number, message?: string) {
  return { file, messageId: 'scatteredEnv', line: 1, column: 22, endLine: 1, endColumn: 22 + `process.env.${prefix}${i}_LIMIT`.length, ...(message ? { message } : {}) };
}

const scatteredMessage = 'This package reads its configuration from process.env in 7 modules and has no config module, and 7 of them read variables and interpret them in place; this module reads the most of those (`FEATURE1_LIMIT`, `FEATURE1_ENABLED`); the others are listed as related locations';

runProjectRuleTests(projectRule, {
  valid: [
    { settings, name: 'reads only in config/', files: { 'src/config/index.ts': 'export const port = Number(process.env.PORT);', 'src/server.ts': "import { port } from './config';\nexport const p = port;" } },
    { settings, name: 'reads only in a config.ts file', files: { 'src/config.ts': 'export const url = process.env.DATABASE_URL;' } },
    { settings, name: 'reads only in env.ts', files: { 'src/env.ts': 'export const env = { ...process.env };' } },
    { settings, name: 'NODE_ENV is allowed anywhere', files: { 'src/a.ts': "export const dev = process.env.NODE_ENV !== 'production';", 'src/b.ts': "export const prod = process.env['NODE_ENV'] === 'production';" } },
    { settings, name: 'reads in tests', files: { 'test/setup.test.ts': 'process.env.PORT = "0";\nexport const p = process.env.PORT;' } },
    { settings, name: 'within the allowed number of modules', files: { 'src/a.ts': 'export const a = process.env.A;', 'src/b.ts': 'export const b = process.env.B;' }, options: [{ maxModules: 2 }] },
    { name: 'a custom config module setting', files: { 'src/settings/load.ts': 'export const a = process.env.A;' }, settings: { configModules: ['src/settings/**'] } },
    { settings, name: 'an extra allowed variable', files: { 'src/a.ts': 'export const level = process.env.LOG_LEVEL;' }, options: [{ allow: ['NODE_ENV', 'LOG_LEVEL'] }] },
    { settings, name: 'a local object named env', files: { 'src/a.ts': 'const env = { A: 1 };\nexport const a = env.A;' } },
    { settings, name: 'a shadowing-free process-like name', files: { 'src/a.ts': 'const proc = { env: { A: 1 } };\nexport const a = proc.env.A;' } },
    { settings, name: 'import.meta.env is bundler configuration, not process.env', files: { 'src/a.ts': 'export const a = (import.meta as any).env;' } },
    { settings, name: 'no reads at all', files: { 'src/a.ts': 'export const a = 1;' } },
    { settings, name: 'DEBUG and NODE_DEBUG are allowed by default', files: { 'src/a.ts': "export const debug = process.env.DEBUG ?? process.env['NODE_DEBUG'];" } },
    { settings, name: 'the whole environment handed on to a child process', files: { 'src/jobs/run.js': "const { spawn } = require('child_process');\nexports.run = (cmd) => spawn(cmd, { env: { ...process.env, FORCE_COLOR: '0' } });\nexports.raw = (cmd) => spawn(cmd, { env: process.env });" } },
    { settings, name: 'writing a variable is not reading configuration', files: { 'src/time.js': "process.env.TZ = 'UTC';\ndelete process.env.HTTP_PROXY;" } },
    { settings, name: 'platform and test variables', files: { 'src/paths.js': "exports.home = process.env.HOME || process.env.USERPROFILE;\nexports.version = process.env.npm_package_version;\nexports.testing = Boolean(process.env.TEST_BACKEND || process.env.JEST_WORKER_ID);" } },
    { settings, name: "the package's main reads what it wires together", files: { 'package.json': '{ "main": "src/index.js" }', 'src/index.js': "const app = require('./app');\napp.listen(process.env.PORT || 3000);", 'src/app.js': 'module.exports = { listen() {} };' } },
    // Inferred (no settings): the rule speaks only where configuration is scattered.
    { name: 'a small app reading the environment in two modules', files: { 'src/db.js': 'exports.url = process.env.DATABASE_URL;', 'src/server.js': 'exports.port = Number(process.env.PORT || 3000);' } },
    { name: 'six modules reading twelve variables: not yet scattered', files: scatteredReaders('src', 6) },
    { name: 'eight modules each reading one of six variables where it is used', files: readersOf('lib', 8, ['SLACK_TOKEN', 'TIMEZONE', 'URL', 'LOG_LEVEL', 'PORT', 'DATABASE_URL']) },
    {
      name: 'serverless handlers each reading their table',
      files: Object.fromEntries(['create', 'get', 'list', 'update', 'delete', 'search'].map((op) => [`todos/${op}.js`, `exports.handler = async () => ({ TableName: process.env.${op.toUpperCase()}_TABLE, region: process.env.${op.toUpperCase()}_REGION });`])),
    },
    { name: 'a config module that validates every variable the others read', files: { 'src/env.ts': envalidConfig, ...scatteredReaders('src/features', 7) } },
    {
      name: 'a hand-written validator that lists the variables it checks',
      files: {
        'src/load-config.js': "const required = ['FEATURE1_LIMIT', 'FEATURE1_ENABLED', 'FEATURE2_LIMIT', 'FEATURE2_ENABLED', 'FEATURE3_LIMIT', 'FEATURE3_ENABLED', 'FEATURE4_LIMIT', 'FEATURE4_ENABLED', 'FEATURE5_LIMIT', 'FEATURE5_ENABLED', 'FEATURE6_LIMIT', 'FEATURE6_ENABLED', 'FEATURE7_LIMIT', 'FEATURE7_ENABLED'];\nfor (const name of required) if (!process.env[name]) throw new Error(`${name} is not set`);",
        ...scatteredReaders('src/features', 7),
      },
    },
    {
      name: 'test and diagnostics switches read in many modules',
      files: Object.fromEntries(['TEST_BACKEND', 'SQL_LOG', 'TIMELOGGER', 'APP_LOG_RESPONSE_BODY', 'DEBUG_CACHE', 'JEST_WORKER_ID', 'VERBOSE', 'TRACE_REQUESTS'].map((name, i) => [`src/m${i}.js`, `exports.on = () => process.env.${name} === '1';`])),
    },
    {
      name: 'a monorepo: each workspace package reads its own few variables',
      files: { 'package.json': '{ "workspaces": ["packages/*"] }', 'packages/api/package.json': '{ "name": "api" }', 'packages/worker/package.json': '{ "name": "worker" }', ...scatteredReaders('packages/api/src', 4, 'API'), ...scatteredReaders('packages/worker/src', 4, 'WORKER') },
    },
  ],
  invalid: [
    { settings, name: 'one read outside the config modules', files: { 'src/config.ts': 'export const port = process.env.PORT;', 'src/db.ts': '\nexport const url = process.env.DATABASE_URL;' }, errors: [{ file: 'src/db.ts', messageId: 'scatteredEnv', line: 2, column: 20, endLine: 2, endColumn: 44, message: 'in 1 modules besides the config module src/config.ts, and 1 of them read variables no config module checks and interpret them in place; this module reads the most of those (`DATABASE_URL`)', related: ['config.ts:1'] }] },
    { settings, name: 'a computed read', files: { 'src/db.ts': "export const url = process.env['DATABASE_URL'];" }, errors: [{ file: 'src/db.ts', messageId: 'scatteredEnv', line: 1, column: 20, endLine: 1, endColumn: 47, message: '`DATABASE_URL`' }] },
    { settings, name: 'a variable named at run time', files: { 'src/db.ts': 'export const read = (name: string) => process.env[name];' }, errors: [{ file: 'src/db.ts', messageId: 'scatteredEnv', line: 1, column: 39, endLine: 1, endColumn: 56, message: '(a variable named at run time)' }] },
    { settings, name: 'destructuring names each variable', files: { 'src/db.ts': 'const { A, B } = process.env;\nexport const x = A + B;' }, errors: [{ file: 'src/db.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 29, message: '(`A`, `B`)' }] },
    { settings, name: 'the whole environment as a default parameter', files: { 'src/limits.ts': 'export function limit(env = process.env) {\n  return Number(env.LIMIT ?? 10);\n}' }, errors: [{ file: 'src/limits.ts', messageId: 'scatteredEnv', line: 1, column: 29, endLine: 1, endColumn: 40, message: '(the whole environment)' }] },
    { settings, name: 'one finding per package, on the module that reads the most unchecked variables, the others related', files: { 'src/b.ts': 'export const b = process.env.B;', 'src/a.ts': 'export const a = process.env.A;', 'src/c.ts': 'export const c = process.env.C;\nexport const c2 = process.env.C2;' }, errors: [
      { file: 'src/c.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31, message: 'in 3 modules and has no config module, and 3 of them read variables and interpret them in place; this module reads the most of those (`C`, `C2`); the others are listed as related locations', related: ['a.ts:1', 'b.ts:1'] },
    ] },
    { settings, name: 'over the allowed number: a tie goes to the first module in path order', files: { 'src/a.ts': 'export const a = process.env.A;', 'src/b.ts': 'export const b = process.env.B;' }, options: [{ maxModules: 1 }], errors: [
      { file: 'src/a.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31, related: ['b.ts:1'] },
    ] },
    { settings, name: 'a read inside a function', files: { 'src/a.ts': 'export function token() {\n  return process.env.TOKEN ?? "";\n}' }, errors: [{ file: 'src/a.ts', messageId: 'scatteredEnv', line: 2, column: 10, endLine: 2, endColumn: 27 }] },
    { settings, name: 'NODE_ENV once it is not allowed', files: { 'src/a.ts': 'export const e = process.env.NODE_ENV;' }, options: [{ allow: [] }], errors: [{ file: 'src/a.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 38 }] },
    { name: 'a threshold without declared config modules: config modules are found by name', files: { 'src/config.ts': 'export const c = process.env.C;', 'src/a.ts': 'export const a = process.env.A;', 'src/b.ts': 'export const b = process.env.B;' }, options: [{ maxModules: 1 }], errors: [
      { file: 'src/a.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31, message: 'in 2 modules besides the config module src/config.ts', related: ['config.ts:1', 'b.ts:1'] },
    ] },
    { settings, name: 'CommonJS', files: { 'src/a.js': 'module.exports = { port: process.env.PORT };' }, errors: [{ file: 'src/a.js', messageId: 'scatteredEnv', line: 1, column: 26, endLine: 1, endColumn: 42 }] },
    // Inferred (no settings).
    {
      name: 'seven modules reading fourteen variables with ad-hoc defaults, no config module',
      files: scatteredReaders('src', 7),
      errors: [{ ...firstRead('src/feature1.js', 'FEATURE', 1, scatteredMessage), related: [2, 3, 4, 5, 6, 7].map((i) => `feature${i}.js:1`) }],
    },
    {
      name: 'a config module that checks some variables: the modules reading the others are reported, once',
      files: {
        'src/env.js': "const checks = { FEATURE1_LIMIT: Number, FEATURE1_ENABLED: Boolean, FEATURE2_LIMIT: Number, FEATURE2_ENABLED: Boolean, FEATURE3_LIMIT: Number, FEATURE3_ENABLED: Boolean };\nexports.load = () => { for (const name of Object.keys(checks)) if (process.env[name] === undefined) throw new Error(name); };",
        ...scatteredReaders('src/features', 6),
        'src/http.js': "const app = require('fastify')({ trustProxy: process.env.FEATURE1_ENABLED === 'true' });\nif (process.env.SENTRY_DSN) app.register(require('./sentry'));\nmodule.exports = app;",
      },
      errors: [
        // Related: the config module, then the other modules at their first unchecked read (`SENTRY_DSN` in http.js, not the checked `FEATURE1_ENABLED`).
        { ...firstRead('src/features/feature4.js', 'FEATURE', 4, 'in 7 modules besides the config module src/env.js, and 4 of them read variables no config module checks and interpret them in place; this module reads the most of those (`FEATURE4_LIMIT`, `FEATURE4_ENABLED`)'), related: ['env.js:2', 'feature5.js:1', 'feature6.js:1', 'http.js:2'] },
      ],
    },
    {
      name: 'a module that hands a variable as it is to the client it builds is counted, not reported',
      files: { ...scatteredReaders('src', 7), 'src/stripe.js': "const Stripe = require('stripe');\nmodule.exports = new Stripe(process.env.STRIPE_SECRET_KEY);" },
      errors: [{ ...firstRead('src/feature1.js', 'FEATURE', 1, 'in 8 modules and has no config module, and 7 of them'), related: [2, 3, 4, 5, 6, 7].map((i) => `feature${i}.js:1`) }],
    },
    {
      name: 'a monorepo: only the package whose configuration is scattered',
      files: { 'packages/api/package.json': '{ "name": "api" }', 'packages/worker/package.json': '{ "name": "worker" }', ...scatteredReaders('packages/api/src', 7, 'API'), ...scatteredReaders('packages/worker/src', 3, 'WORKER') },
      errors: [{ ...firstRead('packages/api/src/feature1.js', 'API', 1, 'in 7 modules and has no config module'), related: [2, 3, 4, 5, 6, 7].map((i) => `feature${i}.js:1`) }],
    },
  ],
});
