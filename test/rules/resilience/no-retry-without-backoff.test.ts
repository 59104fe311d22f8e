import { rule } from '../../../rules/resilience/no-retry-without-backoff';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    {
      name: 'exponential backoff with an attempt limit',
      code: `async function call() {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    try {\n      return await op();\n    } catch (err) {\n      await sleep(2 ** attempt * 100);\n    }\n  }\n  throw new Error('gave up');\n}`,
    },
    {
      name: 'while(true) with backoff and a rethrow after max attempts',
      code: `async function call() {\n  let attempt = 0;\n  while (true) {\n    try {\n      return await op();\n    } catch (err) {\n      if (++attempt >= MAX) throw err;\n      await sleep(Math.pow(2, attempt) * 50);\n    }\n  }\n}`,
    },
    {
      name: 'delay variable doubled each attempt',
      code: `async function call() {\n  let delay = 100;\n  for (let i = 0; i < 3; i++) {\n    try { return await op(); } catch { await sleep(delay); delay *= 2; }\n  }\n}`,
    },
    {
      name: 'delay computed by a backoff helper',
      code: `async function call() {\n  let tries = 0;\n  while (tries < 4) {\n    try { return await op(); } catch { tries++; await wait(backoffMs(tries)); }\n  }\n}`,
    },
    {
      name: 'promisified setTimeout with a delay from a local that grows',
      code: `async function call() {\n  for (let attempt = 1; attempt <= 3; attempt++) {\n    try { return await op(); } catch {\n      const ms = base * 2 ** attempt + Math.random() * 100;\n      await new Promise((resolve) => setTimeout(resolve, ms));\n    }\n  }\n}`,
    },
    {
      name: 'a loop over items with try/catch is not a retry',
      code: `async function run(items) {\n  let i = 0;\n  while (i < items.length) {\n    try { await handle(items[i]); } catch (err) { logger.error(err); }\n    i++;\n  }\n}`,
    },
    {
      name: 'catch that rethrows is not a retry',
      code: `async function run() {\n  while (true) {\n    try { return await op(); } catch (err) { throw new Error('failed', { cause: err }); }\n  }\n}`,
    },
    {
      name: 'for-of over a list of hosts (failover) is not a retry loop of this rule',
      code: `async function run(hosts) {\n  for (const host of hosts) {\n    try { return await connect(host); } catch {}\n  }\n}`,
    },
    {
      name: 'status polling with a fixed pause is polling, not retrying',
      code: `async function waitReady() {\n  while (true) {\n    const res = await fetch(url, { signal });\n    if (res.ok) return;\n    await sleep(1000);\n  }\n}`,
    },
    {
      name: 'reading a queue in a loop',
      code: `async function consume() {\n  while (running) {\n    const job = await queue.next();\n    await process(job);\n  }\n}`,
    },
    {
      name: 'the retry in a callback belongs to the callback',
      code: `function arm() {\n  while (pending.length) {\n    const job = pending.pop();\n    schedule(async () => { try { return await job(); } catch {} });\n  }\n}`,
    },
    {
      name: 'loop condition on a deadline plus growing delay',
      code: `async function call() {\n  let wait = 50;\n  do {\n    try { return await op(); } catch { await delay(wait); wait = Math.min(wait * 2, 2000); }\n  } while (Date.now() < deadline);\n}`,
    },
    {
      name: 'success flag in the loop condition, with backoff',
      code: `async function call() {\n  let done = false;\n  let n = 0;\n  while (!done && n < 5) {\n    try { await op(); done = true; } catch { n++; await sleep(100 * 2 ** n); }\n  }\n}`,
    },
    {
      name: 'trying each alternative of a list by index is not a retry',
      code: `function cast(val) {\n  for (let i = 0; i < this.types.length; ++i) {\n    try { return this.types[i].cast(val); } catch (error) { lastError = error; }\n  }\n  throw lastError;\n}`,
    },
    {
      name: 'a catch that awaits a recovery step (resume, reconnect) before the next attempt',
      code: `async function hasNext() {\n  while (true) {\n    try {\n      return await this.cursor.hasNext();\n    } catch (error) {\n      await this.resume(error);\n    }\n  }\n}`,
    },
    {
      name: 'a read loop whose try leaves only on a condition is not a retry',
      code: `async function pump() {\n  while (true) {\n    let chunk;\n    try {\n      const { done, value } = await reader.next();\n      if (done) break;\n      chunk = value;\n    } catch (err) { chunk = err; }\n    push(chunk);\n  }\n}`,
    },
    {
      name: 'a pagination loop asks for the next page each pass, and a bad status ends it',
      code: `async function all() {\n  const out = [];\n  for (let page = 1; ; page++) {\n    const res = await fetch(\`\${base}?per_page=100&page=\${page}\`);\n    if (!res.ok) {\n      throw new Error(\`failed: \${res.status}\`);\n    }\n    const batch = await res.json();\n    out.push(...batch);\n    if (batch.length < 100) break;\n  }\n  return out;\n}`,
    },
    {
      name: 'an offset loop that skips a failed page moves on, it does not retry',
      code: `async function sync() {\n  for (let offset = 0; offset < total; offset += 50) {\n    try {\n      await importBatch(await api.list({ offset, limit: 50 }));\n      return;\n    } catch (err) { log(err); }\n  }\n}`,
    },
    {
      name: 'a jittered delay (Math.random) is not fixed',
      code: `async function post(url, data) {\n  let retries = 3;\n  while (retries > 0) {\n    try {\n      await axios.post(url, data);\n      return;\n    } catch (error) {\n      if (error.response?.status !== 429) throw error;\n      retries--;\n      const delay = 60000 + Math.random() * 120000;\n      await new Promise((resolve) => setTimeout(resolve, delay));\n    }\n  }\n}`,
    },
    {
      name: 'a delay computed by a call is not provably fixed',
      code: `async function call() {\n  for (let i = 0; i < 3; i++) {\n    try { return await op(); } catch { await sleep(policy.nextDelay()); }\n  }\n}`,
    },
    {
      name: 'recursion on another input walks, it does not retry',
      code: `async function findConfig(dir) {\n  try {\n    return await readFile(join(dir, 'app.json'));\n  } catch {\n    return findConfig(dirname(dir));\n  }\n}`,
    },
    {
      name: 'a single fallback call in another mode (a literal flag, a new options object) is not a retry',
      code: `class Monitor {\n  async request(options, finalCall = false) {\n    try {\n      return await axios.request(options);\n    } catch (error) {\n      if (!finalCall && error.response?.status === 401) {\n        options.headers = await this.refreshAuth(options.headers);\n        return this.request(options, true);\n      }\n      if (error.code === 'E404' && !options.full) return this.request({ ...options, full: true });\n      throw error;\n    }\n  }\n}`,
    },
    {
      name: 'one more call after changing state (a stale token dropped), with no attempt counter, is not a retry loop',
      code: `class Workflow {\n  async execute(connection, credentials) {\n    try {\n      return await this.authenticate(connection, credentials);\n    } catch (error) {\n      if (error.code !== 18) throw error;\n      this.cache.removeToken();\n      return await this.execute(connection, credentials);\n    }\n  }\n}`,
    },
    {
      name: 'a synchronous queue drain that continues past a failed item is not a retry',
      code: `function drain(queue) {\n  while (queue.length > 0) {\n    let target;\n    try {\n      target = pick(queue);\n    } catch (err) {\n      queue.shift().fail(err);\n      continue;\n    }\n    target.take(queue.shift());\n  }\n}`,
    },
    {
      name: 'recursion after a wait in the catch is not immediate',
      code: `async function fetchIt(url, tries = 0) {\n  try {\n    return await get(url);\n  } catch (err) {\n    if (tries >= 3) throw err;\n    await sleep(2 ** tries * 100);\n    return fetchIt(url, tries + 1);\n  }\n}`,
    },
    {
      name: 'recursion scheduled in a timer callback is delayed',
      code: `function connect(opts) {\n  try {\n    open(opts);\n  } catch {\n    setTimeout(() => connect(opts), 5000);\n  }\n}`,
    },
  ],
  invalid: [
    {
      name: 'a cursor advanced only on success asks for the same page again at once after a failure',
      code: `async function drain(cursor) {\n  while (cursor) {\n    try {\n      const page = await api.list({ cursor });\n      items.push(...page.items);\n      cursor = page.next;\n    } catch (err) { log(err); }\n  }\n}`,
      errors: [{ messageId: 'retryWithoutDelay', line: 2, column: 3, endLine: 2, endColumn: 8 }],
      output: null,
    },
    {
      name: 'a failed fetch retried at once by calling itself again',
      code: `async function fetchPackument(name, fields, options, retried = 0) {\n  let result;\n  try {\n    result = await fetchPartial(name, fields);\n  } catch (err) {\n    if (options.retry && ++retried <= options.retry) {\n      return fetchPackument(name, fields, options, retried);\n    }\n    throw err;\n  }\n  return result;\n}`,
      errors: [{ messageId: 'retryByRecursionWithoutDelay', line: 7, column: 14, endLine: 7, endColumn: 28 }],
      output: null,
    },
    {
      name: 'a method retrying itself through this at once',
      code: `class Api {\n  send = async (msg, attempt = 0) => {\n    try { return await this.http.post(msg); } catch (e) { if (attempt < 3) return this.send(msg, attempt + 1); throw e; }\n  };\n}`,
      errors: [{ messageId: 'retryByRecursionWithoutDelay', line: 3, column: 83, endLine: 3, endColumn: 92 }],
      output: null,
    },
    {
      name: 'a worker loop restarting after a crash at a fixed configured pace',
      code: `async function runWorker(config) {\n  let stopped = false;\n  while (!stopped) {\n    try {\n      await processJobs(config);\n      crashes = 0;\n    } catch (error) {\n      logger.error(error);\n      await delay(config.restartDelayMs);\n      continue;\n    }\n  }\n}`,
      errors: [{ messageId: 'retryWithFixedDelay', line: 3, column: 3, endLine: 3, endColumn: 8 }],
      output: null,
    },
    {
      name: 'a delay of unknown growth in a loop that never gives up',
      code: `async function call() {\n  for (;;) {\n    try { return await op(); } catch { await sleep(policy.nextDelay()); }\n  }\n}`,
      errors: [{ messageId: 'retryWithoutLimit', line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: null,
    },
    {
      name: 'retry immediately in while(true)',
      code: `async function call() {\n  while (true) {\n    try {\n      return await op();\n    } catch (err) {\n      logger.warn(err);\n    }\n  }\n}`,
      errors: [{ messageId: 'retryWithoutDelay', line: 2, column: 3, endLine: 2, endColumn: 8 }],
      output: null,
    },
    {
      name: 'counter loop without delay',
      code: `async function call() {\n  for (let i = 0; i < 3; i++) {\n    try { return await op(); } catch {}\n  }\n}`,
      errors: [{ messageId: 'retryWithoutDelay', line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: null,
    },
    {
      name: 'fixed delay',
      code: `async function call() {\n  for (let i = 0; i < 3; i++) {\n    try { return await op(); } catch { await sleep(1000); }\n  }\n}`,
      errors: [{ messageId: 'retryWithFixedDelay', line: 2, column: 3, endLine: 2, endColumn: 6 }],
      output: null,
    },
    {
      name: 'fixed delay through a constant and a promisified setTimeout',
      code: `const RETRY_MS = 500;\nasync function call() {\n  let n = 0;\n  while (n < 3) {\n    try { return await op(); } catch { n++; await new Promise((r) => setTimeout(r, RETRY_MS)); }\n  }\n}`,
      errors: [{ messageId: 'retryWithFixedDelay', line: 4, column: 3, endLine: 4, endColumn: 8 }],
      output: null,
    },
    {
      name: 'backoff but no attempt limit',
      code: `async function call() {\n  let attempt = 0;\n  for (;;) {\n    try { return await op(); } catch (err) { attempt++; await sleep(2 ** attempt * 100); }\n  }\n}`,
      errors: [{ messageId: 'retryWithoutLimit', line: 3, column: 3, endLine: 3, endColumn: 6 }],
      output: null,
    },
    {
      name: 'do-while(true) retrying immediately',
      code: `async function call() {\n  do {\n    try { await op(); break; } catch (e) { console.warn(e); }\n  } while (true);\n}`,
      errors: [{ messageId: 'retryWithoutDelay', line: 2, column: 3, endLine: 2, endColumn: 5 }],
      output: null,
    },
    {
      name: 'status retry that hits the server in a tight loop',
      code: `async function get() {\n  while (true) {\n    const res = await fetch(url, { signal });\n    if (res.status >= 500) continue;\n    return res.json();\n  }\n}`,
      errors: [{ messageId: 'retryWithoutDelay', line: 2, column: 3, endLine: 2, endColumn: 8 }],
      output: null,
    },
    {
      name: 'nested retry loop inside a for-of: the inner loop is the finding',
      code: `async function all(jobs) {\n  for (const job of jobs) {\n    let ok = false;\n    while (!ok) {\n      try { await job(); ok = true; } catch {}\n    }\n  }\n}`,
      errors: [{ messageId: 'retryWithoutDelay', line: 4, column: 5, endLine: 4, endColumn: 10 }],
      output: null,
    },
    {
      name: 'fixed delay with a plain setTimeout promise in a class method',
      code: `class Client {\n  async send(msg) {\n    for (let i = 0; i < this.retries; i++) {\n      try { return await this.socket.send(msg); } catch { await new Promise((r) => setTimeout(r, 250)); }\n    }\n  }\n}`,
      errors: [{ messageId: 'retryWithFixedDelay', line: 3, column: 5, endLine: 3, endColumn: 8 }],
      output: null,
    },
  ],
});
