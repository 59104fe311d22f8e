import * as path from 'node:path';
import { toPosix } from '../../rules/core/config/config-resolver';
import type { Formatter } from './format-input';

// Workflow-command escaping, as @actions/core does it.
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding. */
export const github: Formatter = ({ results, cwd }) => results.flatMap((result) => {
  const file = escapeProperty(toPosix(path.relative(cwd, result.filePath)));
  return result.messages.map((m) => {
    const properties = [
      `file=${file}`, `line=${m.line}`, `col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`, `title=${escapeProperty(m.ruleId)}`,
    ].join(',');
    return `::${m.severity === 2 ? 'error' : 'warning'} ${properties}::${escapeData(m.message)}`;
  });
}).join('\n');
