/**
 * The one changed span between two versions of a text: `[start, oldEnd)` of the old text became
 * `[start, newEnd)` of the new one. Editors send several kinds of change events; comparing the
 * texts covers them all, and costs well under a millisecond for a 3,000-line file.
 */
export interface TextEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * The shortest span outside of which both texts agree, widened so that it never splits a CRLF
 * pair: line counts taken inside and outside the span then add up as they do for the whole text.
 */
export function findEdit(before: string, after: string): TextEdit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let common = 0;
  while (common < shorter - start && before.charCodeAt(before.length - 1 - common) === after.charCodeAt(after.length - 1 - common)) common++;
  if (start > 0 && before.charCodeAt(start - 1) === CR) start--;
  if (common > 0 && before.charCodeAt(before.length - common) === LF) common--;
  return { start, oldEnd: before.length - common, newEnd: after.length - common };
}

function isLineBreak(code: number): boolean {
  return code === LF || code === CR || code === 0x2028 || code === 0x2029;
}

/** Line breaks in `[from, to)` as the parser counts them: CRLF is one. */
export function lineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code === CR && text.charCodeAt(at + 1) === LF && at + 1 < to) continue;
    if (isLineBreak(code)) count++;
  }
  return count;
}

/** The column (UTF-16 units from the line's start, as ESTree counts) of an offset. */
export function columnAt(text: string, offset: number): number {
  let lineStart = offset;
  while (lineStart > 0 && !isLineBreak(text.charCodeAt(lineStart - 1))) lineStart--;
  return offset - lineStart;
}
