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
