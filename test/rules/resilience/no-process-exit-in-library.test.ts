import { rule } from '../../../rules/resilience/no-process-exit-in-library';
import { runRuleTests } from '../../helpers/rule-tester';

const exitOnError = `export function load(path: string) {\n  if (!path) process.exit(1);\n}`;

runRuleTests(rule, {
  valid: [
    { name: 'shebang CLI', code: `#!/usr/bin/env node\nmain().catch(() => process.exit(1));` },
    { name: 'bin folder', filename: 'bin/run.ts', code: `process.exit(2);` },
    { name: 'cli folder', filename: 'packages/tool/src/cli/index.ts', code: `if (bad) process.exit(2);` },
    { name: 'scripts folder', filename: 'scripts/migrate.mjs', code: `process.exit(0);` },
    { name: 'cli.ts file', filename: 'src/cli.ts', code: exitOnError },
    { name: 'configured entry point', filename: 'src/server.ts', settings: { entryPoints: ['src/server.ts'] }, code: `process.exit(1);` },
    { name: 'test file', filename: 'src/load.test.ts', code: exitOnError },
    { name: 'test folder', filename: 'test/helpers/setup.ts', code: `process.exit(0);` },
    { name: 'under require.main guard', code: `if (require.main === module) {\n  run().catch(() => process.exit(1));\n}` },
    { name: 'under import.meta.main guard', filename: 'src/tool.mts', code: `if (import.meta.main) process.exit(await run());` },
    { name: 'SIGTERM handler of the application', code: `process.on('SIGTERM', () => {\n  server.close(() => process.exit(0));\n});` },
    { name: 'uncaughtException handler', code: `process.once('uncaughtException', (err) => { logger.fatal(err); process.exit(1); });` },
    { name: 'setting exitCode is fine', code: `export function fail() { process.exitCode = 1; }` },
    { name: 'a method named exit on another object', code: `worker.exit(1);\napp.process.exitNow();` },
  ],
  invalid: [
    {
      name: 'exit in a library function',
      code: exitOnError,
      errors: [{ messageId: 'processExit', line: 2, column: 14, endLine: 2, endColumn: 29 }],
      output: null,
    },
    {
      name: 'exit in a catch in a service',
      filename: 'src/services/db.ts',
      code: `export async function connect() {\n  try { await pool.connect(); } catch (err) {\n    console.error(err);\n    process.exit(1);\n  }\n}`,
      errors: [{ messageId: 'processExit', line: 4, column: 5, endLine: 4, endColumn: 20 }],
      output: null,
    },
    {
      name: 'exit without a code',
      code: `function done() { process.exit(); }`,
      errors: [{ messageId: 'processExit', line: 1, column: 19, endLine: 1, endColumn: 33 }],
      output: null,
    },
    {
      name: 'globalThis.process.exit',
      code: `export const stop = () => globalThis.process.exit(3);`,
      errors: [{ messageId: 'processExit', line: 1, column: 27, endLine: 1, endColumn: 53 }],
      output: null,
    },
    {
      name: 'exit on an ordinary event is not an application handler',
      code: `socket.on('close', () => process.exit(0));`,
      errors: [{ messageId: 'processExit', line: 1, column: 26, endLine: 1, endColumn: 41 }],
      output: null,
    },
    {
      name: 'process.on with a non-signal event',
      code: `process.on('warning', (w) => { if (w.name === 'X') process.exit(1); });`,
      errors: [{ messageId: 'processExit', line: 1, column: 52, endLine: 1, endColumn: 67 }],
      output: null,
    },
    {
      name: 'an entry point glob that does not match',
      filename: 'src/lib/util.ts',
      settings: { entryPoints: ['src/main.ts'] },
      code: `process.exit(1);`,
      errors: [{ messageId: 'processExit', line: 1, column: 1, endLine: 1, endColumn: 16 }],
      output: null,
    },
    {
      name: 'a guard on something else',
      code: `if (require.main !== undefined) process.exit(1);`,
      errors: [{ messageId: 'processExit', line: 1, column: 33, endLine: 1, endColumn: 48 }],
      output: null,
    },
    {
      name: 'binary in name only: a file called binary.ts is not in bin/',
      filename: 'src/binary.ts',
      code: `process.exit(1);`,
      errors: [{ messageId: 'processExit', line: 1, column: 1, endLine: 1, endColumn: 16 }],
      output: null,
    },
    {
      name: 'a test-like name that is not a test file',
      filename: 'src/contest.ts',
      code: `process.exit(1);`,
      errors: [{ messageId: 'processExit', line: 1, column: 1, endLine: 1, endColumn: 16 }],
      output: null,
    },
  ],
});
