import type { Node } from '../../../rules/core/engine/types';
import { parseSource } from '../../../rules/core/engine/parse';
import { SourceCode } from '../../../rules/core/engine/source-code';
import { traverse } from '../../../rules/core/engine/traverse';

/** A parsed file with every node linked to its parent, as rules see it once the walk is over. */
export function parsed(text: string): { sourceCode: SourceCode; nodes: Node[] } {
  const sourceCode = new SourceCode(text, parseSource(text, 'src/file.ts'));
  const nodes: Node[] = [];
  traverse(sourceCode.ast, (node, phase) => { if (phase === 'enter') nodes.push(node); });
  return { sourceCode, nodes };
}

/** The string literal whose value is `value`. */
export function literal(nodes: readonly Node[], value: string): Node {
  const found = nodes.find((n) => (n.type === 'Literal' && n.value === value) || (n.type === 'TemplateLiteral' && n.quasis[0].value.cooked === value));
  if (!found) throw new Error(`no literal ${value}`);
  return found;
}
