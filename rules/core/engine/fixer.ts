import type { Comment, Fix, FixFunction, Node, Range, RuleFixer } from './types';

export const ruleFixer: RuleFixer = {
  insertTextAfter: (n: Node | Comment, text: string) => ({ range: [n.range[1], n.range[1]], text }),
  insertTextAfterRange: (range: Range, text: string) => ({ range: [range[1], range[1]], text }),
  insertTextBefore: (n: Node | Comment, text: string) => ({ range: [n.range[0], n.range[0]], text }),
  insertTextBeforeRange: (range: Range, text: string) => ({ range: [range[0], range[0]], text }),
  remove: (n: Node | Comment) => ({ range: [n.range[0], n.range[1]], text: '' }),
  removeRange: (range: Range) => ({ range: [range[0], range[1]], text: '' }),
  replaceText: (n: Node | Comment, text: string) => ({ range: [n.range[0], n.range[1]], text }),
  replaceTextRange: (range: Range, text: string) => ({ range: [range[0], range[1]], text }),
};

/**
 * Runs a rule's fix function and merges what it returns into one edit (mergeFixParts). Returns
 * undefined for no fix, and throws on overlapping parts (a rule bug the runner reports as an
 * internal error).
 */
export function buildFix(fixFn: FixFunction, text: string): Fix | undefined {
  const produced = fixFn(ruleFixer);
  if (!produced) return undefined;
  const parts = isFix(produced) ? [produced] : [...produced].filter(Boolean);
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  return mergeFixParts(parts, text);
}

/** One edit from several, as ESLint merges them: the untouched text between the parts is carried over. */
export function mergeFixParts(parts: readonly Fix[], text: string): Fix {
  const sorted = [...parts].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0].range[0];
  const end = Math.max(...sorted.map((p) => p.range[1]));
  let out = '';
  let cursor = start;
  for (const part of sorted) {
    if (part.range[0] < cursor) throw new Error('fix parts overlap');
    out += text.slice(cursor, part.range[0]) + part.text;
    cursor = part.range[1];
  }
  out += text.slice(cursor, end);
  return { range: [start, end], text: out, parts: sorted.map(({ range, text: partText }) => ({ range, text: partText })) };
}

function isFix(value: unknown): value is Fix {
  return typeof value === 'object' && value !== null && Array.isArray((value as Fix).range) && typeof (value as Fix).text === 'string';
}
