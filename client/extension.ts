import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_COMMANDS, SERVER_COMMANDS, STATUS_NOTIFICATION, type StatusParams } from '../server/protocol';
import { RestartPolicy } from './restart-policy';
import { StatusBar } from './status-bar';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact'];

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, policy: RestartPolicy): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    outputChannel: output,
    errorHandler: policy,
  };
  return new LanguageClient('opslint', 'Opslint', serverOptions, clientOptions);
}

function registerCommands(client: LanguageClient, output: vscode.LogOutputChannel, policy: RestartPolicy): vscode.Disposable[] {
  const run = (command: string, args: unknown[] = []) => client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  return [
    vscode.commands.registerCommand(CLIENT_COMMANDS.fixAll, async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) await run(SERVER_COMMANDS.fixAll, [editor.document.uri.toString()]);
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.lintWorkspace, () => run(SERVER_COMMANDS.lintWorkspace)),
    vscode.commands.registerCommand(CLIENT_COMMANDS.restart, async () => {
      policy.reset();
      // After the restart cap the client is stopped, and restart() refuses to stop a stopped client.
      await (client.isRunning() ? client.restart() : client.start());
    }),
    vscode.commands.registerCommand(CLIENT_COMMANDS.showOutput, () => output.show(true)),
  ];
}

/** What `activate` returns: for the extension's own tests and for measuring start-up. */
export interface OpslintApi {
  client: LanguageClient;
  /** From activation to the server's `initialize` answer. */
  startupMs: number;
  /** The status bar item's text and tooltip, e.g. why the server was not restarted. */
  status: () => { text: string; tooltip: string };
}

/** Starts the bundled server and keeps the status bar in step with it. */
export async function activate(context: vscode.ExtensionContext): Promise<OpslintApi> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Opslint', { log: true });
  const statusBar = new StatusBar();
  const policy = new RestartPolicy((message) => {
    statusBar.show('stopped', message);
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => choice && output.show(true));
  });
  const client = createClient(context, output, policy);
  context.subscriptions.push(
    output,
    statusBar,
    client.onNotification(STATUS_NOTIFICATION, (status: StatusParams) => statusBar.serverStatus(status)),
    client.onDidChangeState(({ newState }) => {
      if (newState === State.Starting) statusBar.show('starting', 'Opslint is starting');
    }),
    ...registerCommands(client, output, policy),
    { dispose: () => void client.stop() },
  );
  await client.start();
  return { client, startupMs: Date.now() - started, status: () => statusBar.current() };
}

export function deactivate(): void {
  // The client is stopped by its disposable in context.subscriptions.
}
