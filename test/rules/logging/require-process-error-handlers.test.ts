import { projectRule } from '../../../rules/logging/require-process-error-handlers';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

const server = "import express from 'express';\nexport const server = express().listen(3000);";
const listenAt = { line: 2, column: 23, endLine: 2, endColumn: 45 };
const handlers = "process.on('unhandledRejection', (e) => logger.error(e));\nprocess.on('uncaughtException', (e) => { logger.fatal(e); process.exit(1); });\ndeclare const logger: any;";

runProjectRuleTests(projectRule, {
  valid: [
    { name: 'both handlers beside the server', files: { 'src/main.ts': `${server}\n${handlers}` } },
    { name: 'both handlers in the entry point that imports the server', files: { 'src/server.ts': server, 'src/main.ts': `import './server';\n${handlers}` } },
    { name: 'handlers in a module the entry point loads', files: { 'src/server.ts': server, 'src/errors.ts': handlers, 'src/main.ts': "import './errors';\nimport './server';" } },
    { name: 'handlers registered with once', files: { 'src/main.ts': `${server}\n${handlers.replace(/process\.on/g, 'process.once')}` } },
    { name: 'prependListener counts', files: { 'src/main.ts': `${server}\n${handlers.replace(/process\.on/g, 'process.prependListener')}` } },
    { name: 'the capture callback stands for uncaughtException', files: { 'src/main.ts': `${server}\nprocess.on('unhandledRejection', (e) => console.error(e));\nprocess.setUncaughtExceptionCaptureCallback((e) => console.error(e));` } },
    { name: 'CommonJS service', files: { 'src/main.js': "const http = require('http');\nhttp.createServer().listen(80);\nprocess.on('unhandledRejection', console.error);\nprocess.on('uncaughtException', console.error);" } },
    { name: 'a test that starts a server', files: { 'src/app.spec.ts': server } },
    { name: 'a script with no server', files: { 'scripts/migrate.ts': "import { run } from './run';\nrun();", 'scripts/run.ts': 'export function run() {}' } },
    { name: 'a library method that listens for its caller', files: { 'src/lib.ts': "declare const s: any;\nexport const server = { listen: (port: number) => s.listen(port) };" } },
    { name: 'a library module that never starts anything', files: { 'src/lib.ts': 'export const add = (a: number, b: number) => a + b;' } },
    { name: 'handlers in a module reached through a require() chain', files: { 'src/main.js': "require('./boot');\nrequire('http').createServer().listen(80);", 'src/boot.js': "require('./errors');", 'src/errors.js': handlers.replace('declare const logger: any;', 'const logger = console;') } },
    { name: 'handlers in a workspace entry above a nested server module', files: { 'src/http/server.ts': server, 'src/http/index.ts': "export * from './server';", 'src/main.ts': `import { server } from './http';\n${handlers}\nexport { server };` } },
  ],
  invalid: [
    { name: 'no handlers at all', files: { 'src/main.ts': server }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', ...listenAt, message: 'handles unhandledRejection or uncaughtException' }] },
    { name: 'only unhandledRejection', files: { 'src/main.ts': `${server}\nprocess.on('unhandledRejection', (e) => console.error(e));` }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', ...listenAt, message: "handles uncaughtException. " }] },
    { name: 'only uncaughtException', files: { 'src/main.ts': `${server}\nprocess.on('uncaughtException', (e) => console.error(e));` }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', ...listenAt, message: "process.on('unhandledRejection'" }] },
    { name: 'handlers for other events', files: { 'src/main.ts': `${server}\nprocess.on('exit', () => {});\nprocess.on('warning', (w) => console.warn(w));` }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', ...listenAt }] },
    { name: 'handlers in a module nobody loads', files: { 'src/main.ts': server, 'src/errors.ts': handlers }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', ...listenAt }] },
    { name: 'an emitter that is not process', files: { 'src/main.ts': `${server}\ndeclare const bus: any;\nbus.on('unhandledRejection', () => {});\nbus.on('uncaughtException', () => {});` }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', ...listenAt }] },
    { name: 'a start-up callback', files: { 'src/main.ts': "declare const db: any, app: any;\ndb.connect().then(() => app.listen(3000));" }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', line: 2, column: 25, endLine: 2, endColumn: 41 }] },
    { name: 'once per file, at its first server', files: { 'src/main.ts': "declare const a: any, b: any;\na.listen(1);\nb.listen(2);" }, errors: [{ file: 'src/main.ts', messageId: 'missingHandlers', line: 2, column: 1, endLine: 2, endColumn: 12 }] },
    { name: 'in each server module of the program', files: { 'src/api.ts': "declare const a: any;\na.listen(1);", 'src/admin.ts': "declare const b: any;\nb.listen(2);", 'src/main.ts': "import './api';\nimport './admin';" }, errors: [
      { file: 'src/admin.ts', messageId: 'missingHandlers', line: 2, column: 1, endLine: 2, endColumn: 12 },
      { file: 'src/api.ts', messageId: 'missingHandlers', line: 2, column: 1, endLine: 2, endColumn: 12 },
    ] },
  ],
});
