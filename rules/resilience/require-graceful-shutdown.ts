import * as path from 'node:path';
import type { ProjectGraphView } from '../core/project/project-rule';
import { createProjectRule } from '../utils/create-rule';
import { programOf, serviceStarts } from '../utils/service-program';
import { SERVICE_CODE } from '../core/roles/role-sets';

/** Packages that install SIGTERM handling that drains and closes servers. */
const SHUTDOWN_PACKAGES = new Set(['@godaddy/terminus', 'http-terminator', 'stoppable', 'close-with-grace', 'lightship', 'http-graceful-shutdown', 'async-exit-hook', 'exit-hook', '@nestjs/terminus']);
const SIGNALS = new Set(['SIGTERM', 'SIGINT']);

function handlesShutdown(graph: ProjectGraphView, file: string): boolean {
  const facts = graph.factsOf(file);
  if (!facts) return false;
  if (facts.processHandlers.some((h) => SIGNALS.has(h.event) && h.closes)) return true;
  return graph.edgesOf(file).some((e) => e.resolution.kind === 'external' && SHUTDOWN_PACKAGES.has(e.resolution.name));
}

/** A SIGTERM/SIGINT handler somewhere in the program that does not close anything (it only exits). */
function signalHandlerOf(graph: ProjectGraphView, program: readonly string[]) {
  for (const file of program) {
    const handler = graph.factsOf(file)?.processHandlers.find((h) => SIGNALS.has(h.event));
    if (handler) return { file, handler };
  }
  return undefined;
}

export const projectRule = createProjectRule({
  id: 'resilience/require-graceful-shutdown',
  description: 'A service that starts a server but never handles SIGTERM/SIGINT by closing it',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    noGracefulShutdown: 'This service starts a server here, but no module of its program handles SIGTERM or SIGINT by closing it. On every deploy or scale-in the orchestrator sends SIGTERM and the process dies mid-request: in-flight requests fail and connections drop. Handle SIGTERM: stop accepting (server.close()), let in-flight work finish, close pools and queues, then exit.',
    exitsWithoutClosing: 'This service starts a server here, and its {{signal}} handler ({{where}}) exits without closing it or calling a shutdown function. On every deploy or scale-in the orchestrator sends SIGTERM and the process dies mid-request: in-flight requests fail and connections drop. In the handler, stop accepting (server.close()), let in-flight work finish, close pools and queues, then exit.',
  },
  defaultOptions: [],
  check(graph, context) {
    for (const { file, starts } of serviceStarts(graph)) {
      if (!context.isEnabled(file)) continue;
      const program = [...programOf(graph, file)].sort();
      if (program.some((member) => handlesShutdown(graph, member))) continue;
      // One finding per module, on its first start: one missing handler is one defect, however many branches listen.
      const [first, ...others] = starts;
      const relatedInformation = others.map((start) => ({ filePath: file, ...start.span, message: 'another server start of this module' }));
      const exiting = signalHandlerOf(graph, program);
      context.report({
        filePath: file, span: first.span, relatedInformation,
        ...(exiting ? { messageId: 'exitsWithoutClosing', data: { signal: exiting.handler.event, where: `${path.relative(context.cwd, exiting.file).split(path.sep).join('/')}:${exiting.handler.span.line}` } } : { messageId: 'noGracefulShutdown' }),
      });
    }
  },
});
