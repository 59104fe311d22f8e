/** The fuzzing loop shared by `npm run fuzz` and the CI test: generate, check, collect. */
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

/** Every rule on at 'error' with default options, as users of opslint:all run them. */
export function fuzzSetup(): FuzzSetup {
  return engineSetup(allRules);
}

export function runFuzz(count: number, seed: number, setup = fuzzSetup(), onProgress?: (done: number) => void): FuzzReport {
  const corpus = corpusFiles();
  const report: FuzzReport = { programs: 0, unparsable: 0, failing: [], byOrigin: {} };
  for (let index = 0; index < count; index++) {
    const program = programAt(seed, index, corpus);
    const kind = program.origin.split(' ')[0];
    report.byOrigin[kind] = (report.byOrigin[kind] ?? 0) + 1;
    const result = checkProgram(program.text, program.file, setup);
    report.programs++;
    if (result === 'unparsable') report.unparsable++;
    else if (result.length > 0) report.failing.push({ index, program, failures: result });
    onProgress?.(index + 1);
  }
  return report;
}
