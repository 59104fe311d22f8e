import type { Connection } from 'vscode-languageserver';
import { STATUS_NOTIFICATION, type StatusParams } from './protocol';

/**
 * The custom status notification. A broken config is an error until that config changes; the
 * status goes back to ok only when no config problem is left. Sends only on a change of state.
 */
export class StatusReporter {
  private readonly configProblems = new Map<string, string>();
  private last: StatusParams | undefined;

  constructor(private readonly connection: Connection) {}

  configProblem(configFile: string, message: string): void {
    this.configProblems.set(configFile, message);
    this.send();
  }

  clearConfigProblems(): void {
    this.configProblems.clear();
    this.send();
  }

  send(): void {
    const [first] = this.configProblems.values();
    const next: StatusParams = first ? { state: 'error', message: first } : { state: 'ok', message: '' };
    if (this.last?.state === next.state && this.last.message === next.message) return;
    this.last = next;
    void this.connection.sendNotification(STATUS_NOTIFICATION, next);
  }
}
