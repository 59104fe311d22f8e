/**
 * The CLI contract, pinned: for each way a run can go wrong, the exit code and the exact stderr
 * (a snapshot in test/fixtures/golden/), and a report on stdout that still parses as JSON and
 * validates as SARIF. Snapshots are rewritten with OPSLINT_UPDATE_GOLDEN=1; review the diff.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { makeProject, runOpslint, TEST_RULES_CONFIG, TEST_RULES_MODULE, type CliRun } from '../helpers/cli-process';
import { OPSLINT_BIN, REPO_ROOT } from '../helpers/paths';
import { sarifValidator } from '../helpers/sarif-validator';

const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'golden');
const PROBE_RULES_MODULE = path.join(__dirname, '..', 'hardening', 'cli-probe-rules.js');

interface GoldenCase {
  name: string;
  files: Record<string, string>;
  args: string[];
  exit: number;
}

const CONFIG_WITH = (extra: object) => JSON.stringify({ ...JSON.parse(TEST_RULES_CONFIG), ...extra });

const CASES: GoldenCase[] = [
  { name: 'no config', files: { 'src/a.ts': 'export const a = 1;\n' }, args: [], exit: 0 },
  { name: 'bad JSON', files: { 'opslint.config.json': '{ "rules": {\n  "test/no-var": "error",,\n', 'a.ts': '' }, args: [], exit: 2 },
  { name: 'bad key', files: { 'opslint.config.json': CONFIG_WITH({ rulez: {} }), 'a.ts': '' }, args: [], exit: 2 },
  { name: 'unknown rule', files: { 'opslint.config.json': '{ "rules": { "test/no-vra": "error" } }', 'a.ts': '' }, args: [], exit: 2 },
  { name: 'schema violation', files: { 'opslint.config.json': '{ "rules": { "test/no-todo-call": ["warn", { "names": "todo" }] } }', 'a.ts': '' }, args: [], exit: 2 },
  { name: 'no files matched', files: { 'opslint.config.json': TEST_RULES_CONFIG, 'src/a.ts': 'var a = 1;\n' }, args: ['src/**/*.mts'], exit: 2 },
  { name: 'all ignored', files: { 'opslint.config.json': CONFIG_WITH({ ignores: ['src/**'] }), 'src/a.ts': 'var a = 1;\n' }, args: [], exit: 2 },
  { name: 'parse error', files: { 'opslint.config.json': TEST_RULES_CONFIG, 'broken.ts': 'const x = ;\n', 'fine.ts': 'var y = 1;\n' }, args: [], exit: 1 },
  { name: 'rule crash', files: { 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': 'explode();\nvar y = 1;\n' }, args: [], exit: 1 },
  { name: 'unwritable output file', files: { 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': 'var a = 1;\n', 'reports/keep': '' }, args: ['--output-file', 'reports'], exit: 2 },
];

function slug(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

/** Stderr with the temp folder and OS-specific error text made stable. */
function normalize(stderr: string, dir: string): string {
  return stderr.split(dir).join('<project>').replace(/[ \t]+$/gm, '');
}

/** Compares with the snapshot, or writes it when OPSLINT_UPDATE_GOLDEN is set. */
function matchGolden(name: string, exit: number | null, stderr: string): void {
  const file = path.join(GOLDEN_DIR, `${slug(name)}.txt`);
  const actual = `exit ${exit}\n--- stderr\n${stderr}`;
  if (process.env.OPSLINT_UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  assert.ok(fs.existsSync(file), `no snapshot ${file}: run with OPSLINT_UPDATE_GOLDEN=1 and review it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name}: differs from ${path.relative(REPO_ROOT, file)}`);
}

const validateSarif = sarifValidator();

function assertReportParses(format: 'json' | 'sarif', run: CliRun, toFile: boolean): void {
  if (toFile) {
    assert.equal(run.stdout, '', 'with --output-file the report never goes to stdout');
    return;
  }
  const report = JSON.parse(run.stdout) as unknown;
  if (format === 'json') assert.ok(Array.isArray(report));
  else assert.deepEqual(validateSarif(report), []);
}

describe('CLI contract: golden exit codes and stderr (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  for (const c of CASES) {
    it(`${c.name}: exit ${c.exit}, stderr as recorded, stdout parseable as JSON and SARIF`, () => {
      project = makeProject(c.files);
      const toFile = c.args.includes('--output-file');
      const json = runOpslint(['--format', 'json', ...c.args], { cwd: project.dir });
      assert.equal(json.status, c.exit, json.stderr);
      assertReportParses('json', json, toFile);
      matchGolden(c.name, json.status, normalize(json.stderr, project.dir));
      const sarif = runOpslint(['--format', 'sarif', ...c.args], { cwd: project.dir });
      assert.equal(sarif.status, c.exit);
      assertReportParses('sarif', sarif, toFile);
      assert.equal(normalize(sarif.stderr, project.dir), normalize(json.stderr, project.dir));
    });
  }
});

describe('CLI contract: interruption and --fix safety (as a process)', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  const probeEnv = { [TEST_RULE_MODULES_VARIABLE]: [TEST_RULES_MODULE, PROBE_RULES_MODULE].join(path.delimiter) };
  const probeConfig = CONFIG_WITH({ rules: { 'test/no-var': 'error', 'test/slow': 'error', 'test/edits-file': 'error' } });

  it('SIGINT mid-run: exit 130, no file fixed, an empty valid JSON report, stderr as recorded', async () => {
    const files: Record<string, string> = { 'opslint.config.json': probeConfig, 'src/a-first.ts': 'var a = 1;\n' };
    for (let i = 0; i < 150; i++) files[`src/f${String(i).padStart(3, '0')}.ts`] = `var v${i} = ${i};\n`;
    project = makeProject(files);
    const child = spawn(process.execPath, [OPSLINT_BIN, '--format', 'json', '--fix'], { cwd: project.dir, env: { ...process.env, ...probeEnv } });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('linting started') && child.signalCode === null && !interrupted) interrupted = child.kill('SIGINT');
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(status, 130, stderr);
    assert.deepEqual(JSON.parse(stdout), []);
    matchGolden('SIGINT mid-run', status, normalize(stderr, project.dir));
    assert.equal(fs.readFileSync(path.join(project.dir, 'src/f000.ts'), 'utf8'), 'var v0 = 0;\n', 'an interrupted --fix writes nothing');
  });

  it('--fix does not overwrite a file that changed on disk during the run, and says so', () => {
    project = makeProject({ 'opslint.config.json': probeConfig, 'src/edited-a.ts': 'var a = 1;\n', 'src/b.ts': 'var b = 1;\n' });
    const run = spawnSync(process.execPath, [OPSLINT_BIN, '--format', 'json', '--fix'], { cwd: project.dir, env: { ...process.env, ...probeEnv }, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout).map((r: { messages: unknown[] }) => r.messages.length), [0, 0]);
    // The probe appends on every lint pass; what matters is that the fixed text (let) never landed.
    assert.match(fs.readFileSync(path.join(project.dir, 'src/edited-a.ts'), 'utf8'), /^var a = 1;\n(\/\/ saved by an editor meanwhile\n)+$/);
    assert.equal(fs.readFileSync(path.join(project.dir, 'src/b.ts'), 'utf8'), 'let b = 1;\n');
    assert.deepEqual(fs.readdirSync(path.join(project.dir, 'src')).sort(), ['b.ts', 'edited-a.ts'], 'the atomic write leaves no temp file behind');
    matchGolden('fix skips a file changed during the run', run.status, normalize(run.stderr, project.dir));
  });
});
