import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types';

function offsetOf(lineStarts: number[], line: number, column: number): number {
  return (lineStarts[line - 1] ?? 0) + column - 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/**
 * Fingerprints that survive edits elsewhere in the file: rule id + relative path + the
 * whitespace-normalized text of the reported range + an occurrence index among identical ones.
 * Line numbers are deliberately not part of it.
 */
export function fingerprintFindings(relativePath: string, source: string | undefined, findings: readonly Finding[]): string[] {
  const starts = source === undefined ? [] : lineStartsOf(source);
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const excerpt = source === undefined
      ? `${f.line}:${f.column}`
      : source.slice(offsetOf(starts, f.line, f.column), Math.max(offsetOf(starts, f.line, f.column), offsetOf(starts, f.endLine, f.endColumn))).replace(/\s+/g, ' ').trim().slice(0, 500);
    const key = `${f.ruleId}\u0000${relativePath}\u0000${excerpt}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
