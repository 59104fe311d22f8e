import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';

export const MAX_RESTARTS = 4;
const WINDOW_MS = 3 * 60 * 1000;

/**
 * Restarts a crashed server at most MAX_RESTARTS times in three minutes (the languageclient's own
 * policy, stated here so the message can say what to do), then gives up and tells the user.
 */
export class RestartPolicy implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly onGiveUp: (message: string) => void) {}

  error(): ErrorHandlerResult {
    return { action: ErrorAction.Continue };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = [...this.restarts.filter((at) => now - at < WINDOW_MS), now];
    if (this.restarts.length <= MAX_RESTARTS) return { action: CloseAction.Restart };
    const message = `The Opslint server crashed ${this.restarts.length} times in the last 3 minutes and will not be restarted. See "Opslint: Show Output" for the cause, then run "Opslint: Restart Server".`;
    this.onGiveUp(message);
    return { action: CloseAction.DoNotRestart, message };
  }

  /** A manual restart starts a fresh budget. */
  reset(): void {
    this.restarts = [];
  }
}
