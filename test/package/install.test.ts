/**
 * The npm package as a user gets it: `npm pack` (its `prepack` builds), then `npm install <tarball>`
 * in an empty project outside the repository, with its dependencies, ESLint 10 and typescript-eslint
 * from the registry. Every entry point runs there: the `opslint` bin through npx, the ESLint plugin
 * in ESLint's flat config, the `opslint-language-server` bin under an LSP client over stdio, the Node
 * API from an .mjs file and, type-checked with tsc, from a .ts file. No repository file is reachable
 * from the scratch project (it is under the OS temp folder), so a file missing from the `files`
 * whitelist fails here.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, createProtocolConnection, ExitNotification, InitializedNotification, InitializeRequest,
  PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { REPO_ROOT } from '../helpers/paths';
import { runCompositeAction } from './composite-action';
import { SERVICE_FILES, API_MJS, API_TS, ESLINT_CONFIG, LINT_STAGED_CONFIG, TSCONFIG } from './scratch-project';

/** Past this the whitelist has let something in that does not run (tests, sources, maps, bundles). */
const MAX_UNPACKED_BYTES = 1_500_000;

interface Packed { filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }
interface JsonResult { filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; severity: number }>; errorCount: number }

function run(command: string, args: readonly string[], cwd: string, timeout = 300_000): SpawnSyncReturns<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  // npx runs what the project installed, as the README's commands assume: offline, it cannot fetch
  // a registry package of the same name instead.
  if (command === 'npx') env.npm_config_offline = 'true';
  // The repository's test hooks must not reach the installed package.
  delete env[TEST_RULE_MODULES_VARIABLE];
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function must(result: SpawnSyncReturns<string>, what: string, status = 0): string {
  assert.equal(result.status, status, `${what} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** `file:line:column rule` of each finding, paths relative to the project; ESLint's `opslint/` prefix dropped. */
function findingsOf(results: JsonResult[], root: string, keep: (ruleId: string) => boolean = () => true): string[] {
  return results.flatMap((r) => r.messages.flatMap((m) => {
    const ruleId = (m.ruleId ?? '').replace(/^opslint\//, '');
    return keep(ruleId) ? [`${path.relative(root, r.filePath)}:${m.line}:${m.column} ${ruleId}`] : [];
  })).sort();
}

function npmAvailable(): boolean {
  const probe = spawnSync('npm', ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

describe('the npm package, installed in an empty project', function () {
  this.timeout(900_000);
  let scratch: string;
  let packed: Packed;
  let cliResults: JsonResult[];

  before(function () {
    if (!npmAvailable()) {
      if (process.env.CI) throw new Error('npm is not on PATH: the package test cannot pack or install (CI must not skip it)');
      this.skip();
    }
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opslint-package-'));
    const started = Date.now();
    // The real `npm pack`: prepack runs `npm run build` (incremental after npm test's build).
    const packOutput = must(run('npm', ['pack', '--json', '--pack-destination', scratch], REPO_ROOT, 600_000), 'npm pack');
    packed = (JSON.parse(packOutput.slice(packOutput.indexOf('['))) as Packed[])[0];
    const packedAt = Date.now();
    fs.writeFileSync(path.join(scratch, 'package.json'), `${JSON.stringify({ name: 'scratch-service', version: '1.0.0', private: true }, null, 2)}\n`);
    for (const [file, text] of Object.entries({ ...SERVICE_FILES, 'check-api.mjs': API_MJS, 'check-api.ts': API_TS, 'eslint.config.mjs': ESLINT_CONFIG, 'tsconfig.json': TSCONFIG })) {
      fs.mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      fs.writeFileSync(path.join(scratch, file), text);
    }
    const versions = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    must(run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(scratch, packed.filename),
      'eslint@10', `typescript-eslint@${versions.devDependencies['typescript-eslint']}`, '@types/node@20', 'lint-staged@17'], scratch, 600_000), 'npm install');
    console.log(`      packed in ${((packedAt - started) / 1000).toFixed(1)} s, installed in ${((Date.now() - packedAt) / 1000).toFixed(1)} s: ${packed.filename} ${(packed.size / 1024).toFixed(0)} kB, ${(packed.unpackedSize / 1024).toFixed(0)} kB unpacked, ${packed.files.length} files`);
  });

  after(() => {
    if (scratch && !process.env.OPSLINT_KEEP_SCRATCH) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('ships only what runs: compiled code and types, the rule docs, the schema, README, CHANGELOG and LICENSE', () => {
    const allowed = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|bin\/[\w-]+\.js|schemas\/opslint\.config\.schema\.json|docs\/rules\/[a-z]+\/[a-z-]+\.md|out\/(api|cli|eslint-plugin|rules|server)\/.+\.(js|d\.ts)|out\/schemas\/opslint\.config\.schema\.json)$/;
    assert.deepEqual(packed.files.map((f) => f.path).filter((f) => !allowed.test(f)), []);
    assert.ok(!packed.files.some((f) => /(^|\/)test\//.test(f.path)), 'tests shipped');
    assert.ok(packed.unpackedSize < MAX_UNPACKED_BYTES, `${packed.unpackedSize} bytes unpacked`);
    const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'node_modules', 'opslint', 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.private, undefined);
    assert.ok((manifest.engines as { node?: string }).node);
  });

  it('`npx opslint` lints the service: findings, exit 1', () => {
    const stylish = run('npx', ['opslint', 'src'], scratch);
    assert.equal(stylish.status, 1, stylish.stderr);
    assert.match(stylish.stdout, /caching\/no-unbounded-cache/);
    assert.match(stylish.stdout, /✖ \d+ problems? \(\d+ errors?/);
    const json = run('npx', ['opslint', 'src', '--format', 'json'], scratch);
    assert.equal(json.status, 1, json.stderr);
    cliResults = JSON.parse(json.stdout) as JsonResult[];
    assert.deepEqual(findingsOf(cliResults, scratch), [
      'src/prices.ts:6:26 resilience/require-timeout',
      'src/prices.ts:6:32 coupling/no-hardcoded-endpoint',
      'src/server.ts:10:5 logging/no-swallowed-error',
      'src/server.ts:15:1 resilience/require-graceful-shutdown',
      'src/server.ts:4:7 caching/no-unbounded-cache',
    ]);
  });

  it('`npx opslint --explain <rule>` prints the docs page shipped in the package', () => {
    const explained = must(run('npx', ['opslint', '--explain', 'caching/no-unbounded-cache'], scratch), 'opslint --explain');
    assert.equal(explained, fs.readFileSync(path.join(scratch, 'node_modules', 'opslint', 'docs', 'rules', 'caching', 'no-unbounded-cache.md'), 'utf8'));
  });

  it('ESLint 10 with `opslint/eslint-plugin`\'s recommended preset finds what the CLI finds per file', function () {
    if (!cliResults) this.skip();
    const eslint = run(process.execPath, [path.join(scratch, 'node_modules', 'eslint', 'bin', 'eslint.js'), 'src', '--format', 'json'], scratch);
    assert.equal(eslint.status, 1, `${eslint.stdout}\n${eslint.stderr}`);
    const results = JSON.parse(eslint.stdout) as JsonResult[];
    const version = must(run(process.execPath, [path.join(scratch, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--version'], scratch), 'eslint --version');
    assert.match(version, /^v10\./);
    const perFile = new Set(JSON.parse(must(run(process.execPath, ['-e', "import('opslint/eslint-plugin').then((p) => console.log(JSON.stringify(Object.keys(p.default.rules))))"], scratch), 'plugin rules')) as string[]);
    assert.ok(perFile.size > 5 && !perFile.has('coupling/no-import-cycle'), 'the plugin holds the per-file rules only');
    const eslintFindings = findingsOf(results, scratch);
    assert.ok(eslintFindings.length >= 4, eslintFindings.join('\n'));
    assert.deepEqual(eslintFindings, findingsOf(cliResults, scratch, (id) => perFile.has(id)));
  });

  it('`node_modules/.bin/opslint-language-server --stdio` answers an LSP client with diagnostics', async () => {
    const server = spawn(path.join(scratch, 'node_modules', '.bin', 'opslint-language-server'), ['--stdio'], { cwd: scratch, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    const file = path.join(scratch, 'src', 'prices.ts');
    const uri = pathToFileURL(file).toString();
    const publishes: PublishDiagnosticsParams[] = [];
    let published: () => void = () => undefined;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri !== uri || params.diagnostics.length === 0) return;
      publishes.push(params);
      published();
    });
    const nextPublish = (count: number) => new Promise<PublishDiagnosticsParams>((resolve) => {
      published = () => { if (publishes.length >= count) resolve(publishes[count - 1]); };
      published();
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
    const exited = new Promise<never>((_, reject) => server.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${stderr}`))));
    exited.catch(() => undefined);
    connection.listen();
    try {
      const rootUri = pathToFileURL(scratch).toString();
      const init = await Promise.race([exited, connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'scratch' }],
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { codeDescriptionSupport: true } } },
      })]);
      assert.equal(init.serverInfo?.name, 'opslint-language-server');
      await connection.sendNotification(InitializedNotification.type, {});
      const text = fs.readFileSync(file, 'utf8');
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
      let latest = await Promise.race([exited, nextPublish(1)]);
      // A cold start (TypeScript loading in the lint thread) on a loaded machine can pass the 2 s lint
      // deadline: the server then reports opslint/rule-timeout, and an edit lints again on the warm thread.
      for (let version = 2; version <= 4 && latest.diagnostics.every((d) => d.code === 'opslint/rule-timeout'); version++) {
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        latest = await Promise.race([exited, nextPublish(version)]);
      }
      const codes = latest.diagnostics.map((d) => d.code);
      assert.ok(codes.includes('resilience/require-timeout'), JSON.stringify(codes));
      // Its docs link is the page inside the installed package: it opens offline.
      const href = latest.diagnostics.find((d) => d.code === 'resilience/require-timeout')!.codeDescription!.href;
      assert.equal(href, pathToFileURL(path.join(fs.realpathSync(scratch), 'node_modules', 'opslint', 'docs', 'rules', 'resilience', 'require-timeout.md')).toString());
      assert.ok(fs.existsSync(fileURLToPath(href)));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      await new Promise((resolve) => (server.exitCode === null ? server.once('exit', resolve) : resolve(undefined)));
    } finally {
      connection.dispose();
      if (server.exitCode === null) server.kill();
    }
  });

  it('the Node API runs from an .mjs file: ESLint-shaped results, the same findings as the CLI, a formatter', function () {
    if (!cliResults) this.skip();
    const out = JSON.parse(must(run(process.execPath, ['check-api.mjs'], scratch), 'node check-api.mjs')) as {
      results: JsonResult[]; text: JsonResult[]; stylish: string; sarif: { version: string }; version: string; plugin: string[];
    };
    assert.deepEqual(findingsOf(out.results, scratch), findingsOf(cliResults, scratch));
    const [first] = out.results;
    for (const key of ['filePath', 'messages', 'suppressedMessages', 'errorCount', 'fatalErrorCount', 'warningCount', 'fixableErrorCount', 'fixableWarningCount']) assert.ok(key in first, key);
    assert.deepEqual(findingsOf(out.text, scratch), ['src/snippet.ts:2:9 logging/no-swallowed-error']);
    assert.match(out.stylish, /caching\/no-unbounded-cache/);
    assert.equal(out.sarif.version, '2.1.0');
    assert.equal(out.version, packed.filename.replace(/^opslint-|\.tgz$/g, ''));
    assert.ok(out.plugin.includes('logging/no-swallowed-error'));
  });

  it('the Node API and the plugin type-check from a .ts file with tsc --noEmit (strict, no skipLibCheck)', () => {
    const tsc = run(process.execPath, [path.join(scratch, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], scratch);
    assert.equal(tsc.status, 0, `${tsc.stdout}\n${tsc.stderr}`);
  });
  describe('CI recipes, run step by step (README and docs/ci.md show these)', () => {
    const git = (args: string[]) => must(run('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], scratch), `git ${args.join(' ')}`);

    before(() => {
      fs.writeFileSync(path.join(scratch, '.gitignore'), 'node_modules/\n');
      fs.writeFileSync(path.join(scratch, 'src', 'clean.ts'), 'export const answer = 42;\n');
      const manifest = JSON.parse(fs.readFileSync(path.join(scratch, 'package.json'), 'utf8')) as Record<string, unknown>;
      manifest['lint-staged'] = LINT_STAGED_CONFIG;
      fs.writeFileSync(path.join(scratch, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      git(['init', '-q', '-b', 'main']);
      git(['add', '.gitignore', 'package.json']);
      git(['commit', '-q', '-m', 'scratch']);
    });

    for (const failOnFindings of ['true', 'false']) {
      it(`action.yml: installs opslint, writes SARIF, prints upload guidance, ${failOnFindings === 'true' ? 'fails on findings' : 'passes with fail-on-findings: false'}`, () => {
        const project = fs.mkdtempSync(path.join(os.tmpdir(), 'opslint-action-project-'));
        try {
          fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "action-project", "private": true }\n');
          for (const [file, text] of Object.entries(SERVICE_FILES)) {
            fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
            fs.writeFileSync(path.join(project, file), text);
          }
          const inputs = { package: path.join(scratch, packed.filename), args: 'src', 'fail-on-findings': failOnFindings };
          const action = runCompositeAction(path.join(REPO_ROOT, 'action.yml'), inputs, project, { ...process.env, NO_COLOR: '1' });
          const log = action.steps.map((s) => `${s.name}: ${s.status}\n${s.stdout}${s.stderr}`).join('\n');
          assert.deepEqual(action.steps.map((s) => s.status), [0, 0, 0, failOnFindings === 'true' ? 1 : 'skipped'], log);
          assert.equal(action.failed, failOnFindings === 'true');
          assert.deepEqual(action.outputs, { 'sarif-file': 'opslint.sarif', 'exit-code': '1' });
          const sarif = JSON.parse(fs.readFileSync(path.join(project, 'opslint.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
          assert.equal(sarif.version, '2.1.0');
          assert.equal(sarif.runs[0].results.length, 5);
          assert.match(action.steps[2].stdout, /^::notice title=Opslint::SARIF report written to opslint\.sarif\. Upload it .*github\/codeql-action\/upload-sarif/m);
          assert.ok(fs.existsSync(path.join(project, 'node_modules', '.bin', 'opslint')), 'the action installed opslint');
        } finally {
          fs.rmSync(project, { recursive: true, force: true });
        }
      });
    }

    it('lint-staged: the staged file with findings fails the commit, a clean one passes', () => {
      git(['add', 'src/server.ts']);
      const dirty = run('npx', ['lint-staged'], scratch);
      assert.equal(dirty.status, 1, `${dirty.stdout}\n${dirty.stderr}`);
      assert.match(`${dirty.stdout}${dirty.stderr}`, /logging\/no-swallowed-error/);
      git(['reset', '-q']);
      git(['add', 'src/clean.ts']);
      const clean = run('npx', ['lint-staged'], scratch);
      assert.equal(clean.status, 0, `${clean.stdout}\n${clean.stderr}`);
      git(['reset', '-q']);
    });

    it('.pre-commit-hooks.yaml: the opslint hook, tried from this repository, fails on findings and passes clean files', function () {
      const probe = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
      if (probe.error || probe.status !== 0) {
        if (process.env.CI) throw new Error('pre-commit is not installed (bash test/package/setup.sh installs it)');
        this.skip();
      }
      const dirty = run('pre-commit', ['try-repo', REPO_ROOT, 'opslint', '--files', 'src/prices.ts', 'src/server.ts'], scratch);
      assert.equal(dirty.status, 1, `${dirty.stdout}\n${dirty.stderr}`);
      assert.match(dirty.stdout, /caching\/no-unbounded-cache/);
      const clean = run('pre-commit', ['try-repo', REPO_ROOT, 'opslint', '--files', 'src/clean.ts'], scratch);
      assert.equal(clean.status, 0, `${clean.stdout}\n${clean.stderr}`);
    });
  });
});
