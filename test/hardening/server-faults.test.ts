import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { LINT_CRASHED, LINT_DEADLINE_MS, RULE_TIMEOUT } from '../../server/lint-thread';
import { makeProject, TEST_RULES_MODULE } from '../helpers/cli-process';
import { LspSession } from '../server/lsp-session';
import { MAIN_HEAP_REQUEST, THROW_EVERY } from './server-probe-rules';
import { EXIT_CODE, HANG_MARKER } from './stuck-probe-rules';

const PROBES = [path.join(__dirname, 'server-probe-rules.js'), path.join(__dirname, 'stuck-probe-rules.js')];
const ENV = { [TEST_RULE_MODULES_VARIABLE]: [TEST_RULES_MODULE, ...PROBES].join(path.delimiter) };
// test/loops-forever and test/exits-process act only on hang*.ts and exit*.ts.
const CONFIG = JSON.stringify({
  root: true,
  rules: { 'test/no-var': 'error', 'test/throws-every-nth': 'error', 'test/heap-probe': 'error', 'test/main-heap-probe': 'error', 'test/loops-forever': 'error', 'test/exits-process': 'error' },
});
const SETTINGS = { lint: { workspace: false } };

const DOCUMENTS = 1000;
/** 2,000 in CI; OPSLINT_SOAK_EDITS=20000 for the long soak. */
const EDITS = Number(process.env.OPSLINT_SOAK_EDITS ?? 2000);
/** Edits sent together before waiting for the publish: a typist's burst, linted once after the debounce. */
const BURST = 5;
/** A stuck lint's answer: the deadline, plus the debounce and the messages' way through two processes and a thread. */
const ANSWER_WITHIN_MS = LINT_DEADLINE_MS + 500;
const SHUTDOWN_WITHIN_MS = 2000;

describe('hardening: the language server under faults and load', function () {
  this.timeout(300_000);
  let project: ReturnType<typeof makeProject>;
  let session: LspSession;

  beforeEach(async () => {
    project = makeProject({ 'opslint.config.json': CONFIG });
    session = await LspSession.start({ root: project.dir, settings: SETTINGS }, ENV);
  });

  afterEach(async () => {
    await session.stop();
    project.cleanup();
  });

  it(`${DOCUMENTS} documents, a rule throwing on every ${THROW_EVERY}th: the server lives, other findings survive, shutdown is prompt`, async () => {
    for (let n = 1; n <= DOCUMENTS; n++) {
      const uri = await session.open(path.join(project.dir, `fault-${n}.ts`), `var x${n} = ${n};\n`);
      const published = await session.publishFor(uri);
      const codes = published.diagnostics.map((d) => String(d.code)).sort();
      assert.deepEqual(codes, n % THROW_EVERY === 0 ? ['test/no-var', 'test/throws-every-nth'] : ['test/no-var'], `fault-${n}.ts`);
      if (n % THROW_EVERY === 0) assert.match(String(published.diagnostics.find((d) => d.code === 'test/throws-every-nth')!.message), /Internal error in rule test\/throws-every-nth: fault injected on file/);
      await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    assert.equal(session.process.exitCode, null, session.stderr);
    const started = Date.now();
    await session.stop();
    assert.ok(Date.now() - started < 2000, `shutdown took ${Date.now() - started} ms`);
    session = await LspSession.start({ root: project.dir, settings: SETTINGS }, ENV);
  });

  it(`${EDITS} edits in bursts of ${BURST}: heap after GC, main thread and lint worker, grows less than 10% between the 10% mark and the end`, async () => {
    // The project rule that reads the main thread's heap runs only with the project model on.
    await session.stop();
    session = await LspSession.start({ root: project.dir, settings: { lint: { workspace: true } } }, ENV);
    const probe = await session.open(path.join(project.dir, 'heap-probe.ts'), 'export {};\n');
    const heaps = async (): Promise<{ main: number; worker: number }> => {
      const version = await session.change(probe, [{ text: `import '${MAIN_HEAP_REQUEST}'; // ${session.version(probe)}\n` }]);
      const { diagnostics } = await session.publishFor(probe, (p) => p.version === version && p.diagnostics.some((d) => d.code === 'test/main-heap-probe'));
      const bytes = (code: string) => Number(/heap (\d+)/.exec(String(diagnostics.find((d) => d.code === code)!.message))![1]);
      // Back to no request, so the edits that follow pay for no GC.
      const quiet = await session.change(probe, [{ text: 'export {};\n' }]);
      await session.publishFor(probe, (p) => p.version === quiet);
      return { main: bytes('test/main-heap-probe'), worker: bytes('test/heap-probe') };
    };
    const body = Array.from({ length: 100 }, (_, i) => `export function f${i}(a: number) { try { return a + ${i}; } catch (err) { console.error(err); } }`).join('\n');
    const uri = await session.open(path.join(project.dir, 'edited.ts'), `${body}\n`);
    let atTenth = { main: 0, worker: 0 };
    for (let i = BURST; i <= EDITS; i += BURST) {
      let version = 0;
      for (let k = i - BURST + 1; k <= i; k++) {
        version = await session.change(uri, [{ range: { start: { line: 100, character: 0 }, end: { line: 101, character: 0 } }, text: `var edit = ${k};\n` }]);
      }
      const published = await session.publishFor(uri, (p) => p.version === version);
      assert.equal(published.diagnostics.length, 1);
      if (i === EDITS / 10) atTenth = await heaps();
    }
    const atEnd = await heaps();
    const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
    const growth = (thread: 'main' | 'worker') => (atEnd[thread] - atTenth[thread]) / atTenth[thread];
    for (const thread of ['main', 'worker'] as const) {
      console.log(`      ${thread} heap after GC: ${mb(atTenth[thread])} at edit ${EDITS / 10}, ${mb(atEnd[thread])} at edit ${EDITS} (${(growth(thread) * 100).toFixed(1)}%)`);
    }
    assert.ok(growth('main') < 0.1 && growth('worker') < 0.1, `heap grew: main ${(growth('main') * 100).toFixed(1)}%, worker ${(growth('worker') * 100).toFixed(1)}%`);
  });

  async function lintedCodes(name: string, text = 'var x = 1;\n'): Promise<{ codes: string[]; messages: string[]; ms: number }> {
    const started = Date.now();
    const uri = await session.open(path.join(project.dir, name), text);
    const { diagnostics } = await session.publishFor(uri);
    return { codes: diagnostics.map((d) => String(d.code)), messages: diagnostics.map((d) => String(d.message)), ms: Date.now() - started };
  }

  const looping = () => session.stderrShows(HANG_MARKER);

  it('stops a rule that never returns at the deadline, reports it, and lints the next document normally', async () => {
    assert.deepEqual((await lintedCodes('warm.ts')).codes, ['test/no-var']);
    const hung = await lintedCodes('hang.ts');
    assert.deepEqual(hung.codes, [RULE_TIMEOUT]);
    assert.match(hung.messages[0], /did not finish within 2 s/);
    assert.ok(hung.ms < ANSWER_WITHIN_MS, `the stuck lint was reported after ${hung.ms} ms`);
    const next = await lintedCodes('next.ts');
    assert.deepEqual(next.codes, ['test/no-var']);
    console.log(`      stuck rule reported ${hung.ms} ms after didOpen; the next document linted ${next.ms} ms after its didOpen (new lint thread included)`);
    assert.equal(session.process.exitCode, null, session.stderr);
  });

  it('survives a rule that calls process.exit: that lint is reported as failed, the next document is linted', async () => {
    const exited = await lintedCodes('exit.ts');
    assert.deepEqual(exited.codes, [LINT_CRASHED]);
    assert.match(exited.messages[0], new RegExp(`exit code ${EXIT_CODE}`));
    assert.deepEqual((await lintedCodes('next.ts')).codes, ['test/no-var']);
    assert.deepEqual((await lintedCodes('exit-again.ts')).codes, [LINT_CRASHED]);
    assert.deepEqual((await lintedCodes('after.ts')).codes, ['test/no-var']);
    assert.equal(session.process.exitCode, null, session.stderr);
  });

  it(`answers shutdown within ${SHUTDOWN_WITHIN_MS / 1000} s while a rule is stuck`, async () => {
    await session.open(path.join(project.dir, 'hang.ts'), 'var x = 1;\n');
    await looping();
    const started = Date.now();
    await session.stop();
    const ms = Date.now() - started;
    assert.ok(ms < SHUTDOWN_WITHIN_MS, `shutdown and exit took ${ms} ms`);
  });
});
