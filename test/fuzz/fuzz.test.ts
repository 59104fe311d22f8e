import * as assert from 'node:assert/strict';
import { defaultWorkers, runFuzzInWorkers } from './fuzz-pool';
import { runFuzz } from './run-fuzz';

/**
 * A fixed slice of `npm run fuzz`: 3,000 programs, seed 1, on min(2, cores) worker threads (the
 * same programs and report as one thread). 16-35 s on the shared 2-core machine, where two threads
 * are no faster than one (V8's background compiler already half fills the second core; figures in
 * bench/RESULTS.md). OPSLINT_FUZZ_COUNT / OPSLINT_FUZZ_SEED run another slice;
 * OPSLINT_FUZZ_WORKERS=0 runs it on the test's own thread.
 */
const COUNT = Number(process.env.OPSLINT_FUZZ_COUNT ?? 3000);
const SEED = Number(process.env.OPSLINT_FUZZ_SEED ?? 1);
const WORKERS = Number(process.env.OPSLINT_FUZZ_WORKERS ?? defaultWorkers());

describe('fuzzing: random programs with every rule on', function () {
  this.timeout(600_000);

  it(`${COUNT} programs (seed ${SEED}): no rule throws, fixes and suggestions parse and stay in range, fixing converges`, async () => {
    const report = WORKERS > 0 ? await runFuzzInWorkers(COUNT, SEED, { workers: WORKERS }) : runFuzz(COUNT, SEED);
    const failures = report.failing.flatMap(({ index, program, failures: f }) => f.map((x) => `program ${index} (seed ${SEED}, ${program.origin}): ${x.kind} ${x.ruleId}: ${x.detail}`));
    assert.deepEqual(failures, [], `reproduce and minimize one with: npm run fuzz -- --seed ${SEED} --index I`);
    assert.equal(report.programs, COUNT);
    assert.ok(report.programs - report.unparsable > COUNT * 0.8, `most programs must parse, or the fuzzer tests nothing (${report.unparsable} of ${report.programs} did not)`);
  });
});
