// Packages the VS Code extension (opslint.vsix) from a staging folder, out/vsix/, that holds only
// what the extension runs and shows: the two bundles and the server's worker stubs, the config
// schema, the rule docs (opened offline from diagnostics), the icon, README, CHANGELOG and LICENSE,
// and a manifest derived from package.json without the npm package's fields. One package.json
// serves npm (its `files` whitelist) and the extension; vsce refuses a `files` list together with
// a .vscodeignore, and packing from the repository root would follow `files`, which ship out/.
//   node scripts/package-vsix.mjs        → opslint.vsix
//   node scripts/package-vsix.mjs --ls   → what the .vsix would hold (vsce ls)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const stage = path.join(root, 'out', 'vsix');
const SHIPPED = [
  'dist/client.js', 'dist/server.js', 'dist/lint-worker.js', 'dist/parse-worker.js',
  'schemas/opslint.config.schema.json', 'docs/rules', 'images/icon.png', 'README.md', 'CHANGELOG.md', 'LICENSE',
];
/** npm-only fields: the extension host reads none of them, and `files` would make vsce ignore the staging. */
const NPM_ONLY = ['files', 'bin', 'exports', 'types', 'scripts', 'dependencies', 'keywords', 'author'];

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const entry of SHIPPED) cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const field of NPM_ONLY) delete manifest[field];
// vsce checks engines.vscode against @types/vscode; nothing else of the dev tools matters here.
manifest.devDependencies = { '@types/vscode': manifest.devDependencies['@types/vscode'] };
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// Everything staged ships; the file exists so vsce knows the contents were chosen.
writeFileSync(path.join(stage, '.vscodeignore'), '.vscodeignore\n');

const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
const urls = ['--baseContentUrl', 'https://github.com/opslint/opslint/blob/main', '--baseImagesUrl', 'https://github.com/opslint/opslint/raw/main'];
const args = process.argv.includes('--ls')
  ? ['ls', '--no-dependencies']
  : ['package', '--no-dependencies', ...urls, '--out', path.join(root, 'opslint.vsix')];
execFileSync(vsce, args, { cwd: stage, stdio: 'inherit' });
