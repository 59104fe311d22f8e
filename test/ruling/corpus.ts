/**
 * The pinned npm corpus the ruling test lints: found in bench/.corpus (or $OPSLINT_CORPUS_DIR),
 * fetched there with ../shared/bench/fetch-corpus.sh when absent, and checked against the
 * manifest's digest so that snapshots are only ever compared against the corpus they were taken on.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

/** DIGEST of fetch-corpus.sh's output (sha256 over `sha256sum` lines of every file). Changes only when its manifest does. */
export const CORPUS_DIGEST = '42ba9493618a541cbb038bcda756105ee7dae82f8ba596dceb8719d1efeeba6c';
const FETCH_SCRIPT = path.join(REPO_ROOT, '..', 'shared', 'bench', 'fetch-corpus.sh');
export const FETCH_TIMEOUT_MS = 10 * 60_000;

export interface CorpusPackage {
  /** npm name and version, e.g. `@grpc/grpc-js@1.14.7`. */
  spec: string;
  /** Folder in the corpus, e.g. `grpc-grpc-js-1.14.7`. */
  dir: string;
  /** Snapshot name: the folder without the version, e.g. `grpc-grpc-js`. */
  name: string;
  lines: number;
}

export interface Corpus {
  dir: string;
  files: string[];
  packages: CorpusPackage[];
}

export function corpusDir(): string {
  return path.resolve(process.env.OPSLINT_CORPUS_DIR || path.join(REPO_ROOT, 'bench', '.corpus'));
}

function fail(dir: string, problem: string, fix: string): never {
  throw new Error(`Ruling corpus at ${dir}: ${problem}\n${fix}`);
}

function fetchCorpus(dir: string): void {
  if (!fs.existsSync(FETCH_SCRIPT)) fail(dir, `it is absent and ${FETCH_SCRIPT} (the script that fetches it) does not exist.`, 'Check out the shared/ folder next to the repository.');
  const run = spawnSync('bash', [FETCH_SCRIPT, dir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: FETCH_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.status === 0) return;
  const why = run.error ? String(run.error) : `exit code ${run.status}${run.signal ? `, signal ${run.signal}` : ''}`;
  const tail = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
  fs.rmSync(dir, { recursive: true, force: true });
  fail(dir, `fetching it with fetch-corpus.sh failed (${why}). The ruling test needs the npm registry (npm pack) the first time, or OPSLINT_CORPUS_DIR set to a fetched corpus.`, `Output:\n${tail || '(none)'}`);
}

function digestOf(dir: string, relativeFiles: readonly string[]): string {
  const lines = relativeFiles.map((f) => `${createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex')}  ${f}\n`);
  return createHash('sha256').update(lines.join('')).digest('hex');
}

function readPackages(dir: string): CorpusPackage[] {
  const rows = fs.readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter((r) => r && !r.startsWith('TOTAL'));
  return rows.map((row) => {
    const [name, version, , lines] = row.split('\t');
    const bare = name.replace(/^@/, '').replace(/\//g, '-');
    return { spec: `${name}@${version}`, dir: `${bare}-${version}`, name: bare, lines: Number(lines) };
  });
}

/** The corpus, fetched if needed and verified; throws with a message that says what to do otherwise. */
export function loadCorpus(): Corpus {
  const dir = corpusDir();
  const complete = fs.existsSync(path.join(dir, 'DIGEST'));
  if (!complete && fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    fail(dir, 'the folder is incomplete (no DIGEST: an earlier fetch stopped half-way).', `Remove it (rm -rf ${dir}) and run the test again.`);
  }
  if (!complete) fetchCorpus(dir);
  const relative = fs.readFileSync(path.join(dir, 'FILES.txt'), 'utf8').split('\n').filter(Boolean);
  const digest = digestOf(dir, relative);
  if (digest !== CORPUS_DIGEST) {
    fail(dir, `its files hash to ${digest}, not the pinned ${CORPUS_DIGEST}: the files were edited or fetch-corpus.sh's manifest changed.`,
      `Remove the folder and run again; if the manifest changed on purpose, update CORPUS_DIGEST in test/ruling/corpus.ts and run npm run ruling:update.`);
  }
  return { dir, files: relative.map((f) => path.join(dir, f)), packages: readPackages(dir) };
}
