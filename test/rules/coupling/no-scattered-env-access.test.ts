import { projectRule } from '../../../rules/coupling/no-scattered-env-access';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

/** The project names its config modules: from then on, any read outside them is reported. */
const settings = { configModules: ['**/config/**', '**/config.*', '**/env.*', '**/settings/**'] };

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
    { name: 'no config modules declared and no threshold: nothing to move reads to', files: { 'src/a.ts': 'export const a = process.env.A;', 'src/b.ts': 'export const b = process.env.B;' } },
    { settings, name: 'DEBUG and NODE_DEBUG are allowed by default', files: { 'src/a.ts': "export const debug = process.env.DEBUG ?? process.env['NODE_DEBUG'];" } },
  ],
  invalid: [
    { settings, name: 'one read outside the config modules', files: { 'src/config.ts': 'export const port = process.env.PORT;', 'src/db.ts': '\nexport const url = process.env.DATABASE_URL;' }, errors: [{ file: 'src/db.ts', messageId: 'scatteredEnv', line: 2, column: 20, endLine: 2, endColumn: 44, message: 'process.env.DATABASE_URL is read here' }] },
    { settings, name: 'a computed read', files: { 'src/db.ts': "export const url = process.env['DATABASE_URL'];" }, errors: [{ file: 'src/db.ts', messageId: 'scatteredEnv', line: 1, column: 20, endLine: 1, endColumn: 47, message: 'process.env.DATABASE_URL' }] },
    { settings, name: 'destructuring the whole environment', files: { 'src/db.ts': 'const { A, B } = process.env;\nexport const x = A + B;' }, errors: [{ file: 'src/db.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 29, message: 'process.env is read here' }] },
    { settings, name: 'each read in each module', files: { 'src/a.ts': 'export const a = process.env.A;\nexport const a2 = process.env.A2;', 'src/b.ts': 'export const b = process.env.B;' }, errors: [
      { file: 'src/a.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31, message: '2 modules read the environment' },
      { file: 'src/a.ts', messageId: 'scatteredEnv', line: 2, column: 19, endLine: 2, endColumn: 33 },
      { file: 'src/b.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31 },
    ] },
    { settings, name: 'over the allowed number', files: { 'src/a.ts': 'export const a = process.env.A;', 'src/b.ts': 'export const b = process.env.B;' }, options: [{ maxModules: 1 }], errors: [
      { file: 'src/a.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31 },
      { file: 'src/b.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31 },
    ] },
    { settings, name: 'a read inside a function', files: { 'src/a.ts': 'export function token() {\n  return process.env.TOKEN ?? "";\n}' }, errors: [{ file: 'src/a.ts', messageId: 'scatteredEnv', line: 2, column: 10, endLine: 2, endColumn: 27 }] },
    { settings, name: 'NODE_ENV once it is not allowed', files: { 'src/a.ts': 'export const e = process.env.NODE_ENV;' }, options: [{ allow: [] }], errors: [{ file: 'src/a.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 38 }] },
    { name: 'a threshold without declared config modules uses the default config globs', files: { 'src/config.ts': 'export const c = process.env.C;', 'src/a.ts': 'export const a = process.env.A;', 'src/b.ts': 'export const b = process.env.B;' }, options: [{ maxModules: 1 }], errors: [
      { file: 'src/a.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31, message: '2 modules read the environment' },
      { file: 'src/b.ts', messageId: 'scatteredEnv', line: 1, column: 18, endLine: 1, endColumn: 31 },
    ] },
    { settings, name: 'CommonJS', files: { 'src/a.js': 'module.exports = { port: process.env.PORT };' }, errors: [{ file: 'src/a.js', messageId: 'scatteredEnv', line: 1, column: 26, endLine: 1, endColumn: 42 }] },
  ],
});
