import * as assert from 'node:assert/strict';
import { simpleTraverse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { parseSource } from '../../../rules/core/engine/parse';
import { SourceCode } from '../../../rules/core/engine/source-code';
import type { Node } from '../../../rules/core/engine/types';
import { valueOrigins } from '../../../rules/core/knowledge/value-origins';
import { moduleBindings } from '../../../rules/utils/imports';

/** The origins of the receiver of the last `.probe()` call in the text, sorted, or 'unknown'. */
function originsOfProbe(text: string): string {
  const ast = parseSource(text, 'a.ts');
  simpleTraverse(ast, { enter() { /* parents only */ } }, true);
  let receiver: Node | undefined;
  simpleTraverse(ast, {
    enter(node) {
      if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression'
        && node.callee.property.type === 'Identifier' && node.callee.property.name === 'probe') receiver = (node.callee as TSESTree.MemberExpression).object;
    },
  });
  assert.ok(receiver, 'the text calls .probe()');
  const origins = valueOrigins(receiver, { sourceCode: new SourceCode(text, ast), bindings: moduleBindings(ast) });
  return origins ? [...origins].sort().join(' ') : 'unknown';
}

describe('valueOrigins', () => {
  it('follows a const initializer to the constructor a require names', () => {
    assert.equal(originsOfProbe("const pg = require('pg');\nconst pool = new pg.Pool();\npool.probe();"), 'pg:Pool');
  });

  it('follows a destructured import and await', () => {
    assert.equal(originsOfProbe("import { createPool } from 'mysql2/promise';\nasync function f() { const p = await createPool({}); p.probe(); }"), 'mysql2/promise:createPool');
  });

  it('reads every assignment of a variable declared without a value', () => {
    assert.equal(originsOfProbe("import pg from 'pg';\nimport mssql from 'mssql';\nlet p;\nfunction a() { p = new pg.Pool(); }\nfunction b() { p = new mssql.ConnectionPool(''); }\np.probe();"), 'mssql:ConnectionPool pg:Pool');
  });

  it('follows this.name to the class field and to assignments in methods', () => {
    assert.equal(originsOfProbe("import { Pool } from 'pg';\nclass R {\n  pool = new Pool();\n  reset() { this.pool = new Pool(); }\n  q() { this.pool.probe(); }\n}"), 'pg:Pool');
  });

  it('is unknown for a parameter', () => {
    assert.equal(originsOfProbe('function f(pool) { pool.probe(); }'), 'unknown');
  });

  it('is unknown for an imported value: another module made it', () => {
    assert.equal(originsOfProbe("import pool from './db';\npool.probe();"), 'unknown');
  });

  it('is unknown when one of the assignments is not a module call', () => {
    assert.equal(originsOfProbe("import pg from 'pg';\nlet p = new pg.Pool();\nfunction swap(x) { p = x; }\np.probe();"), 'unknown');
  });

  it('is unknown for a variable never given a value', () => {
    assert.equal(originsOfProbe('let p;\np.probe();'), 'unknown');
  });
});
