import { projectRule } from '../../../rules/resilience/require-graceful-shutdown';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

const server = "import express from 'express';\nexport const app = express();\nexport const server = app.listen(3000);";
const listenAt = { line: 3, column: 23, endLine: 3, endColumn: 39 };

runProjectRuleTests(projectRule, {
  valid: [
    { name: 'the same module closes the server on SIGTERM', files: { 'src/main.ts': `${server}\nprocess.on('SIGTERM', () => server.close());` } },
    { name: 'the entry point that imports the server handles SIGTERM', files: { 'src/server.ts': server, 'src/main.ts': "import { server } from './server';\nprocess.once('SIGTERM', () => { server.close(() => process.exit(0)); });" } },
    { name: 'a shutdown module loaded by the entry point', files: { 'src/server.ts': server, 'src/shutdown.ts': "export function install(close: () => void) { process.on('SIGINT', () => close()); }", 'src/main.ts': "import './server';\nimport { install } from './shutdown';\ninstall(() => {});" } },
    { name: 'a handler that delegates to a named function', files: { 'src/main.ts': `${server}\nasync function shutdown() { await new Promise((r) => server.close(r)); }\nprocess.on('SIGTERM', shutdown);` } },
    { name: 'a handler calling a graceful-sounding helper', files: { 'src/main.ts': `${server}\nprocess.on('SIGTERM', () => { void gracefulStop(); });\ndeclare function gracefulStop(): Promise<void>;` } },
    { name: 'stopping a queue consumer', files: { 'src/worker.ts': "import { channel } from './mq';\nchannel.consume('jobs', (m: unknown) => m);\nprocess.on('SIGTERM', async () => { await channel.cancel('tag'); await channel.close(); });", 'src/mq.ts': 'export const channel: any = {};' } },
    { name: 'terminus installs the handlers', files: { 'src/main.ts': `${server}\nimport { createTerminus } from '@godaddy/terminus';\ncreateTerminus(server, {});` } },
    { name: 'http-terminator in a module of the program', files: { 'src/server.ts': server, 'src/main.ts': "import { server } from './server';\nimport { stop } from './stop';\nstop(server);", 'src/stop.ts': "import { createHttpTerminator } from 'http-terminator';\nexport const stop = (s: any) => createHttpTerminator({ server: s });" } },
    { name: 'a test file that starts a server', files: { 'test/app.test.ts': server } },
    { name: 'no server at all', files: { 'src/cli.ts': "#!/usr/bin/env node\nconsole.log('hi');" } },
    { name: 'a listen call inside a dynamically imported module is handled by its loader', files: { 'src/main.ts': "process.on('SIGTERM', () => { void stop(); });\ndeclare function stop(): Promise<void>;\nvoid import('./server');", 'src/server.ts': server } },
    { name: 'a library method that listens for its caller', files: { 'src/lib/server.ts': "import * as http from 'node:http';\nexport class Server {\n  private s = http.createServer();\n  listen(port: number) { this.s.listen(port); }\n}" } },
    { name: 'an exported start function nobody calls at start-up', files: { 'src/lib/start.ts': "declare const app: any;\nexport function start(port: number) { return app.listen(port); }" } },
    { name: 'a consume() with one argument is not a consumer', files: { 'src/a.ts': 'declare const stream: any;\nstream.consume(1);' } },
  ],
  invalid: [
    { name: 'a server with no signal handling', files: { 'src/main.ts': server }, errors: [{ file: 'src/main.ts', messageId: 'noGracefulShutdown', ...listenAt }] },
    { name: 'a SIGTERM handler that only exits', files: { 'src/main.ts': `${server}\nprocess.on('SIGTERM', () => process.exit(0));` }, errors: [{ file: 'src/main.ts', messageId: 'exitsWithoutClosing', ...listenAt }] },
    { name: 'a SIGTERM handler in the entry point that destroys a client and exits, leaving the HTTP server open', files: { 'src/http.js': "const app = require('fastify')();\nmodule.exports = async () => { await app.listen({ port: 8080 }); };", 'src/index.js': "const bot = require('./bot');\nconst startHttp = require('./http');\nfunction quit() { bot.destroy(); process.exit(0); }\nprocess.on('SIGTERM', () => quit());\nstartHttp();", 'src/bot.js': 'module.exports = {};' }, errors: [{ file: 'src/http.js', messageId: 'exitsWithoutClosing', line: 2, column: 38, endLine: 2, endColumn: 64, message: 'SIGTERM handler (src/index.js:4)' }] },
    { name: 'a server started by an exported function the entry point loads with import()', files: { 'main.js': "import('./src/app.js').then((app) => app.default());", 'src/app.js': "import express from 'express';\nconst app = express();\nexport default async function run() {\n  app.listen(5006);\n}" }, errors: [{ file: 'src/app.js', messageId: 'noGracefulShutdown', line: 4, column: 3, endLine: 4, endColumn: 19 }] },
    { name: 'a server started in a function the primary of a cluster runs', files: { 'src/app.ts': "import cluster from 'node:cluster';\ndeclare const hooks: any;\nasync function runApp() {\n  hooks.listen(4242);\n}\nif (cluster.isPrimary) {\n  void runApp();\n}" }, errors: [{ file: 'src/app.ts', messageId: 'noGracefulShutdown', line: 4, column: 3, endLine: 4, endColumn: 21 }] },
    { name: 'a handler for another signal', files: { 'src/main.ts': `${server}\nprocess.on('SIGHUP', () => server.close());` }, errors: [{ file: 'src/main.ts', messageId: 'noGracefulShutdown', ...listenAt }] },
    { name: 'a handler in an unrelated program', files: { 'src/main.ts': server, 'src/other.ts': "process.on('SIGTERM', () => other.close());\ndeclare const other: any;" }, errors: [{ file: 'src/main.ts', messageId: 'noGracefulShutdown', ...listenAt }] },
    { name: 'the entry point imports the server but handles nothing', files: { 'src/server.ts': server, 'src/main.ts': "import { server } from './server';\nconsole.log(server.address());" }, errors: [{ file: 'src/server.ts', messageId: 'noGracefulShutdown', ...listenAt }] },
    { name: 'one finding per module, on its first listen call (an https and an http branch are one missing handler)', files: { 'src/main.ts': "declare const a: any, b: any;\na.listen(1);\nb.listen(2);" }, errors: [
      { file: 'src/main.ts', messageId: 'noGracefulShutdown', line: 2, column: 1, endLine: 2, endColumn: 12, related: ['main.ts:3'] },
    ] },
    { name: 'listen inside main(), which the module runs', files: { 'src/main.ts': "declare const app: any;\nasync function main() {\n  await app.listen(3000);\n}\nmain().catch(() => process.exit(1));" }, errors: [{ file: 'src/main.ts', messageId: 'noGracefulShutdown', line: 3, column: 9, endLine: 3, endColumn: 25 }] },
    { name: 'listen in a callback of a start-up call, in a module meant to be run', files: { 'src/main.ts': "#!/usr/bin/env node\ndeclare const db: any, app: any;\nexport const boot = () => db.connect().then(() => app.listen(3000));" }, errors: [{ file: 'src/main.ts', messageId: 'noGracefulShutdown', line: 3, column: 51, endLine: 3, endColumn: 67 }] },
    { name: 'a queue consumer', files: { 'src/worker.js': "const { channel } = require('./mq');\nchannel.consume('jobs', (m) => m);", 'src/mq.js': 'module.exports.channel = {};' }, errors: [{ file: 'src/worker.js', messageId: 'noGracefulShutdown', line: 2, column: 1, endLine: 2, endColumn: 34 }] },
    { name: 'a handler registered only in a type-only import is not in the program', files: { 'src/main.ts': `import type { X } from './shutdown';\n${server.replace(/\n/g, ' ')}\nexport type Y = X;`, 'src/shutdown.ts': "process.on('SIGTERM', () => s.close());\ndeclare const s: any;\nexport type X = 1;" }, errors: [{ file: 'src/main.ts', messageId: 'noGracefulShutdown', line: 2, column: 84, endLine: 2, endColumn: 100 }] },
  ],
});
