import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { listZip, readZipEntry, type ZipEntry } from './zip-listing';

const VSIX = path.join(REPO_ROOT, 'opslint.vsix');
const MAX_VSIX_BYTES = 3 * 1024 * 1024;

/** Everything the extension needs at run time; anything else in the package is a leak. */
const EXPECTED = [
  '[Content_Types].xml',
  'extension/changelog.md',
  'extension/images/icon.png',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/dist/client.js',
  'extension/dist/lint-worker.js',
  'extension/dist/parse-worker.js',
  'extension/dist/server.js',
  'extension/package.json',
  'extension/readme.md',
  'extension/schemas/opslint.config.schema.json',
  // Each rule's page, opened offline from a diagnostic's link.
  ...ruleDocs().map((doc) => `extension/docs/rules/${doc}`),
];

/** `<category>/<rule>.md` of every page under docs/rules/. */
function ruleDocs(): string[] {
  const dir = path.join(REPO_ROOT, 'docs', 'rules');
  return fs.readdirSync(dir).flatMap((category) => fs.readdirSync(path.join(dir, category)).map((page) => `${category}/${page}`));
}

describe('the .vsix package', function () {
  this.timeout(60_000);
  let entries: ZipEntry[];

  before(() => {
    // `npm test` builds dist/ first; packaging is the real `npm run package:vsix`.
    execFileSync('npm', ['run', '--silent', 'package:vsix'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    entries = listZip(VSIX);
  });

  it('ships exactly the bundles, the schema, the rule docs, the icon, the manifest, the readme, the changelog and the licence', () => {
    assert.deepEqual(entries.map((e) => e.name).sort(), [...EXPECTED].sort());
  });

  it('leaks no sources, tests, source maps or dependencies', () => {
    const leaks = entries.filter((e) => /\.(ts|tsx|map)$|(^|\/)(node_modules|test|out|client|server|src)\/|^extension\/(?!docs\/)(.*\/)?rules\//.test(e.name));
    assert.deepEqual(leaks.map((e) => e.name), []);
  });

  it('has the metadata a store asks for, and none of the npm package\'s fields', () => {
    const manifest = JSON.parse(readZipEntry(VSIX, 'extension/package.json').toString('utf8')) as Record<string, unknown>;
    for (const field of ['repository', 'homepage', 'bugs', 'icon', 'license', 'publisher']) assert.ok(manifest[field], `no ${field}`);
    for (const field of ['files', 'bin', 'exports', 'scripts', 'dependencies']) assert.equal(manifest[field], undefined, `${field} leaked into the extension manifest`);
    // The same .vsix goes to Open VSX: no field only the Marketplace reads.
    for (const field of ['galleryBanner', 'qna', 'pricing']) assert.equal(manifest[field], undefined, `${field} is Marketplace-only`);
    assert.match(String(manifest.engines && (manifest.engines as { vscode?: string }).vscode), /^\^1\.(\d|[1-9]\d|100)\.\d+$/, 'engines.vscode above 1.100');
    const ours = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.doesNotMatch(JSON.stringify(ours.scripts), /allow-missing-repository/);
  });

  it('lists with `vsce ls` exactly what it ships', () => {
    const listed = execFileSync('node', ['scripts/package-vsix.mjs', '--ls'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n');
    const shipped = EXPECTED.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length)
      .replace(/^readme\.md$/, 'README.md').replace(/^changelog\.md$/, 'CHANGELOG.md').replace(/^LICENSE\.txt$/, 'LICENSE'));
    assert.deepEqual(listed.sort(), shipped.sort());
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
