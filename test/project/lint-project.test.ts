import * as assert from 'node:assert/strict';
import { ConfigResolver } from '../../rules/core/config/config-resolver';
import type { Finding } from '../../rules/core/engine/types';
import { LintCache } from '../../rules/core/project/lint-cache';
import { lintProject } from '../../rules/core/project/lint-project';
import { createRegistry } from '../../rules/core/registry';
import { projectRule as noImportCycle } from '../../rules/coupling/no-import-cycle';
import { rule as requireTimeout } from '../../rules/resilience/require-timeout';
import { rule as noUnboundedCache } from '../../rules/caching/no-unbounded-cache';
import { createRule } from '../../rules/utils/create-rule';
import { TempWorkspace } from '../helpers/temp-workspace';

const cycle = { 'a.ts': "import { b } from './b';\nexport const a = b;", 'b.ts': "import { a } from './a';\nexport const b = () => a;" };

describe('lintProject with project rules', () => {
  describe('an in-memory Keyv created in one module and written in others (caching/no-unbounded-cache)', () => {
    const bot = {
      'src/client.js': "const Keyv = require('keyv');\nconst { TicketManager } = require('./manager');\nmodule.exports = class Bot extends Client {\n  async login() { this.keyv = new Keyv(); this.tickets = new TicketManager(this); }\n};",
      'src/manager.js': "class TicketManager {\n  constructor(client) { this.client = client; }\n  async create({ categoryId, interaction }) {\n    const key = `ratelimits/guild-user:${categoryId}-${interaction.user.id}`;\n    if (!(await this.client.keyv.get(key))) this.client.keyv.set(key, true, 5000);\n  }\n}\nmodule.exports = { TicketManager };",
      // A command the framework loads from its folder: nothing imports it.
      'src/commands/rename.js': "module.exports = class Rename extends SlashCommand {\n  async run(interaction) {\n    const key = `rate-limits/channel-rename:${interaction.channel.id}`;\n    await this.client.keyv.set(key, [Date.now()], 600000);\n    await this.client.keyv.set(`cache/guild-tags:${interaction.guild.id}`, [], 600000);\n  }\n};",
    };
    const config = { rules: { 'caching/no-unbounded-cache': 'error' } };
    const lines = (found: Map<string, Finding[]>, file: string) => found.get(file)!.map((f) => `${f.line} ${f.messageId}`);

    it('writes keyed per user or channel through `.keyv` are reported, and keep no program condition', () => {
      const found = run(bot, config, { rules: [noUnboundedCache] });
      assert.deepEqual(lines(found, 'src/manager.js'), ['5 unboundedStore']);
      assert.deepEqual(lines(found, 'src/commands/rename.js'), ['4 unboundedStore']);
      assert.equal('programCondition' in found.get('src/manager.js')![0], false);
    });

    it('nothing is reported when the program keeps that Keyv in Redis', () => {
      const found = run({ ...bot, 'src/client.js': bot['src/client.js'].replace('new Keyv()', "new Keyv('redis://cache:6379')") }, config, { rules: [noUnboundedCache] });
      assert.deepEqual(lines(found, 'src/manager.js'), []);
      assert.deepEqual(lines(found, 'src/commands/rename.js'), []);
    });
  });

  let ws: TempWorkspace;
  afterEach(() => ws.remove());

  function run(files: Record<string, string>, config: object, extra: { cache?: LintCache; rules?: Parameters<typeof createRegistry>[0] } = {}): Map<string, Finding[]> {
    ws ??= new TempWorkspace({});
    for (const [name, text] of Object.entries({ ...files, 'opslint.config.json': JSON.stringify({ root: true, ...config }) })) ws.write(name, text);
    const registry = createRegistry(extra.rules ?? [noImportCycle]);
    const resolver = new ConfigResolver({ root: ws.root, registry });
    const lints = lintProject(ws.sourceFiles(), { resolver, env: { registry, cwd: ws.root }, cache: extra.cache });
    return new Map(lints.map((l) => [l.result.filePath.slice(ws.root.length + 1), l.result.messages]));
  }
  beforeEach(() => { ws = undefined!; });

  it('a suppression with a reason hides the project finding and is not reported as unused', () => {
    const found = run({ ...cycle, 'a.ts': `// opslint-disable-next-line coupling/no-import-cycle -- legacy, split tracked in OPS-12\n${cycle['a.ts']}` }, { rules: { 'coupling/no-import-cycle': 'error' } });
    assert.deepEqual(found.get('a.ts'), []);
  });

  it('a suppression of the project rule that covers nothing is still reported as unused', () => {
    const found = run({ 'a.ts': '// opslint-disable-next-line coupling/no-import-cycle -- stale\nexport const a = 1;' }, { rules: { 'coupling/no-import-cycle': 'error' } });
    assert.deepEqual(found.get('a.ts')!.map((f) => f.ruleId), ['opslint/unused-suppression']);
  });

  it('the severity and the on/off switch are the ones in force for the file the finding lands in', () => {
    const found = run(cycle, { rules: { 'coupling/no-import-cycle': 'error' }, overrides: [{ files: ['a.ts'], rules: { 'coupling/no-import-cycle': 'warn' } }] });
    assert.deepEqual(found.get('a.ts')!.map((f) => [f.ruleId, f.severity, f.relatedInformation?.length]), [['coupling/no-import-cycle', 1, 2]]);
    const off = run(cycle, { rules: { 'coupling/no-import-cycle': 'error' }, overrides: [{ files: ['a.ts'], rules: { 'coupling/no-import-cycle': 'off' } }] });
    assert.deepEqual([...off.values()].flat(), []);
  });

  it('presets turn project rules on like any rule', () => {
    const found = run(cycle, { extends: 'opslint:recommended' });
    assert.deepEqual(found.get('a.ts')!.map((f) => f.ruleId), ['coupling/no-import-cycle']);
  });

  it('a project rule that throws leaves one internal-error finding and the other rules\' findings', () => {
    const broken = { ...noImportCycle, meta: { ...noImportCycle.meta, opslint: { ...noImportCycle.meta.opslint, id: 'coupling/broken' } }, check: () => { throw new Error('boom'); } };
    const found = run(cycle, { rules: { 'coupling/no-import-cycle': 'error', 'coupling/broken': 'error' } }, { rules: [noImportCycle, broken] });
    assert.deepEqual(found.get('a.ts')!.map((f) => f.ruleId), ['coupling/broken', 'coupling/no-import-cycle']);
    assert.match(found.get('a.ts')![0].message, /Internal error in project rule coupling\/broken: boom/);
  });

  it('with --cache, a change in b.ts that closes a cycle is reported in the unchanged, cached a.ts', () => {
    let linted: string[] = [];
    const spy = createRule({
      id: 'coupling/spy', description: 'records which files the per-file pass lints', recommended: false, defaultSeverity: 'warn', messages: { x: 'x' }, defaultOptions: [],
      create: (context) => { linted.push(context.filename.slice(ws.root.length + 1)); return {}; },
    });
    const config = { rules: { 'coupling/no-import-cycle': 'error', 'coupling/spy': 'warn' } };
    const files = { 'a.ts': cycle['a.ts'], 'b.ts': 'export const b = 1;' };
    ws = new TempWorkspace({});
    const cacheFile = ws.path('.cache/opslint.json');

    let cache = LintCache.open(cacheFile, { toolVersion: '1.0.0', cwd: ws.root });
    assert.deepEqual([...run(files, config, { cache, rules: [noImportCycle, spy] }).values()].flat(), []);
    cache.save();
    assert.deepEqual(linted, ['a.ts', 'b.ts']);

    linted = [];
    cache = LintCache.open(cacheFile, { toolVersion: '1.0.0', cwd: ws.root });
    const found = run({ 'b.ts': cycle['b.ts'] }, config, { cache, rules: [noImportCycle, spy] });
    assert.deepEqual(linted, ['b.ts'], 'a.ts came from the cache');
    assert.deepEqual(found.get('a.ts')!.map((f) => `${f.ruleId} ${f.line}:${f.column}`), ['coupling/no-import-cycle 1:1']);
    assert.match(found.get('a.ts')![0].message, /a\.ts → b\.ts → a\.ts/);
    cache.save();

    linted = [];
    cache = LintCache.open(cacheFile, { toolVersion: '1.0.0', cwd: ws.root });
    const again = run({}, config, { cache, rules: [noImportCycle, spy] });
    assert.deepEqual(linted, [], 'everything from the cache');
    assert.deepEqual(again.get('a.ts')!.map((f) => f.ruleId), ['coupling/no-import-cycle'], 'project findings are recomputed from cached facts');

    linted = [];
    cache = LintCache.open(cacheFile, { toolVersion: '1.0.1', cwd: ws.root });
    run({}, config, { cache, rules: [noImportCycle, spy] });
    assert.deepEqual(linted, ['a.ts', 'b.ts'], 'another tool version invalidates the cache');

    linted = [];
    run({}, { rules: { ...config.rules, 'coupling/spy': 'error' } }, { cache, rules: [noImportCycle, spy] });
    assert.deepEqual(linted, ['a.ts', 'b.ts'], 'another config invalidates the entries');
  });
  describe('program-wide client defaults', () => {
    const files = {
      'server.ts': "import axios from 'axios';\nimport { notify } from './notify';\nimport { api } from './client';\naxios.defaults.timeout = 5000;\nnotify(api);",
      'notify.ts': "import axios from 'axios';\nexport const notify = () => axios.post(hookUrl, { text: 'down' });",
      'client.ts': "import axios from 'axios';\nexport const api = axios.create({ baseURL });",
      'tool.ts': "import axios from 'axios';\nexport const ping = () => axios.get(pingUrl);",
    };
    const config = { rules: { 'resilience/require-timeout': 'warn' } };

    it('`axios.defaults.timeout` set in one module covers the axios calls of every module of its program', () => {
      const found = run(files, config, { rules: [requireTimeout, noImportCycle] });
      assert.deepEqual(found.get('notify.ts'), []);
      // A client created with `axios.create` copies the defaults when it is created: judged by its own options.
      assert.deepEqual(found.get('client.ts')!.map((f) => f.messageId), ['clientWithoutTimeout']);
    });

    it('a module of another program is not covered, and the finding it keeps carries no marker', () => {
      const found = run(files, config, { rules: [requireTimeout] });
      const kept = found.get('tool.ts')!;
      assert.deepEqual(kept.map((f) => f.messageId), ['missingTimeout']);
      assert.equal('programCondition' in kept[0], false);
    });

    it('a handler a serverless adapter makes of the app bounds the calls of the modules it loads, clients created without a timeout too', () => {
      const lambda = {
        'handler.js': "const serverless = require('serverless-http');\nconst { load } = require('./chrome');\nconst axios = require('axios');\nconst heroku = axios.create({ baseURL });\napp.get('/', async () => heroku.get(await load()));\nmodule.exports = { app, hello: serverless(app) };",
        'chrome.js': "const request = require('superagent');\nmodule.exports.load = async () => (await request.get(versionUrl)).body;",
        'local.js': "const axios = require('axios');\nexport const ping = () => axios.get(pingUrl);",
      };
      const found = run(lambda, config, { rules: [requireTimeout] });
      assert.deepEqual(found.get('handler.js'), []);
      assert.deepEqual(found.get('chrome.js'), []);
      assert.deepEqual(found.get('local.js')!.map((f) => f.messageId), ['missingTimeout'], 'a module the handler does not load is another program');
    });
  });
});
