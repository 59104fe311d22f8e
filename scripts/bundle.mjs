// Bundles the VS Code extension (dist/client.js, `vscode` provided by the editor) and the language
// server (dist/server.js, which also runs standalone for other editors) with esbuild. `tsc -b` type
// checks and compiles to out/ first; bundling that CommonJS output (not the .ts sources) makes every
// dependency resolve through its `require` entry, as under Node: ESM builds of some dependencies
// (fdir, via tinyglobby) call createRequire(import.meta.url), which is undefined in a CJS bundle.
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, sourcemap: false, absWorkingDir: root, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['out/client/extension.js'], outfile: 'dist/client.js', external: ['vscode'] }),
  // jsonc-parser's `main` is a UMD build whose inner require()s esbuild cannot follow: use its ESM build.
  // server/bundle-entry picks the thread's role, so the worker threads reuse this one bundle.
  build({ ...common, entryPoints: ['out/server/bundle-entry.js'], outfile: 'dist/server.js', alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } }),
]);
// The worker files the server (server/lint-thread.ts) and the parser (rules/core/engine/deep-parse.ts)
// start from their own folder, __dirname, which in the bundle is dist/.
for (const worker of ['lint-worker.js', 'parse-worker.js']) await writeFile(new URL(`../dist/${worker}`, import.meta.url), "require('./server.js');\n");
