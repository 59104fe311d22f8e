export type LintTrigger = 'change' | 'save';

/** Answers whether the job that asked is still the newest one for its document. */
export type IsCurrent = () => boolean;

interface Job {
  timer: NodeJS.Timeout;
}

/**
 * Debounces lints per document: a change restarts the document's timer and marks any job already
 * running for it as stale, so its result is dropped instead of published over a newer version.
 */
export class LintScheduler {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly run: (uri: string, trigger: LintTrigger, isCurrent: IsCurrent) => Promise<void>,
    private readonly onError: (uri: string, error: unknown) => void,
    private readonly debounceMs: number,
  ) {}

  schedule(uri: string, trigger: LintTrigger): void {
    this.cancel(uri);
    const job: Job = {
      timer: setTimeout(() => {
        const isCurrent = () => this.jobs.get(uri) === job;
        this.run(uri, trigger, isCurrent)
          .catch((error: unknown) => this.onError(uri, error))
          .finally(() => {
            if (isCurrent()) this.jobs.delete(uri);
          });
      }, trigger === 'save' ? 0 : this.debounceMs),
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
