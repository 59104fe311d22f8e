import type { ServerContext } from '../context';
import { guardEvent } from '../guard';
import type { IsCurrent, LintTrigger } from '../lint-scheduler';
import { uriToPath } from '../uris';

/**
 * The scheduled lint of an open document. Publishes only while it is still the newest job for the
 * document and the text it linted is still the document's text: a stale result is never shown.
 */
export async function lintOpenDocument(ctx: ServerContext, uri: string, trigger: LintTrigger, isCurrent: IsCurrent): Promise<void> {
  const document = ctx.documents.get(uri);
  if (!document) return;
  const settings = await ctx.settings.get(uri);
  // In onSave mode the lint on open still runs: a file must not look clean until saved.
  if (settings.run === 'onSave' && trigger === 'change') return;
  if (!isCurrent()) return;
  const result = await ctx.linter.lint(document);
  if (!isCurrent() || ctx.documents.get(uri)?.version !== result.version) return;
  ctx.project.documentLinted(result);
  ctx.project.publish(uri, result.filePath, result, result.version);
}

/** didOpen, didChange (TextDocuments fires onDidChangeContent for an open too: it keeps the open's trigger), didSave, didClose. */
export function registerDocumentHandlers(ctx: ServerContext): void {
  const log = ctx.connection.console;
  ctx.documents.onDidOpen(guardEvent(log, 'didOpen', ({ document }) => ctx.scheduler.schedule(document.uri, 'open')));
  ctx.documents.onDidChangeContent(guardEvent(log, 'didChange', ({ document }) => ctx.scheduler.schedule(document.uri, 'change')));
  ctx.documents.onDidSave(guardEvent(log, 'didSave', ({ document }) => ctx.scheduler.schedule(document.uri, 'save')));
  ctx.documents.onDidClose(
    guardEvent(log, 'didClose', async ({ document }) => {
      ctx.scheduler.cancel(document.uri);
      ctx.linter.forget(document.uri);
      const filePath = uriToPath(document.uri);
      const settings = await ctx.settings.get(document.uri);
      // The file stays in the project: its findings now come from disk, as for any closed file.
      if (filePath && settings.lintWorkspace) await ctx.project.fileChanged(filePath);
      else ctx.publisher.clear(document.uri);
    }),
  );
}
