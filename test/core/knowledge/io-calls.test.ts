import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from '../../../rules/core/engine/types';
import { parseSource } from '../../../rules/core/engine/parse';
import { callLabel, createIoCalls, isAwaited, type CallEffect, type CallNode } from '../../../rules/core/knowledge/io-calls';
import { moduleBindings } from '../../../rules/utils/imports';

/** The calls of a program, with parents set as the engine's walk sets them. */
function callsOf(code: string): { calls: CallNode[]; program: TSESTree.Program } {
  const program = parseSource(code, 'src/file.ts');
  const calls: CallNode[] = [];
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') calls.push(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        if (c && typeof (c as Node).type === 'string') {
          (c as Node & { parent?: Node }).parent = node;
          stack.push(c as Node);
        }
      }
    }
  }
  return { calls: calls.sort((a, b) => a.range[0] - b.range[0]), program };
}

/** The effect of the first call of `code` whose text starts with `start`. */
function effect(code: string, start: string): CallEffect {
  const { calls, program } = callsOf(code);
  const call = calls.find((c) => code.slice(c.range[0]).startsWith(start));
  assert.ok(call, `no call starts with ${start}`);
  return createIoCalls(moduleBindings(program)).effectOf(call);
}

describe('io-calls: what a call does, as far as its failure goes', () => {
  const cases: Array<[string, string, string, CallEffect]> = [
    ['an awaited service method', 'async function f() { await this.userService.find(id); }', 'this.userService', 'io'],
    ['a database client method, awaited or not', 'function f() { redis.hset(k, "v", v); }', 'redis.hset', 'io'],
    ['a Prisma delegate', 'async function f() { await this.prismaService.user.deleteMany({}); }', 'this.prismaService', 'io'],
    ['a module of a remote client', 'import { R } from "redbean-node";\nfunction f() { R.getCol("SELECT 1"); }', 'R.getCol', 'io'],
    ['global fetch', 'async function f() { await fetch(url); }', 'fetch', 'io'],
    ['a child process', 'const { execSync } = require("child_process");\nfunction f() { execSync("git rev-parse HEAD"); }', 'execSync(', 'io'],
    ['a file write', 'import fs from "node:fs";\nasync function f() { await fs.promises.writeFile(p, d); }', 'fs.promises', 'io'],
    ['a constructor of a client', 'const c = new RedisClient(url);', 'new RedisClient', 'io'],
    ['a call inside an awaited Promise.all', 'async function f() { await Promise.all([this.a.load(), this.b.load()]); }', 'this.b.load', 'io'],
    ['an awaited object method named like an array method', 'async function f() { await this.push(); }', 'this.push', 'io'],
    ['a file read: a missing file is a normal state', 'import fs from "fs";\nasync function f() { await fs.promises.readFile(p, "utf8"); }', 'fs.promises', 'optional-read'],
    ['a read through an fs-named receiver', 'async function f() { await fsAsync.readdir(dir); }', 'fsAsync.readdir', 'optional-read'],
    ['a cache read', 'async function f() { await this.redisCacheService.get(key); }', 'this.redisCacheService', 'optional-read'],
    ['a call on this in a cache class', 'class RedisCache { async f() { await this.client.get(k); } }', 'this.client', 'optional-read'],
    ['loading an optional module', 'function f() { require("bufferutil"); }', 'require', 'optional-read'],
    ['asking a tool for its version', 'async function f() { await spawnCommand("pnpm", ["--version"]); }', 'spawnCommand', 'optional-read'],
    ['JSON.parse', 'function f() { JSON.parse(s); }', 'JSON.parse', 'local'],
    ['new URL', 'function f() { new URL(s); }', 'new URL', 'local'],
    ['a parser method, even awaited', 'async function f() { await response.json(); }', 'response.json', 'local'],
    ['decompressing', 'async function f() { await brotliDecompress(buf); }', 'brotliDecompress', 'local'],
    ['an array method whose result is awaited through Promise.all', 'async function f() { await Promise.all(ids.map(load)); }', 'ids.map', 'local'],
    ['Promise.all itself: its elements are the work', 'async function f() { await Promise.all([a()]); }', 'Promise.all', 'local'],
    ['a sleep', 'async function f() { await sleep(100); }', 'sleep', 'local'],
    ['a synchronous helper', 'function f() { toColor(c); }', 'toColor', 'unknown'],
    ['a synchronous method of a local object', 'function f() { socket.emitLater("refresh"); }', 'socket.emitLater', 'unknown'],
  ];
  for (const [name, code, start, expected] of cases) {
    it(`${name}: ${expected}`, () => assert.equal(effect(code, start), expected));
  }

  it('isAwaited follows Promise.all, conditionals, promise chains and for await, not plain calls', () => {
    const code = 'async function f() { await Promise.all([a(), x ? b() : c()]); await d().then(e); for await (const v of g()) {} h(); return i(); }';
    const { calls } = callsOf(code);
    const awaited = Object.fromEntries(calls.map((c) => [code.slice(c.range[0], c.range[0] + 1), isAwaited(c)]));
    assert.deepEqual(awaited, { P: true, a: true, b: true, c: true, d: true, g: true, h: false, i: false });
  });

  it('isAsyncFileSystemCall: non-blocking calls of the fs modules, not blocking ones nor other modules', () => {
    const code = 'import fsp from "fs/promises";\nimport fs from "fs";\nimport axios from "axios";\nasync function f() { await fsp.writeFile(p, d); fs.readFile(p, cb); fs.writeFileSync(p, d); await axios.post(u); }';
    const { calls, program } = callsOf(code);
    const io = createIoCalls(moduleBindings(program));
    assert.deepEqual(calls.map((c) => io.isAsyncFileSystemCall(c)), [true, true, false, false]);
  });

  it('callLabel names a call by its callee, or by the start of its text', () => {
    const code = 'this.users.find(id); new Client(url); makeApi().dataProvider(dataSource).getAssetProfile({ symbol, withAVeryLongArgumentList });';
    const { calls } = callsOf(code);
    const text = (node: Node) => code.slice(node.range[0], node.range[1]);
    assert.deepEqual(calls.slice(0, 3).map((c) => callLabel(c, text)), ['this.users.find()', 'new Client()', 'makeApi().dataProvider(dataSource).ge...']);
  });
});
