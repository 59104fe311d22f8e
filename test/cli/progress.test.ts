import * as assert from 'node:assert/strict';
import { createProgress, progressWanted } from '../../cli/progress';
import { makeProject, runOpslint, TEST_RULES_CONFIG } from '../helpers/cli-process';

function fakeRun(enabled: boolean) {
  let time = 0;
  const written: string[] = [];
  const progress = createProgress({ total: 200, enabled, write: (t) => written.push(t), now: () => time });
  return { progress, written, at: (ms: number) => { time = ms; } };
}

describe('CLI progress bar', () => {
  it('stays silent for the first second, then draws files done / total and the rate, and clears its line', () => {
    const { progress, written, at } = fakeRun(true);
    at(500); progress.update(50);
    assert.deepEqual(written, [], 'a run under a second shows nothing');
    at(1000); progress.update(100);
    at(1050); progress.update(110);
    assert.equal(written.length, 1, 'redraws are throttled');
    assert.equal(written[0], `\r\u001b[K[${'#'.repeat(12)}${'-'.repeat(12)}] 100/200 files  100 files/s`);
    at(2000); progress.update(200);
    progress.finish();
    assert.equal(written.at(-1), '\r\u001b[K');
  });

  it('draws nothing and clears nothing when disabled', () => {
    const { progress, written, at } = fakeRun(false);
    at(5000); progress.update(100);
    progress.finish();
    assert.deepEqual(written, []);
  });

  it('is wanted on an interactive terminal with the stylish format only, never in CI', () => {
    assert.equal(progressWanted(true, {}, 'stylish'), true);
    assert.equal(progressWanted(false, {}, 'stylish'), false);
    assert.equal(progressWanted(true, { CI: 'true' }, 'stylish'), false);
    for (const format of ['json', 'sarif', 'junit', 'gitlab', 'github']) assert.equal(progressWanted(true, {}, format), false, format);
  });

  it('a CLI process whose stderr is not a terminal writes no progress', () => {
    const project = makeProject({ 'opslint.config.json': TEST_RULES_CONFIG, 'a.ts': 'var a = 1;\n' });
    try {
      const run = runOpslint(['.'], { cwd: project.dir });
      assert.equal(run.stderr, '');
    } finally {
      project.cleanup();
    }
  });
});
