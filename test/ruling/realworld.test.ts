/**
 * The ruling test on real applications (the SonarJS ruling pattern): the CLI, with the default
 * preset, on the 17 judged applications of ../shared/realworld, scored by that folder's own
 * score.mjs against its hand judgments plus ours (test/ruling/realworld-judgments.json).
 *
 * - Every finding is snapshotted in test/ruling/realworld-expected.json, so a change to the
 *   findings shows as a reviewed diff (accept it with OPSLINT_RULING_UPDATE=1, after judging).
 * - It fails when a finding is unjudged, when the preset's precision falls below the gate, when a
 *   recommended rule falls below its bar, and when recall on the defects found by reading drops.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { OPSLINT_BIN, REPO_ROOT } from '../helpers/paths';
import { compareRows, diffRows, describeDiff, type Row } from './snapshot';

const REALWORLD = path.join(REPO_ROOT, '..', 'shared', 'realworld');
const JUDGMENTS = path.join(REPO_ROOT, 'test', 'ruling', 'realworld-judgments.json');
const EXPECTED = path.join(REPO_ROOT, 'test', 'ruling', 'realworld-expected.json');
const UPDATE = process.env.OPSLINT_RULING_UPDATE === '1';

/** The gates of the default preset (issue 12), and of each rule in it. */
const PRESET_PRECISION = 0.9;
const PRESET_FINDINGS_PER_KLOC = 0.5;
/** Issue 12's done-means bar for each recommended rule (its item 8 aims at 0.9 for membership; see bench/PRECISION.md). */
const RULE_PRECISION = 0.85;
const RULE_FINDINGS_PER_KLOC = 0.3;
/** Issue 13's done-means: recall on defects.json at least 0.70 (41 of 58). */
const DEFECTS_FOUND_AT_LEAST = Math.ceil(0.7 * 58);

interface RuleRow { rule: string; findings: number; perKloc: number; TRUE: number; FALSE: number; unjudged: number }
interface Score { rules: RuleRow[]; summary: Record<string, string>; found: number; unjudgedList: string[] }

function parseScore(stdout: string): Score {
  const rules: RuleRow[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^(\S+\/\S+)\s+(\d+)\s+([\d.]+)\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line.trim());
    if (m) rules.push({ rule: m[1], findings: +m[2], perKloc: +m[3], TRUE: +m[4], FALSE: +m[5], unjudged: +m[6] });
  }
  const last = stdout.trim().split('\n').pop() ?? '';
  const summary = Object.fromEntries([...last.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const found = Number(/\((\d+)\/\d+\)/.exec(last.slice(last.indexOf('recall=')))?.[1] ?? NaN);
  const unjudgedList = stdout.slice(stdout.indexOf('unjudged findings:')).split('\n').slice(1).filter((l) => l.startsWith('  '));
  return { rules, summary, found, unjudgedList };
}

function snapshotRows(reports: string): Row[] {
  // Real paths on both sides: ../shared may be a link, and the linter reports real paths.
  const corpus = fs.realpathSync(path.join(REALWORLD, 'corpus'));
  const rows: Row[] = [];
  for (const file of fs.readdirSync(reports).filter((f) => f.endsWith('.json'))) {
    for (const result of JSON.parse(fs.readFileSync(path.join(reports, file), 'utf8')) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; column: number; messageId?: string }> }>) {
      for (const m of result.messages) rows.push([path.relative(corpus, fs.realpathSync(result.filePath)).split(path.sep).join('/'), m.line, m.column, m.ruleId ?? 'null', m.messageId ?? null]);
    }
  }
  return rows.sort(compareRows);
}

describe('ruling: the default preset on the judged real applications (../shared/realworld)', function () {
  let score: Score;
  let rows: Row[];

  before(function () {
    if (!fs.existsSync(path.join(REALWORLD, 'score.mjs'))) {
      if (process.env.CI) throw new Error(`${REALWORLD} is missing: CI runs with ../shared beside the repository`);
      this.skip();
    }
    this.timeout(10 * 60_000);
    const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'opslint-realworld-'));
    try {
      const stdout = execFileSync(process.execPath, [path.join(REALWORLD, 'score.mjs'), '--list', '--keep', reports, '--judgments', JUDGMENTS, process.execPath, OPSLINT_BIN], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
      score = parseScore(stdout);
      rows = snapshotRows(reports);
      console.log(`      ${stdout.trim().split('\n').pop()}`);
    } finally {
      fs.rmSync(reports, { recursive: true, force: true });
    }
  });

  it('finds what the snapshot holds (after judging a change, accept it with OPSLINT_RULING_UPDATE=1)', () => {
    if (UPDATE) fs.writeFileSync(EXPECTED, `[\n${rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n]\n`);
    const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Row[];
    const { added, removed } = diffRows(expected, rows);
    assert.ok(added.length + removed.length === 0, describeDiff({ added, removed }, () => undefined));
  });

  it('every finding is judged, in ../shared/realworld/judgments.json or test/ruling/realworld-judgments.json', () => {
    assert.equal(score.summary.unjudged, '0', `judge these findings (TRUE/FALSE with the reason) in test/ruling/realworld-judgments.json:\n${score.unjudgedList.join('\n')}`);
  });

  it(`the preset is at least ${PRESET_PRECISION * 100} % right, with at most ${PRESET_FINDINGS_PER_KLOC} findings per 1,000 lines`, () => {
    assert.ok(Number(score.summary.precision) >= PRESET_PRECISION, `precision ${score.summary.precision}`);
    assert.ok(Number(score.summary.findings_per_kloc) <= PRESET_FINDINGS_PER_KLOC, `findings per kloc ${score.summary.findings_per_kloc}`);
  });

  it(`each recommended rule is at least ${RULE_PRECISION * 100} % right, with at most ${RULE_FINDINGS_PER_KLOC} findings per 1,000 lines`, () => {
    const recommended = new Set(allRules.filter((r) => r.meta.docs.recommended).map((r) => r.meta.opslint.id));
    for (const row of score.rules) {
      assert.ok(recommended.has(row.rule), `${row.rule} reported with the default preset but is not recommended`);
      const judged = row.TRUE + row.FALSE;
      assert.ok(judged > 0 && row.TRUE / judged >= RULE_PRECISION, `${row.rule}: ${row.TRUE} of ${judged} judged true; fix it or move it to opslint:all`);
      assert.ok(row.perKloc <= RULE_FINDINGS_PER_KLOC, `${row.rule}: ${row.perKloc} findings per 1,000 lines`);
    }
  });

  it(`finds at least ${DEFECTS_FOUND_AT_LEAST} of the 58 defects of defects.json (recall 0.70)`, () => {
    assert.ok(score.found >= DEFECTS_FOUND_AT_LEAST, `recall ${score.summary.recall}: ${score.found} defects found`);
  });
});
