#!/usr/bin/env node
// The project model's cost: graph build time, its share of total lint time, and the time of an
// incremental update after one import edit, for a generated 2,000-module workspace and (when
// bench/.corpus exists: `bash ../shared/bench/fetch-corpus.sh bench/.corpus`) the pinned corpus.
//
//   per-file lint   lintSource with every rule on (opslint:all); the parse is in here, once
//   facts           extractFacts on the AST lintSource returned (no second parse)
//   graph build     module resolution of every import + components (cold resolver and fs cache)
//   project rules   every project rule over the graph
//   graph share     (facts + graph build + project rules) / (all four)
//   update          ProjectModel.fileChanged after adding one import to a module: re-link that
//                   module, recompute affected components, rerun project rules, diff findings
//                   (extractFacts of the edited file's AST included; its parse is the per-file
//                   lint's, which the server does anyway). Median of 21 edits.
// Needs a build first (npx tsc -p .): it loads the compiled code from out/.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(repoRoot, 'out', p));
const { allRules } = out('rules/index.js');
const { createRegistry } = out('rules/core/registry.js');
const { mergeOptions } = out('rules/core/config/rule-options.js');
const { DEFAULT_MAX_FILE_SIZE } = out('rules/core/config/file-config.js');
const { lintSource } = out('rules/core/engine/lint-text.js');
const { parseSource } = out('rules/core/engine/parse.js');
const { extractFacts } = out('rules/core/project/module-facts.js');
const { ModuleResolver } = out('rules/core/project/module-resolver.js');
const { ProjectGraph } = out('rules/core/project/project-graph.js');
const { ProjectModel } = out('rules/core/project/project-model.js');
const { runProjectRules } = out('rules/core/project/run-project-rules.js');
const { isProjectRule } = out('rules/core/project/project-rule.js');

const registry = createRegistry(allRules);
const projectRules = allRules.filter(isProjectRule);
const config = {
  rules: new Map(allRules.map((r) => [r.meta.opslint.id, { severity: 1, options: mergeOptions(r.meta.defaultOptions, []) }])),
  settings: {},
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};
const ms = (x) => `${x.toFixed(1)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A workspace of `count` modules in folders of 50: relative, .js-suffixed, tsconfig-paths, type-only and require imports, cycles within folders. */
function generateWorkspace(count) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'opslint-graph-bench-'));
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@app/*': ['src/*'] } } }));
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const name = (i) => `src/f${Math.floor(i / 50)}/m${i}`;
  for (let i = 0; i < count; i++) {
    const lines = [];
    const targets = new Set();
    const fanOut = 3 + Math.floor(random() * 6);
    // Mostly downward imports (a layered codebase); 2 % upward within the module's own folder: local cycles.
    const folderStart = i - (i % 50);
    while (targets.size < fanOut) {
      const target = random() < 0.02 && i > folderStart ? folderStart + Math.floor(random() * (i - folderStart)) : i + 1 + Math.floor(random() * 200);
      if (target < count && target !== i) targets.add(target);
    }
    let k = 0;
    const used = [];
    for (const t of targets) {
      const rel = path.relative(path.dirname(name(i)), name(t));
      const spec = rel.startsWith('.') ? rel : `./${rel}`;
      const style = k++ % 5;
      if (style === 0) { lines.push(`import { v${t} } from '${spec}.js';`); used.push(`v${t}`); }
      else if (style === 1) { lines.push(`import { v${t} as w${t} } from '@app/${name(t).slice(4)}';`); used.push(`w${t}`); }
      else if (style === 2) lines.push(`import type { T${t} } from '${spec}';`);
      else if (style === 3) { lines.push(`const { v${t}: r${t} } = require('${spec}');`); used.push(`r${t}`); }
      else { lines.push(`import { v${t} as x${t} } from '${spec}';`); used.push(`x${t}`); }
    }
    lines.push(`export const uses${i} = [${used.join(', ')}];`);
    lines.push(`export type T${i} = { id: string; n: number };`);
    lines.push(`export const v${i} = ${i};`);
    for (let f = 0; f < 6; f++) {
      lines.push(`export async function f${i}_${f}(input: T${i}): Promise<number> {`);
      lines.push(`  try {`, `    const r = await fetch('/api/' + input.id, { signal: AbortSignal.timeout(1000) });`, `    return (await r.json()).n + input.n + ${f};`);
      lines.push(`  } catch (error) {`, `    console.error('f${f} failed', error);`, `    throw error;`, `  }`, `}`);
    }
    const file = path.join(root, `${name(i)}.ts`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
  return { root, files: Array.from({ length: count }, (_, i) => path.join(root, `${name(i)}.ts`)) };
}

function measure(label, root, files, texts) {
  const env = { registry, cwd: root };
  let lintMs = 0;
  let factsMs = 0;
  const modules = [];
  const asts = new Map();
  for (const file of files) {
    const text = texts.get(file);
    let t = performance.now();
    const { sourceCode } = lintSource(text, file, config, env);
    lintMs += performance.now() - t;
    if (!sourceCode) continue;
    t = performance.now();
    modules.push([file, extractFacts(sourceCode.ast, file, text)]);
    factsMs += performance.now() - t;
    asts.set(file, sourceCode.ast);
  }
  let t = performance.now();
  const graph = ProjectGraph.build(new ModuleResolver(root), modules);
  const buildMs = performance.now() - t;
  t = performance.now();
  const run = runProjectRules(graph, projectRules, () => config, root);
  const rulesMs = performance.now() - t;
  const total = lintMs + factsMs + buildMs + rulesMs;
  const findings = [...run.byFile.values()].flat();
  const edges = modules.reduce((n, [, f]) => n + f.imports.length, 0);
  console.log(`\n${label}: ${modules.length} modules, ${edges} imports, ${graph.cycles().length} cycles, ${findings.length} project findings`);
  console.log(`  per-file lint   ${ms(lintMs)}`);
  console.log(`  facts           ${ms(factsMs)}`);
  console.log(`  graph build     ${ms(buildMs)}`);
  console.log(`  project rules   ${ms(rulesMs)}`);
  console.log(`  graph share     ${((100 * (factsMs + buildMs + rulesMs)) / total).toFixed(1)} % of ${ms(total)} (goal < 10 %)`);

  const model = new ProjectModel({ root, rules: projectRules, configFor: () => config }, modules);
  const byFile = new Map(modules);
  const times = [];
  const cpuTimes = [];
  const candidates = modules.map(([f]) => f).filter((f) => texts.get(f) !== undefined);
  for (let i = 0; i < 21; i++) {
    const file = candidates[(i * 97) % candidates.length];
    const target = candidates[(i * 131 + 7) % candidates.length];
    let spec = path.relative(path.dirname(file), target).replace(/\.[cm]?[jt]sx?$/, '');
    if (!spec.startsWith('.')) spec = `./${spec}`;
    const text = `import * as __edit${i} from '${spec}';\nconsole.log(__edit${i});\n${texts.get(file)}`;
    const ast = parseSource(text, file); // the server's per-file lint parses the edited text anyway
    const start = performance.now();
    const cpu = process.cpuUsage();
    const update = model.fileChanged(file, extractFacts(ast, file, text));
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    if (i === 0) console.log(`  (first edit: ${update.changedFiles.length} file(s) with changed project findings)`);
    model.fileChanged(file, byFile.get(file)); // undo, so every edit starts from the same graph
  }
  console.log(`  update          ${ms(median(times))} median, ${ms(Math.max(...times))} max wall; ${ms(median(cpuTimes))} median CPU; after one import edit (goal < 20 ms)`);
}

console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores: wall times stretch with it, shares do not`);
const generated = generateWorkspace(2000);
try {
  const texts = new Map(generated.files.map((f) => [f, readFileSync(f, 'utf8')]));
  measure('generated workspace', generated.root, generated.files, texts);
} finally {
  rmSync(generated.root, { recursive: true, force: true });
}

const corpus = path.join(repoRoot, 'bench', '.corpus');
if (existsSync(path.join(corpus, 'FILES.txt'))) {
  const files = readFileSync(path.join(corpus, 'FILES.txt'), 'utf8').split('\n').filter(Boolean).map((f) => path.join(corpus, f));
  measure('corpus', corpus, files, new Map(files.map((f) => [f, readFileSync(f, 'utf8')])));
} else {
  console.log('\ncorpus: bench/.corpus is absent (bash ../shared/bench/fetch-corpus.sh bench/.corpus)');
}
