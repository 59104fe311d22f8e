/**
 * The files of the scratch project test/package/install.test.ts installs the package into: a small
 * HTTP service with findings for per-file and cross-file rules, an ESLint flat config (the one
 * docs/ci.md shows), and a user's scripts calling the Node API from JavaScript and TypeScript.
 */

export const SERVICE_FILES: Record<string, string> = {
  'src/server.ts': `import http from 'node:http';
import { loadPrice } from './prices';

const hits = new Map<string, number>();

const server = http.createServer(async (req, res) => {
  hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
  try {
    res.end(String(await loadPrice(req.url ?? '')));
  } catch {
    res.statusCode = 500;
    res.end();
  }
});
server.listen(8080);
`,
  'src/prices.ts': `const prices = new Map<string, number>();

export async function loadPrice(sku: string): Promise<number> {
  const known = prices.get(sku);
  if (known !== undefined) return known;
  const response = await fetch(\`http://pricing.internal:9000/prices/\${sku}\`);
  const price = (await response.json()) as number;
  prices.set(sku, price);
  return price;
}
`,
};

/** docs/ci.md's "In ESLint" config, as a user writes it. */
export const ESLINT_CONFIG = `// eslint.config.mjs
import tseslint from 'typescript-eslint';
import opslint from 'opslint/eslint-plugin';

export default [
  { ...tseslint.configs.base, files: ['**/*.{ts,tsx,mts,cts}'] },   // the TypeScript parser, for TypeScript files
  opslint.configs.recommended,                                     // or opslint.configs.all
];
`;

export const API_MJS = `import { Opslint } from 'opslint';
import plugin from 'opslint/eslint-plugin';

const opslint = new Opslint({ cwd: process.cwd() });
const results = await opslint.lintFiles(['src']);
const text = await opslint.lintText('export function f(run) {\\n  run().catch();\\n}\\n', { filePath: 'src/snippet.ts' });
const stylish = (await opslint.loadFormatter('stylish')).format(results);
const sarif = JSON.parse((await opslint.loadFormatter('sarif')).format(results));
console.log(JSON.stringify({
  results: results.map(({ source, ...result }) => result), text: text.map(({ source, ...result }) => result),
  stylish, sarif, version: Opslint.version, plugin: Object.keys(plugin.rules),
}));
`;

/** Type-checked only (Node 20 does not run .ts): wrong uses must be type errors, so the types are not \`any\`. */
export const API_TS = `import { ConfigError, Opslint, type LintMessage, type LintResult, type OpslintOptions } from 'opslint';
import plugin from 'opslint/eslint-plugin';

const options: OpslintOptions = { cwd: process.cwd(), rules: { 'resilience/require-timeout': 'error' } };

export async function lint(): Promise<number> {
  let opslint: Opslint;
  try {
    opslint = new Opslint(options);
  } catch (error) {
    if (error instanceof ConfigError) return 2;
    throw error;
  }
  const results: LintResult[] = await opslint.lintFiles(['src']);
  const messages: LintMessage[] = results.flatMap((r) => r.messages);
  const errors: number = results.reduce((n, r) => n + r.errorCount, 0);
  const line: number = messages[0].line;
  const report: string = (await opslint.loadFormatter('sarif')).format(results);
  const [snippet] = await opslint.lintText('const a = 1;', { filePath: 'src/a.ts' });
  // @ts-expect-error: not one of the formats
  await opslint.loadFormatter('xml');
  // @ts-expect-error: patterns are strings
  await opslint.lintFiles(42);
  const recommended: Record<string, 'warn' | 'error' | ['warn' | 'error', ...unknown[]]> = plugin.configs.recommended.rules;
  const version: string = plugin.meta.version + Opslint.version;
  await Opslint.outputFixes(Opslint.getErrorResults(results));
  return errors + line + report.length + snippet.warningCount + Object.keys(recommended).length + version.length;
}
`;

export const TSCONFIG = `${JSON.stringify({
  compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
  files: ['check-api.ts'],
}, null, 2)}\n`;

/** docs/ci.md's lint-staged recipe (package.json "lint-staged"): opslint on the staged files. */
export const LINT_STAGED_CONFIG = { '*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}': 'opslint' };
