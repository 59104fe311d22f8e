import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { makeWorkspace } from './fixture';
import { LspSession } from './lsp-session';

const EDITS = 200;

describe('server: rapid edits', () => {
  let workspace: ReturnType<typeof makeWorkspace>;
  let session: LspSession;

  before(async () => {
    workspace = makeWorkspace({});
    session = await LspSession.start({ root: workspace.dir, settings: { lint: { workspace: false } } });
  });

  after(async () => {
    await session.stop();
    workspace.cleanup();
  });

  it(`under ${EDITS} rapid edits, publishes only results that match their version, in order, ending with the last`, async () => {
    const body = Array.from({ length: 300 }, (_, i) => `export const value${i} = ${i};`).join('\n');
    const uri = await session.open(path.join(workspace.dir, 'busy.ts'), `${body}\n`);
    await session.publishFor(uri, (p) => p.version === 1);
    const from = session.publishes.seen.length;
    // Version v (v ≥ 2) has v - 1 `var` lines: a publish whose count differs from its version's is stale.
    // Sent as one burst (not awaited one by one), as a fast typist's keystrokes reach the server.
    await Promise.all(Array.from({ length: EDITS }, (_, i) => {
      const line = 300 + i;
      return session.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `var edit${i} = ${i};\n` }]);
    }));
    const last = session.version(uri);
    const final = await session.publishFor(uri, (p) => p.version === last);
    assert.equal(final.diagnostics.length, EDITS);
    const published = session.publishes.seen.slice(from).filter((p) => p.uri === uri);
    for (const p of published) assert.equal(p.diagnostics.length, p.version! - 1, `version ${p.version} published ${p.diagnostics.length} findings`);
    const versions = published.map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'publishes out of version order');
    assert.equal(new Set(versions).size, versions.length, 'a version was published twice');
    // Debouncing and cancellation: far fewer lints than edits reached the client.
    assert.ok(published.length < EDITS / 4, `${published.length} publishes for ${EDITS} edits`);
  });
});
