// npm run fuzz -- --count N --seed S [--save]: lints N random programs (eslump JavaScript, the
// TypeScript generator in test/fuzz/, mutations of the pinned corpus when fetched) with every rule
// on, and checks fixes and suggestions (test/fuzz/check-program.ts). Prints each distinct failure
// (kind + rule) once, minimized; --save writes the minimized programs to test/fuzz/regressions/,
// where test/fuzz/regressions.test.ts keeps them passing. Needs a build (out/).
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { runFuzz, fuzzSetup } = require('../out/test/fuzz/run-fuzz.js');
const { minimize } = require('../out/test/fuzz/minimize.js');
const { signature } = require('../out/test/fuzz/check-program.js');

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

const count = option('count', 1000);
const seed = option('seed', 1);
const save = process.argv.includes('--save');
const setup = fuzzSetup();
const started = Date.now();
const report = runFuzz(count, seed, setup, (done) => {
  if (done % 500 === 0) process.stderr.write(`${done}/${count} programs, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
});
const seconds = (Date.now() - started) / 1000;
console.log(`${report.programs} programs (seed ${seed}) in ${seconds.toFixed(1)} s: ${JSON.stringify(report.byOrigin)}, ${report.unparsable} did not parse to begin with, ${report.failing.length} failed`);

const seen = new Set();
for (const { index, program, failures } of report.failing) {
  for (const failure of failures) {
    const wanted = signature(failure);
    if (seen.has(wanted)) continue;
    seen.add(wanted);
    const small = minimize(program.text, program.file, wanted, setup);
    console.log(`\n## ${wanted} (program ${index}, ${program.origin})\n${failure.detail}\n--- ${program.file}, minimized:\n${small}`);
    if (save) {
      const name = `${failure.kind}-${failure.ruleId.replace('/', '-')}-${crypto.createHash('sha1').update(small).digest('hex').slice(0, 8)}${path.extname(program.file)}`;
      fs.writeFileSync(new URL(`../test/fuzz/regressions/${name}`, import.meta.url), small);
      console.log(`saved test/fuzz/regressions/${name}`);
    }
  }
}
process.exitCode = report.failing.length > 0 ? 1 : 0;
