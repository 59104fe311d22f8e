import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Finding } from '../rules/core/engine/types';
import type { LintTarget } from './file-linter';
import type { LintAnswer, LintReply, LintRequest, LintWorkerSetup } from './lint-protocol';
import { unpackFindings } from './wire-findings';

/**
 * How long one lint may run before its rules are stopped. A constant, not a setting: the lint of a
 * 3,000-line file with every rule takes about 0.2 s here (bench/server-latency.mjs), and an editor
 * should not wait for diagnostics much longer than this.
 */
export const LINT_DEADLINE_MS = 2000;
export const RULE_TIMEOUT = 'opslint/rule-timeout';
export const LINT_CRASHED = 'opslint/lint-crashed';

/** A lint's result, or the one finding that says why the file has none. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; finding: Finding };

/** A request before it gets its id (Omit on each member of the union, not on the union). */
type Body = LintRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface Job { request: LintRequest; settle: (outcome: Outcome<LintReply>) => void; timer?: NodeJS.Timeout }

interface Thread { worker: Worker; ready: Promise<void> }

function fileFinding(ruleId: string, message: string): Finding {
  return { ruleId, category: 'opslint', severity: 2, fatal: true, message, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

const TIMED_OUT = `Opslint stopped linting this file: a rule did not finish within ${LINT_DEADLINE_MS / 1000} s (most likely a rule stuck in a loop on this text; a file nested thousands of levels deep can also take this long to parse), so no other findings are shown for it. The next edit lints it again; if this persists, turn rules off one by one in opslint.config.json to find it, and report it with the file.`;

/**
 * One worker thread that runs every lint of the server, one at a time. The main thread keeps a
 * deadline per lint: past it, the worker is terminated and replaced, and the lint answers with an
 * `opslint/rule-timeout` finding. A worker that exits mid-lint (a rule calling process.exit) is
 * replaced too, and that lint answers with an `opslint/lint-crashed` finding. The main thread
 * never waits on the worker, so requests (shutdown included) are answered meanwhile.
 */
export class LintThread {
  private thread: Thread | undefined;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private nextId = 0;

  constructor(private readonly setup: LintWorkerSetup) {}

  async lintText(target: LintTarget, text: string): Promise<Outcome<Linted>> {
    return answerOf(await this.run({ kind: 'lintText', filePath: target.filePath, config: target.config, cwd: target.env.cwd, text, fingerprint: target.baseline !== undefined }), text);
  }

  async lintFile(target: LintTarget): Promise<Outcome<Linted>> {
    return answerOf(await this.run({ kind: 'lintFile', filePath: target.filePath, config: target.config, cwd: target.env.cwd, fingerprint: target.baseline !== undefined }));
  }

  async fixText(target: LintTarget, text: string): Promise<Outcome<string | undefined>> {
    const outcome = await this.run({ kind: 'fixText', filePath: target.filePath, config: target.config, cwd: target.env.cwd, text });
    return outcome.ok ? { ok: true, value: (outcome.value as Extract<LintReply, { kind: 'fixed' }>).output } : outcome;
  }

  async dispose(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    await thread?.worker.terminate();
  }

  private run(body: Body): Promise<Outcome<LintReply>> {
    return new Promise((settle) => {
      this.queue.push({ request: { ...body, id: ++this.nextId } as LintRequest, settle });
      this.startNext();
    });
  }

  private startNext(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    const thread = (this.thread ??= this.spawn());
    // The deadline starts once the worker has loaded the rules: a fresh worker's start-up is not the rule's time.
    void thread.ready.then(() => {
      if (this.running !== job || this.thread !== thread) return;
      job.timer = setTimeout(() => this.replace(thread, fileFinding(RULE_TIMEOUT, TIMED_OUT), { respawn: true }), LINT_DEADLINE_MS);
      thread.worker.postMessage(job.request);
    });
  }

  private spawn(): Thread {
    const worker = new Worker(path.join(__dirname, 'lint-worker.js'), { workerData: this.setup, stdout: true });
    // Under --stdio the process's stdout is the LSP stream: a rule's console.log must not land in it.
    worker.stdout.pipe(process.stderr);
    // The worker never keeps the server alive: the connection decides when the process ends.
    worker.unref();
    let markReady!: () => void;
    const thread: Thread = { worker, ready: new Promise<void>((resolve) => (markReady = resolve)) };
    worker.on('message', (reply: LintReply) => (reply.kind === 'ready' ? markReady() : this.finish(thread, reply)));
    // 'error' (an uncaught exception) is followed by 'exit'; the exit code is what the finding needs.
    worker.on('error', () => undefined);
    worker.on('exit', (code) => this.replace(thread, fileFinding(LINT_CRASHED, `Opslint could not lint this file: its lint thread ended (exit code ${code}) while the rules ran on it, most likely a rule that calls process.exit or crashes its thread. The server started a new lint thread; the next edit lints the file again.`)));
    return thread;
  }

  private finish(thread: Thread, reply: Exclude<LintReply, { kind: 'ready' }>): void {
    const job = this.running;
    if (this.thread !== thread || job?.request.id !== reply.id) return;
    clearTimeout(job.timer);
    this.running = undefined;
    if (reply.kind === 'failed') {
      job.settle({ ok: false, finding: { ...fileFinding(LINT_CRASHED, `Opslint could not lint this file: ${reply.message}`), detail: reply.stack } });
    } else {
      job.settle({ ok: true, value: reply });
    }
    this.startNext();
  }

  /**
   * Drops a worker that timed out or exited; the running lint (if any) answers with `finding`. After
   * a timeout the next worker starts at once, so the next lint does not wait for its start-up; after
   * an exit only when a lint needs it, so a worker that dies while loading cannot respawn in a loop.
   */
  private replace(thread: Thread, finding: Finding, { respawn = false } = {}): void {
    if (this.thread !== thread) return;
    this.thread = respawn ? this.spawn() : undefined;
    void thread.worker.terminate();
    const job = this.running;
    this.running = undefined;
    if (job) {
      clearTimeout(job.timer);
      job.settle({ ok: false, finding });
    }
    this.startNext();
  }
}

/** A lint's answer with its findings unpacked (wire-findings.ts). */
export type Linted = Omit<LintAnswer, 'messages'> & { messages: Finding[] };

/** `text`: what a lintText request sent; a lintFile answer carries the text it read. */
function answerOf(outcome: Outcome<LintReply>, text?: string): Outcome<Linted> {
  if (!outcome.ok) return outcome;
  const answer = (outcome.value as Extract<LintReply, { kind: 'linted' }>).answer;
  return { ok: true, value: { ...answer, messages: unpackFindings(answer.messages, text ?? answer.source ?? '') } };
}
