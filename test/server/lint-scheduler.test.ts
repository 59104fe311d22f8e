/** The server's per-document debounce (server/lint-scheduler.ts), with real timers. */
import * as assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { LintScheduler, type IsCurrent, type LintTrigger } from '../../server/lint-scheduler';

/** A debounce long enough that a test waiting for it would time out: what runs before it did not wait. */
const LONG_DEBOUNCE_MS = 60_000;
/** A debounce a test waits out; long enough that a slow machine's pauses do not reach it first. */
const DEBOUNCE_MS = 300;

interface Run { uri: string; trigger: LintTrigger; isCurrent: IsCurrent; finish: () => void }

function scheduler(debounceMs: number): { scheduler: LintScheduler; runs: Run[] } {
  const runs: Run[] = [];
  const lints = new LintScheduler(
    (uri, trigger, isCurrent) => new Promise<void>((finish) => runs.push({ uri, trigger, isCurrent, finish })),
    (uri, error) => assert.fail(`lint of ${uri} failed: ${String(error)}`),
    debounceMs,
  );
  return { scheduler: lints, runs };
}

describe('server: lint scheduling', () => {
  it('lints a lone edit at once, without waiting out the debounce', async () => {
    const { scheduler: lints, runs } = scheduler(LONG_DEBOUNCE_MS);
    lints.schedule('file:///a.ts', 'change');
    await sleep(20);
    assert.equal(runs.length, 1);
    runs[0].finish();
    await sleep(5);
    // Done and quiet again: the next lone edit also lints at once.
    lints.schedule('file:///a.ts', 'change');
    await sleep(20);
    assert.equal(runs.length, 2);
    runs[1].finish();
  });

  it('edits made while a lint runs wait for it, then the newest is linted at once; the running one is stale', async () => {
    const { scheduler: lints, runs } = scheduler(DEBOUNCE_MS);
    lints.schedule('file:///a.ts', 'change');
    await sleep(20);
    assert.equal(runs.length, 1);
    for (let i = 0; i < 5; i++) lints.schedule('file:///a.ts', 'change');
    assert.equal(runs[0].isCurrent(), false);
    // Past the debounce: still waiting, for the running lint and not for a timer.
    await sleep(2 * DEBOUNCE_MS);
    assert.equal(runs.length, 1, 'a lint started while another of the same document ran');
    runs[0].finish();
    await sleep(20);
    assert.equal(runs.length, 2, 'the newest edit was not linted at once when the running lint ended');
    assert.equal(runs[1].isCurrent(), true);
    runs[1].finish();
  });

  it('lints edits sent in one go once', async () => {
    const { scheduler: lints, runs } = scheduler(DEBOUNCE_MS);
    for (let i = 0; i < 5; i++) lints.schedule('file:///a.ts', 'change');
    await sleep(20);
    assert.equal(runs.length, 0, 'the first of edits sent together did not wait for the rest');
    await sleep(2 * DEBOUNCE_MS);
    assert.equal(runs.length, 1);
    runs[0].finish();
  });

  it('keeps documents apart: a burst in one does not delay another', async () => {
    const { scheduler: lints, runs } = scheduler(LONG_DEBOUNCE_MS);
    lints.schedule('file:///a.ts', 'change');
    lints.schedule('file:///a.ts', 'change');
    lints.schedule('file:///b.ts', 'open');
    await sleep(20);
    assert.deepEqual(runs.map((r) => [r.uri, r.trigger]), [['file:///b.ts', 'open']]);
    lints.cancel('file:///a.ts');
    runs[0].finish();
  });
});
