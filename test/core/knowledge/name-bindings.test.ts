import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ScopeManager } from '@typescript-eslint/scope-manager';
import { type Declaration, declarationFromScopes, declarationOf, NameBindings, resolveVariable } from '../../../rules/core/knowledge/name-bindings';
import { parseSource } from '../../../rules/core/engine/parse';
import { SourceCode } from '../../../rules/core/engine/source-code';
import { traverse } from '../../../rules/core/engine/traverse';

/** A SourceCode that counts how often rules reach for scope analysis. */
class CountingSourceCode extends SourceCode {
  analyses = 0;
  override get scopeManager(): ScopeManager {
    this.analyses++;
    return super.scopeManager;
  }
}

function linked(code: string, file = 'src/service.ts'): CountingSourceCode {
  const sourceCode = new CountingSourceCode(code, parseSource(code, file));
  traverse(sourceCode.ast, () => undefined);
  return sourceCode;
}

function describeDeclaration(declaration: Declaration): string {
  if (declaration.kind === 'global') return 'global';
  const where = declaration.moduleLevel ? 'module' : 'local';
  if (declaration.kind === 'other') return `other@${where}`;
  return `${declaration.kind}@${declaration.node.loc.start.line}:${declaration.node.loc.start.column}@${where}`;
}

/**
 * Every identifier the scope manager holds a reference for, with what each answer says it refers to,
 * where the bindings alone give an answer: the two must agree on every use.
 */
function disagreements(code: string, file?: string): string[] {
  const sourceCode = linked(code, file);
  const bindings = new NameBindings(sourceCode.ast);
  const found: string[] = [];
  for (const scope of sourceCode.scopeManager.scopes) {
    for (const reference of scope.references) {
      const identifier = reference.identifier as TSESTree.Identifier;
      if (identifier.type !== 'Identifier') continue;
      const cheap = bindings.declarationAt(identifier);
      if (!cheap) continue;
      const [fast, exact] = [describeDeclaration(cheap), describeDeclaration(declarationFromScopes(identifier, sourceCode))];
      if (fast !== exact) found.push(`${identifier.name} at ${identifier.loc.start.line}:${identifier.loc.start.column}: bindings say ${fast}, scopes say ${exact}`);
    }
  }
  return found;
}

const SHADOWING_SERVICE = `
import { Pool } from 'pg';
import * as fs from 'node:fs';
import express, { Router } from 'express';

const pool = new Pool();
let requests = 0;
var legacy = require('./legacy');

export async function handler(req: Request, pool: Pool) {
  const client = await pool.connect();
  try {
    for (let i = 0; i < 3; i++) { const row = await client.query('select 1'); requests += row.rowCount; }
    for (const file of ['a', 'b']) fs.unlinkSync(file);
  } catch (err) {
    const { message, code = 'E' } = err as { message: string; code?: string };
    log(message, code, err);
  } finally {
    client.release();
  }
  if (requests > 10) { var late = 1; function inner() { return late + requests; } inner(); }
  return late;
}

function log(...parts: unknown[]) { console.log(parts, legacy, Promise.resolve(1)); }

switch (requests) {
  case 1: { let pool = 2; log(pool); break; }
  case 2: const pool2 = 3; log(pool2);
}

const router = Router();
router.get('/x', (req, res) => { const handler = () => res.send(req.url); handler(); });
interface Client { id: string }
const Client = { make: (id: string): Client => ({ id }) };
namespace Legacy { var inside = 1; export const read = () => inside; }
export default express;
class Store { cache = new Map(); get(key: string) { const cache = this.cache; return cache.get(key) ?? missing; } }
new Store().get(typeof undefinedName);
`;

const COMMONJS_SCRIPT = `
'use strict';
const fs = require('fs');
var tmp = require('os').tmpdir();
function remove(path) { fs.unlinkSync(path); }
module.exports = function cleanup(files, done) {
  var tmp = files[0];
  files.forEach(function each(file) { remove(file); });
  try { remove(tmp); } catch (e) { done(e); }
  (function () { var arguments_ = arguments; remove(arguments_[0]); })();
};
exports.tmp = tmp;
`;

describe('name-bindings', () => {
  it('agrees with the scope manager on every use it answers, in a module with shadowing, patterns, blocks and types', () => {
    assert.deepEqual(disagreements(SHADOWING_SERVICE), []);
  });

  it('agrees with the scope manager in a CommonJS script, where top-level names live in the global scope', () => {
    assert.deepEqual(disagreements(COMMONJS_SCRIPT, 'lib/cleanup.js'), []);
  });

  it('answers most uses in these files without the scope manager', () => {
    const sourceCode = linked(SHADOWING_SERVICE);
    const bindings = new NameBindings(sourceCode.ast);
    let answered = 0;
    let total = 0;
    for (const scope of sourceCode.scopeManager.scopes) {
      for (const reference of scope.references) {
        total++;
        if (bindings.declarationAt(reference.identifier as TSESTree.Identifier)) answered++;
      }
    }
    assert.ok(answered / total > 0.8, `answered ${answered} of ${total}`);
  });

  it('reads a module-level variable, a parameter that shadows it and a global without analysing scopes', () => {
    const sourceCode = linked(`
      import { EventEmitter } from 'node:events';
      const bus = new EventEmitter();
      export function onRequest(bus: EventEmitter) { bus.on('x', () => undefined); process.on('exit', () => undefined); }
      bus.on('y', () => undefined);
    `);
    const uses = identifiersNamed(sourceCode, 'bus').filter((id) => id.parent?.type === 'MemberExpression');
    assert.deepEqual(uses.map((id) => describeDeclaration(declarationOf(id, sourceCode))), ['other@local', 'variable@3:12@module']);
    assert.equal(declarationOf(identifiersNamed(sourceCode, 'process')[0], sourceCode).kind, 'global');
    assert.equal(sourceCode.analyses, 0);
  });

  it('asks the scope manager when a name is declared twice in one region', () => {
    const sourceCode = linked('function f() { var x = 1; var x = 2; return x; }', 'lib/f.js');
    const use = identifiersNamed(sourceCode, 'x').at(-1)!;
    assert.equal(new NameBindings(sourceCode.ast).declarationAt(use), undefined);
    assert.equal(declarationOf(use, sourceCode).kind, 'other');
    assert.ok(sourceCode.analyses > 0);
  });

  it('gives no variable for a name the file never binds, without analysing scopes', () => {
    const sourceCode = linked('setTimeout(() => Promise.resolve(missing), 10);');
    for (const name of ['setTimeout', 'Promise', 'missing']) assert.equal(resolveVariable(identifiersNamed(sourceCode, name)[0], sourceCode), null);
    assert.equal(sourceCode.analyses, 0);
  });

  it('finds the reads of each binding of a name bound twice, as the scope manager does', () => {
    const sourceCode = linked(`
      function task() { return 1; }
      export function schedule(jobs: string[]) { const task = () => jobs.length; return task() + task(); }
      setInterval(task, 1000);
      task();
    `);
    const bindings = new NameBindings(sourceCode.ast);
    const [outer, inner] = identifiersNamed(sourceCode, 'task').filter((id) => id.parent?.type === 'FunctionDeclaration' || id.parent?.type === 'VariableDeclarator');
    const lines = (reads: readonly TSESTree.Identifier[] | undefined) => reads?.map((r) => r.loc.start.line);
    assert.deepEqual(lines(bindings.readsOfBinding(outer)), [4, 5]);
    assert.deepEqual(lines(bindings.readsOfBinding(inner)), [3, 3]);
    const fromScopes = (binding: TSESTree.Identifier) => sourceCode.scopeManager.getDeclaredVariables(binding.parent!)
      .flatMap((v) => v.references.filter((r) => r.isRead()).map((r) => r.identifier.loc.start.line));
    assert.deepEqual([fromScopes(outer), fromScopes(inner)], [[4, 5], [3, 3]]);
  });

  it('finds the reads of a name bound once, and none for a name bound twice', () => {
    const sourceCode = linked('const a = 1; use(a, a); function g(b) { return b; } function h(b) { return b; }');
    const bindings = new NameBindings(sourceCode.ast);
    assert.equal(bindings.readsOf('a')?.length, 2);
    assert.equal(bindings.readsOf('b'), undefined);
    assert.equal(bindings.isUnbound('use'), true);
    assert.equal(bindings.isUnbound('a'), false);
  });
});

function identifiersNamed(sourceCode: SourceCode, name: string): TSESTree.Identifier[] {
  const found: TSESTree.Identifier[] = [];
  traverse(sourceCode.ast, (node, phase) => { if (phase === 'enter' && node.type === 'Identifier' && node.name === name) found.push(node); });
  return found;
}
