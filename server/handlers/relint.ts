import type { ServerContext } from '../context';

/**
 * After settings, a config file, a baseline or the workspace folders change, every result may be
 * wrong: drop caches, lint open documents now and re-scan the project (a running scan is superseded).
 */
export async function relintEverything(ctx: ServerContext): Promise<void> {
  ctx.configs.invalidate();
  ctx.baselines.invalidate();
  ctx.linter.forgetAll();
  ctx.status.clearConfigProblems();
  for (const document of ctx.documents.all()) ctx.scheduler.schedule(document.uri, 'save');
  await ctx.project.lintAll();
}
