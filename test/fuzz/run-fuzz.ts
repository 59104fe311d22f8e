/**
 * The fuzzing loop shared by `npm run fuzz` and the CI test: generate, check, collect. Program i is
 * a pure function of (seed, i), so any split of the indexes over threads checks the same programs;
 * `collect` builds the report in index order, so the split does not show in it either.
 */
import { allRules } from '../../rules';
import { engineSetup } from '../helpers/lint-with';
import { checkProgram, type FuzzFailure, type FuzzSetup } from './check-program';
import { corpusFiles, programAt, type Program } from './programs';

export interface FuzzReport {
  programs: number;
  unparsable: number;
  failing: Array<{ index: number; program: Program; failures: FuzzFailure[] }>;
  byOrigin: Record<string, number>;
}

/** What checking one program found; the program text travels only when it failed. */
export interface ProgramOutcome {
  index: number;
  source: string;
  unparsable: boolean;
  failing?: { program: Program; failures: FuzzFailure[] };
}

/** Every rule on at 'error' with default options, as users of opslint:all run them. */
export function fuzzSetup(): FuzzSetup {
  return engineSetup(allRules);
}

/** Checks program `index` of `seed`; a crash of the checker itself names the program so it reproduces. */
export function checkIndex(seed: number, index: number, corpus: readonly string[], setup: FuzzSetup): ProgramOutcome {
  const program = programAt(seed, index, corpus);
  let result: ReturnType<typeof checkProgram>;
  try {
    result = checkProgram(program.text, program.file, setup);
  } catch (error) {
    throw new Error(`program ${index} (seed ${seed}, ${program.origin}) crashed the fuzz checker: ${error instanceof Error ? error.stack : String(error)}`, { cause: error });
  }
  const outcome: ProgramOutcome = { index, source: program.origin.split(' ')[0], unparsable: result === 'unparsable' };
  if (result !== 'unparsable' && result.length > 0) outcome.failing = { program, failures: result };
  return outcome;
}

/** The report over outcomes given in index order. */
export function collect(outcomes: readonly ProgramOutcome[]): FuzzReport {
  const report: FuzzReport = { programs: 0, unparsable: 0, failing: [], byOrigin: {} };
  for (const { index, source, unparsable, failing } of outcomes) {
    report.byOrigin[source] = (report.byOrigin[source] ?? 0) + 1;
    report.programs++;
    if (unparsable) report.unparsable++;
    if (failing) report.failing.push({ index, ...failing });
  }
  return report;
}

/** Programs 0 .. count-1 on this thread: the reference the worker pool (fuzz-pool.ts) must equal. */
export function runFuzz(count: number, seed: number, setup = fuzzSetup(), onProgress?: (done: number) => void): FuzzReport {
  const corpus = corpusFiles();
  const outcomes: ProgramOutcome[] = [];
  for (let index = 0; index < count; index++) {
    outcomes.push(checkIndex(seed, index, corpus, setup));
    onProgress?.(index + 1);
  }
  return collect(outcomes);
}
