import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { RULE_TIMEOUT } from '../../server/lint-thread';
import { TEST_RULES_MODULE } from '../helpers/cli-process';
import { HANG_MARKER } from '../hardening/stuck-probe-rules';
import { fullChange, makeWorkspace, SERVER_TEST_CONFIG } from './fixture';
import { LspSession, SUGGESTION_RULES_MODULE } from './lsp-session';

const codes = (diagnostics: ReadonlyArray<{ code?: number | string }>) => diagnostics.map((d) => String(d.code));

describe('server: opslint.lint.run', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let session: LspSession;

  afterEach(async () => {
    await session.stop();
    workspace.cleanup();
  });

  async function start(run: 'onType' | 'onSave', files: Record<string, string> = {}, env: Record<string, string> = {}): Promise<void> {
    workspace = makeWorkspace(files);
    session = await LspSession.start({ root: workspace.dir, settings: { lint: { run, workspace: false } } }, env);
  }

  async function save(uri: string): Promise<void> {
    await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /**
   * Opens a.ts, edits it (version 2), then opens b.ts and waits for b.ts's diagnostics. The edit's
   * lint, if there is one, is scheduled before b.ts's (same debounce) and runs before it on the one
   * lint thread, so it has published by then. Returns a.ts's uri and whether version 2 was published.
   */
  async function editThenBarrier(): Promise<{ uri: string; editPublished: boolean }> {
    const uri = await session.open(path.join(workspace.dir, 'a.ts'), 'var x = 1;\n');
    assert.deepEqual(codes((await session.publishFor(uri, (p) => p.version === 1)).diagnostics), ['test/no-var']);
    const version = await session.change(uri, fullChange('var x = 1;\ntodo();\n'));
    const barrier = await session.open(path.join(workspace.dir, 'b.ts'), 'var y = 2;\n');
    await session.publishFor(barrier);
    return { uri, editPublished: session.publishes.seen.some((p) => p.uri === uri && p.version === version) };
  }

  it('onType (the control for the next test): an edit is published before a document opened after it', async () => {
    await start('onType');
    assert.equal((await editThenBarrier()).editPublished, true);
  });

  it('onSave: an edit is not linted, a save is', async () => {
    await start('onSave');
    const { uri, editPublished } = await editThenBarrier();
    assert.equal(editPublished, false, 'an edit was linted in onSave mode');
    await save(uri);
    const saved = await session.publishFor(uri, (p) => p.version === 2);
    assert.deepEqual(codes(saved.diagnostics), ['test/no-var', 'test/no-todo-call']);
  });

  it('onSave: an edit that overtakes a save still being linted gets the lint the save asked for', async () => {
    // The lint thread is held by a stuck rule on hang.ts, so the save's lint is still queued when the edit arrives.
    const probes = path.join(__dirname, '..', 'hardening', 'stuck-probe-rules.js');
    const config = { ...SERVER_TEST_CONFIG, rules: { ...SERVER_TEST_CONFIG.rules, 'test/loops-forever': 'error' } };
    await start('onSave', { 'opslint.config.json': JSON.stringify(config) }, {
      [TEST_RULE_MODULES_VARIABLE]: [TEST_RULES_MODULE, SUGGESTION_RULES_MODULE, probes].join(path.delimiter),
    });
    const uri = await session.open(path.join(workspace.dir, 'a.ts'), 'var x = 1;\n');
    await session.publishFor(uri, (p) => p.version === 1);
    const hang = await session.open(path.join(workspace.dir, 'hang.ts'), 'export {};\n');
    await session.stderrShows(HANG_MARKER);
    await session.change(uri, fullChange('var x = 1;\ntodo();\n'));
    await save(uri);
    const latest = await session.change(uri, fullChange('var x = 1;\ntodo();\nvar y = 2;\n'));
    assert.deepEqual(codes((await session.publishFor(hang)).diagnostics), [RULE_TIMEOUT]);
    // The save's lint, of the text the edit left: it may be scheduled after a lone open linted at once, so wait for it.
    await session.publishFor(uri, (p) => p.version === latest);
    // Barrier: a document opened now is linted after every lint queued behind the stuck one (no later publish of a.ts).
    await session.publishFor(await session.open(path.join(workspace.dir, 'c.ts'), 'var z = 3;\n'));
    const published = session.publishes.seen.filter((p) => p.uri === uri && p.version !== 1);
    assert.deepEqual(published.map((p) => [p.version, codes(p.diagnostics)]), [[latest, ['test/no-var', 'test/no-todo-call', 'test/no-var']]]);
  });
});
