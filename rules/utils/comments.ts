import type { Node, Position, RuleSourceCode } from '../core/engine/types';

/** A comment that only marks work to do does not explain why an error may be ignored. */
const PLACEHOLDER = /^\s*(todo|fixme|xxx|hack)\b[\s:.-]*$/i;
/**
 * An inline suppression (`opslint-disable-next-line <id> -- <reason>`) speaks to the suppression
 * mechanism, which judges it on its own; counting it as the explanation would make the code it
 * suppresses look fine, and the suppression then be reported unused.
 */
const DIRECTIVE = /^opslint-(disable|enable)/;

/**
 * Whether `node` (or the source range) holds a comment that says something (not an empty or bare
 * `TODO` comment). Binary search over the file's comments (sorted by position): O(log comments).
 */
export function hasExplanatoryComment(sourceCode: RuleSourceCode, node: Node | { range: [number, number] }): boolean {
  const comments = sourceCode.getAllComments();
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (comments[mid].range[0] < node.range[0]) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < comments.length && comments[i].range[1] <= node.range[1]; i++) {
    const text = comments[i].value.replace(/^[\s*]+/, '').trim();
    if (text.length > 0 && !PLACEHOLDER.test(text) && !DIRECTIVE.test(text)) return true;
  }
  return false;
}

/**
 * The range a comment about the code from `start` to `end` may sit in: from the start of `start`'s
 * line (or of the comment-only lines right above it) to the end of `end`'s line.
 */
export function commentableRange(sourceCode: RuleSourceCode, start: Position, end: Position): { range: [number, number] } {
  let line = start.line;
  while (line > 1 && /^(\/\/|\/\*|\*)/.test(sourceCode.lines[line - 2].trim())) line--;
  const last = sourceCode.getIndexFromLoc({ line: end.line, column: sourceCode.lines[end.line - 1].length });
  return { range: [sourceCode.getIndexFromLoc({ line, column: 0 }), last] };
}
