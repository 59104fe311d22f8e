#!/usr/bin/env node
// npm run bench: lint time against parse-only time on the pinned corpus, in one process.
//
// Fetches the corpus with ../shared/bench/fetch-corpus.sh into bench/.corpus when it is absent,
// reads every file into memory once (file I/O is not measured), then measures, interleaved and
// repeated (--runs N, default 3), reporting medians:
//   parse-only          Opslint's own parseSource (typescript-estree, the options the engine uses)
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

function timed(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
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
    'parse-only': () => {
      let errors = 0;
      for (const [file, text] of texts) {
        try { parseSource(text, file); } catch { errors++; }
      }
      return { errors };
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

  const times = Object.fromEntries(Object.keys(measurements).map((k) => [k, []]));
  const facts = {};
  for (let r = 0; r < runs; r++) {
    for (const [name, measure] of Object.entries(measurements)) {
      const { ms, result } = timed(measure);
      times[name].push(ms);
      facts[name] = result;
      console.error(`  run ${r + 1}/${runs} ${name}: ${seconds(ms)}`);
    }
  }

  const parseMs = median(times['parse-only']);
  console.log(`Opslint bench: ${new Date().toISOString()}, ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, node ${process.version}`);
  console.log(`corpus: ${files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB; ${registry.size} rules; medians of ${runs} interleaved runs`);
  console.log(`parse errors: ${facts['parse-only'].errors}`);
  console.log('');
  console.log('| measurement | median | ratio to parse-only |');
  console.log('| --- | --- | --- |');
  for (const name of Object.keys(measurements)) {
    const ms = median(times[name]);
    console.log(`| ${name} | ${seconds(ms)} | ${(ms / parseMs).toFixed(2)} |`);
  }
  const ratio = median(times['lint (project)']) / parseMs;
  console.log('');
  console.log(`lint/parse ratio: ${ratio.toFixed(2)} (goal <= 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER'}`);

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
  console.log(`per-rule time (one instrumented pass of ${seconds(timedMs)}; handler time includes the rule's share of lazy scope analysis):`);
  console.log('| rule | time | share of parse-only | findings |');
  console.log('| --- | --- | --- | --- |');
  for (const [id, ms] of [...totals].sort((a, b) => b[1] - a[1])) {
    console.log(`| ${id} | ${ms.toFixed(0)} ms | ${((ms / parseMs) * 100).toFixed(1)} % | ${findingsByRule.get(id) ?? 0} |`);
  }
  const internal = [...findingsByRule].filter(([id]) => id.startsWith('opslint/'));
  if (internal.length > 0) console.log(`\nengine findings: ${internal.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  if (crashesByRule.size > 0) console.log(`\nRULE CRASHES (internal errors): ${[...crashesByRule].map(([id, n]) => `${id} ${n}`).join(', ')}`);
}

main();
