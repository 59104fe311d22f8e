import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../rules/core/engine/types';

/**
 * Findings are 1-based (line and column) with an exclusive end column, in UTF-16 code units
 * because JavaScript strings are; LSP positions are 0-based UTF-16. Only the base changes.
 */
export function toPosition(line: number, column: number): Position {
  return { line: Math.max(line - 1, 0), character: Math.max(column - 1, 0) };
}

export function findingRange(finding: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>): Range {
  return { start: toPosition(finding.line, finding.column), end: toPosition(finding.endLine ?? finding.line, finding.endColumn ?? finding.column) };
}

/** A fix's offsets are into the text that was linted, which is the document's text at that version. */
export function offsetRange(document: TextDocument, range: readonly [number, number]): Range {
  return { start: document.positionAt(range[0]), end: document.positionAt(range[1]) };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function intersects(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
