/**
 * Random TypeScript programs for fuzzing: modern syntax (generics, enums, decorators, satisfies,
 * JSX, using) woven around the code shapes the rules look for (catch blocks, caches, timers,
 * handles, listeners, network calls, exits), nested at random. Valid syntax by construction, so a
 * program that stops parsing after a fix is the fix's fault.
 */
import type { Random } from './random';

type Gen = (r: Random, depth: number) => string;

const NAMES = ['cache', 'store', 'seen', 'pending', 'handle', 'timer', 'client', 'emitter', 'server', 'queue'];
const URLS = ["'https://api.example.com/v1'", "'http://10.0.0.5:8080/x'", '`https://${host}/a`', "process.env.API_URL ?? 'http://localhost:3000'", "'redis://cache:6379'"];
const TYPES = ['string', 'number', 'Map<string, Item>', 'Record<string, unknown>', 'readonly Item[]', 'Promise<void>', 'Box<Box<string>>', '`id-${number}`', 'keyof Item', 'Item extends { id: infer I } ? I : never'];

const name = (r: Random) => `${r.pick(NAMES)}${r.int(3) || ''}`;
const type = (r: Random) => r.pick(TYPES);

/** A call that may fail, a network call, or a plain expression. */
const expression: Gen = (r) => r.pick([
  () => `await fetch(${r.pick(URLS)}${r.chance(0.4) ? ', { signal: AbortSignal.timeout(5000) }' : ''})`,
  () => `axios.get(${r.pick(URLS)}${r.chance(0.4) ? ', { timeout: 1000 }' : ''})`,
  () => `JSON.stringify(${r.pick(['err', 'error', '{ err }', 'value'])})`,
  () => `${name(r)}.set(key, value)`,
  () => `${name(r)}.get(key) ?? ${name(r)}?.size`,
  () => `fs.readFileSync(${r.pick(["'a.txt'", 'file'])}, 'utf8')`,
  () => `new Promise<void>((resolve) => setTimeout(resolve, ${r.int(1000)}))`,
  () => `(value satisfies ${type(r)})`,
  () => `process.env.${r.pick(['PORT', 'API_KEY', 'NODE_ENV'])}`,
  () => `items.map((item) => item.id as ${type(r)}).filter(Boolean)`,
  () => `client.query(\`select * from t where id = \${id}\`)`,
])();

const catchBody: Gen = (r, depth) => r.pick([
  () => '',
  () => '// expected when the file is missing: use defaults',
  () => 'console.error(err);',
  () => 'logger.warn({ err }, "retrying");',
  () => 'throw err;',
  () => "throw new Error('wrapped', { cause: err });",
  () => "throw new Error('wrapped: ' + err);",
  () => 'return undefined;',
  () => 'console.log(String(err));',
  () => statement(r, depth + 1),
])();

const statement: Gen = (r, depth): string => {
  const leaf = depth > 3;
  const choices: Array<() => string> = [
    () => `const ${name(r)}: ${type(r)} = ${expression(r, depth)};`,
    () => `${expression(r, depth)};`,
    () => `${name(r)}.set(${r.pick(['key', 'req.url', 'id'])}, ${r.pick(['value', 'Date.now()', 'body'])});`,
    () => `setInterval(() => ${name(r)}.clear(), ${r.int(60000)});`,
    () => `const ${name(r)} = setInterval(tick, 1000);`,
    () => `emitter.on('${r.pick(['data', 'error', 'close'])}', (x) => ${name(r)}.push(x));`,
    () => `process.on('${r.pick(['SIGTERM', 'unhandledRejection', 'uncaughtException'])}', () => { server.close(); });`,
    () => `const fd = fs.openSync(file, 'r');${r.chance(0.5) ? ' fs.closeSync(fd);' : ''}`,
    () => `${r.pick(['process.exit(1)', 'process.exitCode = 1', 'return'])};`,
    () => `using res = ${r.pick(['open()', 'lock(key)'])};`,
    () => `for (let attempt = 0; attempt < ${r.int(5) + 1}; attempt++) { try { return await call(); } catch {} }`,
    () => `${r.pick(['sendEmail', 'audit.write', 'queue.publish'])}(${r.pick(['req.body', 'item', 'id'])});`,
    () => `const ${name(r)} = ${r.pick(['memoize', '_.memoize', 'mem'])}((key: string) => load(key));`,
    () => `http.createServer(app).listen(${r.pick(['8080', 'port', 'process.env.PORT'])});`,
  ];
  if (!leaf) {
    choices.push(
      () => `try {\n${block(r, depth + 1)}\n} catch (err) {\n${catchBody(r, depth)}\n}${r.chance(0.3) ? ` finally {\n${block(r, depth + 1)}\n}` : ''}`,
      () => `if (${r.pick(['ok', '!value', 'key in cache', 'attempt > 3'])}) {\n${block(r, depth + 1)}\n} else {\n${block(r, depth + 1)}\n}`,
      () => `for (const item of items) {\n${block(r, depth + 1)}\n}`,
      () => `await Promise.all(items.map(async (item) => {\n${block(r, depth + 1)}\n}));`,
      () => `app.get('/x', async (req, res) => {\n${block(r, depth + 1)}\n});`,
    );
  }
  return r.pick(choices)();
};

function block(r: Random, depth: number): string {
  return Array.from({ length: 1 + r.int(3) }, () => statement(r, depth)).join('\n');
}

const topLevel: Gen = (r, depth) => r.pick([
  () => `import * as fs from 'node:fs';`,
  () => `import axios from 'axios';`,
  () => `import memoize from 'lodash/memoize';\nimport * as http from 'node:http';`,
  () => `const ${name(r)} = new ${r.pick(['Map', 'Set', 'WeakMap', 'LRUCache'])}<string, ${type(r)}>(${r.chance(0.3) ? '{ max: 100 }' : ''});`,
  () => `export const ${name(r)}: Record<string, number> = {};`,
  () => `enum ${r.pick(['Level', 'State'])}${r.int(9)} { A = 1, B, C = 'c'.length }`,
  () => `interface Box<T> { value: T; next?: Box<T> }\ntype Item = { id: string; tags?: readonly string[] };`,
  () => `type Pick${r.int(9)}<T, K extends keyof T> = { [P in K]: T[P] };`,
  () => `@${r.pick(['injectable()', 'sealed'])}\nexport class ${r.pick(['Service', 'Repo'])}${r.int(9)}<T extends object = {}> {\n  private readonly ${name(r)} = new Map<string, T>();\n  static #count = 0;\n  constructor(private readonly http: Http) {}\n  async load(key: string): Promise<T | undefined> {\n${block(r, depth + 1)}\n  }\n}`,
  () => `export async function ${r.pick(['load', 'save', 'handle', 'main'])}${r.int(9)}<T>(key: string, value?: T): Promise<void> {\n${block(r, depth + 1)}\n}`,
  () => `export const ${r.pick(['handler', 'worker'])}${r.int(9)} = async (req: Request): Promise<Response> => {\n${block(r, depth + 1)}\nreturn new Response('ok');\n};`,
  () => `const config = { port: 8080, url: ${r.pick(URLS)} } satisfies Record<string, unknown>;`,
  () => `declare module 'x' { export const y: number; }\nnamespace Ns${r.int(9)} { export const z = 1; }`,
  () => statement(r, depth),
])();

const jsxElement = (r: Random) => r.pick([
  '<div className="a">{items.map((i) => <span key={i.id}>{i.id}</span>)}</div>',
  '<Widget<string> value="x" onClose={() => clearInterval(timer)} />',
  '<>{ok ? <b>yes</b> : null}</>',
]);

/** One random program; `jsx` adds components (for a .tsx file name). */
export function generateTypeScript(r: Random, jsx: boolean): string {
  const parts = Array.from({ length: 3 + r.int(8) }, () => topLevel(r, 0));
  if (jsx) parts.push(`export function View${r.int(9)}({ items }: { items: Item[] }) {\n  return ${jsxElement(r)};\n}`);
  return `${parts.join('\n')}\n`;
}
