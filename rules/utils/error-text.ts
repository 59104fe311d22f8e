/**
 * Where an expression turns an error into text (`'x' + err`, `${err}`, `String(err)`,
 * `err.toString()`, `JSON.stringify(err)`, `err.message`), and whether it keeps the stack anyway
 * (`err.stack`, `util.inspect(err)`). Shared by the rules about what a log line keeps of an error.
 */
import type { Node } from '../core/engine/types';
import { dottedName, staticKeyName, unwrapExpression } from './ast-names';

const TO_TEXT = new Set(['String', 'JSON.stringify']);
/** These keep the stack in the text they produce. */
const WITH_STACK = new Set(['util.inspect', 'inspect', 'util.format', 'format']);

export interface ErrorTextScan { text?: Node; keepsStack: boolean }

/** Scans one expression (a log call's argument) for the error named by `names`. Iterative. */
export function scanErrorText(arg: Node, names: ReadonlySet<string>): ErrorTextScan {
  const result: ErrorTextScan = { keepsStack: false };
  const stack: Array<{ node: Node; asText: boolean }> = [{ node: arg, asText: false }];
  while (stack.length > 0) {
    const { node: raw, asText } = stack.pop()!;
    const node = unwrapExpression(raw);
    if (node.type === 'Identifier') {
      if (asText && names.has(node.name)) result.text ??= node;
    } else if (node.type === 'MemberExpression') {
      const key = staticKeyName(node.property, node.computed);
      const owner = unwrapExpression(node.object);
      if (owner.type === 'Identifier' && names.has(owner.name)) {
        if (key === 'stack') result.keepsStack = true;
        else if (key === 'message') result.text ??= node;
      }
    } else if (node.type === 'BinaryExpression' && node.operator === '+') {
      stack.push({ node: node.right, asText: true }, { node: node.left, asText: true });
    } else if (node.type === 'TemplateLiteral') {
      for (const e of [...node.expressions].reverse()) stack.push({ node: e, asText: true });
    } else if (node.type === 'CallExpression') {
      const path = dottedName(node.callee) ?? '';
      const callee = unwrapExpression(node.callee);
      if (WITH_STACK.has(path)) result.keepsStack = true;
      else if (TO_TEXT.has(path)) for (const a of node.arguments) stack.push({ node: a, asText: true });
      else if (callee.type === 'MemberExpression' && staticKeyName(callee.property, callee.computed) === 'toString') stack.push({ node: callee.object, asText: true });
    } else if (node.type === 'ObjectExpression') {
      for (const p of node.properties) if (p.type === 'Property') stack.push({ node: p.value, asText: false });
    } else if (node.type === 'ConditionalExpression' || node.type === 'LogicalExpression') {
      const parts = node.type === 'ConditionalExpression' ? [node.consequent, node.alternate] : [node.left, node.right];
      for (const p of parts) stack.push({ node: p, asText });
    }
  }
  return result;
}
