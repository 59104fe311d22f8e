import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_SIZE } from '../../../rules/core/config/file-config';
import { lintText } from '../../../rules/core/engine/lint-text';
import { rule } from '../../../rules/logging/no-swallowed-error';
import { runRuleTests } from '../../helpers/rule-tester';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

/** A start-up step whose failure is handed to a helper (line 4 of each case). */
const migrateThen = (handler: string) => `try {\n  await db.migrate.latest();\n} catch {\n  ${handler}\n}`;

/** A finding on one line, with its suggestions. */
const E = (line: number, column: number, endColumn: number, suggestions: Array<{ messageId: string; output: string }> | null, messageId = 'ioFailureVanishes') =>
  ({ messageId, line, column, endLine: line, endColumn, suggestions });

runRuleTests(rule, {
  valid: [
    // The empty-answer family's negatives: the empty value is the intended answer, or the function goes on.
    { name: 'a write answered with false: the caller learns that it failed', code: 'async function save(db, row) { try { await db.insert(row); return true; } catch { return false; } }' },
    { name: 'a lookup that throws by design when nothing is found, answered with null', code: 'async function user(prisma, id) { try { return await prisma.user.findUniqueOrThrow({ where: { id } }); } catch { return null; } }' },
    { name: 'an existence probe answers no by failing', code: 'async function objectExists(s3, key) { try { await s3.headObject({ Key: key }); return true; } catch { return false; } }' },
    { name: 'an optional part left out: the empty value is assigned and the function goes on (reportFailedLookups)', code: 'async function enrich(api, s) { const profile = await api.fetch(s).then((r) => r.json()).catch(() => ({})); return { ...s, isin: profile.isin }; }' },
    { name: 'a fallback that keeps the input is not an empty answer (reportFailedLookups)', code: 'async function resolve(api, isin) { try { return (await api.search(isin)).symbol; } catch { return isin; } }' },
    { name: 'an empty catch around a read, the function going on, is left to reportFailedLookups', code: 'async function rateAt(svc, d) { let rate; try { rate = await svc.get(d); } catch {} return rate; }' },
    // The start-up family's negatives.
    { name: 'start-up code of a script is left alone: its user sees the next step fail', filename: 'scripts/seed.js', code: 'try {\n  await db.connect();\n} catch {}' },
    { name: 'a public method named like start-up code (`register`) may run per request: not start-up code', code: 'export class Users {\n  constructor(repo) { this.repo = repo; }\n  async register(dto) { try { await this.repo.create(dto); } catch {} }\n}' },
    { name: 'an exported `init` nothing in the file calls: only its name says it runs once', code: 'export async function init() { try { await db.connect(); } catch {} }' },
    { name: 'a write whose failure vanishes is left to reportVanishedWrites (opslint:all): often a best-effort step whose failure surfaces later', code: 'async function purge(db, user) { try { await db.session.deleteMany({ where: { user } }); } catch {} return db.user.delete({ where: { id: user } }); }' },
    { name: 'an empty .catch() on a promise of a module function that cannot reject (its body is one try whose catch throws nothing)', code: 'const check = async () => { try { await fetchLatest(); } catch (err) { console.error(err); } };\nexport const latest = () => { check().catch(); return cached; };' },
    { name: 'a failed lookup replaced by a fallback is left to reportFailedLookups (opslint:all): often deliberate degradation', code: "async function lyricsFor(title) { let text; try { text = await findLyrics(title); } catch { text = 'not found'; } return text; }" },
    { name: 'logs through the default logger', code: 'async function f() { try { await run(); } catch (err) { logger.error({ err }, "run failed"); } }' },
    { name: 'logs through a custom logger named in settings', code: 'async function f() { try { await run(); } catch (e) { telemetry.error("run failed"); } }', settings: { loggers: ['telemetry'] } },
    { name: 'logs through a logger created at module level with pino()', code: 'const audit = pino();\nasync function f() { try { await run(); } catch { audit.warn("run failed"); } }' },
    { name: 'logs through a child logger', code: 'async function f() { try { await run(); } catch (e) { logger.child({ job: 1 }).error("failed"); } }' },
    { name: 'logs through this.logger and req.log', code: 'class S { async m(req) { try { await run(); } catch (e) { if (req) req.log.error(e); else this.logger.warn("x"); } } }' },
    { name: 'any console output leaves a trace', code: 'async function f(id) { try { await fs.promises.unlink(path(id)); await db.delete(id); } catch { console.log(`could not delete ${id}`); } }' },
    { name: 'reports to Sentry', code: 'async function f() { try { await run(); } catch (e) { Sentry.captureException(e); } }' },
    { name: 'rethrows inside a nested if', code: 'async function f() { try { await run(); } catch (e) {\n  if (e instanceof NotFound) {\n    if (strict) { throw e; }\n    return null;\n  }\n  throw new AppError("run", { cause: e });\n} }' },
    { name: 'passes the error to next(err)', code: 'app.use(async (req, res, next) => { try { await run(); } catch (err) { next(err); } });' },
    { name: 'wraps the error in an alias, then passes the alias on', code: 'async function f() { try { await run(); } catch (e) { const wrapped = new AppError("x", { cause: e }); reject(wrapped); } }' },
    { name: 'returns a result object carrying the error', code: 'async function f() { try { return { ok: true, value: await run() }; } catch (error) { return { ok: false, error }; } }' },
    { name: 'emits it as an error event', code: 'async function f() { try { await run(); } catch (e) { this.emit("error", e); } }' },
    { name: 'stores it where the caller can see it', code: 'async function f() { try { await run(); } catch (e) { this.lastError = e; } }' },
    { name: 'a script ends with a failing exit status', code: 'main().catch(async () => { await db.$disconnect(); process.exit(1); });' },
    { name: 'an empty catch that says why', code: 'async function f() {\n  try {\n    await publish(event);\n  } catch {\n    // the outbox retries unsent events; nothing is lost\n  }\n}' },
    { name: 'a comment above the statement says why', code: '// init errors are reported through the model\'s error event\nmodel.init().catch(() => {});' },
    { name: 'a trailing comment on the handler line says why', code: 'p.then(done, () => {} /* opening failed: nothing to close */);' },
    { name: 'a comment right above the try says why', code: 'async function f() {\n  // the peer may be gone already; the session is dropped either way\n  try {\n    await peer.notify();\n  } catch {}\n}' },
    { name: 'a parameter named as deliberately unused', code: 'async function f() { try { await run(); } catch (_err) {} }' },
    // Local, deterministic work that falls back: an answer, not an outage (reported with reportFallbacks).
    { name: 'a probe of malformed input falls back', code: 'function parse(s) { try { return JSON.parse(s); } catch { return undefined; } }' },
    { name: 'a try block of URL probes only', code: 'function sameOrigin(a, b) { try { return new URL(String(a)).origin === new URL(String(b)).origin; } catch { return a === b; } }' },
    { name: 'a predicate of local work that answers no by failing', code: 'function isValidId(id) { try { ObjectId.createFromHexString(id); return true; } catch { return false; } }' },
    { name: 'unknown synchronous work with a fallback', code: 'function color(p) { try { return chroma(`hsl(${p}, 90%, 40%)`).hex(); } catch (err) { return NA_COLOR; } }' },
    { name: 'decompressing stored data falls back to the raw value', code: 'async function decode(v) { try { return (await brotliDecompress(Buffer.from(v, "base64"))).toString("utf8"); } catch (error) { return v; } }' },
    { name: 'feature detection with a built-in constructor', code: 'let mod;\ntry {\n  mod = new WebAssembly.Module(require("./simd-wasm.js"));\n} catch {}' },
    { name: 'a regular expression flag probe falls back', code: 'let re;\ntry { re = new RegExp(source, "v"); } catch { re = new RegExp(source); }' },
    { name: 'an optional module', code: 'let native;\ntry { native = require("bufferutil"); } catch {}' },
    { name: 'an optional file read falls back', code: 'async function readConfig(p) { try { return await fs.readFile(p, "utf8"); } catch { return null; } }', },
    { name: 'a folder listing that may not exist', code: 'async function examples(dir) { let files = []; try { files = await fsAsync.readdir(dir); } catch (e) {} return files; }' },
    { name: 'a file-exists probe falls back', code: 'const info = await fs.promises.stat(p).catch(() => null);' },
    { name: 'a Node callback reading an optional file', code: 'fs.readFile(p, (err, data) => {\n  if (err) return;\n  use(data);\n});' },
    { name: 'a corrupt or missing cache entry is a miss', code: 'class S { async expired(key) { try { const { at } = JSON.parse(await this.redisCacheService.get(key)); return isPast(at); } catch { return true; } } }' },
    { name: 'a cache read in a class that is the cache', code: 'class RedisCache { async keys() { const keys = []; try { for await (const [k] of this.client.iterator({})) keys.push(k); } catch {} return keys; } }' },
    // I/O whose failure does not vanish.
    { name: 'the handler does the work another way, and that failure goes on', code: 'async function post(interaction, payload) { try { await interaction.channel.send(payload); } catch { await interaction.followUp(payload); } }' },
    { name: 'a rejection handler that returns another attempt', code: 'function answer(interaction, data) { return interaction.reply(data).catch(() => interaction.editReply(data)); }' },
    { name: 'the function documents the fallback', code: '/**\n * The major version of the installed tool, or null if it cannot be determined.\n */\nasync function toolVersion() {\n  try {\n    const { stdout } = await spawn("tool", ["--version"]);\n    return Number.parseInt(stdout, 10);\n  } catch {\n    return null;\n  }\n}' },
    { name: 'a failed lookup answered as not found', code: 'async function logo(res, url) { try { res.send(await logos.fetch(url)); } catch { res.status(HttpStatus.NOT_FOUND).send(); } }' },
    { name: 'a debug line leaves a trace', code: 'function store(key, v) { try { redis.hset(key, "v", v); } catch (err) { debug("[cache] error in redis.hset()"); } }' },
    { name: 'the comment above the declaration the try assigns says why', code: 'async function prefix() {\n  // old versions do not support this command: fall back to no prefix\n  let prefix: string | null;\n  try {\n    prefix = (await spawnCommand("yarn", ["global", "dir"])).stdout;\n  } catch {\n    prefix = null;\n  }\n  return prefix;\n}' },
    { name: 'asking a tool for its version is feature detection', code: 'const { execSync } = require("child_process");\nfunction hasYarn() { try { execSync("yarnpkg --version", { stdio: "ignore" }); return true; } catch { return false; } }' },
    { name: 'a health check answers false', code: 'class Health { async isDatabaseHealthy() { try { await this.db.query("SELECT 1"); return true; } catch { return false; } } }' },
    { name: 'a rejection handler that returns the error', code: 'const result = await run().catch((e) => e);' },
    { name: 'a rejection handler that logs', code: 'run().then(ok, (e) => logger.warn(e));' },
    { name: 'a Node callback that propagates', code: 'db.query(sql, (err, rows) => {\n  if (err) return callback(err);\n  callback(null, rows);\n});' },
    { name: 'a Node callback that throws', code: 'db.query(sql, (err, rows) => { if (err) throw err; use(rows); });' },
    { name: 'an `if (err)` that is not a callback\'s error argument', code: 'function f(err) { if (err) return; }' },
    { name: 'a handler passed by reference', code: 'run().catch(handleError);' },
    { name: 'a .catch with two arguments is not a promise catch', code: 'router.catch(() => {}, options);' },
    { name: 'best-effort clean-up', code: 'async function stop() { await session.endSession().catch(() => {}); try { conn.closeResultSet(); } catch {} }' },
    { name: 'a promise held elsewhere marked as handled', code: 'const pending = start();\npending.finally(notify).catch(() => {});\nreturn pending;' },
    { name: 'a test expecting the throw', code: 'test("rejects", async (t) => { try { await connect(bad); t.assert.fail(); } catch (e) { t.assert.ok(true); } });' },
    { name: 'a `.catch` that is not a promise\'s (its parameter is not an error)', code: 'const schema = z.string().catch((ctx) => String(ctx.input));' },
    { name: 'an `if (err)` that falls through to code that handles it', code: 'db.query(sql, (err, rows) => {\n  if (err) { err.sql = sql; }\n  done(err, rows);\n});' },
    { name: 'a result object that says it failed', code: 'async function send(m) { try { return { ok: true, id: await queue.publish(m) }; } catch { return { ok: false, reason: "queue unavailable" }; } }' },
    { name: 'a test file: a rejection recorded on purpose', filename: 'test/server.test.js', code: 'it("rejects", async () => { await start().catch(() => result.push("rejected")); });' },
    { name: 'a file in a __tests__ folder with an empty catch', filename: 'src/__tests__/retry.ts', code: 'async function f() { try { await run(); } catch (err) {} }' },
    { name: 'error details sent on in a status', code: 'async function f() { try { await this.decoder.write(data); } catch (e) { this.sendStatus({ code: 8, details: (e as Error).message }); return; } }' },
    { name: 'a catch that calls a helper of the module that always throws', code: `function cannotStart(step) {\n  throw new Error(\`start-up step \${step} failed\`);\n}\n${migrateThen("cannotStart('migrations');")}` },
  ],
  invalid: [
    {
      name: 'a catch that calls a helper of the module that throws only sometimes',
      code: `function cannotStart(step) {\n  if (process.env.STRICT) throw new Error(step);\n}\n${migrateThen("cannotStart('migrations');")}`,
      errors: [E(6, 3, 8, [{ messageId: 'addLogCall', output: "function cannotStart(step) {\n  if (process.env.STRICT) throw new Error(step);\n}\ntry {\n  await db.migrate.latest();\n} catch (error) {\n  console.error(error);\n  cannotStart('migrations');\n}" }], 'startupFailureVanishes')],
      output: null,
    },
    {
      name: 'a catch that writes its handler as a function and never calls it, around local work',
      code: 'function parse(s) { try { return JSON.parse(s); } catch { (e) => console.log(e); } }',
      errors: [E(1, 51, 56, [{ messageId: 'addLogCall', output: 'function parse(s) { try { return JSON.parse(s); } catch (error) { console.error(error); (e) => console.log(e); } }' }], 'handlerNeverCalled')],
      output: null,
    },
    {
      name: 'a rejection handler whose only statement is an uncalled function',
      code: 'export function run(job) { return job.run().catch(() => { (error) => logger.error(error); }); }',
      errors: [E(1, 45, 50, [{ messageId: 'addLogCall', output: 'export function run(job) { return job.run().catch((caughtError) => { console.error(caughtError); (error) => logger.error(error); }); }' }], 'handlerNeverCalled')],
      output: null,
    },
    {
      name: 'a database read answered with [] as the function\'s result: an outage looks like no rows',
      code: 'class StatusPage {\n  static async maintenanceList(id) {\n    try {\n      const ids = await R.getCol(\'SELECT id FROM m WHERE page = ?\', [id]);\n      return ids;\n    } catch (error) {\n      return [];\n    }\n  }\n}',
      errors: [E(6, 7, 12, [{ messageId: 'addLogCall', output: 'class StatusPage {\n  static async maintenanceList(id) {\n    try {\n      const ids = await R.getCol(\'SELECT id FROM m WHERE page = ?\', [id]);\n      return ids;\n    } catch (error) {\n      console.error(error);\n      return [];\n    }\n  }\n}' }], 'emptyAnswerHidesFailure')],
      output: null,
    },
    {
      name: 'a returned promise whose rejection handler answers with an empty value',
      code: 'export function tagsOf(repo, id) { return repo.findTags(id).catch(() => []); }',
      errors: [E(1, 61, 66, [{ messageId: 'addLogCall', output: 'export function tagsOf(repo, id) { return repo.findTags(id).catch((error) => { console.error(error); return []; }); }' }], 'emptyAnswerHidesFailure')],
      output: null,
    },
    {
      name: 'start-up code: an initialisation a provider\'s constructor starts, its failure swallowed',
      code: '@Controller()\nexport class AppController {\n  constructor(private readonly rates: RatesService) {\n    this.initialize();\n  }\n  private async initialize() {\n    try {\n      await this.rates.initialize();\n    } catch {}\n  }\n}',
      errors: [E(9, 7, 12, [{ messageId: 'addLogCall', output: '@Controller()\nexport class AppController {\n  constructor(private readonly rates: RatesService) {\n    this.initialize();\n  }\n  private async initialize() {\n    try {\n      await this.rates.initialize();\n    } catch (error) {\n      console.error(error);\n    }\n  }\n}' }], 'startupFailureVanishes')],
      output: null,
    },
    {
      name: 'start-up code: a migration at the module\'s top level',
      code: 'try {\n  await db.migrate.latest();\n} catch {}',
      errors: [E(3, 3, 8, [{ messageId: 'addLogCall', output: 'try {\n  await db.migrate.latest();\n} catch (error) {\n  console.error(error);\n}' }], 'startupFailureVanishes')],
      output: null,
    },
    {
      name: 'a write whose failure vanishes, with reportVanishedWrites; once per function for a run of twin handlers',
      options: [{ reportVanishedWrites: true }],
      code: 'async function purge(db, user) { try { await db.session.deleteMany({ where: { user } }); } catch {} try { await db.account.deleteMany({ where: { user } }); } catch {} }',
      errors: [E(1, 92, 97, [{ messageId: 'addLogCall', output: 'async function purge(db, user) { try { await db.session.deleteMany({ where: { user } }); } catch (error) {\n  console.error(error);\n} try { await db.account.deleteMany({ where: { user } }); } catch {} }' }])],
      output: null,
    },
    {
      name: 'a failed lookup with reportFailedLookups',
      options: [{ reportFailedLookups: true }],
      code: "async function lyricsFor(title) { let text; try { text = await findLyrics(title); } catch { text = 'not found'; } return text; }",
      errors: [E(1, 85, 90, [{ messageId: 'addLogCall', output: "async function lyricsFor(title) { let text; try { text = await findLyrics(title); } catch (error) { console.error(error); text = 'not found'; } return text; }" }])],
      output: null,
    },
    {
      name: 'a file named like a test helper outside test folders is production code', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      filename: 'src/testing-utils.ts',
      code: 'async function f() { try { await run(); } catch (err) {} }',
      errors: [E(1, 43, 48, [{ messageId: 'addLogCall', output: 'async function f() { try { await run(); } catch (err) {\n  console.error(err);\n} }' }])],
      output: null,
    },
    {
      name: 'an empty catch clause around an awaited call', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'async function f() {\n  try {\n    await run();\n  } catch (err) {}\n}',
      errors: [E(4, 5, 10, [{ messageId: 'addLogCall', output: 'async function f() {\n  try {\n    await run();\n  } catch (err) {\n    console.error(err);\n  }\n}' }])],
      output: null,
    },
    {
      name: 'a catch that returns a fallback and loses a database failure, with a module logger to suggest', options: [{ reportFailedLookups: true }],
      code: 'import { logger } from "./log";\nasync function load(id: string) {\n  try {\n    return await db.find(id);\n  } catch (e) {\n    metrics.increment("load.fail");\n    return null;\n  }\n}',
      errors: [E(5, 5, 10, [{ messageId: 'addLogCall', output: 'import { logger } from "./log";\nasync function load(id: string) {\n  try {\n    return await db.find(id);\n  } catch (e) {\n    logger.error(e);\n    metrics.increment("load.fail");\n    return null;\n  }\n}' }])],
      output: null,
    },
    {
      name: 'a catch without a binding gets one', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'async function f() { try { await run(); } catch { return null; } }',
      errors: [E(1, 43, 48, [{ messageId: 'addLogCall', output: 'async function f() { try { await run(); } catch (error) { console.error(error); return null; } }' }])],
      output: null,
    },
    {
      name: 'a synchronous database or child process call', options: [{ reportFailedLookups: true }],
      code: 'const { execSync } = require("child_process");\nfunction branch() { try { return execSync("git rev-parse HEAD").toString(); } catch (e) { return ""; } }\nfunction save(row) { try { redis.hset(row.key, "v", row.v); } catch (err) { debugOut("hset failed"); } }',
      errors: [
        E(2, 79, 84, [{ messageId: 'addLogCall', output: 'const { execSync } = require("child_process");\nfunction branch() { try { return execSync("git rev-parse HEAD").toString(); } catch (e) { console.error(e); return ""; } }\nfunction save(row) { try { redis.hset(row.key, "v", row.v); } catch (err) { debugOut("hset failed"); } }' }]),
        E(3, 63, 68, [{ messageId: 'addLogCall', output: 'const { execSync } = require("child_process");\nfunction branch() { try { return execSync("git rev-parse HEAD").toString(); } catch (e) { return ""; } }\nfunction save(row) { try { redis.hset(row.key, "v", row.v); } catch (err) { console.error(err); debugOut("hset failed"); } }' }]),
      ],
      output: null,
    },
    {
      name: 'a predicate over I/O does not answer no: the outage becomes "no", an empty answer the caller cannot tell from a real one',
      code: 'async function isStaff(guild, id) { try { const m = guild.members.cache.get(id) || await guild.members.fetch(id); return m.roles.cache.has(STAFF); } catch { return false; } }',
      errors: [E(1, 150, 155, [{ messageId: 'addLogCall', output: 'async function isStaff(guild, id) { try { const m = guild.members.cache.get(id) || await guild.members.fetch(id); return m.roles.cache.has(STAFF); } catch (error) { console.error(error); return false; } }' }], 'emptyAnswerHidesFailure')],
      output: null,
    },
    {
      name: 'checking one error code swallows every other code of the I/O', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'async function append(line) { try { await fs.promises.appendFile(LOG, line); } catch (e) { if (e.code === "ENOENT") return null; } }',
      errors: [E(1, 80, 85, [{ messageId: 'addLogCall', output: 'async function append(line) { try { await fs.promises.appendFile(LOG, line); } catch (e) { console.error(e); if (e.code === "ENOENT") return null; } }' }])],
      output: null,
    },
    {
      name: 'a rejection of an async callback inside Promise.all', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'async function pushAll(ids) { try { await Promise.all(ids.map(async (id) => { await api.post(id); })); } catch (e) {} }',
      errors: [E(1, 106, 111, [{ messageId: 'addLogCall', output: 'async function pushAll(ids) { try { await Promise.all(ids.map(async (id) => { await api.post(id); })); } catch (e) {\n  console.error(e);\n} }' }])],
      output: null,
    },
    {
      name: 'a server error answered without logging the database failure',
      code: 'app.get("/count", (req, res) => {\n  try {\n    res.json(Users.count());\n  } catch (error) {\n    res.status(500).json({ error: "Failed to count" });\n  }\n});',
      errors: [E(4, 5, 10, [{ messageId: 'addLogCall', output: 'app.get("/count", (req, res) => {\n  try {\n    res.json(Users.count());\n  } catch (error) {\n    console.error(error);\n    res.status(500).json({ error: "Failed to count" });\n  }\n});' }], 'serverErrorUnlogged')],
      output: null,
    },
    {
      name: 'a server error answered without logging a parse failure',
      code: 'function config(res, row) { try { res.send(JSON.parse(row.extra)); } catch (e) { res.status(StatusCodes.INTERNAL_SERVER_ERROR).send({ reason: "invalid config" }); } }',
      errors: [E(1, 70, 75, [{ messageId: 'addLogCall', output: 'function config(res, row) { try { res.send(JSON.parse(row.extra)); } catch (e) { console.error(e); res.status(StatusCodes.INTERNAL_SERVER_ERROR).send({ reason: "invalid config" }); } }' }], 'serverErrorUnlogged')],
      output: null,
    },
    {
      name: 'a catch whose only statement is a function that is never called (by default: it is a mistake whatever the work)',
      code: 'async function runCmd(c) { try { await exec(c); } catch { (error) => { console.log(error); }; } }',
      errors: [E(1, 51, 56, [{ messageId: 'addLogCall', output: 'async function runCmd(c) { try { await exec(c); } catch (caughtError) { console.error(caughtError); (error) => { console.log(error); }; } }' }], 'handlerNeverCalled')],
      output: null,
    },
    {
      name: 'a comment inside the try block explains the tried code, not the catch', options: [{ reportFailedLookups: true }],
      code: 'async function f() {\ntry {\n  // send the heartbeat\n  await ping();\n} catch {}\n}',
      errors: [E(5, 3, 8, [{ messageId: 'addLogCall', output: 'async function f() {\ntry {\n  // send the heartbeat\n  await ping();\n} catch (error) {\n  console.error(error);\n}\n}' }])],
      output: null,
    },
    {
      name: 'a constructor of a client may connect', options: [{ reportFailedLookups: true }],
      code: 'export async function f() {\nlet client;\ntry { client = new RedisClient(url); } catch {}\n}',
      errors: [E(3, 40, 45, [{ messageId: 'addLogCall', output: 'export async function f() {\nlet client;\ntry { client = new RedisClient(url); } catch (error) {\n  console.error(error);\n}\n}' }])],
      output: null,
    },
    {
      name: 'a bare TODO comment does not explain', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'async function f() {\ntry {\n  await run();\n} catch (e) {\n  // TODO\n}\n}',
      errors: [E(4, 3, 8, [{ messageId: 'addLogCall', output: 'async function f() {\ntry {\n  await run();\n} catch (e) {\n  console.error(e);\n  // TODO\n}\n}' }])],
      output: null,
    },
    {
      name: 'logging at a level of a logger the settings do not know', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'async function f() { try { await run(); } catch (e) { tracer.note("failed"); } }',
      errors: [E(1, 43, 48, [{ messageId: 'addLogCall', output: 'async function f() { try { await run(); } catch (e) { console.error(e); tracer.note("failed"); } }' }])],
      output: null,
    },
    {
      name: 'an empty promise catch', options: [{ reportFailedLookups: true }],
      code: 'export async function f() {\nfetchUser().catch(() => {});\n}',
      errors: [E(2, 13, 18, [{ messageId: 'addLogCall', output: 'export async function f() {\nfetchUser().catch((error) => {\n  console.error(error);\n});\n}' }])],
      output: null,
    },
    {
      name: 'a promise catch that returns a fallback value', options: [{ reportFailedLookups: true }],
      code: 'export async function f() {\nconst user = await fetchUser().catch(() => null);\n}',
      errors: [E(2, 32, 37, [{ messageId: 'addLogCall', output: 'export async function f() {\nconst user = await fetchUser().catch((error) => { console.error(error); return null; });\n}' }])],
      output: null,
    },
    {
      name: 'a .then rejection handler that cleans up only', options: [{ reportFailedLookups: true }],
      code: 'export async function f() {\nfetchUser().then((u) => use(u), (e) => { cleanup(); });\n}',
      errors: [E(2, 13, 17, [{ messageId: 'addLogCall', output: 'export async function f() {\nfetchUser().then((u) => use(u), (e) => { console.error(e); cleanup(); });\n}' }])],
      output: null,
    },
    {
      name: 'a .catch(noop)', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'export async function f() {\njob.run().catch(noop);\n}',
      errors: [E(2, 11, 16, [{ messageId: 'addLogCall', output: 'export async function f() {\njob.run().catch((error) => console.error(error));\n}' }])],
      output: null,
    },
    {
      name: 'a Node callback of a database query that returns on error', options: [{ reportFailedLookups: true }],
      code: 'db.query(sql, (err, rows) => {\n  if (err) return;\n  use(rows);\n});',
      errors: [E(2, 3, 11, [{ messageId: 'addLogCall', output: 'db.query(sql, (err, rows) => {\n  if (err) { console.error(err); return; }\n  use(rows);\n});' }])],
      output: null,
    },
    {
      name: 'a Node callback that answers 500 without logging',
      code: 'db.query(sql, (error, rows) => {\n  if (error != null) {\n    res.sendStatus(500);\n    return;\n  }\n  res.json(rows);\n});',
      errors: [{ messageId: 'serverErrorUnlogged', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [
        { messageId: 'addLogCall', output: 'db.query(sql, (error, rows) => {\n  if (error != null) {\n    console.error(error);\n    res.sendStatus(500);\n    return;\n  }\n  res.json(rows);\n});' },
      ] }],
      output: null,
    },
    {
      name: 'only the inner catch swallows; the outer one rethrows', options: [{ reportFailedLookups: true }],
      code: 'async function f() {\ntry {\n  try { await a(); } catch (inner) { b(); }\n} catch (outer) { throw outer; }\n}',
      errors: [E(3, 22, 27, [{ messageId: 'addLogCall', output: 'async function f() {\ntry {\n  try { await a(); } catch (inner) { console.error(inner); b(); }\n} catch (outer) { throw outer; }\n}' }])],
      output: null,
    },
    {
      name: 'a probe in a try block that also does I/O is not excused',
      code: 'async function f() { try { const cfg = JSON.parse(raw); await apply(cfg); } catch (e) { return false; } }',
      errors: [E(1, 77, 82, [{ messageId: 'addLogCall', output: 'async function f() { try { const cfg = JSON.parse(raw); await apply(cfg); } catch (e) { console.error(e); return false; } }' }], 'emptyAnswerHidesFailure')],
      output: null,
    },
    {
      name: 'a .catch on a promise made and dropped here is not marking one held elsewhere', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'export async function f() {\npublish(event).catch(() => {});\n}',
      errors: [E(2, 16, 21, [{ messageId: 'addLogCall', output: 'export async function f() {\npublish(event).catch((error) => {\n  console.error(error);\n});\n}' }])],
      output: null,
    },
    {
      name: 'in a method of a class with a logger field, the suggestion logs through this.logger', options: [{ reportFailedLookups: true }],
      code: 'class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  async sync() {\n    try { await this.push(); } catch (e) { return false; }\n  }\n}',
      errors: [E(4, 32, 37, [{ messageId: 'addLogCall', output: 'class OrdersService {\n  private readonly logger = new Logger(OrdersService.name);\n  async sync() {\n    try { await this.push(); } catch (e) { this.logger.error(e); return false; }\n  }\n}' }])],
      output: null,
    },
    {
      name: 'a constructor parameter property logger is used too, from an arrow callback', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'class Worker {\n  constructor(private readonly logger: Logger) {}\n  start() { this.queue.on("job", () => this.run().catch(() => {})); }\n}',
      errors: [E(3, 51, 56, [{ messageId: 'addLogCall', output: 'class Worker {\n  constructor(private readonly logger: Logger) {}\n  start() { this.queue.on("job", () => this.run().catch((error) => {\n    this.logger.error(error);\n  })); }\n}' }])],
      output: null,
    },
    {
      name: 'a destructured error gets no suggestion', options: [{ reportFailedLookups: true, reportVanishedWrites: true }],
      code: 'async function f() { try { await run(); } catch ({ message }) { return message; } }',
      errors: [E(1, 43, 48, null)],
      output: null,
    },
    {
      name: '.catch() without a handler leaves the rejection unhandled',
      code: 'query.link.batchRemove({ expired: true }).catch();\nplayingMessage.delete().catch(undefined);\nneedsUpdate().catch(null);',
      errors: [
        { messageId: 'missingHandler', line: 1, column: 43, endLine: 1, endColumn: 48 },
        { messageId: 'missingHandler', line: 2, column: 25, endLine: 2, endColumn: 30 },
        { messageId: 'missingHandler', line: 3, column: 15, endLine: 3, endColumn: 20 },
      ],
      output: null,
    },
    {
      name: 'with reportFallbacks, local work that falls back is reported too',
      options: [{ reportFallbacks: true }],
      code: 'function parse(s) { try { return JSON.parse(s); } catch { return undefined; } }\nasync function readConfig(p) { try { return await fs.readFile(p, "utf8"); } catch { return null; } }',
      errors: [
        E(1, 51, 56, [{ messageId: 'addLogCall', output: 'function parse(s) { try { return JSON.parse(s); } catch (error) { console.error(error); return undefined; } }\nasync function readConfig(p) { try { return await fs.readFile(p, "utf8"); } catch { return null; } }' }], 'fallbackLeavesNoTrace'),
        E(2, 77, 82, [{ messageId: 'addLogCall', output: 'function parse(s) { try { return JSON.parse(s); } catch { return undefined; } }\nasync function readConfig(p) { try { return await fs.readFile(p, "utf8"); } catch (error) { console.error(error); return null; } }' }], 'fallbackLeavesNoTrace'),
      ],
      output: null,
    },
  ],
});

// Opslint's own directives, so outside the cases that also run in ESLint: the directive is not the
// catch's explanation, so the catch is reported and the directive suppresses it (and is not unused).
describe('logging/no-swallowed-error with an opslint directive', () => {
  it('the suppression directive is used, not read as the explanation', () => {
    const code = 'async function f() {\ntry {\n  await run();\n  // opslint-disable-next-line logging/no-swallowed-error -- the scheduler retries the run\n} catch {}\n}';
    const config = { rules: new Map([[rule.meta.opslint.id, { severity: 2 as const, options: [{ reportFailedLookups: true, reportVanishedWrites: true }] }]]), settings: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE };
    const result = lintText(code, 'src/file.ts', config, { registry: new Map([[rule.meta.opslint.id, rule]]), cwd: process.cwd(), verbose: true });
    assert.deepEqual(result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`), []);
  });
});

// Across files: a helper of another module that always throws, as its summary says.
const ERRORS = "export function cannotStart(step: string): never {\n  throw new Error(`start-up step ${step} failed`);\n}\nexport function note(step: string) {\n  process.stdout.write(step);\n}\n";
const main = (handler: string) => `import { cannotStart, note } from './errors';\ndeclare const db: any;\n${migrateThen(handler)}\n`;

runProjectRuleTests(rule, {
  valid: [
    { name: 'a catch that calls an imported helper that always throws', files: { 'src/errors.ts': ERRORS, 'src/main.ts': main("cannotStart('migrations');") } },
  ],
  invalid: [
    { name: 'a catch that calls an imported helper that does not throw', files: { 'src/errors.ts': ERRORS, 'src/main.ts': main("note('migrations');") }, errors: [{ file: 'src/main.ts', messageId: 'startupFailureVanishes', line: 5, column: 3, endLine: 5, endColumn: 8 }] },
  ],
});
