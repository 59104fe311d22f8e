import * as assert from 'node:assert/strict';
import { ModuleResolver, type Resolution } from '../../rules/core/project/module-resolver';
import { TempWorkspace } from '../helpers/temp-workspace';

describe('ModuleResolver', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.remove());

  function resolve(specifier: string, from: string): Resolution {
    const r = new ModuleResolver(ws.root).resolve(specifier, ws.path(from));
    return r.kind === 'file' ? { kind: 'file', path: r.path.slice(ws.root.length + 1) } : r;
  }
  const file = (path: string): Resolution => ({ kind: 'file', path });

  it('resolves relative paths with extension probing, TypeScript first', () => {
    ws = new TempWorkspace({ 'src/a.ts': '', 'src/b.js': '', 'src/c.tsx': '', 'src/c.js': '', 'src/main.ts': '' });
    assert.deepEqual(resolve('./a', 'src/main.ts'), file('src/a.ts'));
    assert.deepEqual(resolve('./b', 'src/main.ts'), file('src/b.js'));
    assert.deepEqual(resolve('./c', 'src/main.ts'), file('src/c.tsx'));
    assert.deepEqual(resolve('../src/a.ts', 'src/main.ts'), file('src/a.ts'));
  });

  it('maps .js/.mjs/.cjs/.jsx specifiers of ESM TypeScript to the sources', () => {
    ws = new TempWorkspace({ 'a.ts': '', 'b.mts': '', 'c.cts': '', 'd.tsx': '', 'e.js': '', 'main.ts': '' });
    assert.deepEqual(resolve('./a.js', 'main.ts'), file('a.ts'));
    assert.deepEqual(resolve('./b.mjs', 'main.ts'), file('b.mts'));
    assert.deepEqual(resolve('./c.cjs', 'main.ts'), file('c.cts'));
    assert.deepEqual(resolve('./d.jsx', 'main.ts'), file('d.tsx'));
    assert.deepEqual(resolve('./d.js', 'main.ts'), file('d.tsx'));
    assert.deepEqual(resolve('./e.js', 'main.ts'), file('e.js'), 'a real .js file stays itself');
  });

  it('resolves folders through index files and package.json main', () => {
    ws = new TempWorkspace({ 'lib/index.ts': '', 'pkg/package.json': '{"main": "./dist/entry.js"}', 'pkg/src/entry.ts': '', 'main.ts': '' });
    assert.deepEqual(resolve('./lib', 'main.ts'), file('lib/index.ts'));
    assert.deepEqual(resolve('./pkg', 'main.ts'), file('pkg/src/entry.ts'), 'build output maps back to src/');
  });

  it('uses tsconfig paths and baseUrl through extends chains, nearest tsconfig first', () => {
    ws = new TempWorkspace({
      'configs/base.json': '{ "compilerOptions": { "baseUrl": "..", "paths": { "@core/*": ["packages/core/src/*"], "exact": ["packages/core/src/exact.ts"] } } }',
      'tsconfig.json': '{ /* jsonc */ "extends": "./configs/base.json", }',
      'packages/core/src/log.ts': '', 'packages/core/src/exact.ts': '', 'src/util.ts': '', 'src/main.ts': '',
      'other/tsconfig.json': '{ "compilerOptions": { "paths": { "@core/*": ["./vendored/*"] } } }', 'other/vendored/log.ts': '', 'other/main.ts': '',
    });
    assert.deepEqual(resolve('@core/log', 'src/main.ts'), file('packages/core/src/log.ts'));
    assert.deepEqual(resolve('exact', 'src/main.ts'), file('packages/core/src/exact.ts'));
    assert.deepEqual(resolve('src/util', 'src/main.ts'), file('src/util.ts'), 'baseUrl');
    assert.deepEqual(resolve('@core/log', 'other/main.ts'), file('other/vendored/log.ts'), 'paths without baseUrl are relative to their tsconfig');
  });

  it('resolves workspace packages (npm/yarn workspaces) through exports, main, or subpaths', () => {
    ws = new TempWorkspace({
      'package.json': '{ "private": true, "workspaces": ["packages/*"] }',
      'packages/api/package.json': '{ "name": "@acme/api", "exports": { ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" }, "./handlers/*": "./src/handlers/*.ts" } }',
      'packages/api/src/index.ts': '', 'packages/api/src/handlers/users.ts': '',
      'packages/strings/package.json': '{ "name": "strings", "main": "lib/index.js" }', 'packages/strings/src/index.ts': '', 'packages/strings/src/str.ts': '',
      'packages/app/src/main.ts': '',
    });
    assert.deepEqual(resolve('@acme/api', 'packages/app/src/main.ts'), file('packages/api/src/index.ts'));
    assert.deepEqual(resolve('@acme/api/handlers/users', 'packages/app/src/main.ts'), file('packages/api/src/handlers/users.ts'));
    assert.deepEqual(resolve('@acme/api/internal', 'packages/app/src/main.ts'), { kind: 'unresolved' }, 'not exported');
    assert.deepEqual(resolve('strings', 'packages/app/src/main.ts'), file('packages/strings/src/index.ts'));
    assert.deepEqual(resolve('strings/src/str', 'packages/app/src/main.ts'), file('packages/strings/src/str.ts'));
  });

  it('reads pnpm-workspace.yaml', () => {
    ws = new TempWorkspace({
      'pnpm-workspace.yaml': "packages:\n  - 'libs/*'\n  - \"!libs/skip\"\n",
      'libs/a/package.json': '{ "name": "a", "main": "index.ts" }', 'libs/a/index.ts': '',
      'libs/skip/package.json': '{ "name": "skip" }', 'libs/skip/index.ts': '', 'main.ts': '',
    });
    assert.deepEqual(resolve('a', 'main.ts'), file('libs/a/index.ts'));
    assert.deepEqual(resolve('skip', 'main.ts'), { kind: 'external', name: 'skip' });
  });

  it('resolves package.json imports (#internal) and self-references through exports', () => {
    ws = new TempWorkspace({
      'package.json': '{ "name": "svc", "imports": { "#db": "./src/db.js", "#util/*": "./src/util/*.js" }, "exports": { "./client": "./src/client.ts" } }',
      'src/db.ts': '', 'src/util/time.ts': '', 'src/client.ts': '', 'src/main.ts': '',
    });
    assert.deepEqual(resolve('#db', 'src/main.ts'), file('src/db.ts'));
    assert.deepEqual(resolve('#util/time', 'src/main.ts'), file('src/util/time.ts'));
    assert.deepEqual(resolve('#missing', 'src/main.ts'), { kind: 'unresolved' });
    assert.deepEqual(resolve('svc/client', 'src/main.ts'), file('src/client.ts'));
  });

  it('records packages and builtins as external, missing files as unresolved', () => {
    ws = new TempWorkspace({ 'main.ts': '' });
    assert.deepEqual(resolve('express', 'main.ts'), { kind: 'external', name: 'express' });
    assert.deepEqual(resolve('@scope/pkg/deep/path', 'main.ts'), { kind: 'external', name: '@scope/pkg' });
    assert.deepEqual(resolve('node:fs/promises', 'main.ts'), { kind: 'external', name: 'fs/promises' });
    assert.deepEqual(resolve('path', 'main.ts'), { kind: 'external', name: 'path' });
    assert.deepEqual(resolve('./nope', 'main.ts'), { kind: 'unresolved' });
  });

  it('sees a file created after a question was answered once told to forget', () => {
    ws = new TempWorkspace({ 'main.ts': '' });
    const resolver = new ModuleResolver(ws.root);
    assert.deepEqual(resolver.resolve('./late', ws.path('main.ts')), { kind: 'unresolved' });
    const late = ws.write('late.ts', '');
    assert.deepEqual(resolver.resolve('./late', ws.path('main.ts')), { kind: 'unresolved' }, 'answers are remembered');
    resolver.forget(late);
    assert.deepEqual(resolver.resolve('./late', ws.path('main.ts')), { kind: 'file', path: late });
  });
});
