import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { runOpslint } from '../helpers/cli-process';
import { TempWorkspace } from '../helpers/temp-workspace';

interface JsonResult { filePath: string; messages: Array<{ ruleId: string; line: number; message: string }> }

describe('opslint --cache (process)', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.remove());

  const lint = (...args: string[]) => {
    const run = runOpslint(['--format', 'json', ...args, '.'], { cwd: ws.root, testRules: false });
    const results = JSON.parse(run.stdout) as JsonResult[];
    return { status: run.status, stderr: run.stderr, byFile: new Map(results.map((r) => [r.filePath.slice(ws.root.length + 1), r.messages])) };
  };

  it('reports in the cached, unchanged a.ts the cycle that an edit of b.ts closes', () => {
    ws = new TempWorkspace({
      'opslint.config.json': JSON.stringify({ root: true, rules: { 'coupling/no-import-cycle': 'error' } }),
      'a.ts': "import { b } from './b';\nexport const a = b;",
      'b.ts': 'export const b = 1;',
    });
    const first = lint('--cache', '--cache-location', 'tmp/');
    assert.equal(first.status, 0, first.stderr);
    assert.ok(fs.existsSync(ws.path('tmp/.opslintcache')), 'the cache is written in the folder given');

    ws.write('b.ts', "import { a } from './a';\nexport const b = a;");
    const second = lint('--cache', '--cache-location', 'tmp/');
    assert.equal(second.status, 1);
    assert.deepEqual(second.byFile.get('a.ts')!.map((m) => `${m.ruleId}:${m.line}`), ['coupling/no-import-cycle:1']);
    assert.match(second.byFile.get('a.ts')![0].message, /a\.ts → b\.ts → a\.ts/);

    ws.write('b.ts', 'export const b = 1;');
    const third = lint('--cache', '--cache-location', 'tmp/');
    assert.equal(third.status, 0, 'the cycle is gone again, though a.ts is still cached');
  });

  it('a cache that cannot be written is a notice, not a failure', () => {
    ws = new TempWorkspace({ 'opslint.config.json': JSON.stringify({ root: true, rules: {} }), 'a.ts': 'export const a = 1;', 'blocker': 'a file where the cache folder would be' });
    const run = lint('--cache', '--cache-location', 'blocker/cache.json');
    assert.equal(run.status, 0);
    assert.match(run.stderr, /could not write the cache/);
  });
});
