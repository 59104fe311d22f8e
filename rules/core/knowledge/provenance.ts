import type { Scope, Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../engine/types';
import { staticKeyName, unwrapExpression } from '../../utils/ast-names';
import { moduleBindings, normalizeModule, type ModuleBinding } from '../../utils/imports';
import { pushChildren } from '../../utils/walk';
import { nameBindingsOf } from './name-bindings';

/** One link from a package's export to a value: a property read, a call, a `new`. */
export type ProvenanceStep =
  | { kind: 'member'; name: string }
  | { kind: 'call'; node: TSESTree.CallExpression }
  | { kind: 'new'; node: TSESTree.NewExpression };

/**
 * Where a value comes from: a package (`node:` stripped; `(global)` for the platform's globals such
 * as `fetch`) and the steps taken from its export. `axios.create({...}).get` is
 * `{ package: 'axios', steps: [member create, call, member get] }`.
 */
export interface Provenance { package: string; steps: readonly ProvenanceStep[] }

/** The platform's globals, as a package: `fetch`, `globalThis.fetch`, `WebSocket`. */
export const GLOBAL_PACKAGE = '(global)';
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'window', 'self']);
/** How far a chain of variables is followed: enough for real code, a bound against cycles (`a = b; b = a`). */
const MAX_DEPTH = 12;

/** The member path of steps that are all property reads: `['get']` → `get`; undefined when a call or `new` is among them. */
export function memberPath(steps: readonly ProvenanceStep[]): string | undefined {
  const names: string[] = [];
  for (const step of steps) {
    if (step.kind !== 'member') return undefined;
    names.push(step.name);
  }
  return names.join('.');
}

function requiredPackage(node: Node): string | undefined {
  if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require'
    && node.arguments.length === 1 && node.arguments[0].type === 'Literal' && typeof node.arguments[0].value === 'string') {
    return normalizeModule(node.arguments[0].value);
  }
  return undefined;
}

function fromBinding(binding: ModuleBinding): Provenance {
  const steps: ProvenanceStep[] = binding.imported === '*' ? [] : binding.imported.split('.').map((name) => ({ kind: 'member', name }));
  return { package: binding.module, steps };
}

function withStep(base: Provenance | undefined, step: ProvenanceStep): Provenance | undefined {
  if (!base) return undefined;
  // `require('axios').default`, `import * as x` then `x.default`: the default export is the namespace here.
  if (step.kind === 'member' && step.name === 'default' && base.steps.length === 0) return base;
  return { package: base.package, steps: [...base.steps, step] };
}

/**
 * The variable a name refers to where it is used: looked up by name from the innermost scope
 * outwards (linear in the nesting, not in the number of references). Null when nothing in the file
 * declares it: a global of the platform.
 */
function variableNamed(identifier: TSESTree.Identifier, sourceCode: RuleSourceCode): Variable | null {
  for (let scope: Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return null;
}

/** The one value a variable holds: a `const`, or a `let`/`var` written only where it is declared. */
export function singleValueOf(variable: Variable): { init: Node; id: TSESTree.BindingName } | undefined {
  if (variable.defs.length !== 1) return undefined;
  const def = variable.defs[0];
  if (def.type !== 'Variable' || !def.node.init) return undefined;
  const writes = variable.references.filter((r) => r.isWrite());
  if (writes.length > 1 || (writes.length === 1 && writes[0].writeExpr !== def.node.init)) return undefined;
  return { init: def.node.init, id: def.node.id };
}

/**
 * Answers "which package does this expression's value come from", following imports and
 * `require`, local and module-level variables that hold one value, destructuring, property
 * reads, calls and `new`, and `this.x` fields a class assigns once. Without a `sourceCode`
 * (the module-facts pass, which runs no scope analysis) names resolve only through the file's
 * top-level imports. One resolver per file: it caches what it read of each class.
 */
export class ProvenanceResolver {
  private readonly bindings: ReadonlyMap<string, ModuleBinding>;
  private readonly classFields = new WeakMap<Node, Map<string, Node[]>>();

  constructor(program: TSESTree.Program, private readonly sourceCode?: RuleSourceCode) {
    this.bindings = moduleBindings(program);
  }

  of(expression: Node): Provenance | undefined {
    return this.resolve(expression, 0);
  }

  /** The variable a name refers to; null for a global, undefined without scope analysis. */
  variableOf(identifier: TSESTree.Identifier): Variable | null | undefined {
    return this.sourceCode ? variableNamed(identifier, this.sourceCode) : undefined;
  }

  /** The expression a local name holds, when it holds one value (see `singleValueOf`). */
  valueOf(identifier: TSESTree.Identifier): Node | undefined {
    const variable = this.variableOf(identifier);
    if (!variable) return undefined;
    const single = singleValueOf(variable);
    return single && single.id.type === 'Identifier' ? single.init : undefined;
  }

  private resolve(expression: Node, depth: number): Provenance | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const node = unwrapExpression(expression);
    switch (node.type) {
      case 'Identifier':
        return this.identifier(node, depth);
      case 'MemberExpression': {
        const name = staticKeyName(node.property, node.computed);
        if (name === undefined) return undefined;
        if (node.object.type === 'ThisExpression') return this.thisField(node, name, depth);
        return withStep(this.resolve(node.object, depth + 1), { kind: 'member', name });
      }
      case 'CallExpression': {
        const required = requiredPackage(node);
        if (required !== undefined) return { package: required, steps: [] };
        return withStep(this.resolve(node.callee, depth + 1), { kind: 'call', node });
      }
      case 'NewExpression':
        return withStep(this.resolve(node.callee, depth + 1), { kind: 'new', node });
      case 'AwaitExpression':
        return this.resolve(node.argument, depth + 1);
      default:
        return undefined;
    }
  }

  private identifier(node: TSESTree.Identifier, depth: number): Provenance | undefined {
    if (!this.sourceCode) {
      const binding = this.bindings.get(node.name);
      return binding ? fromBinding(binding) : GLOBAL_OBJECTS.has(node.name) ? { package: GLOBAL_PACKAGE, steps: [] } : undefined;
    }
    // A name the file never binds is a global: no scope analysis needed to say so.
    const variable = nameBindingsOf(this.sourceCode).isUnbound(node.name) ? null : variableNamed(node, this.sourceCode);
    if (variable === null || variable.defs.length === 0) {
      // Not declared in the file: a global of the platform.
      return GLOBAL_OBJECTS.has(node.name) ? { package: GLOBAL_PACKAGE, steps: [] } : { package: GLOBAL_PACKAGE, steps: [{ kind: 'member', name: node.name }] };
    }
    const def = variable.defs[0];
    if (def.type === 'ImportBinding') {
      const binding = this.bindings.get(node.name);
      return binding ? fromBinding(binding) : undefined;
    }
    if (def.type === 'Variable' && variable.defs.length === 1) return this.declared(variable, node.name, depth);
    return undefined;
  }

  /** `const x = <value>`, `const { get } = <value>`, `const { a: { b } } = ...` is not followed. */
  private declared(variable: Variable, name: string, depth: number): Provenance | undefined {
    const single = singleValueOf(variable);
    if (!single) return undefined;
    if (single.id.type === 'Identifier') return this.resolve(single.init, depth + 1);
    if (single.id.type !== 'ObjectPattern') return undefined;
    for (const property of single.id.properties) {
      if (property.type !== 'Property' || property.value.type !== 'Identifier' || property.value.name !== name) continue;
      const key = staticKeyName(property.key, property.computed);
      return key === undefined ? undefined : withStep(this.resolve(single.init, depth + 1), { kind: 'member', name: key });
    }
    return undefined;
  }

  /** `this.client` in a class that assigns it exactly one value (a field initialiser or `this.client = ...`). */
  private thisField(member: TSESTree.MemberExpression, name: string, depth: number): Provenance | undefined {
    let owner: Node | undefined = member.parent;
    while (owner && owner.type !== 'ClassBody') owner = owner.parent;
    if (!owner) return undefined;
    const values = this.fieldsOf(owner as TSESTree.ClassBody).get(name);
    return values?.length === 1 ? this.resolve(values[0], depth + 1) : undefined;
  }

  private fieldsOf(body: TSESTree.ClassBody): Map<string, Node[]> {
    let fields = this.classFields.get(body);
    if (fields) return fields;
    fields = new Map();
    const add = (name: string | undefined, value: Node) => {
      if (name !== undefined) fields!.set(name, [...(fields!.get(name) ?? []), value]);
    };
    const stack: Node[] = [body];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'PropertyDefinition' && node.value && !node.static) add(staticKeyName(node.key, node.computed), node.value);
      if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression') {
        add(staticKeyName(node.left.property, node.left.computed), node.operator === '=' ? node.right : node);
      }
      // A nested class has its own `this`.
      if (node !== body && node.type === 'ClassBody') continue;
      pushChildren(stack, node);
    }
    this.classFields.set(body, fields);
    return fields;
  }
}
