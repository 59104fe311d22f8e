/**
 * What code does to a collection (Map, Set, plain object, array) through one reference to it:
 * grow it, bound it, hand it elsewhere, or only read it. Shared by the caching rules, and by any
 * rule that asks whether a long-lived collection is kept in check.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { callsCallbackNow } from '../core/knowledge/sync-iteration';
import { calleeMethod, dottedName, isFunctionNode, staticKeyName, unwrapExpression } from './ast-names';

export type CollectionKind = 'Map' | 'Set' | 'object' | 'array';

/**
 * - `grow`: adds an entry (`set`, `add`, `push`, `unshift`, `obj[key] = v`)
 * - `register`: adds a function or handler: a registry filled by set-up code, not per request
 * - `bound`: removes entries or checks the size (`delete`, `clear`, `splice`, `shift`, `pop`,
 *   `length = n`, `x.size > max`, reassignment)
 * - `escape`: handed to code the module does not show (an argument to an unknown call, aliased, stored elsewhere)
 * - `read`: anything else (`get`, `has`, iteration, spreading, returning)
 */
export type CollectionUse = 'grow' | 'register' | 'bound' | 'escape' | 'read';

const GROW = new Set(['set', 'add', 'push', 'unshift']);
const BOUND = new Set(['delete', 'clear', 'splice', 'shift', 'pop']);
const SIZE = new Set(['size', 'length']);
const RELATIONAL = new Set(['<', '<=', '>', '>=', '===', '!==', '==', '!=']);
/** Calls that read a collection without keeping it: passing it to them is not an escape. */
const READERS = /^(Object\.(keys|values|entries|freeze|isFrozen)|Array\.(from|isArray)|JSON\.stringify|structuredClone|String|console\.\w+|Promise\.(all|allSettled|race|any)|Math\.(max|min))$/;
/** Values that name a handler: a registry of these is filled at set-up, not per request. */
const HANDLER_NAME = /(fn|func|handler|listener|callback|cb|hook|plugin|middleware|subscriber|observer|reducer|factory|provider|route|command|validator|transformer|serializer|class|ctor|constructor|type|definition|schema|strategy|driver|adapter|codec|formatter|loader|resolver|service)s?$/i;
/** Array methods that call their callback before returning: a callback of one made at load runs at load. */
/** The kind of collection an initialiser creates, if it creates one. */
export function collectionKind(init: Node | null | undefined): CollectionKind | undefined {
  const expr = init ? unwrapExpression(init) : undefined;
  if (!expr) return undefined;
  if (expr.type === 'ObjectExpression') return 'object';
  if (expr.type === 'ArrayExpression') return 'array';
  if (expr.type === 'NewExpression') {
    const name = dottedName(expr.callee);
    if (name === 'Map' || name === 'Set') return name;
    if (name === 'Array') return 'array';
  }
  if (expr.type === 'CallExpression' && dottedName(expr.callee) === 'Object.create' && expr.arguments[0]?.type === 'Literal' && expr.arguments[0].value === null) return 'object';
  return undefined;
}

/**
 * The name of what `node` may grow, by its last name (`cache.set(k, v)` → `cache`, `this.memo[k] = v`
 * → `memo`), before knowing what the name refers to: a cheap filter rules apply while walking.
 */
export function grownName(node: TSESTree.CallExpression | TSESTree.AssignmentExpression): string | undefined {
  let target: Node | undefined;
  if (node.type === 'CallExpression') {
    const callee = unwrapExpression(node.callee);
    if (callee.type === 'MemberExpression' && GROW.has(staticKeyName(callee.property, callee.computed) ?? '')) target = unwrapExpression(callee.object);
  } else {
    const left = unwrapExpression(node.left);
    if (left.type === 'MemberExpression' && left.computed) target = unwrapExpression(left.object);
  }
  if (target?.type === 'Identifier') return target.name;
  return target?.type === 'MemberExpression' ? staticKeyName(target.property, target.computed) : undefined;
}

/** The outermost expression that still evaluates to the same value as `node` (`x!`, `x as T`, `(x)`). */
function outermost(node: Node): Node {
  let current = node;
  while (current.parent && unwrapExpression(current.parent) !== current.parent && unwrapExpression(current.parent) === unwrapExpression(current)) current = current.parent;
  return current;
}

/** Classifies the use of a collection at `ref`, an expression that evaluates to the collection. */
export function classifyUse(ref: Node): CollectionUse {
  const self = outermost(ref);
  const parent = self.parent;
  if (!parent) return 'read';
  if (parent.type === 'MemberExpression' && parent.object === self) return classifyMember(parent);
  if (parent.type === 'AssignmentExpression') return parent.left === self ? 'bound' : 'escape';
  if (parent.type === 'VariableDeclarator' || parent.type === 'Property' || parent.type === 'PropertyDefinition') return 'escape';
  if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && parent.callee !== self) {
    const callee = dottedName(parent.callee) ?? '';
    if (/^Object\.(keys|values|entries)$/.test(callee) && isSizeCheck(outermost(parent))) return 'bound';
    return READERS.test(callee) ? 'read' : 'escape';
  }
  return 'read';
}

function classifyMember(member: TSESTree.MemberExpression): CollectionUse {
  const key = staticKeyName(member.property, member.computed);
  const outer = outermost(member);
  const parent = outer.parent;
  if (parent?.type === 'CallExpression' && parent.callee === outer && key !== undefined) {
    if (BOUND.has(key)) return 'bound';
    if (GROW.has(key)) return addsHandler(parent.arguments[parent.arguments.length - 1]) ? 'register' : 'grow';
    return 'read';
  }
  if (key !== undefined && SIZE.has(key) && !member.computed) {
    if (parent?.type === 'AssignmentExpression' && parent.left === outer) return 'bound';
    return isSizeCheck(outer) ? 'bound' : 'read';
  }
  if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return 'bound';
  if (parent?.type === 'AssignmentExpression' && parent.left === outer && member.computed && !isNumberLiteral(member.property)) {
    return addsHandler(parent.right) ? 'register' : 'grow';
  }
  return 'read';
}

/** `x.size > max`, `Object.keys(x).length >= LIMIT`: a comparison with something other than 0. */
function isSizeCheck(sizeRead: Node): boolean {
  let node = sizeRead;
  if (node.parent?.type === 'MemberExpression' && node.parent.object === node && staticKeyName(node.parent.property, node.parent.computed) === 'length') node = outermost(node.parent);
  const parent = node.parent;
  if (parent?.type !== 'BinaryExpression' || !RELATIONAL.has(parent.operator)) return false;
  const other = parent.left === node ? parent.right : parent.left;
  return !(other.type === 'Literal' && other.value === 0);
}

function isNumberLiteral(node: Node): boolean {
  return node.type === 'Literal' && typeof node.value === 'number';
}

function addsHandler(value: Node | undefined): boolean {
  const expr = value ? unwrapExpression(value) : undefined;
  if (!expr) return false;
  if (isFunctionNode(expr) || expr.type === 'ClassExpression') return true;
  if (expr.type === 'ObjectExpression') return expr.properties.some((p) => p.type === 'Property' && addsHandler(p.value));
  const name = expr.type === 'Identifier' ? expr.name : expr.type === 'MemberExpression' ? staticKeyName(expr.property, expr.computed) : undefined;
  return name !== undefined && HANDLER_NAME.test(name);
}

/**
 * Whether `node` runs while the module loads: not inside a function, or inside an IIFE, a callback
 * of an array iteration (`Object.entries(T).forEach(...)`) or a function in `loadOnly` (called only at
 * load), themselves at load. Class static blocks and field initialisers count as load.
 */
export function runsAtLoad(node: Node, loadOnly: ReadonlySet<Node> = new Set()): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const call = current.parent?.type === 'CallExpression' ? current.parent : undefined;
    const isIife = call?.callee === current;
    const iterates = call !== undefined && call.arguments[0] === current && callsCallbackNow(calleeMethod(call));
    if (!isIife && !iterates && !loadOnly.has(current)) return false;
  }
  return true;
}

/**
 * The key (or, for arrays, the value) a `grow` use adds under: `cache.set(k, v)` → `k`,
 * `seen.add(id)` → `id`, `memo[k] = v` → `k`, `events.push(e)` → `e`.
 */
export function grownKey(ref: Node): Node | undefined {
  const member = outermost(ref).parent;
  if (member?.type !== 'MemberExpression') return undefined;
  const outer = outermost(member);
  const parent = outer.parent;
  if (parent?.type === 'CallExpression' && parent.callee === outer) return parent.arguments[0];
  return member.computed ? member.property : undefined;
}

/**
 * Whether a key is the same on every run: a literal, a template without expressions, an enum-like
 * member (`SecretName.token`, `Kind.A`) or a CONSTANT_CASE name. Such keys bound the collection.
 */
export function isConstantKey(key: Node): boolean {
  const node = unwrapExpression(key);
  if (node.type === 'Literal') return true;
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0;
  if (node.type === 'Identifier') return /^[A-Z][A-Z0-9_]*$/.test(node.name);
  if (node.type === 'MemberExpression' && !node.computed) {
    const base = unwrapExpression(node.object);
    return base.type === 'Identifier' && /^[A-Z]/.test(base.name);
  }
  return false;
}
