import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ConfigResolver } from '../../rules/core/config/config-resolver';
import { ConfigError } from '../../rules/core/errors';
import { lintProject } from '../../rules/core/project/lint-project';
import { createRegistry } from '../../rules/core/registry';
import { allRules } from '../../rules';
import { makeProject } from '../helpers/cli-process';
import { brokenFix, noTodoCall, noVar, throwsOnExplode } from '../helpers/test-rules';

// noVar and noTodoCall are recommended; throwsOnExplode and brokenFix are in opslint:all only.
const registry = createRegistry([noVar, noTodoCall, throwsOnExplode, brokenFix]);

function rulesFor(resolver: ConfigResolver, dir: string, file: string): Record<string, [number, ...unknown[]]> {
  const config = resolver.resolve(path.join(dir, file));
  return Object.fromEntries([...config.rules].map(([id, s]) => [id, [s.severity, ...s.options]]));
}

describe('config resolution', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('without any config file, opslint:recommended applies', () => {
    project = makeProject({ 'src/a.ts': '' });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    assert.deepEqual(Object.keys(rulesFor(resolver, project.dir, 'src/a.ts')).sort(), ['test/no-todo-call', 'test/no-var']);
  });

  it('the nearest config wins over the ones above it, up to the root', () => {
    project = makeProject({
      'opslint.config.json': '{ "rules": { "test/no-var": "error" } }',
      'packages/api/opslint.config.json': '{ "rules": { "test/no-todo-call": "error" } }',
      'packages/api/src/a.ts': '',
      'packages/web/src/b.ts': '',
    });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    assert.equal(resolver.configFileFor(path.join(project.dir, 'packages/api/src/a.ts'))?.path, path.join(project.dir, 'packages/api/opslint.config.json'));
    assert.deepEqual(rulesFor(resolver, project.dir, 'packages/api/src/a.ts'), { 'test/no-todo-call': [2, { names: ['todo'] }] });
    assert.deepEqual(rulesFor(resolver, project.dir, 'packages/web/src/b.ts'), { 'test/no-var': [2] });
  });

  it('lookup stops at the project root: a config above it is not read', () => {
    project = makeProject({ 'opslint.config.json': '{ "rules": { "test/throws": "error" } }', 'app/src/a.ts': '' });
    const resolver = new ConfigResolver({ root: path.join(project.dir, 'app'), registry });
    assert.equal(resolver.configFileFor(path.join(project.dir, 'app/src/a.ts')), undefined);
  });

  it('extends presets: opslint:all has every rule, a file can turn one off', () => {
    project = makeProject({ 'opslint.config.json': '{ "extends": "opslint:all", "rules": { "test/broken-fix": "off" } }', 'a.ts': '' });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    assert.deepEqual(Object.keys(rulesFor(resolver, project.dir, 'a.ts')).sort(), ['test/no-todo-call', 'test/no-var', 'test/throws']);
  });

  it('opslint:all also sets the stricter options a rule declares for it; recommended keeps the defaults', () => {
    const real = createRegistry(allRules);
    project = makeProject({ 'opslint.config.json': '{ "extends": "opslint:all" }', 'app/opslint.config.json': '{ "root": true, "extends": "opslint:recommended" }', 'a.ts': '', 'app/b.ts': '' });
    const resolver = new ConfigResolver({ root: project.dir, registry: real });
    assert.deepEqual(rulesFor(resolver, project.dir, 'a.ts')['coupling/no-hardcoded-endpoint'], [1, { reportVendorHosts: true }]);
    assert.deepEqual(rulesFor(resolver, project.dir, 'app/b.ts')['coupling/no-hardcoded-endpoint'], [1, { reportVendorHosts: false }]);
  });

  it('extends files: the base is applied first, its settings, ignores and overrides inherited', () => {
    project = makeProject({
      'shared/base.json': JSON.stringify({
        extends: ['opslint:recommended'],
        rules: { 'test/no-todo-call': ['warn', { names: ['fixme'] }] },
        ignores: ['generated/**'],
        settings: { loggers: ['journal'], configModules: ['src/config.ts'] },
        overrides: [{ files: ['scripts/**'], rules: { 'test/no-var': 'off' } }],
      }),
      'opslint.config.json': '{ "extends": "./shared/base.json", "rules": { "test/no-var": "warn" }, "settings": { "loggers": ["audit"] } }',
      'src/a.ts': '', 'scripts/s.ts': '', 'generated/g.ts': '',
    });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    assert.deepEqual(rulesFor(resolver, project.dir, 'src/a.ts'), { 'test/no-var': [1], 'test/no-todo-call': [1, { names: ['fixme'] }] });
    // Path globs are anchored at the folder of the file that declares them: shared/, not the project.
    const shared = path.join(project.dir, 'shared').split(path.sep).join('/');
    assert.deepEqual(resolver.resolve(path.join(project.dir, 'src/a.ts')).settings, { loggers: ['audit'], configModules: [`${shared}/src/config.ts`] });
    assert.deepEqual(Object.keys(rulesFor(resolver, project.dir, 'scripts/s.ts')), ['test/no-todo-call']);
    assert.equal(resolver.isIgnored(path.join(project.dir, 'generated/g.ts')), true);
    assert.equal(resolver.isIgnored(path.join(project.dir, 'src/a.ts')), false);
  });

  it('overrides apply in order to matching files, rules and settings, on top of the file', () => {
    project = makeProject({
      'opslint.config.json': JSON.stringify({
        rules: { 'test/no-var': 'error', 'test/no-todo-call': 'warn' },
        settings: { loggers: ['journal'] },
        overrides: [
          { files: ['**/*.test.ts'], rules: { 'test/no-var': 'off' }, settings: { loggers: ['t'] } },
          { files: ['src/legacy/**'], rules: { 'test/no-todo-call': 'off' } },
          { files: ['src/legacy/keep.test.ts'], rules: { 'test/no-var': 'warn' } },
        ],
      }),
      'src/a.test.ts': '', 'src/legacy/keep.test.ts': '', 'src/b.ts': '',
    });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    assert.deepEqual(Object.keys(rulesFor(resolver, project.dir, 'src/a.test.ts')), ['test/no-todo-call']);
    assert.deepEqual(resolver.resolve(path.join(project.dir, 'src/a.test.ts')).settings, { loggers: ['t'] });
    assert.deepEqual(rulesFor(resolver, project.dir, 'src/legacy/keep.test.ts'), { 'test/no-var': [1] });
    assert.deepEqual(Object.keys(rulesFor(resolver, project.dir, 'src/b.ts')).sort(), ['test/no-todo-call', 'test/no-var']);
  });

  it('files under one config with the same matching overrides share one FileConfig; any other match gets its own', () => {
    project = makeProject({
      'opslint.config.json': JSON.stringify({ rules: { 'test/no-var': 'error' }, overrides: [{ files: ['**/*.test.ts'], rules: { 'test/no-var': 'off' } }] }),
      'src/a.ts': '', 'src/deep/b.ts': '', 'src/a.test.ts': '', 'src/deep/b.test.ts': '',
    });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    const at = (file: string) => resolver.resolve(path.join(project.dir, file));
    assert.equal(at('src/a.ts'), at('src/deep/b.ts'));
    assert.equal(at('src/a.test.ts'), at('src/deep/b.test.ts'));
    assert.notEqual(at('src/a.ts'), at('src/a.test.ts'));
    assert.deepEqual([...at('src/a.test.ts').rules.keys()], []);
    assert.deepEqual([...at('src/deep/b.ts').rules.keys()], ['test/no-var']);
  });

  it('ignores are relative to the folder of the config that declares them', () => {
    project = makeProject({ 'pkg/opslint.config.json': '{ "ignores": ["fixtures/**"] }', 'pkg/fixtures/f.ts': '', 'fixtures/f.ts': '' });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    assert.equal(resolver.isIgnored(path.join(project.dir, 'pkg/fixtures/f.ts')), true);
    assert.equal(resolver.isIgnored(path.join(project.dir, 'fixtures/f.ts')), false);
  });

  it('--config applies one file everywhere, and --rule overrides come last', () => {
    project = makeProject({
      'opslint.config.json': '{ "rules": { "test/throws": "error" } }',
      'custom.json': '{ "rules": { "test/no-var": "warn" } }',
      'src/a.ts': '',
    });
    const resolver = new ConfigResolver({ root: project.dir, registry, configPath: path.join(project.dir, 'custom.json'), ruleOverrides: { 'test/no-var': 'error' } });
    assert.deepEqual(rulesFor(resolver, project.dir, 'src/a.ts'), { 'test/no-var': [2] });
  });

  it('a cycle of extends is a config error naming the key', () => {
    project = makeProject({ 'opslint.config.json': '{ "extends": "./b.json" }', 'b.json': '{ "extends": "./opslint.config.json" }', 'a.ts': '' });
    const resolver = new ConfigResolver({ root: project.dir, registry });
    assert.throws(() => resolver.resolve(path.join(project.dir, 'a.ts')), (error: unknown) => error instanceof ConfigError && error.key === 'extends' && /cycle/.test(error.problem));
  });

  it('path settings match from the folder of the config that sets them, whatever folder Opslint runs from', () => {
    // A package folder whose name holds glob characters: the anchor must match it literally.
    const pkg = 'packages/api (v2) [beta]';
    project = makeProject({
      'opslint.config.json': '{ "root": true }',
      [`${pkg}/opslint.config.json`]: JSON.stringify({ rules: { 'coupling/no-hardcoded-endpoint': 'error', 'resilience/no-process-exit-in-library': 'error' }, settings: { configModules: ['src/config/**'], entryPoints: ['./src/main.ts'] } }),
      [`${pkg}/src/config/endpoints.ts`]: "export const api = 'https://payments.internal.acme.io/v1';\n",
      [`${pkg}/src/client.ts`]: "export const api = 'https://payments.internal.acme.io/v1';\n",
      [`${pkg}/src/main.ts`]: 'export function stop() { process.exit(1); }\n',
      [`${pkg}/src/lib.ts`]: 'export function stop() { process.exit(1); }\n',
    });
    const real = createRegistry(allRules);
    const files = ['src/config/endpoints.ts', 'src/client.ts', 'src/main.ts', 'src/lib.ts'].map((f) => path.join(project.dir, pkg, f));
    for (const cwd of [project.dir, path.join(project.dir, pkg), path.join(project.dir, pkg, 'src')]) {
      const resolver = new ConfigResolver({ root: project.dir, registry: real });
      const findings = lintProject(files, { resolver, env: { registry: real, cwd } })
        .flatMap((lint) => lint.result.messages.map((m) => `${path.relative(path.join(project.dir, pkg), lint.result.filePath)} ${m.ruleId}`));
      assert.deepEqual(findings, ['src/client.ts coupling/no-hardcoded-endpoint', 'src/lib.ts resilience/no-process-exit-in-library'], `running from ${path.relative(project.dir, cwd) || 'the root'}`);
    }
  });
});
