/** The lint thread's findings cross to the main thread packed (server/wire-findings.ts) and come back equal. */
import * as assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { mergeFixParts } from '../../rules/core/engine/fixer';
import type { Finding } from '../../rules/core/engine/types';
import { packFindings, unpackFindings } from '../../server/wire-findings';

describe('server: findings packed for the lint thread\'s answer', () => {
  const text = `import a from 'a';\n${'const filler = 1;\n'.repeat(2_000)}const m = new Map();\n`;
  const replaceAt = text.indexOf('new Map()');
  const twoParts = mergeFixParts([{ range: [replaceAt, replaceAt + 'new Map()'.length], text: 'new LRUCache({ max: 10 })' }, { range: [18, 18], text: '\nimport { LRUCache } from "lru-cache";' }], text);
  const finding: Finding = {
    ruleId: 'caching/no-unbounded-cache', category: 'caching', severity: 1, message: 'm', line: 2002, column: 7, endLine: 2002, endColumn: 8,
    fix: { range: [0, 6], text: 'export' },
    suggestions: [{ desc: 'Use an LRU', messageId: 'useLruCache', fix: twoParts }],
  };

  it('unpacks to the findings it packed, merged texts included', () => {
    assert.deepEqual(unpackFindings(packFindings([finding]), text), [finding]);
  });

  it('leaves the text between the parts of a fix behind', () => {
    assert.ok(twoParts.text.length > 30_000);
    assert.ok(v8.serialize(packFindings([finding])).length < 1_000);
  });
});
