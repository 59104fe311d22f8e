/**
 * The ruling test: every rule (opslint:all, per-file and project rules) on the pinned npm corpus,
 * through lintProject as the CLI runs it, compared with the findings stored per package in
 * test/ruling/expected/. Any difference fails with the added and removed findings, so each change
 * to a rule shows its effect on real code in review. After reviewing a difference, accept it with
 * `npm run ruling:update` (OPSLINT_RULING_UPDATE=1), which rewrites the snapshots.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { ConfigResolver } from '../../rules/core/config/config-resolver';
import type { Finding } from '../../rules/core/engine/types';
import { lintProject } from '../../rules/core/project/lint-project';
import { createRegistry, presetRules } from '../../rules/core/registry';
import { FETCH_TIMEOUT_MS, loadCorpus, type Corpus } from './corpus';
import { describeDiff, diffRows, formatSnapshot, readSnapshot, snapshotNames, snapshotPath, type Row } from './snapshot';

const UPDATE = process.env.OPSLINT_RULING_UPDATE === '1';
const LINT_TIMEOUT_MS = 5 * 60_000;

interface PackageFindings {
  rows: Row[];
  messages: Map<string, string>;
}

/**
 * Each package is linted as its own project (root and cwd at the package folder), as its owners would
 * run Opslint: project rules then see one program, never modules or counts of the other packages.
 */
function lintCorpus(corpus: Corpus): { byPackage: Map<string, PackageFindings>; broken: string[] } {
  const registry = createRegistry(allRules);
  const rules = Object.fromEntries(presetRules(registry, 'opslint:all'));
  const byPackage = new Map<string, PackageFindings>();
  const broken: string[] = [];
  for (const pkg of corpus.packages) {
    const root = path.join(corpus.dir, pkg.dir);
    const files = corpus.files.filter((f) => f.startsWith(root + path.sep));
    const resolver = new ConfigResolver({ root, registry, ruleOverrides: rules });
    const found: PackageFindings = { rows: [], messages: new Map() };
    for (const { result } of lintProject(files, { resolver, env: { registry, cwd: root } })) {
      const file = path.relative(root, result.filePath).split(path.sep).join('/');
      for (const m of result.messages) {
        const row: Row = [file, m.line, m.column, m.ruleId, m.messageId ?? null];
        found.rows.push(row);
        found.messages.set(JSON.stringify(row), m.message);
        if (isBroken(m)) broken.push(`${pkg.dir}/${file}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
      }
    }
    byPackage.set(pkg.dir, found);
  }
  return { byPackage, broken };
}

/** Internal errors, unparsable or unreadable files: findings about Opslint, never about the code. */
function isBroken(m: Finding): boolean {
  return m.category === 'opslint' && m.ruleId !== 'opslint/unused-suppression';
}

function writeSnapshots(corpus: Corpus, byPackage: Map<string, PackageFindings>): void {
  const names = new Set(corpus.packages.map((p) => p.name));
  for (const stale of snapshotNames().filter((n) => !names.has(n))) fs.rmSync(snapshotPath(stale));
  for (const p of corpus.packages) {
    const before = readSnapshot(p.name)?.findings ?? [];
    const rows = byPackage.get(p.dir)!.rows;
    const { added, removed } = diffRows(before, rows);
    fs.mkdirSync(path.dirname(snapshotPath(p.name)), { recursive: true });
    fs.writeFileSync(snapshotPath(p.name), formatSnapshot({ package: p.spec, findings: rows }));
    if (added.length + removed.length > 0) console.log(`      ruling:update ${p.name}: +${added.length} -${removed.length} (${rows.length} findings)`);
  }
}

describe('ruling: all rules on the pinned npm corpus', function () {
  let corpus: Corpus;
  let byPackage: Map<string, PackageFindings>;
  let broken: string[];

  before(function () {
    this.timeout(FETCH_TIMEOUT_MS + LINT_TIMEOUT_MS);
    corpus = loadCorpus();
    const cpu = process.cpuUsage();
    const start = Date.now();
    ({ byPackage, broken } = lintCorpus(corpus));
    const used = process.cpuUsage(cpu);
    const lines = corpus.packages.reduce((n, p) => n + p.lines, 0);
    console.log(`      linted ${corpus.files.length} files, ${lines} lines in ${((Date.now() - start) / 1000).toFixed(1)} s (CPU ${((used.user + used.system) / 1e6).toFixed(1)} s)`);
    if (UPDATE) writeSnapshots(corpus, byPackage);
  });

  it('every file parses and no rule fails with an internal error', () => {
    assert.equal(broken.length, 0, `Findings about Opslint itself, not the code:\n${broken.slice(0, 20).join('\n')}`);
  });

  it('every corpus package has a snapshot and every snapshot a package', () => {
    const names = corpus.packages.map((p) => p.name).sort();
    assert.deepEqual(snapshotNames(), names, 'Snapshots in test/ruling/expected/ do not match the corpus packages: run npm run ruling:update.');
  });

  for (const name of snapshotNames()) {
    it(`${name}: findings match test/ruling/expected/${name}.json`, () => {
      const pkg = corpus.packages.find((p) => p.name === name);
      assert.ok(pkg, `test/ruling/expected/${name}.json belongs to no corpus package: run npm run ruling:update.`);
      const expected = readSnapshot(name)!;
      const found = byPackage.get(pkg.dir)!;
      assert.equal(expected.package, pkg.spec, `The snapshot was taken on ${expected.package}, the corpus holds ${pkg.spec}: run npm run ruling:update.`);
      const diff = diffRows(expected.findings, found.rows);
      if (diff.added.length + diff.removed.length === 0) return;
      assert.fail(
        `${pkg.spec}: ${diff.added.length} finding(s) added, ${diff.removed.length} removed against test/ruling/expected/${name}.json.\n` +
        `Review each; if the change is intended, run npm run ruling:update and commit the snapshot.\n` +
        describeDiff(diff, (row) => found.messages.get(JSON.stringify(row))),
      );
    });
  }
});
