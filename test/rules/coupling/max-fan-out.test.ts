import { projectRule } from '../../../rules/coupling/max-fan-out';
import { runProjectRuleTests, type ProjectCase } from '../../helpers/project-rule-tester';

/** One import used as a value, so TypeScript keeps it (an unused import is elided, and elided imports count as type imports). */
const valueImport = (i: number) => `import { m${i} } from './m${i}'; export const u${i} = m${i};`;

/** A workspace where `main.ts` imports `count` modules, each through `statement(i)`. */
function fanOut(count: number, statement = valueImport, extra: Record<string, string> = {}): ProjectCase['files'] {
  const files: Record<string, string> = { ...extra };
  for (let i = 0; i < count; i++) files[`m${i}.ts`] = `export const m${i} = ${i}; export type T${i} = number;`;
  files['main.ts'] = `${Array.from({ length: count }, (_, i) => statement(i)).join('\n')}\nexport {};\n`;
  return files;
}

runProjectRuleTests(projectRule, {
  valid: [
    { name: 'exactly the default maximum (15)', files: fanOut(15) },
    { name: 'one module', files: { 'a.ts': 'export const a = 1;' } },
    { name: 'many external packages do not count', files: { 'main.ts': Array.from({ length: 20 }, (_, i) => `import p${i} from 'pkg-${i}';`).join('\n') } },
    { name: 'node builtins do not count', files: { 'main.ts': ['fs', 'path', 'os', 'http', 'https', 'net', 'url', 'util', 'zlib', 'crypto', 'events', 'stream', 'child_process', 'dns', 'tls', 'assert'].map((m) => `import * as ${m.replace('_', '')} from 'node:${m}';`).join('\n') } },
    { name: 'the same module imported many times counts once', files: { 'm.ts': 'export const a = 1, b = 2;', 'main.ts': Array.from({ length: 20 }, (_, i) => `import { a as a${i} } from './m';`).join('\n') } },
    { name: 'unresolved imports do not count', files: { 'main.ts': Array.from({ length: 20 }, (_, i) => `import { x${i} } from './missing${i}';`).join('\n') } },
    { name: 'a raised maximum', files: fanOut(20), options: [{ max: 20 }] },
    { name: 'type imports left out when asked', files: fanOut(20, (i) => (i < 10 ? valueImport(i) : `import type { T${i} } from './m${i}';`)), options: [{ ignoreTypeImports: true }] },
    { name: 'elided imports are type imports too', files: fanOut(20, (i) => (i < 10 ? valueImport(i) : `import { T${i} } from './m${i}';`)), options: [{ ignoreTypeImports: true }] },
    { name: 'generated typings made only of type imports, when asked', files: fanOut(40, (i) => `import type { T${i} } from './m${i}';`), options: [{ ignoreTypeImports: true }] },
    { name: 'a barrel of re-exports is left out by default: it is the narrower front the message recommends', files: fanOut(20, (i) => `export * from './m${i}';`) },
    { name: 'a barrel of named re-exports and type re-exports', files: fanOut(20, (i) => (i % 2 ? `export { m${i} } from './m${i}';` : `export type { T${i} } from './m${i}';`)) },
    { name: 'a self-import does not count', files: { ...fanOut(15), 'main.ts': `${fanOut(15)['main.ts']}import './main';\n` } },
    { name: 'files that are not linted (JSON) do not count', files: { ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`d${i}.json`, '{}'])), 'main.ts': Array.from({ length: 20 }, (_, i) => `import d${i} from './d${i}.json';`).join('\n') } },
    { name: 'many importers of one module (fan-in is fine)', files: { 'shared.ts': 'export const s = 1;', ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`u${i}.ts`, "import { s } from './shared';\nexport const u = s;"])) } },
  ],
  invalid: [
    { name: '16 modules, reported at the first import', files: fanOut(16), errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 27, message: 'imports 16 modules' }] },
    { name: 'a lowered maximum', files: fanOut(4), options: [{ max: 3 }], errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 27, message: '(more than 3)' }] },
    { name: 'type imports count by default: the module still changes when those types do', files: fanOut(16, (i) => `import type { T${i} } from './m${i}';`), errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 32 }] },
    { name: 'with ignoreTypeImports, the value imports beside type imports still count', files: fanOut(26, (i) => (i < 16 ? valueImport(i) : `import type { T${i} } from './m${i}';`)), options: [{ ignoreTypeImports: true }], errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 27, message: 'imports 16 modules' }] },
    { name: 'require() calls count', files: fanOut(16, (i) => `const m${i} = require('./m${i}');`), errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 12, endLine: 1, endColumn: 27 }] },
    { name: 'dynamic import() counts', files: fanOut(16, (i) => `export const l${i} = () => import('./m${i}');`), errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 25, endLine: 1, endColumn: 39 }] },
    { name: 're-exports count with ignoreReExports: false', files: fanOut(16, (i) => `export * from './m${i}';`), options: [{ ignoreReExports: false }], errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 22 }] },
    { name: 'reported at the first import even when it is external', files: { ...fanOut(16), 'main.ts': `import x from 'ext';\n${fanOut(16)['main.ts']}` }, errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 21 }] },
    { name: 'the imports beside re-exports still count', files: fanOut(16, (i) => (i < 4 ? `export { m${i} } from './m${i}';` : valueImport(i))), options: [{ max: 11 }], errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 27, message: 'imports 12 modules' }] },
    {
      name: 'folder index modules count as modules',
      files: { ...Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`f${i}/index.ts`, 'export const x = 1;'])), 'main.ts': Array.from({ length: 4 }, (_, i) => `import * as f${i} from './f${i}'; export const g${i} = f${i};`).join('\n') },
      options: [{ max: 3 }],
      errors: [{ file: 'main.ts', messageId: 'tooManyDependencies', line: 1, column: 1, endLine: 1, endColumn: 28 }],
    },
  ],
});
