/**
 * What run-frequency.ts reads of a file, collected in one iterative walk: the units it estimates
 * (functions and classes), `this.x` uses by class, instances created into variables, and the uses of
 * each name, found without scope analysis where the file binds the name once.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type FunctionNode, isFunctionNode, staticKeyName } from '../../utils/ast-names';
import { pushChildren } from '../../utils/walk';
import type { Node } from '../engine/types';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
/** What the analysis gives an estimate to: a function, or a class (how often its instances are created). */
export type Unit = FunctionNode | ClassNode;

export function isClass(node: Node | undefined): node is ClassNode {
  return node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression';
}

const PATTERN_PARENTS = new Set(['ArrayPattern', 'RestElement', 'CatchClause', 'ImportSpecifier', 'ImportDefaultSpecifier', 'ImportNamespaceSpecifier', 'TSParameterProperty', 'TSEnumDeclaration', 'TSModuleDeclaration', 'TSImportEqualsDeclaration', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSTypeParameter', 'TSDeclareFunction']);
const NOT_VALUES = new Set(['LabeledStatement', 'BreakStatement', 'ContinueStatement', 'ExportSpecifier', 'MetaProperty', 'JSXAttribute', 'JSXClosingElement']);

/**
 * What an identifier is to the binding of its name: a binding (declares it), a read (may use it), or
 * neither (a property name, a label, a type). Anything unsure counts as a binding, which makes the
 * name ambiguous and sends the analysis to the scope manager.
 */
function identifierRole(identifier: TSESTree.Identifier): 'binding' | 'read' | 'other' {
  const parent = identifier.parent;
  if (!parent) return 'other';
  switch (parent.type) {
    case 'VariableDeclarator': return parent.id === identifier ? 'binding' : 'read';
    case 'FunctionDeclaration': case 'FunctionExpression': case 'ArrowFunctionExpression':
      return parent.body === identifier ? 'read' : 'binding';
    case 'ClassDeclaration': case 'ClassExpression': return parent.id === identifier ? 'binding' : 'read';
    case 'AssignmentPattern': return parent.left === identifier ? 'binding' : 'read';
    case 'AssignmentExpression': return parent.left === identifier ? 'other' : 'read';
    case 'MemberExpression': return parent.object === identifier || parent.computed ? 'read' : 'other';
    case 'Property':
      if (parent.parent?.type === 'ObjectPattern') return parent.value === identifier ? 'binding' : 'other';
      return parent.value === identifier || parent.computed ? 'read' : 'other';
    case 'MethodDefinition': case 'PropertyDefinition': case 'AccessorProperty': case 'TSAbstractMethodDefinition': case 'TSAbstractPropertyDefinition':
      return parent.key === identifier && !parent.computed ? 'other' : 'read';
  }
  if (PATTERN_PARENTS.has(parent.type) || parent.type === 'ObjectPattern') return 'binding';
  if (NOT_VALUES.has(parent.type) || parent.type.startsWith('JSX')) return parent.type === 'JSXExpressionContainer' ? 'read' : 'other';
  // Type positions (`x: Foo`, `Foo<T>`) name types, not values; TS expression wrappers (`x as T`, `x!`) read them.
  if (parent.type.startsWith('TS') && !['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression', 'TSExportAssignment'].includes(parent.type)) return 'other';
  return 'read';
}

/** Collects what the analysis needs in one iterative walk. */
export class FileIndex {
  readonly units: Unit[] = [];
  /** `this.name` uses, by class body and name. */
  readonly thisMembers = new Map<TSESTree.ClassBody, Map<string, TSESTree.MemberExpression[]>>();
  /** `const service = new Service()`, by the class name: calls on such a variable are calls of the class's methods. */
  readonly instances = new Map<string, TSESTree.VariableDeclarator[]>();

  /** Identifiers by name, in value positions that may read a binding (see `readsOf`). */
  private readonly reads = new Map<string, TSESTree.Identifier[]>();
  /** How many times each name is bound in the file (declarations, parameters, imports, patterns). */
  private readonly bindings = new Map<string, number>();
  private unlinked = false;

  constructor(program: TSESTree.Program) {
    const stack: Node[] = [program];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'Identifier') this.addIdentifier(node);
      if (isFunctionNode(node) || isClass(node)) this.units.push(node);
      else if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') this.addThisMember(node);
      else if (node.type === 'VariableDeclarator' && node.init?.type === 'NewExpression' && node.init.callee.type === 'Identifier') {
        const list = this.instances.get(node.init.callee.name);
        if (list) list.push(node);
        else this.instances.set(node.init.callee.name, [node]);
      }
      pushChildren(stack, node);
    }
  }

  /**
   * The reads of the one binding named `name`, found by name without scope analysis (which costs more
   * than the rest of this analysis on a large file). Undefined when the name is bound more than once
   * in the file, so a use may belong to another binding: the caller asks the scope manager then.
   */
  readsOf(name: string): readonly TSESTree.Identifier[] | undefined {
    return !this.unlinked && this.bindings.get(name) === 1 ? this.reads.get(name) ?? [] : undefined;
  }

  private addIdentifier(identifier: TSESTree.Identifier): void {
    // Built before the walk reached part of the tree (parents not linked yet): roles cannot be read.
    if (!identifier.parent) this.unlinked = true;
    const role = identifierRole(identifier);
    if (role === 'binding') this.bindings.set(identifier.name, (this.bindings.get(identifier.name) ?? 0) + 1);
    if (role !== 'read') return;
    const list = this.reads.get(identifier.name);
    if (list) list.push(identifier);
    else this.reads.set(identifier.name, [identifier]);
  }

  private addThisMember(member: TSESTree.MemberExpression): void {
    const name = staticKeyName(member.property, member.computed) ?? (member.property.type === 'PrivateIdentifier' ? `#${member.property.name}` : undefined);
    if (name === undefined) return;
    let body: Node | undefined = member.parent;
    while (body && body.type !== 'ClassBody') body = body.parent;
    if (!body) return;
    let byName = this.thisMembers.get(body);
    if (!byName) this.thisMembers.set(body, byName = new Map());
    const list = byName.get(name);
    if (list) list.push(member);
    else byName.set(name, [member]);
  }
}
