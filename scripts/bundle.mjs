// Bundles the VS Code extension (dist/client.js, `vscode` provided by the editor) and the language
// server (dist/server.js, which also runs standalone for other editors) with esbuild. `tsc -b` type
// checks and compiles to out/ first; bundling that CommonJS output (not the .ts sources) makes every
// dependency resolve through its `require` entry, as under Node: ESM builds of some dependencies
// (fdir, via tinyglobby) call createRequire(import.meta.url), which is undefined in a CJS bundle.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, sourcemap: false, absWorkingDir: root, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['out/client/extension.js'], outfile: 'dist/client.js', external: ['vscode'] }),
  // jsonc-parser's `main` is a UMD build whose inner require()s esbuild cannot follow: use its ESM build.
  build({ ...common, entryPoints: ['out/server/main.js'], outfile: 'dist/server.js', alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } }),
]);
