import { rule } from '../../../rules/resources/no-unreleased-resource';
import { runRuleTests } from '../../helpers/rule-tester';
import { runProjectRuleTests } from '../../helpers/project-rule-tester';

/** The module's own opener (lines 1-7): a pooled client made ready for the app, returned open. */
const GET_CLIENT = "import pg from 'pg';\nconst pool = new pg.Pool();\nasync function getClient() {\n  const client = await pool.connect();\n  await client.query('set search_path to app');\n  return client;\n}\n";

runRuleTests(rule, {
  valid: [
    { name: 'closed in finally', code: 'import * as fs from \'node:fs\';\nexport function head(p: string) {\n  const fd = fs.openSync(p, \'r\');\n  try {\n    const buf = Buffer.alloc(64);\n    fs.readSync(fd, buf);\n    return buf;\n  } finally {\n    fs.closeSync(fd);\n  }\n}' },
    { name: 'acquired inside the try, closed in finally behind a guard', code: 'import fs from \'fs\';\nfunction read(p) {\n  let fd;\n  try {\n    fd = fs.openSync(p, \'r\');\n    return fs.readFileSync(fd, \'utf8\');\n  } finally {\n    if (fd !== undefined) fs.closeSync(fd);\n  }\n}' },
    { name: 'await using disposes the file handle', code: 'import { open } from \'node:fs/promises\';\nexport async function read(p: string) {\n  await using fh = await open(p);\n  return fh.readFile(\'utf8\');\n}' },
    { name: 'pooled connection released in finally', code: 'import pg from \'pg\';\nconst pool = new pg.Pool();\nexport async function query(sql) {\n  const client = await pool.connect();\n  try {\n    return await client.query(sql);\n  } finally {\n    client.release();\n  }\n}' },
    { name: 'stream handed to stream.pipeline', code: 'import { createReadStream } from \'fs\';\nimport { pipeline } from \'stream/promises\';\nexport async function send(p, res) {\n  const source = createReadStream(p);\n  await pipeline(source, res);\n}' },
    { name: 'read stream piped, and one consumed with for await', code: 'import fs from \'fs\';\nexport async function serve(p, res) {\n  fs.createReadStream(p).pipe(res);\n  const rs = fs.createReadStream(p);\n  let n = 0;\n  for await (const chunk of rs) n += chunk.length;\n  return n;\n}' },
    { name: 'the descriptor is returned to the caller', code: 'import fs from \'fs\';\nexport function openLog(p) {\n  const fd = fs.openSync(p, \'a\');\n  return fd;\n}' },
    { name: 'stored on this, through an alias', code: 'import fs from \'fs\';\nclass Log {\n  fd = -1;\n  open(p) { const fd = fs.openSync(p); this.fd = fd; }\n}' },
    { name: 'closed in both branches of an if', code: 'import fs from \'fs\';\nfunction size(p, big) {\n  const fd = fs.openSync(p);\n  if (big) {\n    fs.closeSync(fd);\n    return 1;\n  } else {\n    fs.closeSync(fd);\n    return 2;\n  }\n}' },
    { name: 'closed in the catch and after the try', code: 'import fs from \'fs\';\nfunction write(p) {\n  const fd = fs.openSync(p);\n  try {\n    fs.writeSync(fd, \'x\');\n  } catch (e) {\n    fs.closeSync(fd);\n    throw e;\n  }\n  fs.closeSync(fd);\n}' },
    { name: 'socket ended in a data callback', code: 'import net from \'net\';\nfunction ask(port) {\n  const sock = net.connect(port);\n  sock.on(\'data\', (d) => { handle(d); sock.end(); });\n}' },
    { name: 'socket resolved to the caller from a Promise executor', code: 'import net from \'net\';\nexport function connect(port) {\n  return new Promise((resolve, reject) => {\n    const socket = net.connect(port);\n    socket.once(\'connect\', () => resolve(socket));\n    socket.once(\'error\', reject);\n  });\n}' },
    { name: 'child process exit awaited through a close listener', code: 'import { spawn } from \'child_process\';\nfunction run(cmd) {\n  const child = spawn(cmd);\n  return new Promise((resolve) => child.on(\'close\', resolve));\n}' },
    { name: 'worker waits for its exit event', code: 'import { Worker } from \'node:worker_threads\';\nexport function runTask(data) {\n  return new Promise((resolve, reject) => {\n    const worker = new Worker(\'./task.js\', { workerData: data });\n    worker.once(\'message\', resolve);\n    worker.once(\'error\', reject);\n    worker.on(\'exit\', (code) => code !== 0 && reject(new Error(String(code))));\n  });\n}' },
    { name: 'write stream ended straight after writes (stream methods report errors as events)', code: 'import fs from \'fs\';\nfunction header(p) {\n  const ws = fs.createWriteStream(p);\n  ws.write(\'header\\n\');\n  ws.end();\n}' },
    { name: 'read stream consumed by a data listener closes itself', code: 'import fs from \'fs\';\nfunction follow(p, onChunk) {\n  const rs = fs.createReadStream(p, \'utf8\');\n  rs.on(\'data\', onChunk);\n}' },
    { name: 'file handle handed to its own readLines (it closes the handle)', code: 'import { open } from \'fs/promises\';\nexport async function lines(p) {\n  const fh = await open(p);\n  for await (const line of fh.readLines()) console.log(line);\n}' },
    { name: 'callback-style fs.open closed in a nested callback', code: 'import fs from \'fs\';\nfunction first(p, cb) {\n  fs.open(p, \'r\', (err, fd) => {\n    if (err) return cb(err);\n    fs.read(fd, Buffer.alloc(1), 0, 1, 0, () => fs.close(fd, cb));\n  });\n}' },
    { name: 'passed to a configured owner', code: 'import fs from \'fs\';\nfunction adopt(p) {\n  const fd = fs.openSync(p);\n  handles.adopt(fd);\n}', settings: { resourceOwners: ['handles.adopt'] } },
    { name: 'each loop iteration closes in finally', code: 'import fs from \'fs\';\nfunction syncAll(paths) {\n  for (const p of paths) {\n    const fd = fs.openSync(p);\n    try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }\n  }\n}' },
    { name: 'module top level lives as long as the process', code: 'import fs from \'fs\';\nconst logFd = fs.openSync(\'app.log\', \'a\');\nexport const log = (s) => fs.writeSync(logFd, s);' },
    { name: 'an mssql ConnectionPool connects itself: connect() returns the pool, closed in finally', code: 'const mssql = require(\'mssql\');\nasync function check(cs, sql) {\n  let pool;\n  try {\n    pool = new mssql.ConnectionPool(cs);\n    await pool.connect();\n    const result = await pool.request().query(sql);\n    return result.recordset.length;\n  } finally {\n    if (pool) await pool.close();\n  }\n}' },
    { name: 'a pool handed in as a parameter is of no known library', code: 'export async function q(pool, sql) {\n  const conn = await pool.getConnection();\n  const rows = await conn.query(sql);\n  conn.release();\n  return rows;\n}' },
    { name: 'a pool made by an app module is of no known library', code: 'import { makePool } from \'./db\';\nconst pool = makePool();\nexport async function q(sql) {\n  const client = await pool.connect();\n  await client.query(sql);\n  client.release();\n}' },
    { name: 'child process waited on close after helper calls, inside a Promise executor', code: 'import { spawn } from \'child_process\';\nexport function run(cmd, args) {\n  return new Promise((resolve, reject) => {\n    const child = spawn(cmd, args, { env: buildEnv() });\n    const out = capture();\n    child.stdout.on(\'data\', (c) => out.append(c));\n    child.on(\'error\', reject);\n    child.on(\'close\', (code) => resolve({ code, text: out.text() }));\n  });\n}' },
    { name: 'child process output read to the end with for await', code: 'const { spawn } = require(\'child_process\');\nasync function run(args, log) {\n  const child = spawn(\'npx\', args);\n  for await (const line of child.stdout) log(String(line));\n}' },
    { name: 'child process awaited with once(child, exit) after a throwing call', code: 'import { spawn } from \'node:child_process\';\nimport { once } from \'node:events\';\nexport async function run(cmd) {\n  const child = spawn(cmd);\n  notify(child.pid);\n  await once(child, \'exit\');\n}' },
    { name: 'pg Client ended in finally', code: 'const { Client } = require(\'pg\');\nexports.handler = async (id) => {\n  const client = new Client();\n  await client.connect();\n  try {\n    return await client.query(\'select 1\', [id]);\n  } finally {\n    await client.end();\n  }\n};' },
    { name: 'pg Client kept in a module variable lives with the process', code: 'import pg from \'pg\';\nconst client = new pg.Client();\nexport async function init() {\n  await client.connect();\n  await client.query(\'select 1\');\n}' },
    { name: 'pg Client connected and returned to the caller', code: 'import { Client } from \'pg\';\nexport async function open() {\n  const client = new Client();\n  await client.connect();\n  await client.query(\'set search_path to app\');\n  return client;\n}' },
    { name: 'start-up code runs once: a handle it leaks on a failed start does not pile up', code: 'import Database from \'better-sqlite3\';\nasync function bootstrap(file) {\n  const db = new Database(file);\n  const rows = db.prepare(\'select 1\').all();\n  db.close();\n  return rows;\n}\nbootstrap(process.env.DB_FILE);' },
    { name: 'an app handle closed in finally', code: 'import { openDatabase } from \'./db\';\nexport function count(path) {\n  const db = openDatabase(path);\n  try {\n    return db.all(\'select count(*) from t\');\n  } finally {\n    db.close();\n  }\n}' },
    { name: 'an app handle whose only step before the close is a getter of its own, inside a try whose catch rethrows', code: 'const { chromium } = require(\'playwright\');\nasync function probe(path) {\n  try {\n    const browser = await chromium.launch({ path });\n    const version = browser.version();\n    await browser.close();\n    return version;\n  } catch (e) {\n    throw new Error(e.message);\n  }\n}' },
    { name: 'a value closed by the caller it is returned to', code: 'export function open(p) {\n  const h = makeHandle(p);\n  if (!h.ok) { h.close(); throw new Error(\'bad\'); }\n  return h;\n}' },
    { name: 'a log stream ended after writes whose only calls are formatting, logging and a package clock', code: 'const fs = require(\'fs\');\nconst util = require(\'util\');\nconst R = require(\'redbean-node\');\nfunction errorLog(error, toConsole) {\n  const ws = fs.createWriteStream(\'error.log\', { flags: \'a\' });\n  ws.on(\'error\', () => {});\n  const at = R.isoDateTime();\n  ws.write(`[${at}] ` + util.format(error) + \'\\n\');\n  if (toConsole) console.error(error);\n  ws.end();\n}' },
    { name: 'a connect that is not a pool', code: 'async function f(client) {\n  const c = await client.connect();\n  await c.query("x");\n}' },
    { name: 'child process detached with unref', code: 'import { spawn } from \'child_process\';\nfunction launch(url) {\n  const child = spawn(\'open\', [url], { detached: true, stdio: \'ignore\' });\n  child.unref();\n}' },
    { name: 'kept in an outer variable', code: 'import fs from \'fs\';\nlet shared;\nfunction init(p) {\n  shared = fs.openSync(p);\n}' },
    { name: 'a user-added kind released in finally', code: 'import { openSession } from \'./db\';\nasync function f() {\n  const s = await openSession();\n  try { await s.run(); } finally { await s.close(); }\n}', settings: { resourceKinds: [{ name: 'db session', acquire: ['./db:openSession'], releaseMethods: ['close'] }] } },
    // Temp files (issue 13): removed on every path, handed to the caller, or not temp files at all.
    { name: 'temp file removed in finally', code: `import fs from 'node:fs/promises';\nimport os from 'node:os';\nimport path from 'node:path';\nexport async function exportPdf(html, convert) {\n  const src = path.join(os.tmpdir(), \`export-\${Date.now()}.html\`);\n  await fs.writeFile(src, html);\n  try {\n    return await convert(src);\n  } finally {\n    await fs.rm(src, { force: true });\n  }\n}` },
    { name: 'temp file removed in the catch and after the try', code: `const fs = require('fs');\nconst os = require('os');\nconst tmpDir = os.tmpdir();\nasync function thumbnail(image, resize) {\n  const out = \`\${tmpDir}/thumb-\${image.id}.png\`;\n  let data;\n  try {\n    await resize(image.path, out);\n    data = fs.readFileSync(out);\n  } catch (err) {\n    fs.unlink(out, () => {});\n    throw err;\n  }\n  fs.unlinkSync(out);\n  return data;\n}` },
    { name: 'temp file handed to the caller', code: `import { unlink, writeFile } from 'fs/promises';\nimport { tmpdir } from 'os';\nimport { join } from 'path';\nexport async function stage(body) {\n  const file = join(tmpdir(), 'upload.bin');\n  await writeFile(file, body);\n  if (!(await check(file))) {\n    await unlink(file);\n    return undefined;\n  }\n  return file;\n}` },
    { name: 'temp files cleaned up by a helper called in finally', code: `import fs from 'fs';\nimport os from 'os';\nimport path from 'path';\nconst removeAll = (files) => Promise.all(files.map((f) => fs.promises.rm(f, { force: true })));\nexport async function convert(req, res, converter) {\n  const src = path.join(os.tmpdir(), \`in-\${req.id}\`);\n  const dest = path.join(os.tmpdir(), \`out-\${req.id}.pdf\`);\n  try {\n    await fs.promises.writeFile(src, req.body);\n    await converter.run(src, dest);\n    res.sendFile(dest);\n  } finally {\n    await removeAll([src, dest]);\n  }\n}` },
    { name: 'a file outside the temp directory removed once the new one is saved', code: `import fs from 'fs/promises';\nimport path from 'path';\nexport async function replaceAvatar(user, upload, db) {\n  const old = path.join(AVATAR_DIR, user.avatar);\n  await db.users.update(user.id, { avatar: upload.name });\n  await fs.unlink(old);\n}` },
    { name: 'temp file removed once the response has finished', code: `const fs = require('fs');\nconst os = require('os');\nasync function download(req, res, build) {\n  const file = os.tmpdir() + '/report-' + req.params.id + '.csv';\n  await build(file);\n  res.on('finish', () => fs.unlink(file, () => {}));\n  res.sendFile(file);\n}` },
    { name: 'temp directory from mkdtemp removed in finally, errors of the removal ignored', code: `import { mkdtemp, rm } from 'node:fs/promises';\nimport { tmpdir } from 'node:os';\nimport { join } from 'node:path';\nexport async function unpack(archive, extract) {\n  const dir = await mkdtemp(join(tmpdir(), 'unpack-'));\n  try {\n    return await extract(archive, dir);\n  } finally {\n    await rm(dir, { recursive: true, force: true }).catch(() => {});\n  }\n}` },
    { name: 'a fixed temp name is overwritten by the next call: a failure leaves one file, not one per call', code: `import fs from 'fs/promises';\nimport os from 'os';\nimport path from 'path';\nexport async function report(req, res, render) {\n  const out = path.join(os.tmpdir(), 'daily-report.pdf');\n  await render(req.query, out);\n  await res.download(out);\n  await fs.unlink(out);\n}` },
    { name: 'a leftover removed before the file is written is not a cleanup', code: `const fs = require('fs');\nconst os = require('os');\nasync function snapshot(id, capture) {\n  const file = \`\${os.tmpdir()}/snap-\${id}.png\`;\n  if (fs.existsSync(file)) fs.unlinkSync(file);\n  await capture(file);\n  return fs.readFileSync(file);\n}` },
    { name: 'temp file removed first thing in the converter callback, on both of its branches', code: `const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nconst { execFile } = require('child_process');\nfunction thumbnail(req, res) {\n  const src = path.join(os.tmpdir(), \`upload-\${req.id}\`);\n  fs.writeFile(src, req.body, (err) => {\n    if (err) return res.sendStatus(500);\n    execFile('convert', [src, 'png:-'], (error, stdout) => {\n      fs.unlink(src, () => {});\n      if (error) return res.status(500).send(error.message);\n      res.type('png').send(stdout);\n    });\n  });\n}` },
    // Child processes awaited with a bound (reportUnboundedWaits, on in opslint:all).
    { name: 'converter spawned with a timeout option', options: [{ reportUnboundedWaits: true }], code: `import { spawn } from 'node:child_process';\nexport async function convert(src, dest) {\n  const child = spawn('soffice', ['--convert-to', 'pdf', src, '--outdir', dest], { timeout: 120000 });\n  await new Promise((resolve, reject) => {\n    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(\`exit \${code}\`))));\n  });\n}` },
    { name: 'converter spawned with an AbortSignal timeout', options: [{ reportUnboundedWaits: true }], code: `const { spawn } = require('child_process');\nconst { once } = require('events');\nasync function render(file) {\n  const child = spawn('ffmpeg', ['-i', file, file + '.gif'], { signal: AbortSignal.timeout(60000), stdio: 'ignore' });\n  await once(child, 'close');\n}` },
    { name: 'converter killed on a timer', options: [{ reportUnboundedWaits: true }], code: `import { spawn } from 'child_process';\nexport function run(cmd, args) {\n  return new Promise((resolve, reject) => {\n    const child = spawn(cmd, args);\n    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);\n    child.on('error', reject);\n    child.on('close', (code) => { clearTimeout(timer); resolve(code); });\n  });\n}` },
    { name: 'timeout in a shared options variable', options: [{ reportUnboundedWaits: true }], code: `import { spawn } from 'child_process';\nexport async function probe(host) {\n  const options = { stdio: 'pipe', timeout: 5000 };\n  const child = spawn('ping', ['-c', '1', host], options);\n  for await (const line of child.stdout) parse(line);\n}` },
    { name: 'options built elsewhere are trusted', options: [{ reportUnboundedWaits: true }], code: `import { spawn } from 'child_process';\nexport async function exec(cmd, args, config) {\n  const child = spawn(cmd, args, config.spawnOptions);\n  await new Promise((resolve) => child.on('exit', resolve));\n}` },
    { name: 'a supervised child started once at start-up', options: [{ reportUnboundedWaits: true }], code: `import { spawn } from 'child_process';\nlet worker;\nconst startWorker = () => {\n  worker = spawn(process.execPath, ['worker.js']);\n  worker.on('exit', () => startWorker());\n};\nstartWorker();` },
    { name: 'a child left to run, not awaited by anyone', options: [{ reportUnboundedWaits: true }], code: `import { spawn } from 'child_process';\nexport function notify(args, log) {\n  const child = spawn('notify-send', args);\n  child.on('exit', (code) => log(code));\n}` },
    { name: 'an unbounded wait is not reported unless asked for', code: `import { spawn } from 'child_process';\nexport async function convert(src, dest) {\n  const child = spawn('abiword', [\`--to=\${dest}\`, src]);\n  await new Promise((resolve) => child.on('exit', resolve));\n}` },
    { name: 'a client from the module\'s own opener, released in finally', code: `${GET_CLIENT}export async function count(sql) {\n  const client = await getClient();\n  try {\n    return (await client.query(sql)).rows.length;\n  } finally {\n    client.release();\n  }\n}` },
    { name: 'a client from the module\'s own opener, returned to the caller', code: `${GET_CLIENT}export async function checkout() {\n  const client = await getClient();\n  await client.query('begin');\n  return client;\n}` },
    { name: 'a client released by a helper of the module that releases its parameter', code: `${GET_CLIENT}function releaseConn(conn) {\n  conn.release();\n}\nexport async function count(sql) {\n  const client = await getClient();\n  try {\n    return (await client.query(sql)).rows.length;\n  } finally {\n    releaseConn(client);\n  }\n}` },
    { name: 'a function of the module that opens nothing', code: 'function getConfig() {\n  return { url: process.env.URL };\n}\nexport function connect() {\n  const config = getConfig();\n  return config.url;\n}' },
  ],
  invalid: [
    {
      name: 'a client from the module\'s own opener, never released',
      code: `${GET_CLIENT}export async function count(sql) {\n  const client = await getClient();\n  const { rows } = await client.query(sql);\n  return rows.length;\n}`,
      errors: [{ messageId: 'neverReleased', line: 9, column: 24, endLine: 9, endColumn: 33, suggestions: [
        { messageId: 'wrapInTryFinally', output: `${GET_CLIENT}export async function count(sql) {\n  const client = await getClient();\n  try {\n    const { rows } = await client.query(sql);\n    return rows.length;\n  } finally {\n    client.release();\n  }\n}` },
      ] }],
      output: null,
    },
    {
      name: 'a client handed to a helper of the module that releases it only sometimes',
      code: `${GET_CLIENT}function maybeRelease(conn, ok) {\n  if (ok) conn.release();\n}\nexport async function count(sql, ok) {\n  const client = await getClient();\n  const { rows } = await client.query(sql);\n  maybeRelease(client, ok);\n  return rows.length;\n}`,
      errors: [{ messageId: 'neverReleased', line: 12, column: 24, endLine: 12, endColumn: 33, suggestions: [
        { messageId: 'wrapInTryFinally', output: `${GET_CLIENT}function maybeRelease(conn, ok) {\n  if (ok) conn.release();\n}\nexport async function count(sql, ok) {\n  const client = await getClient();\n  try {\n    const { rows } = await client.query(sql);\n    maybeRelease(client, ok);\n    return rows.length;\n  } finally {\n    client.release();\n  }\n}` },
      ] }],
      output: null,
    },
    {
      name: 'closed only on the happy path',
      code: 'import * as fs from \'node:fs\';\nexport function head(p: string) {\n  const fd = fs.openSync(p, \'r\');\n  const buf = Buffer.alloc(64);\n  fs.readSync(fd, buf);\n  fs.closeSync(fd);\n  return buf;\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import * as fs from \'node:fs\';\nexport function head(p: string) {\n  const fd = fs.openSync(p, \'r\');\n  try {\n    const buf = Buffer.alloc(64);\n    fs.readSync(fd, buf);\n    return buf;\n  } finally {\n    fs.closeSync(fd);\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'file handle never closed',
      code: 'import { open } from \'node:fs/promises\';\nexport async function read(p: string) {\n  const fh = await open(p);\n  const text = await fh.readFile(\'utf8\');\n  return text;\n}',
      errors: [
        { messageId: 'neverReleased', line: 3, column: 20, endLine: 3, endColumn: 24, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import { open } from \'node:fs/promises\';\nexport async function read(p: string) {\n  const fh = await open(p);\n  try {\n    const text = await fh.readFile(\'utf8\');\n    return text;\n  } finally {\n    await fh.close();\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'descriptor discarded',
      code: 'import fs from \'fs\';\nfunction touch(p) {\n  fs.openSync(p, \'a\');\n}',
      errors: [
        { messageId: 'discarded', line: 3, column: 3, endLine: 3, endColumn: 14, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'early return skips the close',
      code: 'import fs from \'fs\';\nfunction check(p, quick) {\n  const fd = fs.openSync(p);\n  if (quick) {\n    return true;\n  }\n  fs.closeSync(fd);\n  return false;\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import fs from \'fs\';\nfunction check(p, quick) {\n  const fd = fs.openSync(p);\n  try {\n    if (quick) {\n      return true;\n    }\n    return false;\n  } finally {\n    fs.closeSync(fd);\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'pooled connection released after an awaited query',
      code: 'import mysql from \'mysql2/promise\';\nconst pool = mysql.createPool({});\nexport async function q(sql) {\n  const conn = await pool.getConnection();\n  const [rows] = await conn.query(sql);\n  if (rows.length === 0) return null;\n  conn.release();\n  return rows;\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 4, column: 22, endLine: 4, endColumn: 40, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import mysql from \'mysql2/promise\';\nconst pool = mysql.createPool({});\nexport async function q(sql) {\n  const conn = await pool.getConnection();\n  try {\n    const [rows] = await conn.query(sql);\n    if (rows.length === 0) return null;\n    return rows;\n  } finally {\n    conn.release();\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'pg Client ended only after the queries succeed',
      code: 'const { Client } = require(\'pg\');\nexports.func = async (id) => {\n  const client = new Client({ host: process.env.HOST });\n  client.connect();\n  await setup(client);\n  const row = await find(client, id);\n  client.end();\n  return row;\n};',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 4, column: 3, endLine: 4, endColumn: 17, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'client of a pg pool the module creates lazily, released only on success',
      code: 'const pg = require(\'pg\');\nlet pool;\nconst init = () => { pool = new pg.Pool({ max: 1 }); };\nconst query = async () => {\n  const client = await pool.connect();\n  const result = await client.query(\'select now()\');\n  client.release();\n  return result;\n};',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 5, column: 24, endLine: 5, endColumn: 36, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'const pg = require(\'pg\');\nlet pool;\nconst init = () => { pool = new pg.Pool({ max: 1 }); };\nconst query = async () => {\n  const client = await pool.connect();\n  try {\n    const result = await client.query(\'select now()\');\n    return result;\n  } finally {\n    client.release();\n  }\n};' },
        ] },
      ],
      output: null,
    },
    {
      name: 'client of a pg pool held on this, never released',
      code: 'import { Pool } from \'pg\';\nexport class Repo {\n  pool = new Pool();\n  async count() {\n    const client = await this.pool.connect();\n    const { rows } = await client.query(\'select count(*) from t\');\n    return rows[0].count;\n  }\n}',
      errors: [
        { messageId: 'neverReleased', line: 5, column: 26, endLine: 5, endColumn: 43, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import { Pool } from \'pg\';\nexport class Repo {\n  pool = new Pool();\n  async count() {\n    const client = await this.pool.connect();\n    try {\n      const { rows } = await client.query(\'select count(*) from t\');\n      return rows[0].count;\n    } finally {\n      client.release();\n    }\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'an app handle (its library unknown) closed only when the work succeeds',
      code: 'import openDatabase from \'./db.js\';\nfunction groupDb(id) {\n  return openDatabase(pathFor(id));\n}\nexport function sync(messages, id) {\n  const db = groupDb(id);\n  const rows = db.all(\'select * from m\');\n  const trie = addMessages(db, messages);\n  db.close();\n  return { trie, rows };\n}',
      errors: [
        { messageId: 'closedOnSomePaths', line: 6, column: 14, endLine: 6, endColumn: 21, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import openDatabase from \'./db.js\';\nfunction groupDb(id) {\n  return openDatabase(pathFor(id));\n}\nexport function sync(messages, id) {\n  const db = groupDb(id);\n  try {\n    const rows = db.all(\'select * from m\');\n    const trie = addMessages(db, messages);\n    return { trie, rows };\n  } finally {\n    db.close();\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'a browser context opened per check and closed only after the page loads',
      code: 'class BrowserCheck {\n  async check(browser, url) {\n    const context = await browser.newContext();\n    const page = await context.newPage();\n    const res = await page.goto(url);\n    await context.close();\n    return res.status();\n  }\n}',
      errors: [
        { messageId: 'closedOnSomePaths', line: 3, column: 27, endLine: 3, endColumn: 45, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'class BrowserCheck {\n  async check(browser, url) {\n    const context = await browser.newContext();\n    try {\n      const page = await context.newPage();\n      const res = await page.goto(url);\n      return res.status();\n    } finally {\n      await context.close();\n    }\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'a MongoDB client from MongoClient.connect closed only after the command succeeds',
      code: 'const { MongoClient } = require(\'mongodb\');\nasync function runCommand(url, command) {\n  const client = await MongoClient.connect(url);\n  const result = await client.db().command(command);\n  await client.close();\n  return result;\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 24, endLine: 3, endColumn: 43, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'const { MongoClient } = require(\'mongodb\');\nasync function runCommand(url, command) {\n  const client = await MongoClient.connect(url);\n  try {\n    const result = await client.db().command(command);\n    return result;\n  } finally {\n    await client.close();\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'a log stream left open when serialising the entry throws',
      code: 'import fs from \'fs\';\nfunction record(entry) {\n  const ws = fs.createWriteStream(\'audit.log\', { flags: \'a\' });\n  ws.write(JSON.stringify(entry));\n  ws.end();\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 14, endLine: 3, endColumn: 34, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import fs from \'fs\';\nfunction record(entry) {\n  const ws = fs.createWriteStream(\'audit.log\', { flags: \'a\' });\n  try {\n    ws.write(JSON.stringify(entry));\n  } finally {\n    ws.end();\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'closed through an alias after a throwing write',
      code: 'import fs from \'fs\';\nfunction put(p) {\n  const fd = fs.openSync(p);\n  const h = fd;\n  fs.writeSync(h, \'x\');\n  fs.closeSync(h);\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import fs from \'fs\';\nfunction put(p) {\n  const fd = fs.openSync(p);\n  try {\n    const h = fd;\n    fs.writeSync(h, \'x\');\n  } finally {\n    fs.closeSync(fd);\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'socket written and never ended',
      code: 'import net from \'net\';\nexport function ping(port) {\n  const socket = net.connect(port);\n  socket.write(\'PING\\r\\n\');\n}',
      errors: [
        { messageId: 'neverReleased', line: 3, column: 18, endLine: 3, endColumn: 29, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import net from \'net\';\nexport function ping(port) {\n  const socket = net.connect(port);\n  try {\n    socket.write(\'PING\\r\\n\');\n  } finally {\n    socket.destroy();\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'worker never terminated',
      code: 'import { Worker } from \'node:worker_threads\';\nexport function runJob(data) {\n  const worker = new Worker(\'./task.js\');\n  worker.postMessage(data);\n}',
      errors: [
        { messageId: 'neverReleased', line: 3, column: 18, endLine: 3, endColumn: 28, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'imported openSync, suggestion uses the imported closeSync',
      code: 'import { openSync, closeSync, writeSync } from \'fs\';\nfunction put(p) {\n  const fd = openSync(p, \'w\');\n  writeSync(fd, \'x\');\n}',
      errors: [
        { messageId: 'neverReleased', line: 3, column: 14, endLine: 3, endColumn: 22, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import { openSync, closeSync, writeSync } from \'fs\';\nfunction put(p) {\n  const fd = openSync(p, \'w\');\n  try {\n    writeSync(fd, \'x\');\n  } finally {\n    closeSync(fd);\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'writes in a loop before the close',
      code: 'import fs from \'fs\';\nfunction dump(p, items) {\n  const fd = fs.openSync(p, \'w\');\n  for (const item of items) {\n    fs.writeSync(fd, item);\n  }\n  fs.closeSync(fd);\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import fs from \'fs\';\nfunction dump(p, items) {\n  const fd = fs.openSync(p, \'w\');\n  try {\n    for (const item of items) {\n      fs.writeSync(fd, item);\n    }\n  } finally {\n    fs.closeSync(fd);\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'closed only in one branch: no suggestion (the finally would close twice)',
      code: 'import fs from \'fs\';\nfunction f(p) {\n  const fd = fs.openSync(p);\n  const st = fs.fstatSync(fd);\n  if (st.size > 10) {\n    fs.closeSync(fd);\n  }\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'callback-style fs.open never closes',
      code: 'import fs from \'fs\';\nfunction f(p, cb) {\n  fs.open(p, \'r\', (err, fd) => {\n    if (err) return cb(err);\n    cb(null);\n  });\n}',
      errors: [
        { messageId: 'neverReleased', line: 3, column: 3, endLine: 3, endColumn: 10, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'gzip stream written but never ended',
      code: 'import zlib from \'zlib\';\nexport function gzip() {\n  const gz = zlib.createGzip();\n  gz.write(\'x\');\n}',
      errors: [
        { messageId: 'neverReleased', line: 3, column: 14, endLine: 3, endColumn: 29, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import zlib from \'zlib\';\nexport function gzip() {\n  const gz = zlib.createGzip();\n  try {\n    gz.write(\'x\');\n  } finally {\n    gz.destroy();\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'closed only when a flag is set, nothing else in the way',
      code: 'import fs from \'fs\';\nfunction f(p, done) {\n  const fd = fs.openSync(p);\n  if (done) {\n    fs.closeSync(fd);\n  }\n}',
      errors: [
        { messageId: 'notReleasedOnEveryPath', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'a user-added kind never released',
      code: 'import { openSession } from \'./db\';\nasync function f() {\n  const s = await openSession();\n  await s.run();\n}', settings: { resourceKinds: [{ name: 'db session', acquire: ['./db:openSession'], releaseMethods: ['close'] }] },
      errors: [
        { messageId: 'neverReleased', line: 3, column: 19, endLine: 3, endColumn: 30, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'multi-line body with a template literal is not re-indented',
      code: 'import fs from \'fs\';\nfunction f(p, name) {\n  const fd = fs.openSync(p, \'w\');\n  fs.writeSync(fd, `hello\n${name}`);\n}',
      errors: [
        { messageId: 'neverReleased', line: 3, column: 14, endLine: 3, endColumn: 25, suggestions: [
          { messageId: 'wrapInTryFinally', output: 'import fs from \'fs\';\nfunction f(p, name) {\n  const fd = fs.openSync(p, \'w\');\n  try {\n    fs.writeSync(fd, `hello\n${name}`);\n  } finally {\n    fs.closeSync(fd);\n  }\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'temp export files removed only after the converter succeeded',
      code: `import fs from 'fs';\nimport os from 'os';\nimport util from 'util';\nconst writeFileAsync = util.promisify(fs.writeFile);\nconst unlinkAsync = util.promisify(fs.unlink);\nconst tempDirectory = os.tmpdir();\nexport async function exportPad(pad, type, res, converter) {\n  const id = Math.floor(Math.random() * 1e9);\n  const srcFile = \`\${tempDirectory}/export_\${id}.html\`;\n  await writeFileAsync(srcFile, pad.html);\n  const destFile = \`\${tempDirectory}/export_\${id}.\${type}\`;\n  await converter.convertFile(srcFile, destFile, type);\n  await res.sendFile(destFile);\n  await unlinkAsync(srcFile);\n  await unlinkAsync(destFile);\n}`,
      errors: [{ messageId: 'tempFileLeft', line: 10, column: 24, endLine: 10, endColumn: 31,
        data: { files: 'files', names: '`srcFile` and `destFile`', are: 'are', gap: 'if line 12 throws', first: 'srcFile', others: ' (and `destFile` on other failing paths)', them: 'them' } }],
      output: null,
    },
    {
      name: 'uploaded file left behind by an early return and by a throw, removed through a helper',
      code: `import { promises as fs } from 'fs';\nconst rm = async (p) => {\n  try {\n    await fs.unlink(p);\n  } catch (err) {\n    if (err.code !== 'ENOENT') throw err;\n  }\n};\nexport async function importFile(form, req, store) {\n  const [, files] = await form.parse(req);\n  const upload = files.file[0].filepath;\n  const text = await fs.readFile(upload, 'utf8');\n  if (text.length === 0) throw new Error('empty upload');\n  if (store.direct) return true;\n  await store.save(text);\n  await rm(upload);\n  return false;\n}`,
      errors: [{ messageId: 'tempFileLeft', line: 11, column: 9, endLine: 11, endColumn: 15,
        data: { files: 'file', names: '`upload`', are: 'is', gap: 'when line 13 throws', first: 'upload', others: '', them: 'it' } }],
      output: null,
    },
    {
      name: 'temp directory from mkdtemp removed only at the end',
      code: `const fsp = require('fs/promises');\nconst os = require('os');\nconst path = require('path');\nasync function build(job, run) {\n  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'job-'));\n  await run(job, dir);\n  if (job.dryRun) return null;\n  await fsp.rm(dir, { recursive: true });\n}`,
      errors: [{ messageId: 'tempFileLeft', line: 5, column: 9, endLine: 5, endColumn: 12,
        data: { files: 'file', names: '`dir`', are: 'is', gap: 'when the function returns at line 7', first: 'dir', others: '', them: 'it' } }],
      output: null,
    },
    {
      name: 'temp file left by the error branch of a converter callback',
      code: `const fs = require('fs');\nconst os = require('os');\nconst path = require('path');\nconst { execFile } = require('child_process');\nfunction thumbnail(req, res) {\n  const src = path.join(os.tmpdir(), \`upload-\${req.id}\`);\n  fs.writeFile(src, req.body, (err) => {\n    if (err) return res.sendStatus(500);\n    execFile('convert', [src, 'png:-'], (error, stdout) => {\n      if (error) return res.status(500).send(error.message);\n      fs.unlink(src, () => {});\n      res.type('png').send(stdout);\n    });\n  });\n}`,
      errors: [{ messageId: 'tempFileLeft', line: 7, column: 16, endLine: 7, endColumn: 19,
        data: { files: 'file', names: '`src`', are: 'is', gap: 'when the callback returns at line 10', first: 'src', others: '', them: 'it' } }],
      output: null,
    },
    {
      name: 'temp file sent with a callback that removes it, after a conversion that may throw',
      code: `import fs from 'fs';\nimport os from 'os';\nimport path from 'path';\nexport async function download(req, res, render) {\n  const file = path.join(os.tmpdir(), \`\${req.params.id}.pdf\`);\n  await render(req.params.id, file);\n  await audit(req.user, file);\n  res.sendFile(file, () => {\n    fs.unlink(file, () => {});\n  });\n}`,
      errors: [{ messageId: 'tempFileLeft', line: 6, column: 31, endLine: 6, endColumn: 35,
        data: { files: 'file', names: '`file`', are: 'is', gap: 'if line 7 throws', first: 'file', others: '', them: 'it' } }],
      output: null,
    },
    {
      name: 'converter spawned per call and awaited on exit with no timeout and no kill',
      options: [{ reportUnboundedWaits: true }],
      code: `const spawn = require('child_process').spawn;\nexports.convertFile = async (srcFile, destFile) => {\n  const child = spawn(settings.converter, [\`--to=\${destFile}\`, srcFile]);\n  let output = '';\n  child.stdout.on('data', (d) => { output += d; });\n  await new Promise((resolve, reject) => {\n    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(output))));\n  });\n};`,
      errors: [{ messageId: 'unboundedWait', line: 3, column: 17, endLine: 3, endColumn: 22 }],
      output: null,
    },
    {
      name: 'command run in a Promise executor, options without a timeout',
      options: [{ reportUnboundedWaits: true }],
      code: `import { spawn } from 'node:child_process';\nexport function transcribe(executable, args, env) {\n  return new Promise((resolve, reject) => {\n    const child = spawn(executable, args, { shell: false, env });\n    child.on('error', reject);\n    child.on('close', (code) => resolve(code));\n  });\n}`,
      errors: [{ messageId: 'unboundedWait', line: 4, column: 19, endLine: 4, endColumn: 24 }],
      output: null,
    },
  ],
});

// Across files: an opener or a release helper of another module, as its summary in module facts says.
const DB = "import pg from 'pg';\nconst pool = new pg.Pool();\nexport async function openDb() {\n  const client = await pool.connect();\n  return client;\n}\nexport function releaseConn(conn: any) {\n  conn.release();\n}\nexport function maybeRelease(conn: any, ok: boolean) {\n  if (ok) conn.release();\n}\nexport function config() {\n  return { url: process.env.DB_URL };\n}\n";
const caller = (body: string) => `import { openDb, releaseConn, maybeRelease, config } from './db';\nexport async function count(sql: string) {\n  const client = await openDb();\n${body}\n}\n`;
/** A client of the caller's own pool (line 5), handed to the helpers of `./db`. */
const poolCaller = (body: string) => `import pg from 'pg';\nimport { releaseConn, maybeRelease } from './db';\nconst pool = new pg.Pool();\nexport async function count(sql: string) {\n  const client = await pool.connect();\n${body}\n}\n`;
/** A database singleton whose method lends a connection of the pool it keeps on `this`. */
const SINGLETON = "const mysql = require('mysql2/promise');\nclass Database {\n  constructor() { this.pool = mysql.createPool(process.env.DB_URL); }\n  getConnection() { return this.pool.getConnection(); }\n}\nmodule.exports = new Database();\n";
const singletonCaller = (body: string) => `const db = require('./db');\nexports.count = async (sql) => {\n  const conn = await db.getConnection();\n${body}\n};\n`;
const leak = { file: 'src/orders.ts', messageId: 'neverReleased', line: 3, column: 24, endLine: 3, endColumn: 30 };

runProjectRuleTests(rule, {
  valid: [
    { name: 'released in finally', files: { 'src/db.ts': DB, 'src/orders.ts': caller('  try {\n    return (await client.query(sql)).rows;\n  } finally {\n    client.release();\n  }') } },
    { name: 'released by the imported helper that releases its parameter', files: { 'src/db.ts': DB, 'src/orders.ts': caller('  try {\n    return (await client.query(sql)).rows;\n  } finally {\n    releaseConn(client);\n  }') } },
    { name: 'a client of the caller\'s pool released by the imported helper', files: { 'src/db.ts': DB, 'src/orders.ts': poolCaller('  try {\n    return (await client.query(sql)).rows;\n  } finally {\n    releaseConn(client);\n  }') } },
    { name: 'a connection of an imported singleton\'s pool, released in finally', files: { 'src/db.js': SINGLETON, 'src/orders.js': singletonCaller('  try {\n    return (await conn.query(sql))[0];\n  } finally {\n    conn.release();\n  }') } },
    { name: 'returned to the caller', files: { 'src/db.ts': DB, 'src/orders.ts': caller('  await client.query(sql);\n  return client;') } },
    { name: 'handed to a function that uses it (whoever receives a project resource may keep it)', files: { 'src/db.ts': DB, 'src/orders.ts': caller('  await migrate(client);\n  return sql;') + 'declare function migrate(c: unknown): Promise<void>;\n' } },
    { name: 'an imported function that opens nothing', files: { 'src/db.ts': DB, 'src/orders.ts': "import { config } from './db';\nexport async function url() {\n  const c = config();\n  return c.url.length;\n}\n" } },
    { name: 'an opener of a package, which the project pass has no summary of', files: { 'src/orders.ts': "import { openDb } from 'some-db';\nexport async function count(sql: string) {\n  const client = await openDb();\n  const { rows } = await client.query(sql);\n  return rows.length;\n}\n" } },
  ],
  invalid: [
    { name: 'an imported opener whose client is never released', files: { 'src/db.ts': DB, 'src/orders.ts': caller('  const { rows } = await client.query(sql);\n  return rows.length;') }, errors: [{ ...leak, message: 'This resource from `openDb` is never released' }] },
    { name: 'an imported opener whose client is opened and never used', files: { 'src/db.ts': DB, 'src/orders.ts': caller('  return sql.length;') }, errors: [leak] },
    {
      name: 'an imported opener that wraps a package\'s (its delegation leaves the project; its own body shows the resource)',
      files: { 'src/db.ts': "import { MongoClient } from 'mongodb';\nexport const openDb = () => MongoClient.connect(process.env.MONGO_URL!);\n", 'src/orders.ts': "import { openDb } from './db';\nexport async function count(sql: string) {\n  const client = await openDb();\n  return client.db().collection(sql).countDocuments();\n}\n" },
      errors: [leak],
    },
    { name: 'an imported opener through a named re-export', files: { 'src/db.ts': DB, 'src/index.ts': "export { openDb } from './db';", 'src/orders.ts': "import { openDb } from './index';\nexport async function count(sql: string) {\n  const client = await openDb();\n  return client.query(sql);\n}\n" }, errors: [leak] },
    { name: 'a connection of an imported singleton\'s pool, never released', files: { 'src/db.js': SINGLETON, 'src/orders.js': singletonCaller('  const [rows] = await conn.query(sql);\n  return rows;') }, errors: [{ ...leak, file: 'src/orders.js', column: 22, endColumn: 38, message: 'This resource from `db.getConnection` is never released' }] },
    { name: 'an imported opener exported again by the module that imported it', files: { 'src/db.ts': DB, 'src/index.ts': "import { openDb } from './db';\nexport { openDb };", 'src/orders.ts': caller('  return (await client.query(sql)).rows;').replace("'./db'", "'./index'") }, errors: [leak] },
    { name: 'an imported opener through a barrel', files: { 'src/db.ts': DB, 'src/index.ts': "export * from './db';", 'src/orders.ts': caller('  const { rows } = await client.query(sql);\n  return rows.length;').replace("'./db'", "'./index'") }, errors: [leak] },
    {
      name: 'a client of the caller\'s pool handed to an imported helper that releases it only sometimes',
      files: { 'src/db.ts': DB, 'src/orders.ts': poolCaller('  const { rows } = await client.query(sql);\n  maybeRelease(client, rows.length > 0);\n  return rows.length;') },
      errors: [{ ...leak, line: 5, endLine: 5, endColumn: 36, message: 'This pooled `pg` client from `pool.connect` is never released' }],
    },
  ],
});
