import type { Node, RuleSourceCode } from '../core/engine/types';

/** A comment that only marks work to do does not explain why an error may be ignored. */
const PLACEHOLDER = /^\s*(todo|fixme|xxx|hack)\b[\s:.-]*$/i;

/**
 * Whether `node` holds a comment that says something (not an empty or bare `TODO` comment).
 * Binary search over the file's comments (sorted by position), so asking is O(log comments).
 */
export function hasExplanatoryComment(sourceCode: RuleSourceCode, node: Node): boolean {
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
    if (text.length > 0 && !PLACEHOLDER.test(text)) return true;
  }
  return false;
}

