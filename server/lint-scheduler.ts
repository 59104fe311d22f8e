/** Why a lint runs. In onSave mode only `change` lints are skipped: open and save ask for one. */
export type LintTrigger = 'open' | 'change' | 'save';

/** Answers whether the job that asked is still the newest one for its document. */
export type IsCurrent = () => boolean;

interface Job {
  timer: NodeJS.Timeout;
  trigger: LintTrigger;
}

/**
 * Debounces lints per document, on the leading edge: a change to a document with no lint waiting
 * or running starts one at once, so a lone keystroke's diagnostics do not wait out the debounce.
 * A change that finds a lint waiting or running (a burst of edits, or typing faster than the lint)
 * restarts the document's timer and marks the running job as stale, so its result is dropped
 * instead of published over a newer version, and the burst is linted once when it goes quiet.
 * A change that overtakes an open or save lint (waiting or still running) inherits its trigger:
 * that lint's result can no longer be published, and in onSave mode a plain change would not lint,
 * so the document would keep showing what it showed before (nothing, after an open) until the next save.
 */
export class LintScheduler {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly run: (uri: string, trigger: LintTrigger, isCurrent: IsCurrent) => Promise<void>,
    private readonly onError: (uri: string, error: unknown) => void,
    private readonly debounceMs: number,
  ) {}

  schedule(uri: string, requested: LintTrigger): void {
    const overtaken = this.jobs.get(uri)?.trigger;
    const trigger = requested === 'change' && overtaken ? overtaken : requested;
    const delay = requested === 'save' || overtaken === undefined ? 0 : this.debounceMs;
    this.cancel(uri);
    const job: Job = {
      trigger,
      timer: setTimeout(() => {
        const isCurrent = () => this.jobs.get(uri) === job;
        this.run(uri, trigger, isCurrent)
          .catch((error: unknown) => this.onError(uri, error))
          .finally(() => {
            if (isCurrent()) this.jobs.delete(uri);
          });
      }, delay),
    };
    this.jobs.set(uri, job);
  }

  cancel(uri: string): void {
    const job = this.jobs.get(uri);
    if (!job) return;
    clearTimeout(job.timer);
    this.jobs.delete(uri);
  }
}
