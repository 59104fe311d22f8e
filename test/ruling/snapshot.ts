/**
 * Ruling snapshots: the findings of one corpus package as test/ruling/expected/<name>.json, one
 * finding per line as [path, line, column, ruleId, messageId], sorted. Message text is left out so
 * that rewording a message does not churn every snapshot; the id says which message it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

export const EXPECTED_DIR = path.join(REPO_ROOT, 'test', 'ruling', 'expected');

export type Row = [file: string, line: number, column: number, ruleId: string, messageId: string | null];

export interface Snapshot {
  package: string;
  findings: Row[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function compareRows(a: Row, b: Row): number {
  return compareText(a[0], b[0]) || a[1] - b[1] || a[2] - b[2] || compareText(a[3], b[3]) || compareText(a[4] ?? '', b[4] ?? '');
}

export function snapshotPath(name: string): string {
  return path.join(EXPECTED_DIR, `${name}.json`);
}

export function formatSnapshot(snapshot: Snapshot): string {
  const rows = [...snapshot.findings].sort(compareRows).map((r) => `    ${JSON.stringify(r)}`);
  const findings = rows.length === 0 ? '[]' : `[\n${rows.join(',\n')}\n  ]`;
  return `{\n  "package": ${JSON.stringify(snapshot.package)},\n  "findings": ${findings}\n}\n`;
}

export function readSnapshot(name: string): Snapshot | undefined {
  const file = snapshotPath(name);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot) : undefined;
}

/** Snapshot names in the repo, known when the test file loads (mocha declares tests synchronously). */
export function snapshotNames(): string[] {
  if (!fs.existsSync(EXPECTED_DIR)) return [];
  return fs.readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

const key = (r: Row) => JSON.stringify(r);

/** Rows of `b` missing from `a`, counted as a multiset (the same finding can occur twice). */
function missing(a: readonly Row[], b: readonly Row[]): Row[] {
  const counts = new Map<string, number>();
  for (const r of a) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return b.filter((r) => {
    const n = counts.get(key(r)) ?? 0;
    if (n > 0) counts.set(key(r), n - 1);
    return n === 0;
  });
}

export function diffRows(expected: readonly Row[], actual: readonly Row[]): { added: Row[]; removed: Row[] } {
  return { added: missing(expected, actual).sort(compareRows), removed: missing(actual, expected).sort(compareRows) };
}

const LISTED = 40;
const MESSAGE_CHARS = 140;

/** `+`/`-` lines per finding (with the message text of added ones, which is what a reviewer needs), repeats counted, capped. */
export function describeDiff(diff: { added: Row[]; removed: Row[] }, messageOf: (row: Row) => string | undefined): string {
  const lines: string[] = [];
  const list = (sign: string, rows: Row[]) => {
    const counts = new Map<string, { row: Row; n: number }>();
    for (const r of rows) {
      const entry = counts.get(key(r));
      if (entry) entry.n++;
      else counts.set(key(r), { row: r, n: 1 });
    }
    const groups = [...counts.values()];
    for (const { row: r, n } of groups.slice(0, LISTED)) {
      const text = sign === '+' ? messageOf(r)?.slice(0, MESSAGE_CHARS) : undefined;
      lines.push(`  ${sign} ${r[0]}:${r[1]}:${r[2]}  ${r[3]} (${r[4] ?? 'no message id'})${n > 1 ? ` x${n}` : ''}${text ? `  ${text}` : ''}`);
    }
    if (groups.length > LISTED) lines.push(`  ${sign} ... and ${groups.length - LISTED} more locations`);
  };
  list('+', diff.added);
  list('-', diff.removed);
  return lines.join('\n');
}
