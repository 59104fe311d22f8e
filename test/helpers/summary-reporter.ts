/**
 * Mocha's spec reporter plus one closing line `N passed, N failed[, N skipped]`, which CI reads
 * to tell a run that executed no test from a green one.
 */
import * as Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      // After the spec epilogue, which is also written on run end.
      setImmediate(() => process.stdout.write(`\n${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`));
    });
  }
}

export = SummaryReporter;
