import type { Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../rules/core/engine/types';
import { lineStartsOf } from '../rules/core/engine/line-breaks';
import { offsetOf } from '../rules/core/report/fingerprint';

/** A finding's 1-based line and column (UTF-16 code units) as an LSP position in one text. */
export type PositionMap = (line: number, column: number) => Position;

/** Only the base changes: right for every text without U+2028/U+2029, and for a text we do not have. */
export const toPosition: PositionMap = (line, column) => ({ line: Math.max(line - 1, 0), character: Math.max(column - 1, 0) });

/**
 * ESTree (and so every finding) counts U+2028 and U+2029 as line breaks; LSP counts only \r\n, \r
 * and \n. In a text that holds either, a finding's line and column go through its offset, found
 * with the engine's line breaks, and the document's own positionAt. Other texts keep the cheap map.
 */
export function positionMapOf(text: string | undefined): PositionMap {
  if (text === undefined || !/[\u2028\u2029]/.test(text)) return toPosition;
  const starts = lineStartsOf(text);
  const document = TextDocument.create('', '', 0, text);
  return (line, column) => document.positionAt(offsetOf(starts, text, Math.max(line, 1), Math.max(column, 1)));
}

export function findingRange(finding: Pick<Finding, 'line' | 'column' | 'endLine' | 'endColumn'>, at: PositionMap = toPosition): Range {
  return { start: at(finding.line, finding.column), end: at(finding.endLine ?? finding.line, finding.endColumn ?? finding.column) };
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
