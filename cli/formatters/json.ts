import type { Formatter } from './format-input';

/** ESLint's JSON formatter shape; every message also carries `category`. Other tools consume this. */
export const json: Formatter = ({ results, verbose }) => JSON.stringify(results.map((result) => {
  const messages = result.messages.map(({ detail, ...m }) => (verbose && detail ? { ...m, detail } : m));
  const count = (severity: 1 | 2, fixable: boolean) => messages.filter((m) => m.severity === severity && (!fixable || m.fix)).length;
  return {
    filePath: result.filePath,
    messages,
    suppressedMessages: [],
    errorCount: count(2, false),
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: count(1, false),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    ...(result.output !== undefined ? { output: result.output } : {}),
  };
}));
