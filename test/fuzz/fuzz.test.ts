import * as assert from 'node:assert/strict';
import { runFuzz } from './run-fuzz';

/**
 * A fixed slice of `npm run fuzz`: 3,000 programs, seed 1 (55-60 s measured on the shared 2-core
 * machine under load). OPSLINT_FUZZ_COUNT / OPSLINT_FUZZ_SEED run another slice.
 */
const COUNT = Number(process.env.OPSLINT_FUZZ_COUNT ?? 3000);
const SEED = Number(process.env.OPSLINT_FUZZ_SEED ?? 1);

describe('fuzzing: random programs with every rule on', function () {
  this.timeout(600_000);

  it(`${COUNT} programs (seed ${SEED}): no rule throws, fixes and suggestions parse and stay in range, fixing converges`, () => {
    const report = runFuzz(COUNT, SEED);
    const failures = report.failing.flatMap(({ index, program, failures: f }) => f.map((x) => `program ${index} (${program.origin}): ${x.kind} ${x.ruleId}: ${x.detail}`));
    assert.deepEqual(failures, [], 'reproduce with: npm run fuzz -- --count N --seed S (it minimizes)');
    assert.ok(report.programs - report.unparsable > COUNT * 0.8, `most programs must parse, or the fuzzer tests nothing (${report.unparsable} of ${report.programs} did not)`);
  });
});
