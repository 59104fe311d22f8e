/**
 * Where a value goes within its file: the call arguments it ends up in, directly or through the
 * simple shapes code uses to build and pass it on (a template or `+` that starts with it, an
 * array or object literal, `new URL(it)`, a variable, a class field read as `this.x`).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../engine/types';
import { dottedName, staticKeyName } from '../../utils/ast-names';
import { pushChildren } from '../../utils/walk';

export interface ArgumentDestination {
  call: TSESTree.CallExpression | TSESTree.NewExpression;
  index: number;
  /** The object keys from the argument down to the value: empty when the argument is (built from) the value itself. */
  keys: readonly string[];
}

interface Step { node: Node; keys: readonly string[]; hops: number }

/** `new URL(value)`, `new URL(path, value)`: the URL object stands for the value. */
function isUrlConstruction(parent: Node): boolean {
  return parent.type === 'NewExpression' && dottedName(parent.callee) === 'URL';
}

/** The node that carries `node`'s value one step further out, if building a bigger value from it keeps it the address. */
function composedFrom(node: Node): Node | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    // Only a template or `+` that starts with the value keeps it the address: `${BASE}/x`, not `/x?next=${BASE}`.
    case 'TemplateLiteral': return parent.expressions[0] === node && parent.quasis[0].value.cooked === '' ? parent : undefined;
    case 'BinaryExpression': return parent.operator === '+' && parent.left === node ? parent : undefined;
    case 'ArrayExpression': case 'TSAsExpression': case 'TSNonNullExpression': case 'TSSatisfiesExpression':
    case 'TSTypeAssertion': case 'ChainExpression': case 'AwaitExpression':
      return parent;
    case 'ConditionalExpression': return parent.test === node ? undefined : parent;
    case 'LogicalExpression': return parent;
    case 'NewExpression': return isUrlConstruction(parent) && parent.callee !== node ? parent : undefined;
    case 'MemberExpression': {
      // `url.href`, `url.toString()`
      const name = parent.object === node ? staticKeyName(parent.property, parent.computed) : undefined;
      if (name === 'href') return parent;
      return name === 'toString' && parent.parent?.type === 'CallExpression' && parent.parent.callee === parent ? parent.parent : undefined;
    }
    default: return undefined;
  }
}

function enclosingClassBody(node: Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === 'ClassBody') return current;
  return undefined;
}

/** Reads of the field `name` in its class: `this.name` and `ClassName.name`, not the writes to it. */
function fieldReads(classBody: TSESTree.ClassBody, name: string): Node[] {
  const owner = classBody.parent;
  const className = owner && 'id' in owner && owner.id?.type === 'Identifier' ? owner.id.name : undefined;
  const reads: Node[] = [];
  const stack: Node[] = [classBody];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'MemberExpression' && staticKeyName(node.property, node.computed) === name
      && (node.object.type === 'ThisExpression' || (node.object.type === 'Identifier' && node.object.name === className))
      && !(node.parent?.type === 'AssignmentExpression' && node.parent.left === node)) reads.push(node);
    pushChildren(stack, node);
  }
  return reads;
}

/** Reads of the variable `identifier` names (declared by `declaration` or assigned there), found through scope analysis. */
function variableReads(sourceCode: RuleSourceCode, declaration: Node, identifier: TSESTree.Identifier): Node[] {
  let variable = sourceCode.scopeManager.getDeclaredVariables(declaration).find((v) => v.name === identifier.name);
  for (let scope: ReturnType<RuleSourceCode['getScope']> | null = variable ? null : sourceCode.getScope(declaration); scope && !variable; scope = scope.upper) {
    variable = scope.set.get(identifier.name);
  }
  return (variable?.references ?? []).filter((r) => r.isRead() && r.identifier !== identifier).map((r) => r.identifier as Node);
}

/** Where the value held at `node` (a full expression) goes next: the reads of what it is stored in. */
function storedReads(node: Node, sourceCode: RuleSourceCode): Node[] | undefined {
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return variableReads(sourceCode, parent, parent.id);
  if (parent?.type === 'PropertyDefinition' && parent.value === node) {
    const name = staticKeyName(parent.key, parent.computed);
    const body = enclosingClassBody(parent);
    return name !== undefined && body ? fieldReads(body, name) : undefined;
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.operator === '=') {
    if (parent.left.type === 'Identifier') return variableReads(sourceCode, parent, parent.left);
    if (parent.left.type === 'MemberExpression' && parent.left.object.type === 'ThisExpression') {
      const name = staticKeyName(parent.left.property, parent.left.computed);
      const body = enclosingClassBody(parent);
      return name !== undefined && body ? fieldReads(body, name) : undefined;
    }
  }
  return undefined;
}

/**
 * The call arguments `start`'s value reaches in this file, following at most `maxHops`
 * variables or fields. What a function returns, or what another module does with an export, is
 * not followed.
 */
export function argumentDestinations(start: Node, sourceCode: RuleSourceCode, maxHops = 3): ArgumentDestination[] {
  const destinations: ArgumentDestination[] = [];
  // A node can be reached again through another key or variable; each (node, keys) is followed once.
  const seen = new Set<string>();
  const queue: Step[] = [{ node: start, keys: [], hops: maxHops }];
  while (queue.length > 0) {
    const { node, keys, hops } = queue.pop()!;
    const visit = `${node.range[0]}:${node.range[1]}:${node.type}:${keys.join('.')}`;
    if (seen.has(visit)) continue;
    seen.add(visit);
    let current = node;
    for (let next = composedFrom(current); next; next = composedFrom(current)) current = next;
    const parent = current.parent;
    if (!parent) continue;
    if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee !== current) {
      destinations.push({ call: parent, index: parent.arguments.indexOf(current as TSESTree.CallExpressionArgument), keys });
      continue;
    }
    if (parent.type === 'Property' && parent.value === current && parent.parent.type === 'ObjectExpression') {
      const key = staticKeyName(parent.key, parent.computed);
      if (key === undefined) continue;
      queue.push({ node: parent.parent, keys: [key, ...keys], hops });
      continue;
    }
    if (hops === 0) continue;
    for (const read of storedReads(current, sourceCode) ?? []) queue.push({ node: read, keys, hops: hops - 1 });
  }
  return destinations;
}
