#!/usr/bin/env node
// npm run bench: lint time against parse-only time on the pinned corpus, in one process.
//
// Fetches the corpus with ../shared/bench/fetch-corpus.sh into bench/.corpus when it is absent,
// reads every file into memory once (file I/O is not measured), then measures, interleaved and
// repeated (--runs N, default 3), reporting medians:
//   parse-only          typescript-estree parse() with loc, range and jsx: ../shared/bench's anchor
//   parseSource         Opslint's own parse (the same, plus comments from extractComments)
//   parse+tokens        typescript-estree with tokens and comments, as ESLint's parser asks for
//   lint (per-file)     lintText with every registry rule at 'warn' (opslint:all)
//   lint (project)      lintProject: per-file rules, module facts, fingerprints and project rules
// The goal is lint (project) / parse-only <= 1.5. A last, separate pass wraps each rule's handlers
// with timers (bench-only; the engine is untouched) and prints the time per rule.
// Needs a build first (npx tsc -p .): it loads the compiled core from out/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(repoRoot, 'out', p));

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const corpusDir = path.join(repoRoot, 'bench', '.corpus');

function ensureCorpus() {
  if (existsSync(path.join(corpusDir, 'FILES.txt'))) return;
  const script = path.join(repoRoot, '..', 'shared', 'bench', 'fetch-corpus.sh');
  if (!existsSync(script)) throw new Error(`no corpus in ${corpusDir} and no ${script} to fetch it with`);
  console.error(`Fetching the corpus into ${path.relative(repoRoot, corpusDir)} ...`);
  const fetched = spawnSync('bash', [script, corpusDir], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (fetched.status !== 0) throw new Error(`fetch-corpus.sh failed with exit code ${fetched.status}`);
}

function loadCorpus() {
  const names = readFileSync(path.join(corpusDir, 'FILES.txt'), 'utf8').split('\n').filter(Boolean);
  const texts = new Map();
  let lines = 0;
  for (const name of names) {
    const file = path.join(corpusDir, name);
    const text = readFileSync(file, 'utf8');
    texts.set(file, text);
    lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  }
  return { texts, lines };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

// A full GC before each measurement, so no run pays for the garbage of the one before it.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

/** Wall and CPU time of fn. CPU time is what the ratio uses: the machines are shared and wall time swings with load. */
function timed(fn) {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = fn();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, result };
}

/** Bench-only: a copy of each rule whose create() and handlers add their time to `totals`. */
function timedRule(rule, totals) {
  const id = rule.meta.opslint.id;
  const add = (start) => totals.set(id, (totals.get(id) ?? 0) + performance.now() - start);
  const wrapped = {
    ...rule,
    create(context) {
      const start = performance.now();
      const listener = rule.create(context);
      add(start);
      const timedListener = {};
      for (const [selector, handler] of Object.entries(listener)) {
        if (!handler) continue;
        timedListener[selector] = (node) => {
          const s = performance.now();
          try {
            handler(node);
          } finally {
            add(s);
          }
        };
      }
      return timedListener;
    },
  };
  if (typeof rule.check === 'function') {
    wrapped.check = (...checkArgs) => {
      const start = performance.now();
      try {
        return rule.check(...checkArgs);
      } finally {
        add(start);
      }
    };
  }
  return wrapped;
}

function main() {
  ensureCorpus();
  const { parseSource } = out('rules/core/engine/parse.js');
  const { parse } = require('@typescript-eslint/typescript-estree');
  const { lintText } = out('rules/core/engine/lint-text.js');
  const { lintProject } = out('rules/core/project/lint-project.js');
  const { ConfigResolver } = out('rules/core/config/config-resolver.js');
  const { mergeOptions } = out('rules/core/config/rule-options.js');
  const { DEFAULT_MAX_FILE_SIZE } = out('rules/core/config/file-config.js');
  const { createRegistry } = out('rules/core/registry.js');
  const { allRules } = out('rules/index.js');

  const { texts, lines } = loadCorpus();
  const files = [...texts.keys()];
  const bytes = [...texts.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);

  const everyRuleAtWarn = (registry) => ({
    rules: new Map([...registry].map(([id, rule]) => [id, { severity: 1, options: mergeOptions(rule.meta.defaultOptions, []) }])),
    settings: {},
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  });
  const registry = createRegistry(allRules);
  const fileConfig = everyRuleAtWarn(registry);
  const env = { registry, cwd: corpusDir };
  const projectOptions = (reg) => ({
    resolver: new ConfigResolver({ root: corpusDir, registry: reg, ruleOverrides: Object.fromEntries([...reg.keys()].map((id) => [id, 'warn'])) }),
    env: { registry: reg, cwd: corpusDir },
    readFile: (file) => texts.get(file),
  });

  const measurements = {
    // The anchor of ../shared/bench (parse-corpus.mjs --mode estree): what the goal is measured against.
    'parse-only': () => {
      let errors = 0;
      for (const [file, text] of texts) {
        const ext = path.extname(file);
        try { parse(text, { filePath: file, loc: true, range: true, jsx: ext === '.tsx' || ext === '.jsx' }); } catch { errors++; }
      }
      return { errors };
    },
    'parseSource (+ comments)': () => {
      for (const [file, text] of texts) {
        try { parseSource(text, file); } catch { /* counted by parse-only */ }
      }
      return {};
    },
    'parse+tokens': () => {
      for (const [file, text] of texts) {
        const ext = path.extname(file);
        try {
          parse(text, { filePath: file, loc: true, range: true, tokens: true, comment: true, jsx: ext === '.tsx' || ext === '.jsx', suppressDeprecatedPropertyWarnings: true, loggerFn: false });
        } catch { /* counted by parse-only */ }
      }
      return {};
    },
    'lint (per-file)': () => {
      let findings = 0;
      for (const [file, text] of texts) findings += lintText(text, file, fileConfig, env).messages.length;
      return { findings };
    },
    'lint (project)': () => {
      const lints = lintProject(files, projectOptions(registry));
      return { findings: lints.reduce((n, l) => n + l.result.messages.length, 0), lints };
    },
  };

  // Warm-up: one unmeasured pass of parsing and of the project lint. Without it the first parse-only
  // run measured ~1.7x the later ones (JIT tiers, heap growth) and skewed that run's ratio.
  console.error('  warm-up ...');
  measurements['parse-only']();
  measurements['lint (project)']();

  const names = Object.keys(measurements);
  const cpuTimes = Object.fromEntries(names.map((k) => [k, []]));
  const wallTimes = Object.fromEntries(names.map((k) => [k, []]));
  const facts = {};
  for (let r = 0; r < runs; r++) {
    for (const [name, measure] of Object.entries(measurements)) {
      const { ms, cpuMs, result } = timed(measure);
      cpuTimes[name].push(cpuMs);
      wallTimes[name].push(ms);
      facts[name] = result;
      console.error(`  run ${r + 1}/${runs} ${name}: cpu ${seconds(cpuMs)}, wall ${seconds(ms)}`);
    }
  }

  const parseMs = median(cpuTimes['parse-only']);
  // Each run's own ratio, then their median: robust to load that changes between runs.
  const ratioOf = (name) => median(cpuTimes[name].map((ms, r) => ms / cpuTimes['parse-only'][r]));
  console.log(`Opslint bench: ${new Date().toISOString()}, ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, node ${process.version}`);
  console.log(`corpus: ${files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB; ${registry.size} rules; medians of ${runs} interleaved runs`);
  console.log(`parse errors: ${facts['parse-only'].errors}`);
  console.log('');
  console.log('| measurement | CPU (median) | wall (median) | ratio to parse-only (median of per-run CPU ratios) |');
  console.log('| --- | --- | --- | --- |');
  for (const name of names) {
    console.log(`| ${name} | ${seconds(median(cpuTimes[name]))} | ${seconds(median(wallTimes[name]))} | ${ratioOf(name).toFixed(2)} |`);
  }
  const ratio = ratioOf('lint (project)');
  console.log('');
  console.log(`lint/parse ratio: ${ratio.toFixed(2)} (goal <= 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER'}; per run: ${cpuTimes['lint (project)'].map((ms, r) => (ms / cpuTimes['parse-only'][r]).toFixed(2)).join(', ')}`);

  const findingsByRule = new Map();
  const crashesByRule = new Map();
  for (const lint of facts['lint (project)'].lints) {
    for (const m of lint.result.messages) {
      // A rule's internal error carries the rule's id with category 'opslint'.
      const tally = m.category === 'opslint' && !m.ruleId.startsWith('opslint/') ? crashesByRule : findingsByRule;
      tally.set(m.ruleId, (tally.get(m.ruleId) ?? 0) + 1);
    }
  }

  // Per-rule time: a separate pass, since timing every handler call costs time of its own.
  const totals = new Map();
  const timedRegistry = createRegistry([...registry.values()].map((rule) => timedRule(rule, totals)));
  const { ms: timedMs } = timed(() => lintProject(files, projectOptions(timedRegistry)));
  console.log('');
  console.log(`per-rule time (wall, one instrumented lint (project) pass of ${seconds(timedMs)}; a rule's time includes lazy scope analysis when it is the first to ask):`);
  console.log('| rule | time | share of the pass | findings |');
  console.log('| --- | --- | --- | --- |');
  for (const [id, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
    console.log(`| ${id} | ${ms.toFixed(0)} ms | ${((ms / timedMs) * 100).toFixed(1)} % | ${findingsByRule.get(id) ?? 0} |`);
  }
  const rulesMs = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`| all rules | ${rulesMs.toFixed(0)} ms | ${((rulesMs / timedMs) * 100).toFixed(1)} % | |`);
  // Where the engine's own time goes, one pass each: the walk with no rules, and scope analysis.
  const { analyze } = require('@typescript-eslint/scope-manager');
  const noRules = { ...fileConfig, rules: new Map() };
  const { cpuMs: bareMs } = timed(() => { for (const [file, text] of texts) lintText(text, file, noRules, env); });
  const { cpuMs: scopeMs } = timed(() => {
    for (const [file, text] of texts) {
      try {
        const ast = parseSource(text, file);
        analyze(ast, { sourceType: ast.sourceType, lib: ['esnext'] });
      } catch { /* parse errors are counted above */ }
    }
  });
  console.log('');
  console.log('engine breakdown (CPU, one pass each, as a ratio to the parse-only median):');
  console.log(`| engine with no rules (parse, walk, suppressions) | ${seconds(bareMs)} | ${(bareMs / parseMs).toFixed(2)} |`);
  console.log(`| parse + scope analysis (what the first getScope() costs) | ${seconds(scopeMs)} | ${(scopeMs / parseMs).toFixed(2)} |`);

  const internal = [...findingsByRule].filter(([id]) => id.startsWith('opslint/'));
  if (internal.length > 0) console.log(`\nengine findings: ${internal.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  if (crashesByRule.size > 0) console.log(`\nRULE CRASHES (internal errors): ${[...crashesByRule].map(([id, n]) => `${id} ${n}`).join(', ')}`);
}

main();
