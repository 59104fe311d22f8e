import { CodeActionKind, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleRegistry } from '../rules/core/registry';
import { BaselineStore } from './baselines';
import { ConfigStore } from './config-store';
import type { ServerContext } from './context';
import { DocumentLinter } from './document-linter';
import { FileLinter } from './file-linter';
import { describeError } from './guard';
import { registerCodeActionHandler } from './handlers/code-actions';
import { lintOpenDocument, registerDocumentHandlers } from './handlers/documents';
import { registerExecuteCommandHandler } from './handlers/execute-command';
import { registerWatchers, registerWorkspaceChangeHandlers, watchFileName } from './handlers/workspace-changes';
import { LintScheduler } from './lint-scheduler';
import type { LintThread } from './lint-thread';
import { ProjectLinter } from './project-linter';
import { ProjectModels } from './project-models';
import { FIX_ALL_KIND, SERVER_COMMANDS } from './protocol';
import { Publisher } from './publisher';
import { SettingsStore } from './settings-store';
import { StatusReporter } from './status';
import { uriToPath } from './uris';
import { WorkspaceRoots } from './workspace-roots';

export interface ServerOptions {
  registry: RuleRegistry;
  /** Quiet time edits sent together wait for before their lint starts; a lone edit lints at once (lint-scheduler.ts). */
  debounceMs: number;
  /** Where every lint runs: rules never run on the thread that answers the editor. */
  thread: LintThread;
}

export const DEFAULT_DEBOUNCE_MS = 25;

function workspaceFolders(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.map(uriToPath).filter((p): p is string => p !== undefined);
}

function createContext(connection: Connection, params: InitializeParams, options: ServerOptions): ServerContext {
  const capabilities = params.capabilities;
  const documents = new TextDocuments(TextDocument);
  const roots = new WorkspaceRoots(workspaceFolders(params));
  const settings = new SettingsStore(connection, capabilities.workspace?.configuration === true);
  const configs = new ConfigStore(options.registry);
  const baselines = new BaselineStore((fileName) => watchFileName(connection, capabilities, fileName));
  const status = new StatusReporter(connection);
  const publisher = new Publisher(connection, options.registry);
  const files = new FileLinter({ registry: options.registry, configs, baselines, roots, settings, status });
  const linter = new DocumentLinter(files, roots, options.thread);
  const models = new ProjectModels(options.registry, roots);
  const project = new ProjectLinter({ connection, documents, linter, files, roots, models, publisher, thread: options.thread });
  const ctx: ServerContext = { connection, capabilities, documents, registry: options.registry, roots, settings, configs, baselines, status, publisher, linter, project, scheduler: undefined! };
  ctx.scheduler = new LintScheduler(
    (uri, trigger, isCurrent) => lintOpenDocument(ctx, uri, trigger, isCurrent),
    (uri, error) => connection.console.error(`lint of ${uri} failed: ${describeError(error)}`),
    options.debounceMs,
  );
  documents.listen(connection);
  return ctx;
}

/** Wires one LSP session. Everything lives in the context made at `initialize`; nothing is global. */
export function startServer(connection: Connection, options: ServerOptions): void {
  let ctx: ServerContext | undefined;
  connection.onInitialize((params): InitializeResult => {
    ctx = createContext(connection, params, options);
    registerDocumentHandlers(ctx);
    registerCodeActionHandler(ctx);
    registerExecuteCommandHandler(ctx);
    registerWorkspaceChangeHandlers(ctx);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'opslint-language-server' },
    };
  });
  connection.onShutdown(() => options.thread.dispose());
  connection.onInitialized(() => {
    const session = ctx!;
    session.status.send();
    void registerWatchers(session)
      .then(() => session.project.lintAll())
      .catch((error: unknown) => connection.console.error(`start-up failed: ${describeError(error)}`));
  });
  connection.listen();
}
