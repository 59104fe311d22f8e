import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../engine/types';
import { FileError } from '../errors';

/**
 * A baseline records the findings a team accepts today so that only new ones fail CI. Entries are
 * keyed by project-relative path (POSIX) and matched by fingerprint (see fingerprint.ts), never by
 * line. The CLI filters baselined findings out; the language server shows them at a lower severity
 * (`markBaselined`), so the editor agrees with CI.
 */
export const DEFAULT_BASELINE_FILE = 'opslint-baseline.json';
const FORMAT_VERSION = 1;

export interface BaselineEntry {
  ruleId: string;
  fingerprint: string;
  /** For people reviewing the file; not used for matching. */
  message: string;
}

export interface Baseline {
  version: typeof FORMAT_VERSION;
  files: Record<string, BaselineEntry[]>;
}

/** The findings of one linted file with their fingerprints (same order, same length). */
export interface FileFindings {
  relativePath: string;
  findings: readonly Finding[];
  fingerprints: readonly string[];
}

export interface BaselineComparison {
  /** Findings recorded in the baseline: they do not count. */
  baselined: Set<Finding>;
  newCount: number;
  /** Entries whose finding is gone (fixed, or its file deleted), per relative path. */
  fixed: Map<string, BaselineEntry[]>;
}

export function emptyBaseline(): Baseline {
  return { version: FORMAT_VERSION, files: {} };
}

function isEntry(value: unknown): value is BaselineEntry {
  const e = value as BaselineEntry;
  return typeof e === 'object' && e !== null && typeof e.ruleId === 'string' && typeof e.fingerprint === 'string';
}

/** Reads a baseline file; a missing, unreadable or malformed file is a `FileError` naming what to do. */
export function readBaseline(file: string): Baseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new FileError(file, 'baseline not found; create it with opslint --update-baseline');
    throw new FileError(file, `baseline cannot be read: ${code ?? (error as Error).message}; regenerate it with opslint --update-baseline`);
  }
  const baseline = parsed as Baseline;
  const valid = typeof baseline === 'object' && baseline !== null && baseline.version === FORMAT_VERSION
    && typeof baseline.files === 'object' && baseline.files !== null
    && Object.values(baseline.files).every((entries) => Array.isArray(entries) && entries.every(isEntry));
  if (!valid) throw new FileError(file, `is not an Opslint baseline (version ${FORMAT_VERSION}); regenerate it with opslint --update-baseline`);
  return baseline;
}

/** Stable text (sorted paths and entries) so a baseline diffs cleanly in review. */
export function serializeBaseline(baseline: Baseline): string {
  const files = Object.keys(baseline.files).sort()
    .filter((p) => baseline.files[p].length > 0)
    .map((p) => [p, [...baseline.files[p]].sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint))
      .map(({ ruleId, fingerprint, message }) => ({ ruleId, fingerprint, message }))]);
  return `${JSON.stringify({ version: FORMAT_VERSION, files: Object.fromEntries(files) }, null, 2)}\n`;
}

/** Writes atomically: a reader never sees half a baseline. */
export function writeBaseline(file: string, baseline: Baseline): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, serializeBaseline(baseline));
    fs.renameSync(temp, file);
  } catch (error) {
    throw new FileError(file, `cannot write the baseline: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * Fatal findings (parse errors, unreadable files) are never baselined: they mean the file was not
 * analysed, and accepting them would hide every future finding in it.
 */
function recordable(finding: Finding): boolean {
  return !finding.fatal;
}

/** Which of one file's findings the baseline accepts (for the language server's lower severity). */
export function markBaselined(baseline: Baseline, relativePath: string, findings: readonly Finding[], fingerprints: readonly string[]): boolean[] {
  const recorded = new Set((baseline.files[relativePath] ?? []).map((e) => e.fingerprint));
  return findings.map((f, i) => recordable(f) && recorded.has(fingerprints[i]));
}

/**
 * Splits the findings of the linted files into baselined and new, and lists the baseline entries
 * that no longer match anything. Only the linted files and files that no longer exist are judged:
 * a run over part of the project says nothing about the rest.
 */
export function compareWithBaseline(baseline: Baseline, linted: readonly FileFindings[], exists: (relativePath: string) => boolean): BaselineComparison {
  const baselined = new Set<Finding>();
  const fixed = new Map<string, BaselineEntry[]>();
  let newCount = 0;
  const lintedPaths = new Set<string>();
  for (const file of linted) {
    lintedPaths.add(file.relativePath);
    const marks = markBaselined(baseline, file.relativePath, file.findings, file.fingerprints);
    const matched = new Set<string>();
    file.findings.forEach((f, i) => {
      if (marks[i]) { baselined.add(f); matched.add(file.fingerprints[i]); } else newCount++;
    });
    const gone = (baseline.files[file.relativePath] ?? []).filter((e) => !matched.has(e.fingerprint));
    if (gone.length > 0) fixed.set(file.relativePath, gone);
  }
  for (const [relativePath, entries] of Object.entries(baseline.files)) {
    if (!lintedPaths.has(relativePath) && entries.length > 0 && !exists(relativePath)) fixed.set(relativePath, entries);
  }
  return { baselined, newCount, fixed };
}

/** The baseline with every finding of the linted files recorded, replacing their old entries. */
export function recordFindings(baseline: Baseline, linted: readonly FileFindings[], exists: (relativePath: string) => boolean): Baseline {
  const files: Record<string, BaselineEntry[]> = {};
  for (const [relativePath, entries] of Object.entries(baseline.files)) if (exists(relativePath)) files[relativePath] = entries;
  for (const file of linted) {
    files[file.relativePath] = file.findings.flatMap((f, i) => (recordable(f) ? [{ ruleId: f.ruleId, fingerprint: file.fingerprints[i], message: f.message }] : []));
  }
  return { version: FORMAT_VERSION, files };
}

/** The baseline without the entries `compareWithBaseline` found fixed. */
export function pruneFixed(baseline: Baseline, fixed: ReadonlyMap<string, readonly BaselineEntry[]>): Baseline {
  const files: Record<string, BaselineEntry[]> = {};
  for (const [relativePath, entries] of Object.entries(baseline.files)) {
    const gone = new Set(fixed.get(relativePath) ?? []);
    files[relativePath] = entries.filter((e) => !gone.has(e));
  }
  return { version: FORMAT_VERSION, files };
}

export function countEntries(entries: ReadonlyMap<string, readonly BaselineEntry[]> | Record<string, readonly BaselineEntry[]>): number {
  const lists = entries instanceof Map ? [...entries.values()] : Object.values(entries);
  return lists.reduce((sum, list) => sum + list.length, 0);
}
