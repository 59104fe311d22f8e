// npm run fuzz -- --count N --seed S [--workers W] [--index I] [--save]: lints N random programs
// (eslump JavaScript, the TypeScript generator in test/fuzz/, mutations of the pinned corpus when
// fetched) with every rule on, and checks fixes and suggestions (test/fuzz/check-program.ts), on W
// worker threads (default min(2, cores); 0 = this thread; program i is the same either way).
// --index I checks program I of seed S alone, to reproduce a failure. Prints each distinct failure
// (kind + rule) once, minimized; --save writes the minimized programs to test/fuzz/regressions/,
// where test/fuzz/regressions.test.ts keeps them passing. Needs a build (out/).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { runFuzz, fuzzSetup, checkIndex, collect } = require('../out/test/fuzz/run-fuzz.js');
const { defaultWorkers, runFuzzInWorkers } = require('../out/test/fuzz/fuzz-pool.js');
const { corpusFiles } = require('../out/test/fuzz/programs.js');
const { minimize } = require('../out/test/fuzz/minimize.js');
const { signature } = require('../out/test/fuzz/check-program.js');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const count = option('count', 1000);
const seed = option('seed', 1);
const workers = option('workers', defaultWorkers());
const only = option('index', undefined);
const save = process.argv.includes('--save');
const setup = fuzzSetup();
const started = Date.now();
const onProgress = (done) => {
  if (done % 500 === 0) process.stderr.write(`${done}/${count} programs, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
};
const report = only !== undefined ? collect([checkIndex(seed, only, corpusFiles(), setup)])
  : workers > 0 ? await runFuzzInWorkers(count, seed, { workers, onProgress }) : runFuzz(count, seed, setup, onProgress);
const seconds = (Date.now() - started) / 1000;
const pool = Math.min(workers, count);
const threads = only !== undefined || workers === 0 ? 'this thread' : `${pool} worker thread${pool === 1 ? '' : 's'}`;
console.log(`${report.programs} programs (seed ${seed}${only !== undefined ? `, index ${only}` : ''}) in ${seconds.toFixed(1)} s on ${threads}: ${JSON.stringify(report.byOrigin)}, ${report.unparsable} did not parse to begin with, ${report.failing.length} failed`);

const seen = new Set();
for (const { index, program, failures } of report.failing) {
  for (const failure of failures) {
    const wanted = signature(failure);
    if (seen.has(wanted)) continue;
    seen.add(wanted);
    const small = minimize(program.text, program.file, wanted, setup);
    console.log(`\n## ${wanted} (program ${index} of seed ${seed}, ${program.origin})\n${failure.detail}\n--- ${program.file}, minimized:\n${small}`);
    if (save) {
      const name = `${failure.kind}-${failure.ruleId.replace('/', '-')}-${crypto.createHash('sha1').update(small).digest('hex').slice(0, 8)}${path.extname(program.file)}`;
      fs.writeFileSync(new URL(`../test/fuzz/regressions/${name}`, import.meta.url), small);
      console.log(`saved test/fuzz/regressions/${name}`);
    }
  }
}
process.exitCode = report.failing.length > 0 ? 1 : 0;
