import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ExecuteCommandParams } from 'vscode-languageserver';
import { fixAllAction } from '../code-action-builders';
import type { ServerContext } from '../context';
import { guardRequest } from '../guard';
import { SERVER_COMMANDS } from '../protocol';
import { relintEverything } from './relint';

/** Fix all in one open document: applied through the client, pinned to the version it was computed for. */
async function fixAll(ctx: ServerContext, uri: unknown): Promise<boolean> {
  const open = typeof uri === 'string' ? ctx.documents.get(uri) : undefined;
  if (!open) return false;
  const fixed = await ctx.linter.fixedText(open);
  if (!fixed) return true;
  const document = TextDocument.create(open.uri, open.languageId, fixed.version, fixed.text);
  const { edit } = fixAllAction({ capabilities: ctx.capabilities, registry: ctx.registry, document }, fixed.output);
  return (await ctx.connection.workspace.applyEdit({ label: 'Opslint: fix all', edit: edit! })).applied;
}

export function registerExecuteCommandHandler(ctx: ServerContext): void {
  ctx.connection.onExecuteCommand(
    guardRequest(ctx.connection.console, 'workspace/executeCommand', async ({ command, arguments: args = [] }: ExecuteCommandParams) => {
      switch (command) {
        case SERVER_COMMANDS.fixAll:
          return fixAll(ctx, args[0]);
        case SERVER_COMMANDS.lintWorkspace:
          await relintEverything(ctx);
          return true;
        case SERVER_COMMANDS.showDocumentation:
          // A shipped page (file:) opens in the editor; a web address in the browser.
          return typeof args[0] === 'string' ? (await ctx.connection.window.showDocument({ uri: args[0], external: !args[0].startsWith('file:') })).success : false;
        default:
          throw new Error(`unknown command ${command}; this server knows ${Object.values(SERVER_COMMANDS).join(', ')}`);
      }
    }),
  );
}
