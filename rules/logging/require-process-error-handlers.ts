import { createProjectRule } from '../utils/create-rule';
import { programOf, serviceStarts } from '../utils/service-program';
import { SERVICE_CODE } from '../core/roles/role-sets';

const EVENTS = ['unhandledRejection', 'uncaughtException'] as const;

export const projectRule = createProjectRule({
  id: 'logging/require-process-error-handlers',
  description: 'A service with no process-level unhandledRejection/uncaughtException handler anywhere',
  recommended: false,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    missingHandlers: 'No module of this service handles {{missing}}. An error that escapes every try/catch then reaches the default handler: the process prints a bare stack to stderr and dies, outside your logger, without request context or a flush of buffered logs, so the incident has no trace where you look. Add process.on(\'{{first}}\', ...) in the entry point that logs through the service logger, then exits.',
  },
  defaultOptions: [],
  check(graph, context) {
    for (const { file, starts } of serviceStarts(graph)) {
      if (!context.isEnabled(file)) continue;
      const handled = new Set<string>();
      for (const member of programOf(graph, file)) for (const h of graph.factsOf(member)!.processHandlers) handled.add(h.event);
      const missing = EVENTS.filter((e) => !handled.has(e));
      if (missing.length === 0) continue;
      context.report({ filePath: file, span: starts[0].span, messageId: 'missingHandlers', data: { missing: missing.join(' or '), first: missing[0] } });
    }
  },
});
