import { FETCH_TIMEOUT_MS, loadCorpus } from '../ruling/corpus';

/**
 * Registers a mocha `before` that fetches the pinned corpus when it is absent: corpus mutations are
 * one of the fuzzer's three sources, and a fresh clone runs the fuzz tests before the ruling test
 * would fetch it.
 */
export function useCorpus(): void {
  before(function () {
    this.timeout(FETCH_TIMEOUT_MS);
    loadCorpus();
  });
}
