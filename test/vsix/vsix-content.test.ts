import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { listZip, type ZipEntry } from './zip-listing';

const VSIX = path.join(REPO_ROOT, 'opslint.vsix');
const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/** Everything the extension needs at run time; anything else in the package is a leak. */
const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/dist/client.js',
  'extension/dist/lint-worker.js',
  'extension/dist/parse-worker.js',
  'extension/dist/server.js',
  'extension/package.json',
  'extension/readme.md',
  'extension/schemas/opslint.config.schema.json',
];

describe('the .vsix package', function () {
  this.timeout(60_000);
  let entries: ZipEntry[];

  before(() => {
    // `npm test` builds dist/ first; packaging is the real `npm run package:vsix`.
    execFileSync('npm', ['run', '--silent', 'package:vsix'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    entries = listZip(VSIX);
  });

  it('ships exactly the bundles, the schema, the manifest, the readme and the licence', () => {
    assert.deepEqual(entries.map((e) => e.name).sort(), [...EXPECTED].sort());
  });

  it('leaks no sources, tests, source maps or dependencies', () => {
    const leaks = entries.filter((e) => /\.(ts|tsx|map)$|(^|\/)(node_modules|test|out|client|server|rules|src)\//.test(e.name));
    assert.deepEqual(leaks.map((e) => e.name), []);
  });

  it(`is under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    const size = fs.statSync(VSIX).size;
    assert.ok(size < MAX_VSIX_BYTES, `${(size / 1024 / 1024).toFixed(2)} MB`);
  });

  it('keeps the client bundle free of the analysis core and the server free of source map links', () => {
    const client = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'client.js'), 'utf8');
    assert.ok(!client.includes('typescript-estree') && !client.includes('opslint-disable-next-line'), 'the client bundled server code');
    for (const bundle of ['client.js', 'server.js']) {
      // TypeScript's emitter holds the string itself: only a trailing link comment counts.
      assert.doesNotMatch(fs.readFileSync(path.join(REPO_ROOT, 'dist', bundle), 'utf8').slice(-500), /\/\/# sourceMappingURL=/, `${bundle} links a source map`);
    }
  });
});
