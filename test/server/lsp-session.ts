/**
 * Drives the language server as a separate process over stdio with vscode-jsonrpc (through
 * vscode-languageserver-protocol's typed messages): the same wire protocol any editor speaks.
 * Everything waits on messages from the server, never on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest, ConfigurationRequest, createProtocolConnection, ExitNotification, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, RegistrationRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  WorkDoneProgress, WorkDoneProgressCreateRequest, type ApplyWorkspaceEditParams, type ClientCapabilities, type ProtocolConnection, type PublishDiagnosticsParams,
  type Registration, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { STATUS_NOTIFICATION, type StatusParams } from '../../server/protocol';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { TEST_RULES_MODULE } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';

export const SERVER_MAIN = path.join(REPO_ROOT, 'out', 'server', 'main.js');
export const SERVER_BUNDLE = path.join(REPO_ROOT, 'dist', 'server.js');
export const SUGGESTION_RULES_MODULE = path.join(__dirname, 'suggestion-rules.js');

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  window: { workDoneProgress: true },
  textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true } },
};

interface Waiter<T> {
  matches(value: T): boolean;
  resolve(value: T): void;
}

/** Values arriving over time; `next` resolves with the first one (already seen or future) that matches. */
class EventLog<T> {
  readonly seen: T[] = [];
  /** When each value of `seen` arrived (performance.now()): the latency bench reads it. */
  readonly seenAt: number[] = [];
  private waiters: Array<Waiter<T>> = [];

  push(value: T): void {
    this.seen.push(value);
    this.seenAt.push(performance.now());
    const hit = this.waiters.filter((w) => w.matches(value));
    this.waiters = this.waiters.filter((w) => !w.matches(value));
    for (const waiter of hit) waiter.resolve(value);
  }

  next(matches: (value: T) => boolean, from = 0): Promise<T> {
    const found = this.seen.slice(from).find(matches);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ matches, resolve }));
  }
}

export interface SessionOptions {
  root: string;
  /** Answer to every `workspace/configuration` request for the `opslint` section. */
  settings?: unknown;
  capabilities?: ClientCapabilities;
  /** The server's entry: out/server/main.js by default, dist/server.js for the shipped bundle. */
  serverModule?: string;
}

export class LspSession {
  readonly publishes = new EventLog<PublishDiagnosticsParams>();
  readonly appliedEdits = new EventLog<ApplyWorkspaceEditParams>();
  readonly progress = new EventLog<{ kind: string }>();
  readonly statuses = new EventLog<StatusParams>();
  /** Dynamic registrations the server asked for (`client/registerCapability`), one by one. */
  readonly registrations = new EventLog<Registration>();
  settings: unknown;
  stderr = '';
  private readonly versions = new Map<string, number>();

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection, options: SessionOptions) {
    this.settings = options.settings ?? {};
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.publishes.push(params));
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    connection.onRequest(RegistrationRequest.type, (params) => {
      for (const registration of params.registrations) this.registrations.push(registration);
    });
    connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
      connection.onProgress(WorkDoneProgress.type, token, (value) => this.progress.push(value));
    });
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      return { applied: true };
    });
    connection.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => this.statuses.push(params));
  }

  static async start(options: SessionOptions, env: Record<string, string> = {}): Promise<LspSession> {
    const child = spawn(process.execPath, [options.serverModule ?? SERVER_MAIN, '--stdio'], {
      cwd: options.root,
      env: { ...process.env, [TEST_RULE_MODULES_VARIABLE]: [TEST_RULES_MODULE, SUGGESTION_RULES_MODULE].join(path.delimiter), ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(child, connection, options);
    connection.listen();
    const rootUri = pathToFileURL(options.root).toString();
    const died = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited with ${code} during initialize:\n${session.stderr}`))));
    await Promise.race([
      died,
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri, capabilities: options.capabilities ?? CAPABILITIES, workspaceFolders: [{ uri: rootUri, name: 'root' }],
      }),
    ]);
    died.catch(() => undefined);
    await connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  uriOf(filePath: string): string {
    return pathToFileURL(filePath).toString();
  }

  async open(filePath: string, text = fs.readFileSync(filePath, 'utf8')): Promise<string> {
    const uri = this.uriOf(filePath);
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    return uri;
  }

  /** Sends one didChange and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Resolves once the server (or its lint thread) has written `text` to stderr: test rules announce what they do there. */
  stderrShows(text: string): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!this.stderr.includes(text)) return;
        this.process.stderr!.off('data', check);
        resolve();
      };
      this.process.stderr!.on('data', check);
      check();
    });
  }

  /** The first publish for `uri` from index `from` on that satisfies `matches`. */
  publishFor(uri: string, matches: (p: PublishDiagnosticsParams) => boolean = () => true, from = 0): Promise<PublishDiagnosticsParams> {
    return this.publishes.next((p) => p.uri === uri && matches(p), from);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    if (this.process.exitCode === null) {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
      await exited;
    }
    this.connection.dispose();
  }
}
