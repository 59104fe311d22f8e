import * as assert from 'node:assert/strict';
import { makeProject, parseJsonReport, runOpslint } from '../helpers/cli-process';

function withConfig(config: string) {
  return makeProject({ 'opslint.config.json': config, 'src/a.ts': 'var a = 1;\n' });
}

describe('CLI with a broken config (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('bad JSON exits 2, naming the file and the position', () => {
    project = withConfig('{\n  "rules": { "test/no-var": "error" \n');
    const run = runOpslint([], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /configuration error: .*opslint\.config\.json: is not valid JSON at 3:1/);
  });

  it('comments and trailing commas are allowed', () => {
    project = withConfig('{\n  // only the test rules\n  "root": true,\n  "rules": { "test/no-var": "error", },\n}\n');
    assert.equal(runOpslint([], { cwd: project.dir }).status, 1);
  });

  it('an unknown key exits 2 and lists the allowed keys', () => {
    project = withConfig('{ "rulez": {} }');
    const run = runOpslint([], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"rulez": unknown key "rulez"\. Allowed: .*keys: .*extends.*rules.*ignores.*settings.*overrides/);
  });

  it('settings.resourceKinds rows are checked by the schema: a row without a name exits 2 naming it; a full row is accepted', () => {
    project = withConfig('{ "root": true, "rules": { "test/no-var": "error" }, "settings": { "resourceKinds": [{ "acquire": ["./db:open"] }] } }');
    const broken = runOpslint([], { cwd: project.dir });
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /"settings\.resourceKinds\.0": must have required property 'name'/);
    project.cleanup();
    project = withConfig('{ "root": true, "rules": { "test/no-var": "error" }, "settings": { "resourceKinds": [{ "name": "db session", "acquire": ["./db:open"], "releaseMethods": ["close"] }] } }');
    assert.equal(runOpslint([], { cwd: project.dir }).status, 1, 'linted with the row: exit 1 for the test/no-var finding');
  });

  it('an unknown rule id exits 2 and suggests the close ids', () => {
    project = withConfig('{ "rules": { "test/no-vra": "error" } }');
    const run = runOpslint([], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"rules\.test\/no-vra": is not an Opslint rule\. Did you mean test\/no-var\?/);
  });

  it('an unknown rule id in --rule exits 2 with a suggestion too', () => {
    project = withConfig('{ "root": true }');
    const run = runOpslint(['--rule', 'test/no-todo-cal: warn'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Did you mean test\/no-todo-call\?/);
  });

  it('bad rule options exit 2, naming the rule and the problem', () => {
    project = withConfig('{ "rules": { "test/no-todo-call": ["warn", { "names": "todo" }] } }');
    const run = runOpslint([], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"rules\.test\/no-todo-call": options\.0\.names must be array\. See https:\/\/example\.invalid\/opslint-test-rules\/no-todo-call/);
  });

  it('a bad severity exits 2', () => {
    project = withConfig('{ "rules": { "test/no-var": "loud" } }');
    const run = runOpslint([], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"rules\.test\/no-var": must be equal to one of the allowed values \("off", "warn", "error"\)/);
  });

  it('an unknown preset exits 2 and lists the presets', () => {
    project = withConfig('{ "extends": "opslint:strict" }');
    const run = runOpslint([], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"opslint:strict" is not a preset\. Use one of opslint:recommended, opslint:all/);
  });

  it('with --format json, a config error still leaves parseable JSON on stdout', () => {
    project = withConfig('{ "rulez": {} }');
    const run = runOpslint(['--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 2);
    assert.deepEqual(parseJsonReport(run), []);
  });
});
