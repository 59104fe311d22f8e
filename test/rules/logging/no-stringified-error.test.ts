import { rule } from '../../../rules/logging/no-stringified-error';
import { runRuleTests } from '../../helpers/rule-tester';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

/** A write whose failure is logged as text after a helper got the error (line 3). */
const SAVE = (helper: string) => `import fs from "fs";\n${helper}\nfunction save(p, s) { try { fs.writeFileSync(p, s); } catch (e) { logError(e); logger.error(\`saving \${p} failed: \${e.message}\`); } }`;

runRuleTests(rule, {
  valid: [
    { name: 'local work only: a parse error is described by its message', code: 'function load(text) { try { return JSON.parse(text); } catch (e) { logger.error("bad settings: " + e.message); return {}; } }' },
    { name: 'non-blocking file-system calls only: their error text holds code and path, their stack no caller frame', code: 'import fsp from "fs/promises";\nasync function save(p, s) { try { await fsp.writeFile(p, s); } catch (err) { logger.error(`Error saving settings: ${err}`); } }' },
    { name: 'a script\'s console is its interface to the person running it', filename: 'scripts/upload.js', code: 'try { await axios.post(url, body); } catch (err) { console.error(`Error posting: ${err.message}`); }' },
    { name: 'a branch taken for one recognised kind of error', code: 'async function f() { try { await consumer.fetch(); } catch (e) { if (e.type === "UNKNOWN_MEMBER_ID") { logger.error("re-joining", { error: e.message }); return rejoin(); } return undefined; } }' },
    { name: 'a switch case on the error\'s code', code: 'async function f() { try { await socket.connect(); } catch (e) { switch (e.code) { case "ECONNREFUSED": logger.error(`refused: ${e.message}`); break; default: throw e; } } }' },
    { name: 'the error as the trailing argument', code: 'try { await run(); } catch (e) { logger.error("run failed: " + e.message, e); }' },
    { name: 'the error in a pino merging object', code: 'try { await run(); } catch (e) { logger.error({ err: e }, `run failed: ${e.message}`); }' },
    { name: 'the stack logged as text', code: 'try { await run(); } catch (e) { logger.error("run failed " + e.stack); }' },
    { name: 'util.inspect keeps the stack', code: 'try { await run(); } catch (e) { console.error("run failed: " + util.inspect(e)); }' },
    { name: 'a level below error records an expected event: its stack is not missed', code: 'try { await checkCertificate(s); } catch (e) { log.debug("tls", `error checking certificate: ${e.message}`); logger.info("fallback: " + e.message); log.warn("timezone", e.message + " in settings"); }' },
    { name: 'another log call of the handler passes the error object', code: 'verify(token, (err) => { if (err) { console.log("verifyError", err); console.log(`Token invalid. ${err}`); return done("Unauthorized"); } });' },
    { name: 'not a logging call', code: 'try { await run(); } catch (e) { res.status(500).send("failed: " + e.message); }' },
    { name: 'another value stringified in a handler', code: 'try { await run(); } catch (e) { logger.info("user " + user.name); throw e; }' },
    { name: 'outside any error handler', code: 'function report(e) { logger.error("x " + e); }' },
    { name: 'a field other than the message', code: 'try { await run(); } catch (e) { logger.warn("code " + e.code); }' },
    { name: 'the message compared, not logged', code: 'try { await run(); } catch (e) { if (e.message === "busy") logger.warn("retrying"); }' },
    { name: 'a callback error passed as an object', code: 'fs.readFile(p, (err) => { if (err) logger.error({ err }, "read failed"); });' },
    { name: 'a custom logger from settings given the error', code: 'try { await run(); } catch (e) { telemetry.error("x " + e.message, e); }', settings: { loggers: ['telemetry'] } },
    { name: 'console.error with the error after a message', code: 'run().catch((e) => console.error("run failed", e));' },
    { name: 'logged as text, then rethrown', code: 'async function f() { try { await op(); } catch (err) { logger.warn(`retrying: ${err}`); throw err; } }' },
    { name: 'logged as text, then passed to next', code: 'app.use(async (req, res, next) => { try { await run(); } catch (err) { logger.warn("failed: " + err.message); next(err); } });' },
    { name: 'logged as text in a branch, rethrown after it', code: 'try { await run(); } catch (e) { if (verbose) { console.warn(e.message); } throw e; }' },
    { name: 'logged as text, then handed to bail (retry helper)', code: 'retry(async (bail) => { try { await send(); } catch (e) { logger.warn("send failed", { error: e.message }); bail(e); } });' },
    { name: 'logged as text, then returned', code: 'function f() { try { return run(); } catch (e) { logger.warn(String(e)); return e; } }' },
    { name: 'logged as text in a rejection handler, then rejected', code: 'new Promise((resolve, reject) => { op().then(resolve, (err) => { console.error(`op: ${err}`); reject(err); }); });' },
    { name: 'a wrapper carrying the error', code: 'try { await run(); } catch (e) { logger.error(new AppError(`x ${e}`, { cause: e })); }' },
    { name: 'the error object handed to a helper of the module that logs it', code: SAVE('function logError(err) { logger.error(err); }') },
  ],
  invalid: [
    {
      name: 'the error handed to a helper of the module that logs only its text',
      code: SAVE('function logError(err) { logger.error(err.message); }'),
      errors: [{ messageId: 'stringifiedError', line: 3, column: 93, endLine: 3, endColumn: 127, suggestions: [
        { messageId: 'passErrorObject', output: SAVE('function logError(err) { logger.error(err.message); }').replace('.message}`)', '.message}`, e)') },
      ] }],
      output: null,
    },
    {
      name: 'a script that logs through its logger, then exits: the fatal error\'s stack is lost',
      filename: 'scripts/start.js',
      code: 'try {\n  await initDatabase();\n} catch (e) {\n  log.error("server", "Failed to prepare your database: " + e.message);\n  process.exit(1);\n}',
      errors: [{ messageId: 'stringifiedError', line: 4, column: 23, endLine: 4, endColumn: 70, suggestions: [
        { messageId: 'passErrorObject', output: 'try {\n  await initDatabase();\n} catch (e) {\n  log.error("server", "Failed to prepare your database: " + e.message, e);\n  process.exit(1);\n}' },
      ] }],
      output: null,
    },
    {
      name: 'a blocking file-system call keeps the caller\'s frames in its stack',
      code: 'import fs from "fs";\nfunction save(p, s) { try { fs.writeFileSync(p, s); } catch (e) { logger.error(e.message); } }',
      errors: [{ messageId: 'stringifiedError', line: 2, column: 80, endLine: 2, endColumn: 89, suggestions: [
        { messageId: 'passErrorObject', output: 'import fs from "fs";\nfunction save(p, s) { try { fs.writeFileSync(p, s); } catch (e) { logger.error(e); } }' },
      ] }],
      output: null,
    },
    {
      name: 'the other branch, for errors not recognised, is reported',
      code: 'async function f() { try { await api.quote(s); } catch (e) { if (e instanceof RateLimitError) { logger.warn("rate limited"); } else { logger.error(e.message); } } }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 148, endLine: 1, endColumn: 157, suggestions: [
        { messageId: 'passErrorObject', output: 'async function f() { try { await api.quote(s); } catch (e) { if (e instanceof RateLimitError) { logger.warn("rate limited"); } else { logger.error(e); } } }' },
      ] }],
      output: null,
    },
    {
      name: 'string concatenation',
      code: 'try { await run(); } catch (e) { logger.error("run failed: " + e); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 47, endLine: 1, endColumn: 65, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { logger.error("run failed: " + e, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a template literal with the message',
      code: 'try { await run(); } catch (e) { console.error(`run failed: ${e.message}`); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 48, endLine: 1, endColumn: 74, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { console.error(`run failed: ${e.message}`, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'the message alone is replaced by the error',
      code: 'try { await run(); } catch (e) { logger.error(e.message); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 47, endLine: 1, endColumn: 56, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { logger.error(e); }' },
      ] }],
      output: null,
    },
    {
      name: 'String(err) alone',
      code: 'try { await run(); } catch (e) { logger.error(String(e)); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 47, endLine: 1, endColumn: 56, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { logger.error(e); }' },
      ] }],
      output: null,
    },
    {
      name: 'err.toString() through console.log',
      code: 'try { await run(); } catch (e) { console.log(e.toString()); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 46, endLine: 1, endColumn: 58, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { console.log(e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a pino module gets the error as a first-argument object',
      code: 'import pino from "pino";\nconst logger = pino();\ntry { await run(); } catch (e) { logger.error(`failed ${e}`); }',
      errors: [{ messageId: 'stringifiedError', line: 3, column: 47, endLine: 3, endColumn: 60, suggestions: [
        { messageId: 'passErrorObject', output: 'import pino from "pino";\nconst logger = pino();\ntry { await run(); } catch (e) { logger.error({ err: e }, `failed ${e}`); }' },
      ] }],
      output: null,
    },
    {
      name: 'a pino merging object with the message only',
      code: 'import pino from "pino";\nconst log = pino();\ntry { await run(); } catch (e) { log.error({ error: e.message }, "failed"); }',
      errors: [{ messageId: 'stringifiedError', line: 3, column: 44, endLine: 3, endColumn: 64, suggestions: [
        { messageId: 'passErrorObject', output: 'import pino from "pino";\nconst log = pino();\ntry { await run(); } catch (e) { log.error({ error: e.message, err: e }, "failed"); }' },
      ] }],
      output: null,
    },
    {
      name: 'JSON.stringify of an error through req.log (pino-http)',
      code: 'app.get("/", (req) => { run().catch((err) => req.log.error("x " + JSON.stringify(err))); });',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 60, endLine: 1, endColumn: 86, suggestions: [
        { messageId: 'passErrorObject', output: 'app.get("/", (req) => { run().catch((err) => req.log.error({ err }, "x " + JSON.stringify(err))); });' },
      ] }],
      output: null,
    },
    {
      name: 'a Node callback error concatenated',
      code: 'db.query(sql, (err, rows) => {\n  if (err) return console.error("query failed: " + err);\n  use(rows);\n});',
      errors: [{ messageId: 'stringifiedError', line: 2, column: 33, endLine: 2, endColumn: 55, suggestions: [
        { messageId: 'passErrorObject', output: 'db.query(sql, (err, rows) => {\n  if (err) return console.error("query failed: " + err, err);\n  use(rows);\n});' },
      ] }],
      output: null,
    },
    {
      name: 'a custom logger from settings',
      code: 'try { await run(); } catch (e) { telemetry.error(`x: ${e}`); }',
      settings: { loggers: ['telemetry'] },
      errors: [{ messageId: 'stringifiedError', line: 1, column: 50, endLine: 1, endColumn: 59, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { telemetry.error(`x: ${e}`, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a rethrow before the log does not cover it',
      code: 'try { await run(); } catch (e) { if (fatal) throw e; logger.error("ignored: " + e); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 67, endLine: 1, endColumn: 82, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { if (fatal) throw e; logger.error("ignored: " + e, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a throw that drops the error does not cover it',
      code: 'try { await run(); } catch (e) { logger.error(e.message); throw new Error("run failed"); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 47, endLine: 1, endColumn: 56, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) { logger.error(e); throw new Error("run failed"); }' },
      ] }],
      output: null,
    },
    {
      name: 'a branch that returns before the rethrow below it',
      code: 'try { await run(); } catch (e) {\n  if (quiet) { logger.error("busy", { error: e.message }); return; }\n  throw e;\n}',
      errors: [{ messageId: 'stringifiedError', line: 2, column: 37, endLine: 2, endColumn: 57, suggestions: [
        { messageId: 'passErrorObject', output: 'try { await run(); } catch (e) {\n  if (quiet) { logger.error("busy", { error: e.message }, e); return; }\n  throw e;\n}' },
      ] }],
      output: null,
    },
    {
      name: 'Nest logger on this, innermost handler error',
      code: 'class S {\n  async m() {\n    try { run(); } catch (outer) {\n      try { await again(); } catch (inner) { this.logger.error(inner.message); }\n    }\n  }\n}',
      errors: [{ messageId: 'stringifiedError', line: 4, column: 64, endLine: 4, endColumn: 77, suggestions: [
        { messageId: 'passErrorObject', output: 'class S {\n  async m() {\n    try { run(); } catch (outer) {\n      try { await again(); } catch (inner) { this.logger.error(inner); }\n    }\n  }\n}' },
      ] }],
      output: null,
    },
  ],
});

// Across files: a logging helper of another module, as its summary says.
const LOG = "import pino from 'pino';\nconst logger = pino();\nexport function logError(err: unknown) {\n  logger.error({ err }, 'failed');\n}\nexport function logText(err: any) {\n  logger.error(String(err.message));\n}\n";
const store = (helper: string) => `import fs from 'fs';\nimport pino from 'pino';\nimport { logError, logText } from './log';\nconst logger = pino();\nexport function save(p: string, s: string) {\n  try {\n    fs.writeFileSync(p, s);\n  } catch (e: any) {\n    ${helper}(e);\n    logger.error(\`saving \${p} failed: \${e.message}\`);\n  }\n}\n`;

runProjectRuleTests(rule, {
  valid: [
    { name: 'the error object handed to an imported helper that logs it', files: { 'src/log.ts': LOG, 'src/store.ts': store('logError') } },
  ],
  invalid: [
    { name: 'the error handed to an imported helper that logs only its text', files: { 'src/log.ts': LOG, 'src/store.ts': store('logText') }, errors: [{ file: 'src/store.ts', messageId: 'stringifiedError', line: 10, column: 18, endLine: 10, endColumn: 52 }] },
  ],
});
