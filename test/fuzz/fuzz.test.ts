import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { defaultWorkers, runFuzzInWorkers } from './fuzz-pool';
import { runFuzz } from './run-fuzz';
import { useCorpus } from './use-corpus';

/**
 * A fixed slice of `npm run fuzz`: 3,000 programs, seed 1 (the same programs and report on any
 * number of threads). On two cores or fewer it runs on the test's own thread: there two worker
 * threads were slower (median 22.3 s against 17.5 s), since V8's background compiler already half
 * fills the second core and each worker compiles the code again (bench/RESULTS.md); with more
 * cores it uses the pool. OPSLINT_FUZZ_COUNT / OPSLINT_FUZZ_SEED run another slice;
 * OPSLINT_FUZZ_WORKERS=N picks the threads (0: the test's own).
 */
const COUNT = Number(process.env.OPSLINT_FUZZ_COUNT ?? 3000);
const SEED = Number(process.env.OPSLINT_FUZZ_SEED ?? 1);
const WORKERS = Number(process.env.OPSLINT_FUZZ_WORKERS ?? (os.availableParallelism() > 2 ? defaultWorkers() : 0));

describe('fuzzing: random programs with every rule on', function () {
  this.timeout(600_000);
  useCorpus();

  it(`${COUNT} programs (seed ${SEED}): no rule throws, fixes and suggestions parse and stay in range, fixing converges`, async () => {
    const report = WORKERS > 0 ? await runFuzzInWorkers(COUNT, SEED, { workers: WORKERS }) : runFuzz(COUNT, SEED);
    const failures = report.failing.flatMap(({ index, program, failures: f }) => f.map((x) => `program ${index} (seed ${SEED}, ${program.origin}): ${x.kind} ${x.ruleId}: ${x.detail}`));
    assert.deepEqual(failures, [], `reproduce and minimize one with: npm run fuzz -- --seed ${SEED} --index I`);
    assert.equal(report.programs, COUNT);
    assert.ok(report.programs - report.unparsable > COUNT * 0.8, `most programs must parse, or the fuzzer tests nothing (${report.unparsable} of ${report.programs} did not)`);
  });
});
