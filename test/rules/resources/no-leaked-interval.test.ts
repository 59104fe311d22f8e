import { rule } from '../../../rules/resources/no-leaked-interval';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'cleared in stop() through the variable', code: 'let timer: NodeJS.Timeout | undefined;\nexport function start() {\n  timer = setInterval(flush, 1000);\n}\nexport function stop() {\n  if (timer) clearInterval(timer);\n}' },
    { name: 'stored on this and cleared in close()', code: 'export class Poller {\n  private timer?: NodeJS.Timeout;\n  start() { this.timer = setInterval(() => this.poll(), 5000); }\n  close() { clearInterval(this.timer); }\n  poll() {}\n}' },
    { name: 'unref on the spot', code: 'export function startMetrics() {\n  setInterval(report, 10_000).unref();\n}' },
    { name: 'unref later through the handle', code: 'export function startMetrics() {\n  const t = setInterval(report, 10_000);\n  t.unref();\n}' },
    { name: 'cleanup returned from a React effect', code: 'useEffect(() => {\n  const id = setInterval(tick, 1000);\n  return () => clearInterval(id);\n}, []);', filename: 'src/clock.tsx' },
    { name: 'handle returned to the caller', code: 'export function every(ms, fn) {\n  const handle = setInterval(fn, ms);\n  return handle;\n}' },
    { name: 'handle passed to a disposables registry', code: 'export function watch(disposables) {\n  const handle = setInterval(check, 100);\n  disposables.push(handle);\n}' },
    { name: 'clearTimeout also clears an interval', code: 'export function once(fn) {\n  const h = setInterval(() => { fn(); clearTimeout(h); }, 10);\n}' },
    { name: 'using disposes the timer', code: 'export function f() {\n  using t = setInterval(tick, 5);\n  work();\n}' },
    { name: 'a CLI entry point with a shebang', code: '#!/usr/bin/env node\nsetInterval(() => console.log(Date.now()), 1000);' },
    { name: 'a configured entry point', code: 'setInterval(heartbeat, 1000);', filename: 'src/server.ts', settings: { entryPoints: ['src/server.ts'] } },
    { name: 'a test file', code: 'it("ticks", () => { setInterval(tick, 1); });', filename: 'src/clock.test.ts' },
    { name: 'a __tests__ folder', code: 'setInterval(tick, 1);', filename: 'src/__tests__/clock.ts' },
    { name: 'setInterval from timers/promises is an async iterator, not a timer handle', code: 'import { setInterval } from \'node:timers/promises\';\nexport async function poll() {\n  for await (const _ of setInterval(1000)) await check();\n}' },
    { name: 'exported handle', code: 'export const heartbeat = setInterval(beat, 1000);' },
    { name: 'stored in a map on this, cleared by key elsewhere', code: 'class Jobs {\n  timers = new Map();\n  add(id) { this.timers.set(id, setInterval(run, 100)); }\n  remove(id) { clearInterval(this.timers.get(id)); }\n}' },
    { name: 'timer kept in a class field and cleared in dispose', code: 'class Heartbeat {\n  timer = setInterval(() => this.beat(), 1000);\n  dispose() { clearInterval(this.timer); }\n  beat() {}\n}' },
    { name: 'a method that is not the global setInterval', code: 'scheduler.setInterval(job, 100);' },
    { name: 'cleared by key in a computed member', code: 'class Jobs {\n  add(id) { this.timers[id] = setInterval(run, 100); }\n  remove(id) { clearInterval(this.timers[id]!); }\n}' },
    { name: 'cleared on SIGTERM in a callback', code: 'export function serveMetrics() {\n  const timer = setInterval(push, 5000);\n  process.once(\'SIGTERM\', () => clearInterval(timer));\n}' },
  ],
  invalid: [
    {
      name: 'discarded at module level of a library',
      code: 'setInterval(refreshCache, 60_000);',
      errors: [
        { messageId: 'discarded', line: 1, column: 1, endLine: 1, endColumn: 12, suggestions: [
          { messageId: 'addUnref', output: 'setInterval(refreshCache, 60_000).unref();' },
        ] },
      ],
      output: null,
    },
    {
      name: 'discarded inside a function: each call starts another',
      code: 'export function handle(req) {\n  setInterval(() => ping(req.id), 1000);\n}',
      errors: [
        { messageId: 'discarded', line: 2, column: 3, endLine: 2, endColumn: 14, suggestions: [
          { messageId: 'addUnref', output: 'export function handle(req) {\n  setInterval(() => ping(req.id), 1000).unref();\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'kept in a variable that is never cleared',
      code: 'export function start() {\n  const timer = setInterval(flush, 1000);\n  log(\'started\');\n}',
      errors: [
        { messageId: 'neverCleared', line: 2, column: 17, endLine: 2, endColumn: 28, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'stored on this but never cleared anywhere in the file',
      code: 'export class Poller {\n  start() { this.timer = setInterval(() => this.poll(), 5000); }\n  stop() { this.running = false; }\n  poll() {}\n}',
      errors: [
        { messageId: 'neverCleared', line: 2, column: 26, endLine: 2, endColumn: 37, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'module-level handle never cleared',
      code: 'const sweeper = setInterval(sweep, 30_000);\nexport function size() { return 1; }',
      errors: [
        { messageId: 'neverCleared', line: 1, column: 17, endLine: 1, endColumn: 28, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'window.setInterval discarded: no unref suggestion in browser code',
      code: 'export function mount() {\n  window.setInterval(render, 16);\n}', filename: 'src/ui.tsx',
      errors: [
        { messageId: 'discarded', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'a different timer is cleared, not this one',
      code: 'export class A {\n  start() {\n    this.poll = setInterval(p, 10);\n    this.flush = setInterval(f, 10);\n  }\n  stop() { clearInterval(this.poll); }\n}',
      errors: [
        { messageId: 'neverCleared', line: 4, column: 18, endLine: 4, endColumn: 29, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'imported from timers and discarded',
      code: 'import { setInterval } from \'node:timers\';\nexport function go() {\n  setInterval(run, 5);\n}',
      errors: [
        { messageId: 'discarded', line: 3, column: 3, endLine: 3, endColumn: 14, suggestions: [
          { messageId: 'addUnref', output: 'import { setInterval } from \'node:timers\';\nexport function go() {\n  setInterval(run, 5).unref();\n}' },
        ] },
      ],
      output: null,
    },
    {
      name: 'alias kept but never cleared',
      code: 'export function start() {\n  const t = setInterval(run, 5);\n  const same = t;\n  console.log(typeof same);\n}',
      errors: [
        { messageId: 'neverCleared', line: 2, column: 13, endLine: 2, endColumn: 24, suggestions: [] },
      ],
      output: null,
    },
  ],
});
