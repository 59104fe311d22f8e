#!/usr/bin/env node
// node bench/ci.mjs [--runs N]: wall time of the opslint CLI, as CI runs it, on the pinned corpus.
//   --concurrency 1 vs --concurrency 2    goal: 2 threads <= 0.65x one thread
//   --cache cold vs warm (when the CLI has --cache)    goal: warm <= 5 % of cold
// Each measurement is a fresh `node bin/opslint.js` process (start-up, file search, report
// included: what a CI job pays), --format json to a file, config opslint:all. Runs are
// interleaved and the median is printed. The load average before and after is printed too: on a
// busy machine the parallel figure says little, and this makes that visible.
// Needs a build first (npx tsc -p .). Fetches the corpus into bench/.corpus when it is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = path.join(repoRoot, 'bench', '.corpus');
const bin = path.join(repoRoot, 'bin', 'opslint.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;

function ensureCorpus() {
  if (existsSync(path.join(corpusDir, 'FILES.txt'))) return;
  console.error('Fetching the corpus into bench/.corpus ...');
  const fetched = spawnSync('bash', ['../shared/bench/fetch-corpus.sh', 'bench/.corpus'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (fetched.status !== 0) throw new Error(`fetch-corpus.sh failed with exit code ${fetched.status}`);
}

function lint(extra, scratch) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, '--config', path.join(scratch, 'opslint.config.json'), '--format', 'json', '-o', path.join(scratch, 'report.json'), ...extra, '.'], {
    cwd: corpusDir, encoding: 'utf8', env: { ...process.env, CI: 'true' },
  });
  const wall = performance.now() - started;
  if (run.status !== 0 && run.status !== 1) throw new Error(`opslint ${extra.join(' ')} exited ${run.status}: ${run.stderr}`);
  return { wall, report: readFileSync(path.join(scratch, 'report.json'), 'utf8') };
}

function differingFiles(one, two) {
  const byFile = (report) => new Map(JSON.parse(report).map((r) => [r.filePath, JSON.stringify(r)]));
  const a = byFile(one);
  const b = byFile(two);
  return [...new Set([...a.keys(), ...b.keys()])].filter((f) => a.get(f) !== b.get(f)).map((f) => path.relative(corpusDir, f)).slice(0, 5);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

ensureCorpus();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'opslint-bench-ci-'));
writeFileSync(path.join(scratch, 'opslint.config.json'), JSON.stringify({ root: true, extends: ['opslint:all'] }));
const files = readFileSync(path.join(corpusDir, 'FILES.txt'), 'utf8').split('\n').filter(Boolean).length;
const loadBefore = load();
try {
  const one = [];
  const two = [];
  let reference;
  for (let i = 0; i < runs; i++) {
    const a = lint(['--concurrency', '1'], scratch);
    const b = lint(['--concurrency', '2'], scratch);
    reference ??= a.report;
    // In a shared checkout another engineer's build can change out/ between two runs: name the files.
    if (a.report !== b.report) throw new Error(`--concurrency 2 produced a different report than --concurrency 1 in ${differingFiles(a.report, b.report).join(', ')}`);
    one.push(a.wall);
    two.push(b.wall);
  }
  console.log(`corpus: ${files} files, ${os.availableParallelism()} cores, ${runs} interleaved runs, medians (fresh process each)`);
  console.log(`--concurrency 1   ${seconds(median(one))}   (runs: ${one.map(seconds).join(', ')})`);
  console.log(`--concurrency 2   ${seconds(median(two))}   (runs: ${two.map(seconds).join(', ')})   ratio ${(median(two) / median(one)).toFixed(2)}x (goal <= 0.65x)`);
  const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }).stdout;
  if (help.includes('--cache')) {
    const cacheFile = path.join(scratch, 'cache');
    const cold = [];
    const warm = [];
    for (let i = 0; i < runs; i++) {
      rmSync(cacheFile, { force: true });
      cold.push(lint(['--cache', '--cache-location', cacheFile], scratch).wall);
      const hit = lint(['--cache', '--cache-location', cacheFile], scratch);
      if (hit.report !== reference) throw new Error('a warm --cache run produced a different report');
      warm.push(hit.wall);
    }
    console.log(`--cache cold      ${seconds(median(cold))}`);
    console.log(`--cache warm      ${seconds(median(warm))}   ratio ${(median(warm) / median(cold) * 100).toFixed(1)} % of cold (goal <= 5 %)`);
  } else {
    console.log('--cache: not in this build of the CLI; no cache figures');
  }
  console.log(`load average (1/5/15 min) before: ${loadBefore}; after: ${load()}${os.loadavg()[0] > os.availableParallelism() ? '  — the machine was busy: parallel figures are pessimistic' : ''}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
