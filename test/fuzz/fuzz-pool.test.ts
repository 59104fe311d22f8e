import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runFuzzInWorkers } from './fuzz-pool';
import { checkIndex, runFuzz } from './run-fuzz';
import { useCorpus } from './use-corpus';

const faulty = (fault: string) => ({ script: path.join(__dirname, 'faulty-worker.js'), argv: [fault] });

describe('fuzzing on worker threads', function () {
  this.timeout(60_000);
  useCorpus();

  it('checks the same programs and reports exactly what one thread reports', async () => {
    // 31 programs of seed 5: slices of 16 and 15, all three sources, two that do not parse.
    const serial = runFuzz(31, 5);
    assert.deepEqual([Object.keys(serial.byOrigin).length, serial.unparsable], [3, 2]);
    // JSON, not deepEqual: the key order of byOrigin, which `npm run fuzz` prints, must match too.
    assert.equal(JSON.stringify(await runFuzzInWorkers(31, 5, { workers: 2 })), JSON.stringify(serial));
  });

  it('a crash of the checker itself names the seed and the program', () => {
    const broken = { config: null, env: null } as unknown as Parameters<typeof checkIndex>[3];
    assert.throws(() => checkIndex(1, 4, [], broken), /^Error: program 4 \(seed 1, typescript generator\) crashed the fuzz checker: TypeError/);
  });

  it('a worker that throws fails the run with the seed and the program it was on', async () => {
    await assert.rejects(runFuzzInWorkers(10, 9, { workers: 2, worker: faulty('throw') }),
      /^Error: fuzz worker 1 of 2 \(seed 9\) on program 2: crashed: Error: boom in the checker[\s\S]*npm run fuzz -- --seed 9 --index 2 --workers 0$/);
  });

  it('a worker that exits early fails the run', async () => {
    await assert.rejects(runFuzzInWorkers(10, 9, { workers: 2, worker: faulty('exit') }), /^Error: fuzz worker 1 of 2 \(seed 9\) on program 2: exited with code 3 before finishing its programs/);
  });

  it('a worker that stops answering is stopped and fails the run', async () => {
    await assert.rejects(runFuzzInWorkers(10, 9, { workers: 2, stallMs: 500, worker: faulty('hang') }), /^Error: fuzz worker 1 of 2 \(seed 9\) on program 2: no answer in 0.5 s/);
  });
});
