import * as path from 'node:path';
import { toPosix } from '../../rules/core/config/config-resolver';
import { totalsOf, type Formatter } from './format-input';

function escapeXml(text: string): string {
  // Characters XML 1.0 forbids even escaped (C0 controls but tab, LF, CR) are dropped.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

/**
 * JUnit XML as CI test-report viewers read it (GitLab, Jenkins, Azure): one test case per linted
 * file, one <failure> per finding, so a clean file shows as a passing test.
 */
export const junit: Formatter = ({ results, cwd }) => {
  const totals = totalsOf(results);
  const failing = results.filter((r) => r.messages.length > 0).length;
  const cases = results.map((result) => {
    const name = escapeXml(toPosix(path.relative(cwd, result.filePath)) || result.filePath);
    if (result.messages.length === 0) return `    <testcase classname="opslint" name="${name}" time="0"/>`;
    const failures = result.messages.map((m) => {
      const where = `${name}:${m.line}:${m.column}`;
      const kind = m.severity === 2 ? 'error' : 'warning';
      return `      <failure type="${escapeXml(m.ruleId)}" message="${escapeXml(`${m.line}:${m.column} ${m.message}`)}">${kind} ${escapeXml(m.ruleId)} at ${where}\n${escapeXml(m.message)}</failure>`;
    });
    return [`    <testcase classname="opslint" name="${name}" time="0">`, ...failures, '    </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="opslint" tests="${results.length}" failures="${failing}" errors="0">`,
    `  <testsuite name="opslint" tests="${results.length}" failures="${failing}" errors="0" skipped="0">`,
    `    <properties><property name="findings" value="${totals.errors + totals.warnings}"/></properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
};
