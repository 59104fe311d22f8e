import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from '../engine/types';

/**
 * How a module's syntax says what it imports, exports, runs at load and does on a signal: the
 * small readers module-facts.ts applies while it walks, one node at a time.
 */

const CLOSE_METHOD = /^(close|stop|shutdown|terminate|destroy|disconnect|end|quit|drain|dispose|closeAllConnections)$/;
const CLOSE_FUNCTION = /shut|close|stop|drain|terminat|graceful|cleanup|dispose/i;

export function stringValue(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

export function propertyName(member: TSESTree.MemberExpression): string | undefined {
  return member.computed ? stringValue(member.property) : member.property.type === 'Identifier' ? member.property.name : undefined;
}

export function isProcessEnv(node: TSESTree.MemberExpression): boolean {
  return node.object.type === 'Identifier' && node.object.name === 'process' && propertyName(node) === 'env';
}

/**
 * Appends to `into` each child worth visiting, in source order, leaving out names that are not
 * references (`a.b`'s `b`, `{ b: 1 }`'s key). An array, not a callback: the fact walk calls this on
 * every node of every file, and a closure per node showed in its profile.
 */
export function pushChildReferences(node: Node, into: Node[]): void {
  const record = node as unknown as Record<string, unknown>;
  const computed = (record.computed as boolean | undefined) ?? false;
  const keys = visitorKeys[node.type];
  if (keys === undefined) return;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    if (!computed && key === 'property' && node.type === 'MemberExpression') continue;
    if (!computed && key === 'key' && (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition' || node.type === 'AccessorProperty')) continue;
    const child = record[key];
    if (Array.isArray(child)) {
      for (let i = 0; i < child.length; i++) if (isNode(child[i])) into.push(child[i] as Node);
    } else if (isNode(child)) {
      into.push(child as Node);
    }
  }
}

function isNode(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as Node).type === 'string';
}

/** Whether a signal handler does shutdown work, as far as one function body shows. */
export function handlerCloses(handler: Node | undefined): boolean {
  if (!handler) return false;
  if (handler.type !== 'ArrowFunctionExpression' && handler.type !== 'FunctionExpression') return true;
  const stack: Node[] = [handler.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression') {
      const callee = node.callee;
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && CLOSE_METHOD.test(callee.property.name)) return true;
      if (callee.type === 'Identifier' && CLOSE_FUNCTION.test(callee.name)) return true;
    }
    pushChildReferences(node, stack);
  }
  return false;
}

/** What a `require()` call at load does with the module it returns, read from its parent. */
export type RequireUse = { kind: 'bind'; local: string } | { kind: 'read'; names: string[] } | { kind: 'capture' } | { kind: 'none' };

/** `const m = require(…)`, `const { a } = require(…)`, `require(…).a`, `require(…)(app)`, `f(require(…))`, or a bare `require(…);`. */
export function requireUse(call: Node, parent: Node | undefined): RequireUse {
  if (!parent || parent.type === 'ExpressionStatement') return { kind: 'none' };
  if (parent.type === 'VariableDeclarator' && parent.init === call) {
    if (parent.id.type === 'Identifier') return { kind: 'bind', local: parent.id.name };
    if (parent.id.type === 'ObjectPattern') {
      const names: string[] = [];
      for (const property of parent.id.properties) {
        if (property.type !== 'Property') return { kind: 'capture' };
        names.push((property.computed ? undefined : property.key.type === 'Identifier' ? property.key.name : stringValue(property.key)) ?? '[computed]');
      }
      return names.length > 0 ? { kind: 'read', names } : { kind: 'none' };
    }
    return { kind: 'capture' };
  }
  if (parent.type === 'MemberExpression' && parent.object === call) return { kind: 'read', names: [propertyName(parent) ?? '[computed]'] };
  if (parent.type === 'CallExpression' && parent.callee === call) return { kind: 'read', names: ['module.exports'] };
  return { kind: 'capture' };
}

export function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && propertyName(node) === 'exports';
}

/** `module.exports = …`, `module.exports.x = …`, `exports[key] = …`: an assignment that writes to the module's exports. */
export function writesExports(target: Node): boolean {
  if (target.type !== 'MemberExpression') return false;
  return isModuleExports(target) || isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports');
}

/** `module.exports` → `module.exports`; `module.exports.run` and `exports.run` → `run`; anything else: none. */
export function commonJsExportName(target: TSESTree.MemberExpression): string | undefined {
  if (isModuleExports(target)) return 'module.exports';
  const onExports = isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports');
  return onExports ? propertyName(target) : undefined;
}

/** `main()`, `await main()`, `void main()`, `main().catch(...)`: the name of the function a top-level statement runs. */
export function calledName(expression: Node): string | undefined {
  let current = expression;
  for (;;) {
    if (current.type === 'AwaitExpression' || (current.type === 'UnaryExpression' && current.operator === 'void')) current = current.argument;
    else if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && /^(then|catch|finally)$/.test(propertyName(current.callee) ?? '')) current = current.callee.object;
    else break;
  }
  return current.type === 'CallExpression' && current.callee.type === 'Identifier' ? current.callee.name : undefined;
}

/** The name a top-level function goes by: `function main() {}`, `const main = async () => {}`. */
export function functionName(node: Node, parent: Node | undefined): string | undefined {
  if (!FUNCTION_NODE.has(node.type)) return undefined;
  if (parent?.type === 'ExportDefaultDeclaration') return (node as TSESTree.FunctionDeclaration).id?.name ?? 'default';
  if (node.type === 'FunctionDeclaration') return node.id?.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  // `exports.start = function () {}`, `module.exports = async () => {}`: named for what they are exported as.
  if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'MemberExpression') return commonJsExportName(parent.left);
  return undefined;
}

export const FUNCTION_NODE = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
