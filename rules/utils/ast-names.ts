import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';

/** Strips wrappers that do not change which value an expression names (`a!`, `a as T`, `(a?.b)`). */
export function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    if (current.type === 'TSNonNullExpression' || current.type === 'TSAsExpression' || current.type === 'TSSatisfiesExpression'
      || current.type === 'TSTypeAssertion' || current.type === 'ChainExpression') current = current.expression;
    else return current;
  }
}

/** The static name of a member's property or an object's key: `a.b` → `b`, `a['b']` → `b`, `{ 'b': 1 }` → `b`. */
export function staticKeyName(key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/**
 * The dotted name of an identifier/member chain: `a.b.c`, `this.logger.error`, `a['b'].c` → `a.b.c`.
 * Undefined when any link is dynamic (`a[k]`) or not a name (`f().x`). Iterative: chains can be long.
 */
export function dottedName(node: Node): string | undefined {
  const parts: string[] = [];
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression') {
    const name = staticKeyName(current.property, current.computed);
    if (name === undefined) return undefined;
    parts.push(name);
    current = unwrapExpression(current.object);
  }
  if (current.type === 'Identifier') parts.push(current.name);
  else if (current.type === 'ThisExpression') parts.push('this');
  else return undefined;
  return parts.reverse().join('.');
}

/** The dotted name of what a call or `new` calls. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  return dottedName(call.callee);
}

/** The last link of a callee: `a.b.c()` → `c`, `f()` → `f`, also for dynamic receivers (`f().c()` → `c`). */
export function calleeMethod(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return staticKeyName(callee.property, callee.computed);
  return undefined;
}

/** The property of an object literal with the given static key (last one wins, as at run time). */
export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  let found: TSESTree.Property | undefined;
  for (const property of object.properties) {
    if (property.type === 'Property' && staticKeyName(property.key, property.computed) === name) found = property;
  }
  return found;
}

/** Whether an object literal spreads another object in, so keys it does not list may still be set. */
export function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === 'SpreadElement');
}

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: Node): node is FunctionNode {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The function handed to `new Promise(…)`: whoever awaits that promise waits for what it does. */
export function isPromiseExecutor(fn: Node): boolean {
  const parent = fn.parent;
  return parent?.type === 'NewExpression' && parent.callee.type === 'Identifier' && parent.callee.name === 'Promise' && parent.arguments[0] === fn;
}

/** The nearest function that contains the node, if any. */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** The name a function is known by in its module: its own id, the variable, property or method it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if ((parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') && parent.value === fn) {
    return staticKeyName(parent.key, parent.computed);
  }
  return undefined;
}
