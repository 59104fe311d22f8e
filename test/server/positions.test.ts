import * as assert from 'node:assert/strict';
import { findingRange, positionMapOf } from '../../server/positions';
import { minimalReplacement } from '../../server/workspace-edit';

describe('server: positions and edits', () => {
  it('turns 1-based findings with exclusive end columns into 0-based LSP ranges', () => {
    assert.deepEqual(findingRange({ line: 3, column: 5, endLine: 4, endColumn: 2 }), { start: { line: 2, character: 4 }, end: { line: 3, character: 1 } });
  });

  it('never produces negative positions for file-level findings at 1:1', () => {
    assert.deepEqual(findingRange({ line: 1, column: 1, endLine: 1, endColumn: 1 }), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('maps findings past U+2028/U+2029 (line breaks to ESTree, not to LSP) through their offsets', () => {
    // ESTree: line 1 is `a;`, line 2 `b;`, line 3 `var c;` (after \u2029 and \r\n); LSP: line 0 is `a;\u2028b;\u2029`.
    const at = positionMapOf('a;\u2028b;\u2029\r\nvar c;\n');
    assert.deepEqual(findingRange({ line: 2, column: 1, endLine: 2, endColumn: 3 }, at), { start: { line: 0, character: 3 }, end: { line: 0, character: 5 } });
    assert.deepEqual(findingRange({ line: 4, column: 1, endLine: 4, endColumn: 7 }, at), { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    // Past the end (a finding at the end of file) clamps to the document's end.
    assert.deepEqual(findingRange({ line: 5, column: 1, endLine: 5, endColumn: 1 }, at), { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
  });

  it('computes the smallest single replacement between two texts', () => {
    assert.deepEqual(minimalReplacement('var a;\nvar b;\n', 'let a;\nlet b;\n'), { start: 0, end: 10, text: 'let a;\nlet' });
    assert.deepEqual(minimalReplacement('aaa', 'aaaa'), { start: 3, end: 3, text: 'a' });
    assert.deepEqual(minimalReplacement('same', 'same'), { start: 4, end: 4, text: '' });
  });
});
