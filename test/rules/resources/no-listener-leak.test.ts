import { rule } from '../../../rules/resources/no-listener-leak';
import { runRuleTests } from '../../helpers/rule-tester';

runRuleTests(rule, {
  valid: [
    { name: 'browser code is no service: a window listener in a React effect (role browser)', filename: 'src/hooks.tsx', code: 'import { useEffect } from \'react\';\nimport { createRoot } from \'react-dom/client\';\nexport function useResize(onResize) {\n  useEffect(() => {\n    window.addEventListener(\'resize\', onResize);\n  }, [onResize]);\n}' },
    { name: 'module top level', code: 'process.on(\'SIGTERM\', shutdown);\nwindow.addEventListener(\'resize\', layout);' },
    { name: 'constructor wires its own emitter', code: 'import { bus } from \'./bus\';\nexport class Cache {\n  constructor() { bus.on(\'invalidate\', (k) => this.drop(k)); }\n  drop(k) {}\n}' },
    { name: 'a one-time init by name', code: 'export function setupSignals(server) {\n  process.on(\'SIGTERM\', () => server.close());\n}' },
    { name: 'a function this module calls only from its top level', code: 'function wireSignals() {\n  process.on(\'SIGINT\', () => process.exit(130));\n}\nwireSignals();' },
    { name: 'removed in a cleanup returned from the same function', code: 'export function useResize(onResize) {\n  useEffect(() => {\n    window.addEventListener(\'resize\', onResize);\n    return () => window.removeEventListener(\'resize\', onResize);\n  }, [onResize]);\n}', filename: 'src/hooks.tsx' },
    { name: 'once', code: 'import { bus } from \'./bus\';\nexport function waitReady() {\n  return new Promise((resolve) => bus.once(\'ready\', resolve));\n}' },
    { name: '{ once: true }', code: 'export function onFirstClick(cb) {\n  document.addEventListener(\'click\', cb, { once: true });\n}' },
    { name: '{ signal } from an AbortController', code: 'export function track(signal, cb) {\n  window.addEventListener(\'scroll\', cb, { signal });\n}' },
    { name: 'a per-call emitter (the request) may take listeners', code: 'export function handler(req, res) {\n  req.on(\'data\', (c) => res.write(c));\n  req.on(\'end\', () => res.end());\n}' },
    { name: 'an emitter created in the function', code: 'import net from \'net\';\nexport function probe(port) {\n  const sock = net.connect(port);\n  sock.on(\'error\', () => sock.destroy());\n}' },
    { name: 'removed with off in another method', code: 'import { bus } from \'./bus\';\nexport class View {\n  show() { bus.on(\'change\', this.render); }\n  hide() { bus.off(\'change\', this.render); }\n  render() {}\n}' },
    { name: 'the disposer the add returns is kept', code: 'import { store } from \'./store\';\nexport function watch(disposables, cb) {\n  disposables.push(store.on(\'change\', cb));\n  const off = store.on(\'reset\', cb);\n  return off;\n}' },
    { name: 'events.on is an async iterator, not a listener', code: 'import events from \'node:events\';\nexport async function consume(emitter) {\n  for await (const [msg] of events.on(emitter, \'message\')) handle(msg);\n}' },
    { name: 'listen callback at top level runs once', code: 'import { server } from \'./server\';\nserver.listen(3000, () => {\n  process.on(\'SIGTERM\', () => server.close());\n});' },
    { name: 'a test file', code: 'it("emits", () => {\n  process.on(\'warning\', spy);\n});', filename: 'test/emit.spec.ts' },
    { name: 'options held in a variable are not guessed', code: 'export function f(opts, cb) {\n  window.addEventListener(\'keydown\', cb, opts);\n}' },
    { name: 'removeAllListeners on the same emitter', code: 'import { bus } from \'./bus\';\nexport function session(cb) {\n  bus.on(\'tick\', cb);\n}\nexport function endAll() { bus.removeAllListeners(); }' },
    { name: 'a field of this in the constructor', code: 'class Conn {\n  constructor(pool) { this.pool = pool; this.pool.on(\'error\', (e) => this.fail(e)); }\n  fail(e) {}\n}' },
    { name: 'a field of this in a method: the instance may die with the call', code: 'export class Client {\n  send(msg) {\n    this.socket.on(\'data\', (d) => this.reply(msg, d));\n    this.socket.write(msg);\n  }\n  reply(m, d) {}\n}' },
    { name: 'a module-level emitter the same call has just replaced', code: 'import { Client } from \'./client\';\nlet client;\nexport function reconnect(url) {\n  client = new Client(url);\n  client.on(\'error\', (e) => console.error(e));\n}' },
    { name: 'a one-time binder with a leading underscore', code: 'import { bus } from \'./bus\';\nexport function _bindEvents(target) {\n  bus.on(\'change\', () => target.refresh());\n}' },
    { name: 'an exported setup function (its callers are elsewhere)', code: 'export default async (client) => {\n  await fastify.listen({ port: 80 });\n  process.on(\'app:error\', (e) => client.log.error(e));\n};' },
    { name: 'an exported function of unknown frequency', code: 'import { Client } from \'./client\';\nlet client = new Client();\nexport function query(q) {\n  client.on(\'error\', (e) => q.fail(e));\n}' },
    { name: 'a listener added in a ready listener declared once', code: 'module.exports = {\n  name: \'ready\', once: true,\n  execute(client) { process.on(\'SIGTERM\', () => client.destroy()); },\n};' },
    { name: 'an emitter returned by a call on a module-level object is not assumed long-lived', code: 'import { app } from \'./app\';\nexport function handle(req) {\n  app.channel(req.id).on(\'message\', (m) => req.reply(m));\n}' },
  ],
  invalid: [
    {
      name: 'a module-level emitter assigned elsewhere, listened to per call',
      code: 'import { Client } from \'./client\';\nlet client = new Client();\napp.post(\'/q\', (q, res) => {\n  client.on(\'error\', (e) => q.fail(e));\n  return client.send(q);\n});',
      errors: [
        { messageId: 'listenerLeak', line: 4, column: 10, endLine: 4, endColumn: 12, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'process listener added per request',
      code: 'server.on(\'request\', (req) => {\n  process.on(\'exit\', () => cleanup(req.id));\n});',
      errors: [
        { messageId: 'listenerLeak', line: 2, column: 11, endLine: 2, endColumn: 13, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'module-level bus in a route handler',
      code: 'import { EventEmitter } from \'node:events\';\nconst bus = new EventEmitter();\napp.get(\'/events\', (req, res) => {\n  bus.on(\'update\', (u) => res.write(JSON.stringify(u)));\n});',
      errors: [
        { messageId: 'listenerLeak', line: 4, column: 7, endLine: 4, endColumn: 9, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'addListener on an imported emitter, in a .then inside a route',
      code: 'import { queue } from \'./queue\';\nrouter.post(\'/jobs\', async (job) => {\n  return submit(job).then(() => { queue.addListener(\'done\', notify); });\n});',
      errors: [
        { messageId: 'listenerLeak', line: 3, column: 41, endLine: 3, endColumn: 52, suggestions: [] },
      ],
      output: null,
    },
    {
      name: '{ once: false } is not once',
      code: 'import { bus } from \'./bus\';\nrouter.post(\'/track\', (req, res) => {\n  bus.addEventListener(\'click\', cb, { once: false });\n});',
      errors: [
        { messageId: 'listenerLeak', line: 3, column: 7, endLine: 3, endColumn: 23, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'removal of a different event does not count',
      code: 'import { bus } from \'./bus\';\napp.get(\'/w\', (cb) => {\n  bus.on(\'change\', cb);\n});\nexport function stop(cb) { bus.off(\'reset\', cb); }',
      errors: [
        { messageId: 'listenerLeak', line: 3, column: 7, endLine: 3, endColumn: 9, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'chained adds are each reported',
      code: 'client.on(\'interactionCreate\', (cb) => {\n  process.on(\'SIGINT\', cb).on(\'SIGTERM\', cb);\n});',
      errors: [
        { messageId: 'listenerLeak', line: 2, column: 11, endLine: 2, endColumn: 13, suggestions: [] },
        { messageId: 'listenerLeak', line: 2, column: 28, endLine: 2, endColumn: 30, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'prependListener in a function registered per connection',
      code: 'function onConnection(sock) {\n  process.prependListener(\'beforeExit\', () => sock.end());\n}\nwss.on(\'connection\', onConnection);',
      errors: [
        { messageId: 'listenerLeak', line: 2, column: 11, endLine: 2, endColumn: 26, suggestions: [] },
      ],
      output: null,
    },
  ],
});
