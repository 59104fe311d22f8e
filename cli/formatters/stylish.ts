import * as path from 'node:path';
import { totalsOf, type Formatter } from './format-input';

const paint = (enabled: boolean, code: number) => (text: string) => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** ESLint's default human format: findings grouped by file, a summary line, fix hint. */
export const stylish: Formatter = ({ results, cwd, color, verbose }) => {
  const red = paint(color, 31);
  const yellow = paint(color, 33);
  const dim = paint(color, 2);
  const underline = paint(color, 4);
  const lines: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    lines.push('', underline(path.relative(cwd, result.filePath) || result.filePath));
    const width = Math.max(...result.messages.map((m) => `${m.line}:${m.column}`.length));
    for (const m of result.messages) {
      const severity = m.severity === 2 ? red('error  ') : yellow('warning');
      lines.push(`  ${dim(`${m.line}:${m.column}`.padEnd(width))}  ${severity}  ${m.message}  ${dim(m.ruleId)}`);
      if (verbose && m.detail) lines.push(...m.detail.split('\n').map((l) => `      ${dim(l)}`));
    }
  }
  const totals = totalsOf(results);
  const problems = totals.errors + totals.warnings;
  if (problems === 0) return '';
  const summary = `✖ ${plural(problems, 'problem')} (${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')})`;
  lines.push('', (totals.errors > 0 ? red : yellow)(summary));
  if (totals.fixableErrors + totals.fixableWarnings > 0) {
    lines.push(`  ${plural(totals.fixableErrors, 'error')} and ${plural(totals.fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`);
  }
  return `${lines.join('\n')}\n`;
};
