/** Why a lint runs. In onSave mode only `change` lints are skipped: open and save ask for one. */
export type LintTrigger = 'open' | 'change' | 'save';

/** Answers whether the job that asked is still the newest one for its document. */
export type IsCurrent = () => boolean;

interface Job {
  trigger: LintTrigger;
  /** Waiting for quiet (the debounce), or for nothing (a zero delay). */
  timer?: NodeJS.Timeout;
  /** Waiting for this running lint of the same document instead. */
  after?: Promise<void>;
  /** Set when the lint starts; settles when it has finished. */
  finished?: Promise<void>;
}

/**
 * Schedules lints per document. A change to a document with no lint waiting or running lints it at
 * once: a lone keystroke's diagnostics do not wait out a debounce. A change that finds a lint
 * waiting for its timer (edits sent together) restarts the debounce, so the burst is linted once.
 * A change that finds a lint running (typing faster than the lint) waits for that lint to end and
 * then lints at once: on the one lint thread it would have waited for it anyway. Either way the
 * older job stops being current, so its result is dropped instead of published over a newer version.
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
    const previous = this.jobs.get(uri);
    const trigger = requested === 'change' && previous ? previous.trigger : requested;
    this.cancel(uri);
    const job: Job = { trigger };
    this.jobs.set(uri, job);
    const running = previous?.finished ?? previous?.after;
    if (requested === 'save' || previous === undefined) {
      job.timer = setTimeout(() => this.start(uri, job), 0);
    } else if (running) {
      job.after = running;
      void running.then(() => {
        if (this.jobs.get(uri) === job) this.start(uri, job);
      });
    } else {
      job.timer = setTimeout(() => this.start(uri, job), this.debounceMs);
    }
  }

  cancel(uri: string): void {
    const job = this.jobs.get(uri);
    if (!job) return;
    clearTimeout(job.timer);
    this.jobs.delete(uri);
  }

  private start(uri: string, job: Job): void {
    const isCurrent = () => this.jobs.get(uri) === job;
    job.finished = this.run(uri, job.trigger, isCurrent)
      .catch((error: unknown) => this.onError(uri, error))
      .finally(() => {
        if (isCurrent()) this.jobs.delete(uri);
      });
  }
}
