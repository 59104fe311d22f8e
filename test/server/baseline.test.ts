import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { makeProject, parseJsonReport, runOpslint } from '../helpers/cli-process';
import { fullChange } from './fixture';
import { LspSession } from './lsp-session';

const CYCLE = 'coupling/no-import-cycle';
const CONFIG = { root: true, rules: { 'test/no-var': 'error', 'test/no-todo-call': 'warn', [CYCLE]: ['error', { reportDeferredCycles: true }] } };

/** Legacy code: a cycle with b.ts (reported in a.ts), a `var` and a `todo()` in `load`. */
const LEGACY_A = "import { b } from './b';\nexport function load() {\n  var a = 1;\n  todo();\n  return a + b;\n}\n";
const FILES = {
  'src/a.ts': LEGACY_A,
  'src/b.ts': "import { load } from './a';\nexport const b = 2;\nexport function run() { return load(); }\n",
  'src/closed.ts': 'var old = 1;\nexport { old };\n',
};
/** The legacy file with new code under it: one new `var`, in a new function. */
const WITH_NEW_CODE = `${LEGACY_A}export function fresh() {\n  var f = 2;\n  return f;\n}\n`;

/** What the tests compare: rule, 0-based line, severity, and whether it is marked baselined. */
function shown(diagnostics: readonly Diagnostic[]): Array<[string, number, DiagnosticSeverity | undefined, boolean]> {
  return diagnostics.map((d) => {
    const marked = String(d.message).endsWith(' (baselined)');
    assert.equal((d.data as { baselined?: boolean } | undefined)?.baselined === true, marked, `data and message disagree on ${d.code}`);
    return [String(d.code), d.range.start.line, d.severity, marked];
  });
}

const hasCycle = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.code === CYCLE);
/** Each diagnostic's 0-based line and whether it is marked baselined. */
const marks = (diagnostics: readonly Diagnostic[]) => shown(diagnostics).map(([, line, , marked]) => [line, marked]);

describe('server: findings recorded in the baseline', () => {
  let workspace: ReturnType<typeof makeProject>;
  let session: LspSession | undefined;
  const file = (relative: string) => path.join(workspace.dir, relative);

  /** The real CLI, as a process: the baseline the server reads is the one CI writes. */
  function cli(...args: string[]) {
    const run = runOpslint(args, { cwd: workspace.dir });
    assert.ok(run.status === 0 || run.status === 1, `opslint ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
    return run;
  }

  async function start(settings: unknown = {}): Promise<LspSession> {
    session = await LspSession.start({ root: workspace.dir, settings });
    return session;
  }

  async function watchedFileChanged(filePath: string, type: FileChangeType): Promise<number> {
    const from = session!.publishes.seen.length;
    await session!.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: session!.uriOf(filePath), type }] });
    return from;
  }

  beforeEach(() => {
    workspace = makeProject({ 'opslint.config.json': JSON.stringify(CONFIG), ...FILES });
  });

  afterEach(async () => {
    await session?.stop();
    session = undefined;
    workspace.cleanup();
  });

  it('an open file: baselined findings (cross-file too) at Information and marked, a new finding at its own severity', async () => {
    assert.match(cli('--update-baseline').stderr, /recorded 4 findings in opslint-baseline\.json/);
    const s = await start();
    const uri = await s.open(file('src/a.ts'), WITH_NEW_CODE);
    const published = await s.publishFor(uri, (p) => p.version === 1 && hasCycle(p.diagnostics));
    assert.deepEqual(shown(published.diagnostics), [
      [CYCLE, 0, DiagnosticSeverity.Information, true],
      ['test/no-var', 2, DiagnosticSeverity.Information, true],
      ['test/no-todo-call', 3, DiagnosticSeverity.Information, true],
      ['test/no-var', 7, DiagnosticSeverity.Error, false],
    ]);
    assert.equal(published.diagnostics[1].message, 'Use let instead of var. (baselined)');
  });

  it('closed files from the workspace scan: per-file and cross-file findings baselined', async () => {
    cli('--update-baseline');
    const s = await start();
    const closed = await s.publishFor(s.uriOf(file('src/closed.ts')));
    assert.deepEqual(shown(closed.diagnostics), [['test/no-var', 0, DiagnosticSeverity.Information, true]]);
    const legacy = await s.publishFor(s.uriOf(file('src/a.ts')), (p) => hasCycle(p.diagnostics));
    assert.deepEqual(shown(legacy.diagnostics), [
      [CYCLE, 0, DiagnosticSeverity.Information, true],
      ['test/no-var', 2, DiagnosticSeverity.Information, true],
      ['test/no-todo-call', 3, DiagnosticSeverity.Information, true],
    ]);
  });

  it('a finding moved down by an edit above it stays baselined; a copy of a baselined line in the same function is new, as the CLI says', async () => {
    cli('--update-baseline');
    const s = await start();
    const uri = await s.open(file('src/a.ts'), LEGACY_A);
    await s.publishFor(uri, (p) => p.version === 1 && hasCycle(p.diagnostics));
    // Three lines above everything, and a second todo() in load(): same code, same function.
    const edited = `// Loads the account.\n// Callers retry.\n\n${LEGACY_A.replace('  todo();\n', '  todo();\n  todo();\n')}`;
    const version = await s.change(uri, fullChange(edited));
    const published = await s.publishFor(uri, (p) => p.version === version && hasCycle(p.diagnostics));
    assert.deepEqual(shown(published.diagnostics), [
      [CYCLE, 3, DiagnosticSeverity.Information, true],
      ['test/no-var', 5, DiagnosticSeverity.Information, true],
      ['test/no-todo-call', 6, DiagnosticSeverity.Information, true],
      ['test/no-todo-call', 7, DiagnosticSeverity.Warning, false],
    ]);
    // CI on the same text: exactly the findings the editor shows unmarked are new.
    fs.writeFileSync(file('src/a.ts'), edited);
    const report = parseJsonReport(cli('--baseline', 'opslint-baseline.json', '--format', 'json', '.'));
    const fresh = report.flatMap((r) => r.messages.map((m) => [path.relative(workspace.dir, r.filePath), m.ruleId, m.line]));
    assert.deepEqual(fresh, [[path.join('src', 'a.ts'), 'test/no-todo-call', 8]]);
  });

  it('opslint.baseline.severity: off hides baselined findings; hint, warning and unchanged never raise a severity', async () => {
    cli('--update-baseline');
    const s = await start({ baseline: { severity: 'off' } });
    const uri = await s.open(file('src/a.ts'), WITH_NEW_CODE);
    const hidden = await s.publishFor(uri, (p) => p.version === 1);
    assert.deepEqual(shown(hidden.diagnostics), [['test/no-var', 7, DiagnosticSeverity.Error, false]]);
    await s.progress.next((p) => p.kind === 'end');
    assert.deepEqual((await s.publishFor(s.uriOf(file('src/closed.ts')))).diagnostics, []);
    const expected: Record<string, DiagnosticSeverity[]> = {
      hint: [DiagnosticSeverity.Hint, DiagnosticSeverity.Hint],
      warning: [DiagnosticSeverity.Warning, DiagnosticSeverity.Warning],
      unchanged: [DiagnosticSeverity.Error, DiagnosticSeverity.Warning],
    };
    for (const [severity, [ofVar, ofTodo]] of Object.entries(expected)) {
      const from = s.publishes.seen.length;
      s.settings = { baseline: { severity } };
      await s.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      const want = JSON.stringify([['test/no-var', 2, ofVar, true], ['test/no-todo-call', 3, ofTodo, true], ['test/no-var', 7, DiagnosticSeverity.Error, false]]);
      // A scan superseded by the change may still publish the old severity first; the new one must follow.
      await s.publishFor(uri, (p) => JSON.stringify(shown(p.diagnostics).filter(([code]) => code !== CYCLE)) === want, from);
    }
  });

  it('re-publishes when the baseline is created, then rewritten by the CLI (watched-file events)', async () => {
    const s = await start();
    const baseline = file('opslint-baseline.json');
    const watched = await s.registrations.next((r) => JSON.stringify(r.registerOptions).includes('opslint-baseline.json'));
    assert.equal(watched.method, DidChangeWatchedFilesNotification.method);
    const uri = await s.open(file('src/a.ts'), WITH_NEW_CODE);
    const before = await s.publishFor(uri, (p) => p.version === 1 && hasCycle(p.diagnostics));
    assert.ok(shown(before.diagnostics).every(([, , , marked]) => !marked));
    // A scan that the event supersedes may publish once more as before; the new baseline's publish must follow.
    const publishedWithMarks = (expected: Array<[number, boolean]>, from: number) =>
      s.publishFor(uri, (p) => JSON.stringify(marks(p.diagnostics)) === JSON.stringify(expected), from);
    cli('--update-baseline');
    await publishedWithMarks([[0, true], [2, true], [3, true], [7, false]], await watchedFileChanged(baseline, FileChangeType.Created));
    // The new code reaches the disk and CI accepts it too.
    fs.writeFileSync(file('src/a.ts'), WITH_NEW_CODE);
    assert.match(cli('--update-baseline').stderr, /recorded 5 findings/);
    await publishedWithMarks([[0, true], [2, true], [3, true], [7, true]], await watchedFileChanged(baseline, FileChangeType.Changed));
  });

  it('a baseline named by the config key: read from there and watched under its own name', async () => {
    fs.writeFileSync(file('opslint.config.json'), JSON.stringify({ ...CONFIG, baseline: 'ci/accepted.json' }));
    assert.match(cli('--update-baseline').stderr, /recorded 4 findings in ci\/accepted\.json/);
    const s = await start();
    const uri = await s.open(file('src/a.ts'), WITH_NEW_CODE);
    const published = await s.publishFor(uri, (p) => p.version === 1 && hasCycle(p.diagnostics));
    assert.deepEqual(marks(published.diagnostics), [[0, true], [2, true], [3, true], [7, false]]);
    await s.registrations.next((r) => JSON.stringify(r.registerOptions).includes('**/accepted.json'));
    fs.rmSync(file('ci/accepted.json'));
    await watchedFileChanged(file('ci/accepted.json'), FileChangeType.Deleted);
    // The CLI would stop (exit 2) on a configured baseline that is missing; the editor says so in the status.
    const status = await s.statuses.next((st) => st.state === 'error');
    assert.match(status.message, /accepted\.json: baseline not found; create it with opslint --update-baseline/);
  });

  it('a baseline that cannot be read: the status says which file and what to do, findings keep their severity', async () => {
    fs.writeFileSync(file('opslint-baseline.json'), '{ "version": 1, "files": ');
    const s = await start();
    const uri = await s.open(file('src/a.ts'), WITH_NEW_CODE);
    const status = await s.statuses.next((st) => st.state === 'error');
    assert.match(status.message, /opslint-baseline\.json: baseline cannot be read: .*regenerate it with opslint --update-baseline/);
    const published = await s.publishFor(uri, (p) => p.version === 1);
    assert.ok(shown(published.diagnostics).every(([, , , marked]) => !marked));
    fs.rmSync(file('opslint-baseline.json'));
    cli('--update-baseline');
    const okFrom = s.statuses.seen.length;
    await watchedFileChanged(file('opslint-baseline.json'), FileChangeType.Changed);
    await s.statuses.next((st) => st.state === 'ok', okFrom);
  });
});
