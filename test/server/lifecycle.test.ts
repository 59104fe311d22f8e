import * as assert from 'node:assert/strict';
import { makeWorkspace } from './fixture';
import { LspSession } from './lsp-session';

describe('server: process lifecycle', () => {
  it('exits when its parent goes away (stdin closes) without a shutdown request', async () => {
    const workspace = makeWorkspace({});
    try {
      const session = await LspSession.start({ root: workspace.dir });
      const exited = new Promise<number | null>((resolve) => session.process.once('exit', resolve));
      session.process.stdin!.end();
      assert.equal(await exited, 1);
      session.connection.dispose();
    } finally {
      workspace.cleanup();
    }
  });

  it('exits with 0 after shutdown and exit', async () => {
    const workspace = makeWorkspace({});
    try {
      const session = await LspSession.start({ root: workspace.dir });
      const exited = new Promise<number | null>((resolve) => session.process.once('exit', resolve));
      await session.stop();
      assert.equal(await exited, 0);
    } finally {
      workspace.cleanup();
    }
  });
});
