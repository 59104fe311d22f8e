import type { Finding, Fix } from '../../rules/core/engine/types';
import type { Formatter } from './format-input';

/** ESLint's fix shape: a merged fix's `parts` are for editors. */
const eslintFix = ({ range, text }: Fix): Fix => ({ range, text });

function eslintMessage(finding: Finding, verbose: boolean | undefined): Finding {
  const { detail, ...m } = finding;
  if (m.fix) m.fix = eslintFix(m.fix);
  if (m.suggestions) m.suggestions = m.suggestions.map((s) => ({ ...s, fix: eslintFix(s.fix) }));
  return verbose && detail ? { ...m, detail } : m;
}

/** ESLint's JSON formatter shape; every message also carries `category`. Other tools consume this. */
export const json: Formatter = ({ results, verbose }) => JSON.stringify(results.map((result) => {
  const messages = result.messages.map((m) => eslintMessage(m, verbose));
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
