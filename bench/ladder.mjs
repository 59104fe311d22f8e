// npm run ladder [-- --quick]: pathological input at sizes too large for CI. Lints each input with
// every rule on, in this process, and prints one Markdown table row per input: parse-only time, lint time, heap after
// the run, and what the engine said (findings, a skip notice, "too deeply nested").
// Needs a build (out/). --quick stops the ladders at 1,000 levels and 1 MiB.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { allRules } = require('../out/rules/index.js');
const { engineSetup } = require('../out/test/helpers/lint-with.js');
const { lintText } = require('../out/rules/core/engine/lint-text.js');
const { parseSource } = require('../out/rules/core/engine/parse.js');
const { NESTING_SHAPES, codeOfSize } = require('../out/test/hardening/shapes.js');

const quick = process.argv.includes('--quick');
const DEPTHS = quick ? [100, 400, 1000] : [100, 400, 1000, 5000, 10000];
const MIB = 1024 * 1024;
const SIZES = quick
  ? [['100 KB', 100 * 1024, false], ['1 MiB', MIB, false]]
  : [['100 KB', 100 * 1024, false], ['1 MiB', MIB, false], ['5 MiB', 5 * MIB, false], ['20 MiB', 20 * MIB, false], ['10 MB, one line', 10_000_000, true]];

const { config, env } = engineSetup(allRules);

function outcome(result) {
  const notes = result.messages.filter((m) => m.ruleId.startsWith('opslint/') || /too deeply nested|^Internal error/.test(m.message));
  if (notes.length === 0) return `${result.messages.length} findings`;
  return notes.map((m) => `${m.ruleId}: ${m.message.split(/[;(]/)[0].trim()}`).join('; ');
}

/** Parse-only time of the same text, so a row reads as a ratio even on a busy machine. */
function parseTime(text, file) {
  const start = performance.now();
  try {
    parseSource(text, file);
  } catch {
    // a text that does not parse still costs what it took
  }
  return performance.now() - start;
}

function measure(label, text, file, maxFileSize) {
  globalThis.gc?.();
  const parseMs = text.length <= maxFileSize ? parseTime(text, file) : 0;
  const start = performance.now();
  const result = lintText(text, file, { ...config, maxFileSize }, env);
  const ms = performance.now() - start;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed / MIB;
  console.log(`| ${label} | ${(text.length / 1024).toFixed(0)} KB | ${(parseMs / 1000).toFixed(2)} s | ${(ms / 1000).toFixed(2)} s | ${heap.toFixed(0)} MB | ${outcome(result)} |`);
}

/** Every row as [label, make text, file, maxFileSize], in table order. */
function rows() {
  const out = [];
  for (const shape of NESTING_SHAPES) {
    for (const depth of DEPTHS) out.push([`${shape.name} × ${depth.toLocaleString('en')}`, () => shape.make(depth), shape.file, config.maxFileSize]);
  }
  for (const [label, bytes, oneLine] of SIZES) {
    // Lint with the limit lifted to measure the engine, then at the default to show the skip notice.
    out.push([`${label} of service code${bytes > config.maxFileSize ? ', maxFileSize lifted' : ''}`, () => codeOfSize(bytes, oneLine), 'big.ts', Number.POSITIVE_INFINITY]);
    if (bytes > config.maxFileSize) out.push([`${label} at the default maxFileSize`, () => codeOfSize(bytes, oneLine), 'big.ts', config.maxFileSize]);
  }
  return out;
}

const rowArg = process.argv.indexOf('--row');
if (rowArg > 0) {
  const [label, make, file, maxFileSize] = rows()[Number(process.argv[rowArg + 1])];
  measure(label, make(), file, maxFileSize);
} else {
  console.log(`Node ${process.version}, ${allRules.length} rules, ${new Date().toISOString().slice(0, 10)}${quick ? ' (quick)' : ''}\n`);
  console.log('| input | size | parse only | lint, all rules | heap after | result |\n| --- | --- | --- | --- | --- | --- |');
  // One process per row: a row that exhausts memory is a row of the table, not the end of the run.
  const all = rows();
  for (let i = 0; i < all.length; i++) {
    const run = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--row', String(i), ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
    if (run.status === 0) process.stdout.write(run.stdout);
    else console.log(`| ${all[i][0]} | | | | | the process died (${run.signal ?? `exit ${run.status}`}): ${(run.stderr.match(/(FATAL ERROR|RangeError|Error)[^\n]*/) ?? [''])[0]} |`);
  }
}
