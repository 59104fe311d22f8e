import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { makeProject } from '../helpers/cli-process';
import { LspSession } from './lsp-session';

const CALL_WITHOUT_TIMEOUT = "export async function pull() {\n  const res = await fetch(process.env.FEED_URL);\n  return res.json();\n}\n";

describe('server: file roles of open documents', () => {
  let workspace: ReturnType<typeof makeProject>;
  let session: LspSession;

  before(async () => {
    workspace = makeProject({
      'opslint.config.json': JSON.stringify({ root: true, rules: { 'resilience/require-timeout': 'warn' }, roles: { 'tools/keep-warm.js': 'service' } }),
      'package.json': JSON.stringify({ name: 'svc', scripts: { backfill: 'node jobs/backfill.js' } }),
      'jobs/backfill.js': CALL_WITHOUT_TIMEOUT,
    });
    session = await LspSession.start({ root: workspace.dir, settings: { lint: { workspace: false } } });
  });

  after(async () => {
    await session.stop();
    workspace.cleanup();
  });

  const codesOf = async (file: string) => (await session.publishFor(await session.open(path.join(workspace.dir, file), CALL_WITHOUT_TIMEOUT))).diagnostics.map((d) => d.code);

  it('a runtime rule reports in service code, not in a test or a file a package.json script runs', async () => {
    assert.deepEqual(await codesOf('src/feed.js'), ['resilience/require-timeout']);
    assert.deepEqual(await codesOf('src/feed.test.js'), []);
    assert.deepEqual(await codesOf('jobs/backfill.js'), []);
  });

  it('the config\'s roles correct a guess in the editor too', async () => {
    assert.deepEqual(await codesOf('tools/keep-warm.js'), ['resilience/require-timeout']);
  });
});
