// Bundles the VS Code extension (dist/client.js, `vscode` provided by the editor) and the language
// server (dist/server.js, which also runs standalone for other editors) with esbuild. `tsc -b` does
// the type checking; this step only packages what runs.
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, sourcemap: false, absWorkingDir: root, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/main.ts'], outfile: 'dist/server.js' }),
]);
