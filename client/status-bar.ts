import * as vscode from 'vscode';
import type { StatusParams } from '../server/protocol';
import { CLIENT_COMMANDS } from '../server/protocol';

const ICONS = { ok: '$(check)', warning: '$(warning)', error: '$(error)', starting: '$(sync~spin)', stopped: '$(circle-slash)' } as const;

/** One status bar item: the server's own status, or the client's when the server is not running. Opens the output. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('opslint.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Opslint';
    this.item.command = CLIENT_COMMANDS.showOutput;
    this.show('starting', 'Opslint is starting');
    this.item.show();
  }

  serverStatus(status: StatusParams): void {
    this.show(status.state, status.state === 'ok' ? 'Opslint is running' : status.message);
  }

  show(state: keyof typeof ICONS, tooltip: string): void {
    this.item.text = `${ICONS[state]} Opslint`;
    this.item.tooltip = `${tooltip}\nClick to show the Opslint output.`;
    this.item.backgroundColor = state === 'error' || state === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  /** What the item shows now (the extension's tests read it through the API). */
  current(): { text: string; tooltip: string } {
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}
