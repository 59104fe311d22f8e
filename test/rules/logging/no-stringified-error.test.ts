import { rule } from '../../../rules/logging/no-stringified-error';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'the error as the trailing argument', code: 'try { run(); } catch (e) { logger.error("run failed: " + e.message, e); }' },
    { name: 'the error in a pino merging object', code: 'try { run(); } catch (e) { logger.error({ err: e }, `run failed: ${e.message}`); }' },
    { name: 'the stack logged as text', code: 'try { run(); } catch (e) { logger.error("run failed " + e.stack); }' },
    { name: 'util.inspect keeps the stack', code: 'try { run(); } catch (e) { console.error("run failed: " + util.inspect(e)); }' },
    { name: 'a level below error records an expected event: its stack is not missed', code: 'try { checkCertificate(s); } catch (e) { log.debug("tls", `error checking certificate: ${e.message}`); logger.info("fallback: " + e.message); log.warn("timezone", e.message + " in settings"); }' },
    { name: 'another log call of the handler passes the error object', code: 'verify(token, (err) => { if (err) { console.log("verifyError", err); console.log(`Token invalid. ${err}`); return done("Unauthorized"); } });' },
    { name: 'not a logging call', code: 'try { run(); } catch (e) { res.status(500).send("failed: " + e.message); }' },
    { name: 'another value stringified in a handler', code: 'try { run(); } catch (e) { logger.info("user " + user.name); throw e; }' },
    { name: 'outside any error handler', code: 'function report(e) { logger.error("x " + e); }' },
    { name: 'a field other than the message', code: 'try { run(); } catch (e) { logger.warn("code " + e.code); }' },
    { name: 'the message compared, not logged', code: 'try { run(); } catch (e) { if (e.message === "busy") logger.warn("retrying"); }' },
    { name: 'a callback error passed as an object', code: 'fs.readFile(p, (err) => { if (err) logger.error({ err }, "read failed"); });' },
    { name: 'a custom logger from settings given the error', code: 'try { run(); } catch (e) { telemetry.error("x " + e.message, e); }', settings: { loggers: ['telemetry'] } },
    { name: 'console.error with the error after a message', code: 'run().catch((e) => console.error("run failed", e));' },
    { name: 'logged as text, then rethrown', code: 'async function f() { try { await op(); } catch (err) { logger.warn(`retrying: ${err}`); throw err; } }' },
    { name: 'logged as text, then passed to next', code: 'app.use((req, res, next) => { try { run(); } catch (err) { logger.warn("failed: " + err.message); next(err); } });' },
    { name: 'logged as text in a branch, rethrown after it', code: 'try { run(); } catch (e) { if (verbose) { console.warn(e.message); } throw e; }' },
    { name: 'logged as text, then handed to bail (retry helper)', code: 'retry(async (bail) => { try { await send(); } catch (e) { logger.warn("send failed", { error: e.message }); bail(e); } });' },
    { name: 'logged as text, then returned', code: 'function f() { try { return run(); } catch (e) { logger.warn(String(e)); return e; } }' },
    { name: 'logged as text in a rejection handler, then rejected', code: 'new Promise((resolve, reject) => { op().then(resolve, (err) => { console.error(`op: ${err}`); reject(err); }); });' },
    { name: 'a wrapper carrying the error', code: 'try { run(); } catch (e) { logger.error(new AppError(`x ${e}`, { cause: e })); }' },
  ],
  invalid: [
    {
      name: 'string concatenation',
      code: 'try { run(); } catch (e) { logger.error("run failed: " + e); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 41, endLine: 1, endColumn: 59, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { logger.error("run failed: " + e, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a template literal with the message',
      code: 'try { run(); } catch (e) { console.error(`run failed: ${e.message}`); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 42, endLine: 1, endColumn: 68, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { console.error(`run failed: ${e.message}`, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'the message alone is replaced by the error',
      code: 'try { run(); } catch (e) { logger.error(e.message); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 41, endLine: 1, endColumn: 50, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { logger.error(e); }' },
      ] }],
      output: null,
    },
    {
      name: 'String(err) alone',
      code: 'try { run(); } catch (e) { logger.error(String(e)); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 41, endLine: 1, endColumn: 50, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { logger.error(e); }' },
      ] }],
      output: null,
    },
    {
      name: 'err.toString() through console.log',
      code: 'try { run(); } catch (e) { console.log(e.toString()); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 40, endLine: 1, endColumn: 52, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { console.log(e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a pino module gets the error as a first-argument object',
      code: 'import pino from "pino";\nconst logger = pino();\ntry { run(); } catch (e) { logger.error(`failed ${e}`); }',
      errors: [{ messageId: 'stringifiedError', line: 3, column: 41, endLine: 3, endColumn: 54, suggestions: [
        { messageId: 'passErrorObject', output: 'import pino from "pino";\nconst logger = pino();\ntry { run(); } catch (e) { logger.error({ err: e }, `failed ${e}`); }' },
      ] }],
      output: null,
    },
    {
      name: 'a pino merging object with the message only',
      code: 'import pino from "pino";\nconst log = pino();\ntry { run(); } catch (e) { log.error({ error: e.message }, "failed"); }',
      errors: [{ messageId: 'stringifiedError', line: 3, column: 38, endLine: 3, endColumn: 58, suggestions: [
        { messageId: 'passErrorObject', output: 'import pino from "pino";\nconst log = pino();\ntry { run(); } catch (e) { log.error({ error: e.message, err: e }, "failed"); }' },
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
      code: 'fs.readFile(p, (err, data) => {\n  if (err) return console.error("read failed: " + err);\n  use(data);\n});',
      errors: [{ messageId: 'stringifiedError', line: 2, column: 33, endLine: 2, endColumn: 54, suggestions: [
        { messageId: 'passErrorObject', output: 'fs.readFile(p, (err, data) => {\n  if (err) return console.error("read failed: " + err, err);\n  use(data);\n});' },
      ] }],
      output: null,
    },
    {
      name: 'a custom logger from settings',
      code: 'try { run(); } catch (e) { telemetry.error(`x: ${e}`); }',
      settings: { loggers: ['telemetry'] },
      errors: [{ messageId: 'stringifiedError', line: 1, column: 44, endLine: 1, endColumn: 53, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { telemetry.error(`x: ${e}`, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a rethrow before the log does not cover it',
      code: 'try { run(); } catch (e) { if (fatal) throw e; logger.error("ignored: " + e); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 61, endLine: 1, endColumn: 76, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { if (fatal) throw e; logger.error("ignored: " + e, e); }' },
      ] }],
      output: null,
    },
    {
      name: 'a throw that drops the error does not cover it',
      code: 'try { run(); } catch (e) { logger.error(e.message); throw new Error("run failed"); }',
      errors: [{ messageId: 'stringifiedError', line: 1, column: 41, endLine: 1, endColumn: 50, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) { logger.error(e); throw new Error("run failed"); }' },
      ] }],
      output: null,
    },
    {
      name: 'a branch that returns before the rethrow below it',
      code: 'try { run(); } catch (e) {\n  if (busy(e)) { logger.error("busy", { error: e.message }); return; }\n  throw e;\n}',
      errors: [{ messageId: 'stringifiedError', line: 2, column: 39, endLine: 2, endColumn: 59, suggestions: [
        { messageId: 'passErrorObject', output: 'try { run(); } catch (e) {\n  if (busy(e)) { logger.error("busy", { error: e.message }, e); return; }\n  throw e;\n}' },
      ] }],
      output: null,
    },
    {
      name: 'Nest logger on this, innermost handler error',
      code: 'class S {\n  m() {\n    try { run(); } catch (outer) {\n      try { again(); } catch (inner) { this.logger.error(inner.message); }\n    }\n  }\n}',
      errors: [{ messageId: 'stringifiedError', line: 4, column: 58, endLine: 4, endColumn: 71, suggestions: [
        { messageId: 'passErrorObject', output: 'class S {\n  m() {\n    try { run(); } catch (outer) {\n      try { again(); } catch (inner) { this.logger.error(inner); }\n    }\n  }\n}' },
      ] }],
      output: null,
    },
  ],
});
