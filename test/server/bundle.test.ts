import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ParseAnswer, ParseRequest } from '../../rules/core/engine/parse-worker';
import { makeProject } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';
import { LspSession, SERVER_BUNDLE } from './lsp-session';

describe('server: the shipped bundle with the real rules', () => {
  it('dist/server.js starts over stdio and reports a real rule with its docs link', async () => {
    const workspace = makeProject({});
    const session = await LspSession.start({ root: workspace.dir, serverModule: SERVER_BUNDLE, settings: null });
    try {
      const uri = await session.open(path.join(workspace.dir, 'job.ts'), 'export function run(job: () => Promise<void>) {\n  job().catch();\n}\n');
      const diagnostic = (await session.publishFor(uri)).diagnostics.find((d) => d.code === 'logging/no-swallowed-error');
      assert.ok(diagnostic, 'no logging/no-swallowed-error finding');
      // The page shipped beside the bundle (the .vsix holds docs/rules/ next to dist/), opened offline.
      assert.equal(diagnostic.codeDescription!.href, pathToFileURL(path.join(REPO_ROOT, 'docs', 'rules', 'logging', 'no-swallowed-error.md')).toString());
    } finally {
      await session.stop();
      workspace.cleanup();
    }
  });

  it('dist/parse-worker.js (what deep-parse.ts starts next to the bundle) parses as the deep-parse worker', async () => {
    const done = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const request: ParseRequest = { text: 'const x = [[[1]]];\n', filePath: 'deep.ts', port: port2, done };
    const worker = new Worker(path.join(REPO_ROOT, 'dist', 'parse-worker.js'), { workerData: request, transferList: [port2] });
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once('exit', () => resolve());
        worker.once('error', reject);
      });
      const answer = receiveMessageOnPort(port1)?.message as ParseAnswer | undefined;
      assert.equal(answer?.kind, 'tree');
      assert.equal(Atomics.load(done, 0), 1);
    } finally {
      port1.close();
      await worker.terminate();
    }
  });
});
