/**
 * Where a value comes from: the calls and `new`s that can have produced it, as `module:member`
 * keys (`pgPool` → `pg:Pool` when the file does `pgPool = new pg.Pool(cfg)`).
 *
 * Rules use it to apply one library's semantics only to that library's values: `pool.connect()`
 * lends a client on a `pg` pool but connects the pool itself on an `mssql` `ConnectionPool`.
 *
 * It follows, within the file: a local or module variable's initializer and every assignment to it,
 * `this.name = …` in the enclosing class (and a class field's initializer), `await`, and type
 * wrappers. Anything else (a parameter, an imported binding, a property of another object, a
 * call that is not rooted in a module binding) makes the origin unknown: the answer is then
 * `undefined`, never a guess.
 */
import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../engine/types';
import { staticKeyName, unwrapExpression } from '../../utils/ast-names';
import { type ModuleBinding, resolveModuleMember } from '../../utils/imports';
import { pushChildren } from '../../utils/walk';
import { resolveVariable } from './name-bindings';

const MAX_STEPS = 50;

export interface OriginContext {
  sourceCode: RuleSourceCode;
  bindings: ReadonlyMap<string, ModuleBinding>;
}

/** The `module:member` keys of everything the expression can hold, or undefined if any source is unknown. */
export function valueOrigins(expression: Node, context: OriginContext): ReadonlySet<string> | undefined {
  const origins = new Set<string>();
  const seen = new Set<Node | Variable>();
  const queue: Node[] = [expression];
  let steps = 0;
  while (queue.length > 0) {
    if (++steps > MAX_STEPS) return undefined;
    const node = unwrapExpression(queue.pop()!);
    if (seen.has(node)) continue;
    seen.add(node);
    const sources = sourcesOf(node, context, seen);
    if (sources === undefined) return undefined;
    if (typeof sources === 'string') origins.add(sources);
    else queue.push(...sources);
  }
  return origins.size > 0 ? origins : undefined;
}

/** A producing call's key, or the expressions the value flows from, or undefined when it cannot be followed. */
function sourcesOf(node: Node, context: OriginContext, seen: Set<Node | Variable>): string | Node[] | undefined {
  switch (node.type) {
    case 'AwaitExpression':
      return [node.argument];
    case 'NewExpression':
    case 'CallExpression': {
      const resolved = resolveModuleMember(node.callee, context.bindings);
      return resolved ? `${resolved.module}:${resolved.member}` : undefined;
    }
    case 'Identifier': {
      const variable = resolveVariable(node, context.sourceCode);
      if (!variable || seen.has(variable)) return variable ? [] : undefined;
      seen.add(variable);
      return assignedValues(variable);
    }
    case 'MemberExpression':
      return node.object.type === 'ThisExpression' ? thisPropertyValues(node) : undefined;
    default:
      return undefined;
  }
}

/** Every value a variable is given: its initializer and the right side of each `name = …`. */
function assignedValues(variable: Variable): Node[] | undefined {
  const values: Node[] = [];
  for (const def of variable.defs) {
    if (def.type !== 'Variable' || def.node.id.type !== 'Identifier') return undefined;
    if (def.node.init) values.push(def.node.init);
  }
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init) continue;
    const parent = reference.identifier.parent;
    if (parent?.type !== 'AssignmentExpression' || parent.operator !== '=' || parent.left !== reference.identifier) return undefined;
    values.push(parent.right);
  }
  return values.length > 0 ? values : undefined;
}

/** `this.pool`: the class field's initializer and every `this.pool = …` inside the class. */
function thisPropertyValues(member: TSESTree.MemberExpression): Node[] | undefined {
  const name = staticKeyName(member.property, member.computed);
  const body = enclosingClassBody(member);
  if (name === undefined || !body) return undefined;
  const values: Node[] = [];
  const stack: Node[] = [body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'PropertyDefinition' && !node.static && staticKeyName(node.key, node.computed) === name && node.value) values.push(node.value);
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression'
      && staticKeyName(node.left.property, node.left.computed) === name) {
      if (node.operator !== '=') return undefined;
      values.push(node.right);
    }
    // A nested class has its own `this`.
    if (node !== body && node.type === 'ClassBody') continue;
    pushChildren(stack, node);
  }
  return values.length > 0 ? values : undefined;
}

function enclosingClassBody(node: Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ClassBody') return current;
    // A plain function has its own `this`; arrows and methods keep the class's.
    if (current.type === 'FunctionDeclaration' || (current.type === 'FunctionExpression' && current.parent?.type !== 'MethodDefinition')) return undefined;
  }
  return undefined;
}
