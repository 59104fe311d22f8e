import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_SIZE } from '../../../rules/core/config/file-config';
import { lintText } from '../../../rules/core/engine/lint-text';
import { rule } from '../../../rules/logging/no-swallowed-error';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'logs through the default logger', code: 'try { run(); } catch (err) { logger.error({ err }, "run failed"); }' },
    { name: 'logs through a custom logger named in settings', code: 'try { run(); } catch (e) { telemetry.error("run failed"); }', settings: { loggers: ['telemetry'] } },
    { name: 'logs through a logger created at module level with pino()', code: 'const audit = pino();\nfunction f() { try { run(); } catch { audit.warn("run failed"); } }' },
    { name: 'logs through a child logger', code: 'try { run(); } catch (e) { logger.child({ job: 1 }).error("failed"); }' },
    { name: 'logs through this.logger and req.log', code: 'class S { m(req) { try { run(); } catch (e) { if (req) req.log.error(e); else this.logger.warn("x"); } } }' },
    { name: 'reports to Sentry', code: 'try { run(); } catch (e) { Sentry.captureException(e); }' },
    { name: 'rethrows inside a nested if', code: 'try { run(); } catch (e) {\n  if (e instanceof NotFound) {\n    if (strict) { throw e; }\n    return null;\n  }\n  throw new AppError("run", { cause: e });\n}' },
    { name: 'passes the error to next(err)', code: 'app.use(async (req, res, next) => { try { await run(); } catch (err) { next(err); } });' },
    { name: 'wraps the error in an alias, then passes the alias on', code: 'try { run(); } catch (e) { const wrapped = new AppError("x", { cause: e }); reject(wrapped); }' },
    { name: 'returns a result object carrying the error', code: 'async function f() { try { return { ok: true, value: await run() }; } catch (error) { return { ok: false, error }; } }' },
    { name: 'emits it as an error event', code: 'try { run(); } catch (e) { this.emit("error", e); }' },
    { name: 'stores it where the caller can see it', code: 'try { run(); } catch (e) { this.lastError = e; }' },
    { name: 'an empty catch that says why', code: 'try {\n  fs.unlinkSync(tmp);\n} catch {\n  // the temp file may already be gone; nothing to clean up\n}' },
    { name: 'a probe of malformed input falls back', code: 'function parse(s) { try { return JSON.parse(s); } catch { return undefined; } }' },
    { name: 'a file-exists probe falls back', code: 'const info = await fs.promises.stat(p).catch(() => null);' },
    { name: 'a rejection handler that returns the error', code: 'const result = await run().catch((e) => e);' },
    { name: 'a rejection handler that logs', code: 'run().then(ok, (e) => logger.warn(e));' },
    { name: 'a Node callback that propagates', code: 'fs.readFile(p, (err, data) => {\n  if (err) return callback(err);\n  callback(null, data);\n});' },
    { name: 'a Node callback that throws', code: 'fs.readFile(p, (err, data) => { if (err) throw err; use(data); });' },
    { name: 'an `if (err)` that is not a callback\'s error argument', code: 'function f(err) { if (err) return; }' },
    { name: 'a handler passed by reference', code: 'run().catch(handleError);' },
    { name: 'a .catch with two arguments is not a promise catch', code: 'router.catch(() => {}, options);' },
    { name: 'a comment above the statement says why', code: '// init errors are reported through the model\'s error event\nmodel.init().catch(() => {});' },
    { name: 'a trailing comment on the handler line says why', code: 'p.then(done, () => {} /* opening failed: nothing to close */);' },
    { name: 'a parameter named as deliberately unused', code: 'try { payload.value = String(payload.value); } catch (_err) {}' },
    { name: 'best-effort clean-up', code: 'async function stop() { await session.endSession().catch(() => {}); try { conn.closeResultSet(); } catch {} }' },
    { name: 'a promise held elsewhere marked as handled', code: 'const pending = start();\npending.finally(notify).catch(() => {});\nreturn pending;' },
    { name: 'a predicate that answers no by failing', code: 'function isValidId(id) { try { ObjectId.createFromHexString(id); return true; } catch { return false; } }' },
    { name: 'a try block of URL probes only', code: 'function sameOrigin(a, b) { try { return new URL(String(a)).origin === new URL(String(b)).origin; } catch { return a === b; } }' },
    { name: 'a comment right above the try says why', code: 'function compile(schema) {\n  let recursive = true;\n  // the shape getter may throw; treat "cannot tell" as recursive\n  try {\n    recursive = isRecursive(schema);\n  } catch {}\n  return recursive;\n}' },
    { name: 'feature detection with a built-in constructor', code: 'let mod;\ntry {\n  mod = new WebAssembly.Module(require("./simd-wasm.js"));\n} catch {}' },
    { name: 'a regular expression flag probe falls back', code: 'let re;\ntry { re = new RegExp(source, "v"); } catch { re = new RegExp(source); }' },
    { name: 'an Intl locale probe falls back', code: 'let format;\ntry { format = new Intl.DateTimeFormat(locale); } catch { format = new Intl.DateTimeFormat("en-US"); }' },
    { name: 'a test expecting the throw', code: 'test("rejects", (t) => { try { parseConfig(bad); t.assert.fail(); } catch (e) { t.assert.ok(true); } });' },
    { name: 'a `.catch` that is not a promise\'s (its parameter is not an error)', code: 'const schema = z.string().catch((ctx) => String(ctx.input));' },
    { name: 'an `if (err)` that falls through to code that handles it', code: 'db.query(sql, (err, rows) => {\n  if (err) { err.sql = sql; }\n  done(err, rows);\n});' },
    { name: 'a result object that says it failed', code: 'function decode(buf) { try { return { ok: true, text: utf8Decode(buf) }; } catch { return { ok: false, reason: "invalid utf-8" }; } }' },
    { name: 'a test file: a rejection recorded on purpose', filename: 'test/server.test.js', code: 'it("rejects", async () => { await start().catch(() => result.push("rejected")); });' },
    { name: 'a file in a __tests__ folder with an empty catch', filename: 'src/__tests__/retry.ts', code: 'try { run(); } catch (err) {}' },
    { name: 'error details sent on in a status', code: 'try { rawMessages = this.decoder.write(data); } catch (e) { this.sendStatus({ code: 8, details: (e as Error).message }); return; }' },
  ],
  invalid: [
    {
      name: 'a file named like a test helper outside test folders is production code',
      filename: 'src/testing-utils.ts',
      code: 'try { run(); } catch (err) {}',
      errors: [{ messageId: 'swallowedError', line: 1, column: 16, endLine: 1, endColumn: 21, suggestions: [
        { messageId: 'addLogCall', output: 'try { run(); } catch (err) {\n  console.error(err);\n}' },
      ] }],
      output: null,
    },
    {
      name: 'an empty catch clause',
      code: 'try {\n  run();\n} catch (err) {}',
      errors: [{ messageId: 'swallowedError', line: 3, column: 3, endLine: 3, endColumn: 8, suggestions: [
        { messageId: 'addLogCall', output: 'try {\n  run();\n} catch (err) {\n  console.error(err);\n}' },
      ] }],
      output: null,
    },
    {
      name: 'a catch that returns a fallback and loses a database failure, with a module logger to suggest',
      code: 'import { logger } from "./log";\nasync function load(id: string) {\n  try {\n    return await db.find(id);\n  } catch (e) {\n    metrics.increment("load.fail");\n    return null;\n  }\n}',
      errors: [{ messageId: 'swallowedError', line: 5, column: 5, endLine: 5, endColumn: 10, suggestions: [
        { messageId: 'addLogCall', output: 'import { logger } from "./log";\nasync function load(id: string) {\n  try {\n    return await db.find(id);\n  } catch (e) {\n    logger.error(e);\n    metrics.increment("load.fail");\n    return null;\n  }\n}' },
      ] }],
      output: null,
    },
    {
      name: 'a catch without a binding gets one',
      code: 'try { run(); } catch { return null; }',
      errors: [{ messageId: 'swallowedError', line: 1, column: 16, endLine: 1, endColumn: 21, suggestions: [
        { messageId: 'addLogCall', output: 'try { run(); } catch (error) { console.error(error); return null; }' },
      ] }],
      output: null,
    },
    {
      name: 'a comment inside the try block explains the tried code, not the catch',
      code: 'try {\n  // send the heartbeat\n  ping();\n} catch {}',
      errors: [{ messageId: 'swallowedError', line: 4, column: 3, endLine: 4, endColumn: 8, suggestions: [
        { messageId: 'addLogCall', output: 'try {\n  // send the heartbeat\n  ping();\n} catch (error) {\n  console.error(error);\n}' },
      ] }],
      output: null,
    },
    {
      name: 'a constructor that is not a built-in probe may do I/O',
      code: 'let client;\ntry { client = new Client(url); } catch {}',
      errors: [{ messageId: 'swallowedError', line: 2, column: 35, endLine: 2, endColumn: 40, suggestions: [
        { messageId: 'addLogCall', output: 'let client;\ntry { client = new Client(url); } catch (error) {\n  console.error(error);\n}' },
      ] }],
      output: null,
    },
    {
      name: 'a bare TODO comment does not explain',
      code: 'try {\n  run();\n} catch (e) {\n  // TODO\n}',
      errors: [{ messageId: 'swallowedError', line: 3, column: 3, endLine: 3, endColumn: 8, suggestions: [
        { messageId: 'addLogCall', output: 'try {\n  run();\n} catch (e) {\n  console.error(e);\n  // TODO\n}' },
      ] }],
      output: null,
    },
    {
      name: 'logging at a level of a logger the settings do not know',
      code: 'try { run(); } catch (e) { tracer.note("failed"); }',
      errors: [{ messageId: 'swallowedError', line: 1, column: 16, endLine: 1, endColumn: 21, suggestions: [
        { messageId: 'addLogCall', output: 'try { run(); } catch (e) { console.error(e); tracer.note("failed"); }' },
      ] }],
      output: null,
    },
    {
      name: 'an empty promise catch',
      code: 'fetchUser().catch(() => {});',
      errors: [{ messageId: 'swallowedError', line: 1, column: 13, endLine: 1, endColumn: 18, suggestions: [
        { messageId: 'addLogCall', output: 'fetchUser().catch((error) => {\n  console.error(error);\n});' },
      ] }],
      output: null,
    },
    {
      name: 'a promise catch that returns a fallback value',
      code: 'const user = await fetchUser().catch(() => null);',
      errors: [{ messageId: 'swallowedError', line: 1, column: 32, endLine: 1, endColumn: 37, suggestions: [
        { messageId: 'addLogCall', output: 'const user = await fetchUser().catch((error) => { console.error(error); return null; });' },
      ] }],
      output: null,
    },
    {
      name: 'a .then rejection handler that cleans up only',
      code: 'fetchUser().then((u) => use(u), (e) => { cleanup(); });',
      errors: [{ messageId: 'swallowedError', line: 1, column: 13, endLine: 1, endColumn: 17, suggestions: [
        { messageId: 'addLogCall', output: 'fetchUser().then((u) => use(u), (e) => { console.error(e); cleanup(); });' },
      ] }],
      output: null,
    },
    {
      name: 'a .catch(noop)',
      code: 'job.run().catch(noop);',
      errors: [{ messageId: 'swallowedError', line: 1, column: 11, endLine: 1, endColumn: 16, suggestions: [
        { messageId: 'addLogCall', output: 'job.run().catch((error) => console.error(error));' },
      ] }],
      output: null,
    },
    {
      name: 'a Node callback that returns on error',
      code: 'fs.readFile(p, (err, data) => {\n  if (err) return;\n  use(data);\n});',
      errors: [{ messageId: 'swallowedError', line: 2, column: 3, endLine: 2, endColumn: 11, suggestions: [
        { messageId: 'addLogCall', output: 'fs.readFile(p, (err, data) => {\n  if (err) { console.error(err); return; }\n  use(data);\n});' },
      ] }],
      output: null,
    },
    {
      name: 'a Node callback that answers 500 without logging',
      code: 'db.query(sql, (error, rows) => {\n  if (error != null) {\n    res.sendStatus(500);\n    return;\n  }\n  res.json(rows);\n});',
      errors: [{ messageId: 'swallowedError', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [
        { messageId: 'addLogCall', output: 'db.query(sql, (error, rows) => {\n  if (error != null) {\n    console.error(error);\n    res.sendStatus(500);\n    return;\n  }\n  res.json(rows);\n});' },
      ] }],
      output: null,
    },
    {
      name: 'only the inner catch swallows; the outer one rethrows',
      code: 'try {\n  try { a(); } catch (inner) { b(); }\n} catch (outer) { throw outer; }',
      errors: [{ messageId: 'swallowedError', line: 2, column: 16, endLine: 2, endColumn: 21, suggestions: [
        { messageId: 'addLogCall', output: 'try {\n  try { a(); } catch (inner) { console.error(inner); b(); }\n} catch (outer) { throw outer; }' },
      ] }],
      output: null,
    },
    {
      name: 'a probe in a try block that also does other work is not excused',
      code: 'try { const cfg = JSON.parse(raw); await apply(cfg); } catch (e) { return false; }',
      errors: [{ messageId: 'swallowedError', line: 1, column: 56, endLine: 1, endColumn: 61, suggestions: [
        { messageId: 'addLogCall', output: 'try { const cfg = JSON.parse(raw); await apply(cfg); } catch (e) { console.error(e); return false; }' },
      ] }],
      output: null,
    },
    {
      name: 'a .catch on a promise made and dropped here is not marking one held elsewhere',
      code: 'publish(event).catch(() => {});',
      errors: [{ messageId: 'swallowedError', line: 1, column: 16, endLine: 1, endColumn: 21, suggestions: [
        { messageId: 'addLogCall', output: 'publish(event).catch((error) => {\n  console.error(error);\n});' },
      ] }],
      output: null,
    },
    {
      name: 'in a method of a class with a logger field, the suggestion logs through this.logger',
      code: 'class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  async sync() {\n    try { await this.push(); } catch (e) { return false; }\n  }\n}',
      errors: [{ messageId: 'swallowedError', line: 4, column: 32, endLine: 4, endColumn: 37, suggestions: [
        { messageId: 'addLogCall', output: 'class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  async sync() {\n    try { await this.push(); } catch (e) { this.logger.error(e); return false; }\n  }\n}' },
      ] }],
      output: null,
    },
    {
      name: 'a constructor parameter property logger is used too, from an arrow callback',
      code: 'class Worker {\n  constructor(private readonly logger: Logger) {}\n  start() { this.queue.on("job", () => this.run().catch(() => {})); }\n}',
      errors: [{ messageId: 'swallowedError', line: 3, column: 51, endLine: 3, endColumn: 56, suggestions: [
        { messageId: 'addLogCall', output: 'class Worker {\n  constructor(private readonly logger: Logger) {}\n  start() { this.queue.on("job", () => this.run().catch((error) => {\n    this.logger.error(error);\n  })); }\n}' },
      ] }],
      output: null,
    },
    {
      name: 'a destructured error gets no suggestion',
      code: 'try { run(); } catch ({ message }) { return message; }',
      errors: [{ messageId: 'swallowedError', line: 1, column: 16, endLine: 1, endColumn: 21, suggestions: null }],
      output: null,
    },
  ],
});

// Opslint's own directives, so outside the cases that also run in ESLint: the directive is not the
// catch's explanation, so the catch is reported and the directive suppresses it (and is not unused).
describe('logging/no-swallowed-error with an opslint directive', () => {
  it('the suppression directive is used, not read as the explanation', () => {
    const code = 'try {\n  run();\n  // opslint-disable-next-line logging/no-swallowed-error -- the scheduler retries the run\n} catch {}';
    const config = { rules: new Map([[rule.meta.opslint.id, { severity: 2 as const, options: [] }]]), settings: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE };
    const result = lintText(code, 'src/file.ts', config, { registry: new Map([[rule.meta.opslint.id, rule]]), cwd: process.cwd(), verbose: true });
    assert.deepEqual(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), []);
  });
});
