/**
 * Lines as ESTree counts them (and so every finding position): `\r\n`, `\r`, `\n`, U+2028 and
 * U+2029 each end a line. LSP does not count the last two; server/positions.ts converts.
 */

const CR = 0x0d;
const LF = 0x0a;

export function isLineBreak(code: number): boolean {
  return code === LF || code === CR || code === 0x2028 || code === 0x2029;
}

/** The offset where each line starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === CR && text.charCodeAt(i + 1) === LF) i++;
    if (isLineBreak(c)) starts.push(i + 1);
  }
  return starts;
}

/** Line breaks in `[from, to)`: a CRLF counts once, and a CR whose LF lies at `to` or beyond counts. */
export function lineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === CR && text.charCodeAt(at + 1) === LF && at + 1 < to) continue;
    if (isLineBreak(code)) count++;
  }
  return count;
}

/** The column of an offset: UTF-16 units from the start of its line, as ESTree counts. */
export function columnAt(text: string, offset: number): number {
  let lineStart = offset;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  return offset - lineStart;
}
