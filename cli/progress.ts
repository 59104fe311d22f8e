export interface ProgressOptions {
  total: number;
  /** Draw at all: stderr is a TTY, not CI, and the report format is for people. */
  enabled: boolean;
  write(text: string): void;
  now?: () => number;
}

export interface Progress {
  update(done: number): void;
  finish(): void;
}

const DELAY_MS = 1000;
const REDRAW_MS = 100;
const WIDTH = 24;

/** A one-line progress bar (files done / total, rate) that appears only when a run passes one second. */
export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let drawnAt = -Infinity;
  let drawn = false;
  return {
    update(done) {
      if (!options.enabled) return;
      const t = now();
      if (t - started < DELAY_MS || t - drawnAt < REDRAW_MS) return;
      drawnAt = t;
      drawn = true;
      const filled = Math.round((done / Math.max(1, options.total)) * WIDTH);
      const rate = Math.round(done / ((t - started) / 1000));
      options.write(`\r\u001b[K[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${options.total} files  ${rate} files/s`);
    },
    finish() {
      if (drawn) options.write('\r\u001b[K');
    },
  };
}

/** The bar belongs on an interactive terminal only: never in CI, never under machine-readable output. */
export function progressWanted(stderrIsTTY: boolean, env: Readonly<Record<string, string | undefined>>, format: string): boolean {
  return stderrIsTTY && !env.CI && format === 'stylish';
}
