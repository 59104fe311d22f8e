import * as path from 'node:path';
import {
  DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType, type ClientCapabilities, type Connection, type DidChangeWatchedFilesParams,
} from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../../rules/core/config/config-file';
import { isLintable } from '../../rules/core/engine/parse';
import { DEFAULT_BASELINE_FILE } from '../../rules/core/report/baseline';
import type { ServerContext } from '../context';
import { describeError, guardEvent } from '../guard';
import { SETTINGS_SECTION } from '../protocol';
import { uriToPath } from '../uris';
import { relintEverything } from './relint';

async function watchedFilesChanged(ctx: ServerContext, { changes }: DidChangeWatchedFilesParams): Promise<void> {
  const paths = changes.map((change) => ({ type: change.type, filePath: uriToPath(change.uri) }));
  // A baseline changes how findings are shown; re-linting is how every held result picks it up.
  if (paths.some(({ filePath }) => filePath && (path.basename(filePath) === CONFIG_FILE_NAME || ctx.baselines.isBaselineFile(filePath)))) return relintEverything(ctx);
  for (const { type, filePath } of paths) {
    if (!filePath || !isLintable(filePath)) continue;
    if (type === FileChangeType.Deleted) ctx.project.fileDeleted(filePath);
    else await ctx.project.fileChanged(filePath);
  }
}

/** Settings, watched files (config and sources edited outside the editor) and workspace folders. */
export function registerWorkspaceChangeHandlers(ctx: ServerContext): void {
  const log = ctx.connection.console;
  ctx.connection.onDidChangeConfiguration(
    guardEvent(log, 'workspace/didChangeConfiguration', ({ settings }) => {
      ctx.settings.invalidate(settings);
      return relintEverything(ctx);
    }),
  );
  ctx.connection.onDidChangeWatchedFiles(guardEvent(log, 'workspace/didChangeWatchedFiles', (params) => watchedFilesChanged(ctx, params)));
}

/** Also hears a baseline file the config names (any name): the default name is watched from the start. */
export function watchFileName(connection: Connection, capabilities: ClientCapabilities, fileName: string): void {
  if (!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
  connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${fileName}` }] })
    .catch((error: unknown) => connection.console.error(`watching ${fileName} failed: ${describeError(error)}`));
}

/** Dynamic registrations, for clients that support them (VS Code, Neovim ≥ 0.9); others just never notify. */
export async function registerWatchers(ctx: ServerContext): Promise<void> {
  const workspace = ctx.capabilities.workspace;
  if (workspace?.didChangeConfiguration?.dynamicRegistration) {
    await ctx.connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    await ctx.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: `**/${DEFAULT_BASELINE_FILE}` }, { globPattern: '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}' }],
    });
  }
  if (workspace?.workspaceFolders) {
    ctx.connection.workspace.onDidChangeWorkspaceFolders(
      guardEvent(ctx.connection.console, 'workspace/didChangeWorkspaceFolders', ({ added, removed }) => {
        const gone = new Set(removed.map((f) => uriToPath(f.uri)));
        const kept = ctx.roots.all().filter((root) => !gone.has(root));
        ctx.roots.replace([...kept, ...added.map((f) => uriToPath(f.uri)).filter((p): p is string => p !== undefined)]);
        return relintEverything(ctx);
      }),
    );
  }
}
