import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSource } from '../../rules/core/engine/parse';
import { SourceCode } from '../../rules/core/engine/source-code';
import { traverse } from '../../rules/core/engine/traverse';
import { FileError } from '../../rules/core/errors';
import { readSource } from '../../rules/core/files/read-source';
import { makeProject, parseJsonReport, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';
import { lintWith } from '../helpers/lint-with';
import { OPSLINT_BIN } from '../helpers/paths';
import { reportTarget } from './probe-rules';

/** [line, column] of each `target` identifier the probe rule reports. */
function targets(text: string, file = 'a.ts'): Array<[number, number]> {
  return lintWith([reportTarget], text, file).messages.map((m) => [m.line, m.column]);
}

describe('hardening: encodings and line ends', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  function readBytes(bytes: Buffer): string {
    project = makeProject({});
    const file = path.join(project.dir, 'a.ts');
    fs.writeFileSync(file, bytes);
    return readSource(file);
  }

  it('decodes invalid UTF-8 with replacement characters; positions count them as one unit each', () => {
    const text = readBytes(Buffer.concat([Buffer.from('const s = "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"; const target = 1;\n')]));
    assert.equal(text, 'const s = "\uFFFD(\uFFFD"; const target = 1;\n');
    assert.deepEqual(targets(text), [[1, text.indexOf('target') + 1]]);
  });

  it('reads UTF-16 LE and BE with a BOM, and drops a UTF-8 BOM', () => {
    const source = 'const é = 1;\nconst target = é;\n';
    const be = Buffer.from(source, 'utf16le').swap16();
    assert.equal(readBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')])), source);
    project.cleanup();
    assert.equal(readBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), source);
    project.cleanup();
    assert.equal(readBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)])), source);
    assert.deepEqual(targets(source), [[2, 7]]);
  });

  it('skips a file with a NUL byte as binary, with a notice', () => {
    const result = lintWith([reportTarget], 'const target = 1;\u0000\n');
    assert.deepEqual(result.messages.map((m) => [m.ruleId, m.severity, m.message]), [['opslint/file-skipped', 1, 'skipped: the file contains a NUL byte, so it is binary, not source']]);
  });

  it('counts columns in UTF-16 units across astral characters and lone surrogates', () => {
    const text = 'const s = "😀\uD800" + `\uDC00`; const target = s;\n';
    assert.deepEqual(targets(text), [[1, text.indexOf('target') + 1]]);
  });

  // ESTree (TypeScript's scanner) and ESLint both end lines at \r\n, \r, \n, U+2028 and U+2029.
  // LSP ends lines at \r\n, \r and \n only: the server must map through offsets, not lines.
  for (const [name, eol] of [['CRLF', '\r\n'], ['CR', '\r'], ['LF', '\n'], ['U+2028', '\u2028'], ['U+2029', '\u2029']]) {
    it(`${name} line ends: findings, the parser's loc and getLocFromIndex agree`, () => {
      const text = `let a = 1;${eol}// note${eol}  const target = a;${eol}`;
      assert.deepEqual(targets(text), [[3, 9]]);
      const sourceCode = new SourceCode(text, parseSource(text, 'a.ts'));
      traverse(sourceCode.ast, (node, phase) => {
        if (phase !== 'enter') return;
        assert.deepEqual(sourceCode.getLocFromIndex(node.range[0]), node.loc.start);
        assert.equal(sourceCode.getIndexFromLoc(node.loc.end), node.range[1]);
      });
      assert.equal(sourceCode.lines.length, 4);
    });
  }
});

describe('hardening: files on disk', () => {
  let project: ReturnType<typeof makeProject>;
  afterEach(() => project?.cleanup());

  it('a symbolic link loop and a dangling link in the tree do not stop the run; the other files are linted', () => {
    // Project rules on and an import: module resolution lists src/, where the loop is.
    const config = JSON.stringify({ root: true, extends: ['opslint:all'], rules: { 'test/no-var': 'error' } });
    project = makeProject({ 'opslint.config.json': config, 'src/ok.ts': "import { y } from './other';\nvar x = y;\n", 'src/other.ts': 'export const y = 1;\n' });
    fs.symlinkSync('loop-b.ts', path.join(project.dir, 'src/loop-a.ts'));
    fs.symlinkSync('loop-a.ts', path.join(project.dir, 'src/loop-b.ts'));
    fs.symlinkSync('missing.ts', path.join(project.dir, 'src/dangling.ts'));
    fs.symlinkSync('..', path.join(project.dir, 'src/up'));
    const run = runOpslint(['--format', 'json'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(parseJsonReport(run).map((r) => [path.relative(project.dir, r.filePath), r.messages.map((m) => m.ruleId)]), [['src/ok.ts', ['test/no-var']], ['src/other.ts', []]]);
  });

  it('a dangling link or a link loop named on the command line is skipped with a notice that says which', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'ok.ts': 'var x = 1;\n' });
    fs.symlinkSync('missing.ts', path.join(project.dir, 'dangling.ts'));
    fs.symlinkSync('loop.ts', path.join(project.dir, 'loop.ts'));
    const run = runOpslint(['--format', 'json', 'dangling.ts', 'loop.ts', 'ok.ts'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /dangling\.ts: skipped: it is a symbolic link whose target does not exist/);
    assert.match(run.stderr, /loop\.ts: skipped: it is a symbolic link loop/);
    assert.equal(parseJsonReport(run).length, 1);
  });

  it('a folder scan does not follow a link out of the root', () => {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'app/ok.ts': 'export const a = 1;\n', 'elsewhere/bad.ts': 'var x = 1;\n' });
    fs.symlinkSync(path.join(project.dir, 'elsewhere'), path.join(project.dir, 'app/linked'));
    fs.symlinkSync(path.join(project.dir, 'elsewhere/bad.ts'), path.join(project.dir, 'app/linked-file.ts'));
    const run = runOpslint(['--format', 'json', 'app'], { cwd: project.dir });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(parseJsonReport(run).map((r) => path.relative(project.dir, r.filePath)), ['app/ok.ts']);
  });

  it('a file deleted during the run is one finding that says so; the others are linted', () => {
    const config = JSON.stringify({ root: true, rules: { 'test/no-var': 'error', 'test/deletes-file': 'error' } });
    project = makeProject({ 'opslint.config.json': config, 'src/a-first.ts': 'var a = 1;\n', 'src/z-victim.ts': 'var z = 1;\n' });
    const env = { OPSLINT_TEST_RULE_MODULES: [path.join(__dirname, '..', 'helpers', 'test-rules.js'), path.join(__dirname, 'cli-probe-rules.js')].join(path.delimiter) };
    const run = spawnSync(process.execPath, [OPSLINT_BIN, '--format', 'json', 'src'], { cwd: project.dir, env: { ...process.env, ...env }, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    assert.deepEqual(report.map((r) => [path.basename(r.filePath), r.messages.map((m) => `${m.ruleId}: ${m.message}`)]), [
      ['a-first.ts', ['test/no-var: Use let instead of var.']],
      ['z-victim.ts', ['opslint/file-unreadable: cannot be read: the file disappeared during the run; the file was not linted.']],
    ]);
  });

  it('reading a folder or a vanished file throws FileError with the reason', () => {
    project = makeProject({ 'dir.ts/x': '' });
    assert.throws(() => readSource(path.join(project.dir, 'dir.ts')), (e: unknown) => e instanceof FileError && e.problem === 'cannot be read: it is a folder');
    assert.throws(() => readSource(path.join(project.dir, 'gone.ts')), (e: unknown) => e instanceof FileError && e.problem === 'cannot be read: the file disappeared during the run');
  });

  it('an unreadable file is one finding and the others are linted (run as an unprivileged user when root)', function () {
    project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'secret.ts': 'var x = 1;\n', 'ok.ts': 'var y = 1;\n' });
    fs.chmodSync(project.dir, 0o755);
    fs.chmodSync(path.join(project.dir, 'opslint.config.json'), 0o644);
    fs.chmodSync(path.join(project.dir, 'ok.ts'), 0o644);
    fs.chmodSync(path.join(project.dir, 'secret.ts'), 0o000);
    // root reads anything: chmod 000 only bites for another user, so the CLI runs as "nobody" then.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const env = { ...process.env, OPSLINT_TEST_RULE_MODULES: path.join(__dirname, '..', 'helpers', 'test-rules.js') };
    const run = spawnSync(process.execPath, [OPSLINT_BIN, '--format', 'json', '--concurrency', '1', '.'], { cwd: project.dir, env, encoding: 'utf8', ...asNobody });
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }>;
    const secret = report.find((r) => r.filePath.endsWith('secret.ts'))!;
    assert.deepEqual(secret.messages.map((m) => [m.ruleId, m.message]), [['opslint/file-unreadable', 'cannot be read: permission denied; the file was not linted.']]);
    assert.equal(report.find((r) => r.filePath.endsWith('ok.ts'))!.messages[0].ruleId, 'test/no-var');
  });
});
