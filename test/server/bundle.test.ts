import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { makeProject } from '../helpers/cli-process';
import { LspSession, SERVER_BUNDLE } from './lsp-session';

describe('server: the shipped bundle with the real rules', () => {
  it('dist/server.js starts over stdio and reports a real rule with its docs link', async () => {
    const workspace = makeProject({});
    const session = await LspSession.start({ root: workspace.dir, serverModule: SERVER_BUNDLE, settings: null });
    try {
      const uri = await session.open(path.join(workspace.dir, 'job.ts'), 'export function run(job: () => void) {\n  try {\n    job();\n  } catch (error) {}\n}\n');
      const diagnostic = (await session.publishFor(uri)).diagnostics.find((d) => d.code === 'logging/no-swallowed-error');
      assert.ok(diagnostic, 'no logging/no-swallowed-error finding');
      assert.match(diagnostic.codeDescription!.href, /docs\/rules\/logging\/no-swallowed-error\.md$/);
    } finally {
      await session.stop();
      workspace.cleanup();
    }
  });
});
