import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileConfig } from '../../rules/core/config/file-config';
import { LintCache } from '../../rules/core/project/lint-cache';
import type { FileLint } from '../../rules/core/project/lint-project';
import { TempWorkspace } from '../helpers/temp-workspace';

const KEY = { toolVersion: '1.0.0', cwd: '/project' };
const CONFIG: FileConfig = { rules: new Map([['test/no-var', { severity: 2, options: [] }]]), settings: {}, maxFileSize: 1 << 20 };
const lintOf = (filePath: string): FileLint => ({ result: { filePath, messages: [] }, fingerprints: [] });

describe('LintCache (the CLI --cache file)', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.remove());

  /** A cache at ws/cache.json holding a.ts and b.ts, both existing files. */
  function seeded(): { file: string; a: string; b: string } {
    ws = new TempWorkspace({ 'a.ts': 'var a = 1;', 'b.ts': 'var b = 1;' });
    const file = ws.path('cache.json');
    const [a, b] = [ws.path('a.ts'), ws.path('b.ts')];
    const cache = LintCache.open(file, KEY);
    cache.store(a, 'var a = 1;', CONFIG, lintOf(a));
    cache.store(b, 'var b = 1;', CONFIG, lintOf(b));
    cache.save();
    return { file, a, b };
  }

  it('hits on the same text and an equal config (another object), misses on other text or config', () => {
    const { file, a } = seeded();
    const cache = LintCache.open(file, KEY);
    assert.ok(cache.lookup(a, 'var a = 1;', { ...CONFIG }));
    assert.equal(cache.lookup(a, 'var a = 2;', CONFIG), undefined);
    assert.equal(cache.lookup(a, 'var a = 1;', { ...CONFIG, rules: new Map([['test/no-var', { severity: 1, options: [] }]]) }), undefined);
    assert.equal(LintCache.open(file, { ...KEY, toolVersion: '1.0.1' }).lookup(a, 'var a = 1;', CONFIG), undefined);
  });

  it('a run that only hit the cache does not rewrite it', () => {
    const { file, a, b } = seeded();
    const before = fs.readFileSync(file, 'utf8');
    fs.utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const cache = LintCache.open(file, KEY);
    assert.ok(cache.lookup(a, 'var a = 1;', CONFIG) && cache.lookup(b, 'var b = 1;', CONFIG));
    cache.save();
    assert.equal(fs.statSync(file).mtime.getFullYear(), 2000, 'the cache file was written again');
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  it('save drops entries of deleted files, keeps files this run did not look at, and then writes', () => {
    const { file, a, b } = seeded();
    fs.rmSync(a);
    LintCache.open(file, KEY).save();
    const entries = Object.keys((JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: object }).entries);
    assert.deepEqual(entries.map((entry) => path.basename(entry)), [path.basename(b)]);
  });
});
