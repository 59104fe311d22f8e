import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { makeProject, TEST_RULES_MODULE } from '../helpers/cli-process';
import { LspSession } from '../server/lsp-session';
import { THROW_EVERY } from './server-probe-rules';

const PROBES = path.join(__dirname, 'server-probe-rules.js');
const ENV = { [TEST_RULE_MODULES_VARIABLE]: [TEST_RULES_MODULE, PROBES].join(path.delimiter) };
const CONFIG = JSON.stringify({ root: true, rules: { 'test/no-var': 'error', 'test/throws-every-nth': 'error', 'test/heap-probe': 'error' } });
const SETTINGS = { lint: { workspace: false } };

const DOCUMENTS = 1000;
/** 2,000 in CI; OPSLINT_SOAK_EDITS=20000 for the long soak. */
const EDITS = Number(process.env.OPSLINT_SOAK_EDITS ?? 2000);
/** Edits sent together before waiting for the publish: a typist's burst, linted once after the debounce. */
const BURST = 5;

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

  it(`${EDITS} edits in bursts of ${BURST}: heap after GC grows less than 10% between the 10% mark and the end`, async () => {
    const probe = await session.open(path.join(project.dir, 'heap-probe.ts'), 'export {};\n');
    const heap = async (): Promise<number> => {
      const version = await session.change(probe, [{ text: `export {}; // ${session.version(probe)}\n` }]);
      const published = await session.publishFor(probe, (p) => p.version === version);
      return Number(/heap (\d+)/.exec(String(published.diagnostics[0].message))![1]);
    };
    const body = Array.from({ length: 100 }, (_, i) => `export function f${i}(a: number) { try { return a + ${i}; } catch (err) { console.error(err); } }`).join('\n');
    const uri = await session.open(path.join(project.dir, 'edited.ts'), `${body}\n`);
    let atTenth = 0;
    for (let i = BURST; i <= EDITS; i += BURST) {
      let version = 0;
      for (let k = i - BURST + 1; k <= i; k++) {
        version = await session.change(uri, [{ range: { start: { line: 100, character: 0 }, end: { line: 101, character: 0 } }, text: `var edit = ${k};\n` }]);
      }
      const published = await session.publishFor(uri, (p) => p.version === version);
      assert.equal(published.diagnostics.length, 1);
      if (i === EDITS / 10) atTenth = await heap();
    }
    const atEnd = await heap();
    const growth = (atEnd - atTenth) / atTenth;
    console.log(`      heap after GC: ${(atTenth / 1048576).toFixed(1)} MB at edit ${EDITS / 10}, ${(atEnd / 1048576).toFixed(1)} MB at edit ${EDITS} (${(growth * 100).toFixed(1)}%)`);
    assert.ok(growth < 0.1, `heap grew ${(growth * 100).toFixed(1)}%`);
  });
});
