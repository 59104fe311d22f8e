import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type FrequencyEstimate, runFrequencyAt, type RunFrequency } from '../../../rules/core/knowledge/run-frequency';
import { parseSource } from '../../../rules/core/engine/parse';
import { SourceCode } from '../../../rules/core/engine/source-code';
import { traverse } from '../../../rules/core/engine/traverse';
import type { Node, RuleContext } from '../../../rules/core/engine/types';
import { pushChildren } from '../../../rules/utils/walk';

/** A SourceCode as the engine hands it to rules: parents set by the walk. */
function sourceCodeOf(code: string, file = 'src/a.ts'): SourceCode {
  const sourceCode = new SourceCode(code, parseSource(code, file));
  traverse(sourceCode.ast, () => undefined);
  return sourceCode;
}

/** The estimate at every `here('label')` call of the code, by label. */
function estimates(code: string, file = 'src/a.ts'): Record<string, FrequencyEstimate> {
  const sourceCode = sourceCodeOf(code, file);
  const context = { sourceCode } as unknown as RuleContext;
  const found: Record<string, FrequencyEstimate> = {};
  const stack: Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'here') {
      found[String((node.arguments[0] as TSESTree.Literal).value)] = runFrequencyAt(context, node);
    }
    pushChildren(stack, node);
  }
  return found;
}

function frequencies(code: string): Record<string, RunFrequency> {
  return Object.fromEntries(Object.entries(estimates(code)).map(([label, estimate]) => [label, estimate.frequency]));
}

function reasonAt(code: string, label: string): string {
  return estimates(code)[label].reason;
}

describe('run-frequency: how often code runs', () => {
  describe('once', () => {
    it('module top level, top-level await and a top-level IIFE', () => {
      assert.deepEqual(frequencies("here('top');\nawait here('awaited');\n(async () => { here('iife'); })();"), { top: 'once', awaited: 'once', iife: 'once' });
    });
    it('functions only called from start-up code in the same file', () => {
      const code = "function readKeys() { here('keys'); }\nasync function main() { readKeys(); here('main'); }\nmain();";
      assert.deepEqual(frequencies(code), { keys: 'once', main: 'once' });
    });
    it('a listen callback and what it calls', () => {
      const code = "function announce() { here('announce'); }\napp.listen(3000, () => { here('listen'); announce(); });";
      assert.deepEqual(frequencies(code), { listen: 'once', announce: 'once' });
    });
    it("once('ready') listeners and `.on('ready')`", () => {
      const code = "client.once('ready', () => { here('once'); });\nclient.on('ready', () => { here('ready'); });";
      assert.deepEqual(frequencies(code), { once: 'once', ready: 'once' });
    });
    it('an event module declaring once: true, and a listener class declaring it', () => {
      const object = "module.exports = { name: 'ready', once: true, execute(client) { here('module'); } };";
      const cls = "module.exports = class extends Listener {\n  constructor(c, o) { super(c, { ...o, event: 'ready', once: true }); }\n  run() { here('class'); }\n};";
      const field = "export default class Ready extends Event {\n  constructor() { super(); this.once = true; }\n  execute() { here('field'); }\n}";
      assert.deepEqual(frequencies(object), { module: 'once' });
      assert.deepEqual(frequencies(cls), { class: 'once' });
      assert.deepEqual(frequencies(field), { field: 'once' });
    });
    it('Nest lifecycle hooks and provider constructors', () => {
      const code = "@Injectable()\nexport class Jobs {\n  constructor() { here('ctor'); this.wire(); }\n  private wire() { here('wire'); }\n  onModuleInit() { here('init'); }\n}";
      assert.deepEqual(frequencies(code), { ctor: 'once', wire: 'once', init: 'once' });
    });
    it('a class instantiated once at the top level: its constructor and what it calls', () => {
      const code = "class Bot {\n  constructor() { here('ctor'); this.load(); }\n  private load() { here('load'); }\n}\nexport const bot = new Bot();";
      assert.deepEqual(frequencies(code), { ctor: 'once', load: 'once' });
    });
    it('start-up names without callers in the file', () => {
      assert.deepEqual(frequencies("export function setupSignals() { here('setup'); }\nexport async function bootstrap() { here('boot'); }"), { setup: 'once', boot: 'once' });
    });
    it('an interval started at the top level: the start runs once, the callback per tick', () => {
      assert.deepEqual(frequencies("setInterval(() => { here('tick'); }, 1000);\nhere('start');"), { tick: 'per-call', start: 'once' });
    });
  });

  describe('per-call', () => {
    it('route handlers inline, by reference and through a wrapper', () => {
      const code = "app.get('/a', (req, res) => { here('inline'); });\nrouter.post('/b', create);\nfunction create(req, res) { here('ref'); }\napp.put('/c', wrap(async (req, res) => { here('wrapped'); }));";
      assert.deepEqual(frequencies(code), { inline: 'per-call', ref: 'per-call', wrapped: 'per-call' });
    });
    it('functions a handler calls, and callbacks inside a handler', () => {
      const code = "function render(p) { here('render'); }\napp.get('/x', (req, res) => {\n  fs.exists(p, (ok) => { here('callback'); render(p); });\n});";
      assert.deepEqual(frequencies(code), { render: 'per-call', callback: 'per-call' });
    });
    it('message, interaction and connection listeners (discord.js Events too)', () => {
      const code = "client.on('messageCreate', (m) => { here('message'); });\nclient.on(Events.InteractionCreate, async (i) => { here('interaction'); });\nio.on('connection', (s) => { here('connection'); });";
      assert.deepEqual(frequencies(code), { message: 'per-call', interaction: 'per-call', connection: 'per-call' });
    });
    it('discord command modules and command classes', () => {
      assert.deepEqual(frequencies("export default {\n  data: new SlashCommandBuilder().setName('x'),\n  async execute(interaction) { here('cmd'); },\n};"), { cmd: 'per-call' });
      assert.deepEqual(frequencies("module.exports = class extends SlashCommand {\n  async run(interaction) { here('slash'); }\n};"), { slash: 'per-call' });
    });
    it('cron jobs, intervals, Nest @Cron and self-rescheduling timeouts', () => {
      const code = "cron.schedule('* * * * *', () => { here('cron'); });\nnew CronJob('0 * * * *', () => { here('job'); });\nfunction tick() { here('tick'); setTimeout(tick, 1000); }\ntick();\nclass S {\n  @Cron('0 0 * * *')\n  sweep() { here('nest'); }\n}";
      assert.deepEqual(frequencies(code), { cron: 'per-call', job: 'per-call', tick: 'per-call', nest: 'per-call' });
    });
    it('queue consumers: bullmq workers, Bull process, kafkajs eachMessage', () => {
      const code = "new Worker('mail', async (job) => { here('worker'); });\nmailQueue.process(async (job) => { here('bull'); });\nawait consumer.run({ eachMessage: async ({ message }) => { here('kafka'); } });";
      assert.deepEqual(frequencies(code), { worker: 'per-call', bull: 'per-call', kafka: 'per-call' });
    });
    it('chat-bot handlers: botkit hears, Telegraf command, Bolt event', () => {
      const code = "controller.hears(['^help'], ['direct_message'], (bot, message) => { here('hears'); });\nbot.command('start', (ctx) => { here('command'); });\napp.event('app_mention', async ({ event }) => { here('event'); });\nprogram.command('build').action(() => { here('cli'); });";
      assert.deepEqual(frequencies(code), { hears: 'per-call', command: 'per-call', event: 'per-call', cli: 'unknown' });
    });
    it('a method a per-call listener calls through this', () => {
      const code = "export class Bot {\n  constructor(client) { client.on('interactionCreate', (i) => this.handle(i)); }\n  private handle(i) { here('handle'); }\n}";
      assert.deepEqual(frequencies(code), { handle: 'per-call' });
    });
    it('a static method called through the class, and a method called on an instance the file creates', () => {
      const code = "class Repo {\n  static get(id) { here('static'); }\n}\nclass Service {\n  compute(k) { here('instance'); }\n}\nexport const service = new Service();\napp.get('/r', (req) => Repo.get(req.params.id));\nclient.on('messageCreate', (m) => service.compute(m.id));";
      assert.deepEqual(frequencies(code), { static: 'per-call', instance: 'per-call' });
    });
    it('Nest route methods and serverless handlers', () => {
      assert.deepEqual(frequencies("class C {\n  @Get(':id')\n  find() { here('route'); }\n}"), { route: 'per-call' });
      assert.deepEqual(frequencies("export const handler = async (event) => { here('lambda'); };"), { lambda: 'per-call' });
    });
    it('per-call wins over a start-up name and over once callers', () => {
      const code = "function initSession(req) { here('init'); }\ninitSession({});\napp.get('/x', (req) => initSession(req));";
      assert.deepEqual(frequencies(code), { init: 'per-call' });
    });
    it('a `once` listener added in a handler runs per call', () => {
      assert.deepEqual(frequencies("app.get('/x', (req, res) => { res.once('finish', () => { here('finish'); }); });"), { finish: 'per-call' });
    });
    it('says what makes it repeat', () => {
      assert.equal(reasonAt("function f() { here('f'); }\napp.get('/x', (req, res) => f());", 'f'), 'it is reached from a handler registered with `app.get`');
      assert.equal(reasonAt("setInterval(() => here('t'), 5);", 't'), 'it is a `setInterval` callback');
    });
  });

  describe('unknown', () => {
    it('exported functions and public methods whose callers are elsewhere', () => {
      const code = "export function render(name) { here('exported'); }\nexport class Store {\n  get(key) { here('method'); }\n}\nmodule.exports.load = async () => { here('cjs'); };";
      assert.deepEqual(frequencies(code), { exported: 'unknown', method: 'unknown', cjs: 'unknown' });
    });
    it('listeners for events whose rate is not shown', () => {
      assert.deepEqual(frequencies("bus.on('change', () => { here('change'); });"), { change: 'unknown' });
    });
    it('a callback handed at start-up to a call this file does not know', () => {
      assert.deepEqual(frequencies("db.connect(url, (err) => { here('callback'); });\nconst rows = items.map((i) => here('map'));"), { callback: 'unknown', map: 'once' });
    });
    it('a function called from an exported one', () => {
      assert.deepEqual(frequencies("function helper() { here('helper'); }\nexport function api() { helper(); }"), { helper: 'unknown' });
    });
    it('a class created elsewhere', () => {
      assert.deepEqual(frequencies("export class Poller {\n  constructor() { here('ctor'); }\n}"), { ctor: 'unknown' });
    });
    it('a function nothing calls, whose parameters are passed to calls: reading a parameter is no use of the function', () => {
      assert.deepEqual(frequencies("async function load(id) { here('load'); return db.find(id); }\nfunction every(tick) { here('every'); setInterval(tick, 1000); }"), { load: 'unknown', every: 'unknown' });
    });
    it('mutual recursion reached from an exported function stays unknown', () => {
      assert.deepEqual(frequencies("function a(n) { here('a'); if (n) b(n - 1); }\nfunction b(n) { a(n); }\nexport function go() { a(3); }"), { a: 'unknown' });
    });
  });

  describe('once by name only', () => {
    it('marks estimates that only a start-up name supports, and what only such code reaches', () => {
      const code = "export class Users {\n  async register(dto) { here('named'); this.save(dto); }\n  private save(dto) { here('reached'); }\n}\nfunction init() { here('called'); }\ninit();";
      const found = estimates(code);
      assert.deepEqual(Object.fromEntries(Object.entries(found).map(([label, e]) => [label, `${e.frequency}${e.fromNameOnly ? ' (name only)' : ''}`])),
        { named: 'once (name only)', reached: 'once (name only)', called: 'once' });
    });
  });

  it('finds a function\'s uses by name, and by scope where the name is bound twice (a parameter shadows it)', () => {
    // Unique name: read by name (no scope analysis); property names, labels and types that spell it are no uses.
    assert.deepEqual(frequencies("function audit() { here('audit'); }\nconst o = { audit: 1 };\no.audit;\ntype T = { audit: number };\napp.get('/x', () => audit());"), { audit: 'per-call' });
    // `audit` in `run` is its parameter, not the function: only the start-up call counts.
    assert.deepEqual(frequencies("function audit() { here('audit'); }\nfunction run(audit) { app.get('/x', () => audit()); }\naudit();"), { audit: 'once' });
  });

  it('computes once per lint: the same SourceCode answers from its analysis', () => {
    const code = "app.get('/x', (req, res) => { here('a'); });";
    const sourceCode = sourceCodeOf(code);
    const context = { sourceCode } as unknown as RuleContext;
    let analyses = 0;
    const scopeManager = sourceCode.scopeManager;
    Object.defineProperty(sourceCode, 'scopeManager', { get: () => { analyses++; return scopeManager; } });
    const body = sourceCode.ast.body[0];
    runFrequencyAt(context, body);
    const first = analyses;
    runFrequencyAt(context, body);
    assert.equal(analyses, first);
  });

  it('does not overflow on deeply nested callbacks', () => {
    const depth = 1500;
    const code = `${'p.then(() => '.repeat(depth)}here('deep')${')'.repeat(depth)};`;
    assert.deepEqual(frequencies(code), { deep: 'once' });
  });
});
