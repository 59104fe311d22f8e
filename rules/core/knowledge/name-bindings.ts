/**
 * Where each name of a file is bound and read, found in one iterative walk without scope analysis.
 *
 * Scope analysis costs more than every rule together on a large file, and most questions rules ask of
 * it have a cheaper answer here: a name the file never binds refers to a global (`process`, an
 * undeclared `require`, the platform's `Promise`), and the reads of a name bound once are every read
 * of that name. Where the answer is unsure (a name bound twice, a tree without parent links) callers
 * ask the scope manager.
 */
import type { Scope, Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type FunctionNode, isFunctionNode } from '../../utils/ast-names';
import { pushChildren } from '../../utils/walk';
import type { Node, RuleSourceCode } from '../engine/types';

/** What a name refers to where it is used, as far as the rules that ask need it. */
export type Declaration =
  /** No declaration of the file reaches the use: a global of the platform or an undeclared name. */
  | { kind: 'global' }
  | { kind: 'function'; node: FunctionNode; moduleLevel: boolean }
  | { kind: 'variable'; node: TSESTree.VariableDeclarator; moduleLevel: boolean }
  /** A parameter, an import, a class, an enum, or a name declared more than once. */
  | { kind: 'other'; moduleLevel: boolean };

const GLOBAL: Declaration = { kind: 'global' };
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'TSModuleBlock']);

const PATTERN_PARENTS = new Set(['ArrayPattern', 'RestElement', 'CatchClause', 'ImportSpecifier', 'ImportDefaultSpecifier', 'ImportNamespaceSpecifier', 'TSParameterProperty', 'TSEnumDeclaration', 'TSModuleDeclaration', 'TSImportEqualsDeclaration', 'TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSTypeParameter', 'TSDeclareFunction', 'TSEnumMember',
  // Parameters of signatures and keys of mapped types: only types read them (`typeof param`, `value is T`), but they are bindings.
  'TSFunctionType', 'TSConstructorType', 'TSMethodSignature', 'TSCallSignatureDeclaration', 'TSConstructSignatureDeclaration',
  'TSEmptyBodyFunctionExpression', 'TSIndexSignature', 'TSMappedType']);
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

export class NameBindings {
  /** Identifiers by name, in value positions that may read a binding (see `readsOf`). */
  private readonly reads = new Map<string, TSESTree.Identifier[]>();
  /** How many times each name is bound in the file (declarations, parameters, imports, patterns). */
  private readonly bindings = new Map<string, number>();
  /** Each name's bindings, for names bound more than once: which one a use refers to is read from where each is visible. */
  private readonly bindingsByName = new Map<string, TSESTree.Identifier[]>();
  /** Built before the walk reached part of the tree (parents not linked yet): roles cannot be read. */
  private unlinked = false;

  /** `visit` sees every node of the walk too, so an analysis that needs its own walk of the file can share this one. */
  constructor(program: TSESTree.Program, visit?: (node: Node) => void) {
    const stack: Node[] = [program];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'Identifier') this.addIdentifier(node);
      visit?.(node);
      pushChildren(stack, node);
    }
  }

  /** True when no declaration, parameter, import or pattern of the file binds `name`: it can only be a global. */
  isUnbound(name: string): boolean {
    return !this.unlinked && !this.bindings.has(name);
  }

  /**
   * The reads of the one binding named `name`. Undefined when the name is bound more than once in the
   * file, so a use may belong to another binding: the caller asks the scope manager then.
   */
  readsOf(name: string): readonly TSESTree.Identifier[] | undefined {
    return !this.unlinked && this.bindings.get(name) === 1 ? this.reads.get(name) ?? [] : undefined;
  }

  /**
   * The declaration `identifier` refers to, when every binding of its name is in a shape read here
   * (a variable, a function declared by name, a parameter, a `catch` parameter, an import): the
   * innermost one whose region holds the use, or a global when none does. Undefined when unsure: a
   * binding of another shape, or two in the same region (`var x; var x;`).
   */
  declarationAt(identifier: TSESTree.Identifier): Declaration | undefined {
    const site = this.siteAt(identifier);
    return site === null ? GLOBAL : site?.declaration;
  }

  /**
   * The reads of one binding (a declaration's name), where every binding of its name is in a shape
   * read here; undefined otherwise. A name bound once gives all its reads, as `readsOf` does.
   */
  readsOfBinding(binding: TSESTree.Identifier): readonly TSESTree.Identifier[] | undefined {
    const once = this.readsOf(binding.name);
    if (once || this.unlinked) return once;
    const reads: TSESTree.Identifier[] = [];
    for (const read of this.reads.get(binding.name) ?? []) {
      const site = this.siteAt(read);
      if (site === undefined) return undefined;
      if (site?.binding === binding) reads.push(read);
    }
    return reads;
  }

  /** The site of the binding a use refers to; null for a global, undefined when unsure. */
  private siteAt(identifier: TSESTree.Identifier): BindingSite | null | undefined {
    // A name in a type (`checks.Check` in `const checks: checks.Check[]`) is resolved by TypeScript's rules, not these.
    if (this.unlinked || identifierRole(identifier) === 'other') return undefined;
    const bindings = this.bindingsByName.get(identifier.name);
    if (!bindings) return null;
    let innermost: BindingSite | undefined;
    let tied = false;
    for (const binding of bindings) {
      const site = bindingSite(binding);
      if (!site) return undefined;
      if (identifier.range[0] < site.region.range[0] || identifier.range[1] > site.region.range[1]) continue;
      if (innermost && site.region === innermost.region) tied = true;
      else if (!innermost || encloses(innermost.region, site.region)) [innermost, tied] = [site, false];
    }
    if (tied) return undefined;
    return innermost ?? null;
  }

  private addIdentifier(identifier: TSESTree.Identifier): void {
    if (!identifier.parent) this.unlinked = true;
    const role = identifierRole(identifier);
    if (role === 'binding') {
      this.bindings.set(identifier.name, (this.bindings.get(identifier.name) ?? 0) + 1);
      const list = this.bindingsByName.get(identifier.name);
      if (list) list.push(identifier);
      else this.bindingsByName.set(identifier.name, [identifier]);
    }
    if (role !== 'read') return;
    const list = this.reads.get(identifier.name);
    if (list) list.push(identifier);
    else this.reads.set(identifier.name, [identifier]);
  }
}

/**
 * Keyed by the SourceCode of one lint, like the other per-file analyses: it lives as long as that
 * lint, and an editor's re-parse gets a new one.
 */
const perFile = new WeakMap<RuleSourceCode, NameBindings>();

export function nameBindingsOf(sourceCode: RuleSourceCode): NameBindings {
  let bindings = perFile.get(sourceCode);
  if (!bindings) perFile.set(sourceCode, bindings = new NameBindings(sourceCode.ast));
  return bindings;
}

/**
 * The file's bindings, with `visit` called on every node of the file: in the walk that collects the
 * bindings when they are not collected yet, else in a walk of its own. One walk instead of two for an
 * analysis (run frequency) that reads both.
 */
export function walkWithNameBindings(sourceCode: RuleSourceCode, visit: (node: Node) => void): NameBindings {
  const known = perFile.get(sourceCode);
  if (!known) {
    const bindings = new NameBindings(sourceCode.ast, visit);
    perFile.set(sourceCode, bindings);
    return bindings;
  }
  const stack: Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    pushChildren(stack, node);
  }
  return known;
}

interface BindingSite { binding: TSESTree.Identifier; region: Node; declaration: Declaration }

function encloses(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** Where a binding is visible and what it declares, for the shapes read without scope analysis. */
function bindingSite(binding: TSESTree.Identifier): BindingSite | undefined {
  const { node: top, parent } = patternRoot(binding);
  if (parent?.type === 'CatchClause' && parent.param === top) return { binding, region: parent, declaration: { kind: 'other', moduleLevel: false } };
  if (parent?.type === 'VariableDeclarator' && parent.id === top) {
    const declaration = parent.parent as TSESTree.VariableDeclaration;
    const region = declaration.kind === 'var' ? functionRegion(declaration) : blockRegion(declaration);
    return region && { binding, region, declaration: { kind: 'variable', node: parent, moduleLevel: region.type === 'Program' } };
  }
  if (parent?.type === 'FunctionDeclaration' && parent.id === binding) {
    const region = blockRegion(parent);
    return region && { binding, region, declaration: { kind: 'function', node: parent, moduleLevel: region.type === 'Program' } };
  }
  if (parent && isFunctionNode(parent) && parent.params.includes(top as TSESTree.Parameter)) return { binding, region: parent, declaration: { kind: 'other', moduleLevel: false } };
  if (parent?.type === 'ImportSpecifier' || parent?.type === 'ImportDefaultSpecifier' || parent?.type === 'ImportNamespaceSpecifier') {
    return parent.local === binding && parent.parent?.parent?.type === 'Program'
      ? { binding, region: parent.parent.parent, declaration: { kind: 'other', moduleLevel: true } } : undefined;
  }
  return undefined;
}

/** The whole pattern a binding sits in (`{ a: [b = 1] }` for `b`), and what holds that pattern. */
function patternRoot(binding: TSESTree.Identifier): { node: Node; parent: Node | undefined } {
  let node: Node = binding;
  for (let parent: Node | undefined = node.parent; parent; node = parent, parent = node.parent) {
    const inPattern = parent.type === 'ArrayPattern' || parent.type === 'RestElement' || parent.type === 'ObjectPattern'
      || (parent.type === 'AssignmentPattern' && parent.left === node)
      || (parent.type === 'Property' && parent.value === node && parent.parent?.type === 'ObjectPattern');
    if (!inPattern) return { node, parent };
  }
  return { node, parent: undefined };
}

/** A `var`'s region: the function (or namespace body, or file) around it. */
function functionRegion(node: Node): Node | undefined {
  let current = node.parent;
  while (current && current.type !== 'Program' && !FUNCTION_TYPES.has(current.type)) current = current.parent;
  return current;
}

/** A `let`, `const`, function or class declaration's region: the block, loop, `switch` or file it is declared in. */
function blockRegion(declaration: Node): Node | undefined {
  const holder = declaration.parent?.type === 'ExportNamedDeclaration' || declaration.parent?.type === 'ExportDefaultDeclaration' ? declaration.parent.parent : declaration.parent;
  switch (holder?.type) {
    case 'Program': case 'BlockStatement': case 'StaticBlock': case 'TSModuleBlock':
    case 'ForStatement': case 'ForInStatement': case 'ForOfStatement':
      return holder;
    case 'SwitchCase':
      return holder.parent;
    default:
      return undefined;
  }
}

/**
 * The declaration an identifier refers to: read off the file's bindings where they are unambiguous,
 * else from the scope manager (which then analyses the file).
 */
export function declarationOf(identifier: TSESTree.Identifier, sourceCode: RuleSourceCode): Declaration {
  return nameBindingsOf(sourceCode).declarationAt(identifier) ?? declarationFromScopes(identifier, sourceCode);
}

/** The same answer from the scope manager, for the uses the bindings alone cannot settle. */
export function declarationFromScopes(identifier: TSESTree.Identifier, sourceCode: RuleSourceCode): Declaration {
  const variable = resolveVariable(identifier, sourceCode);
  if (!variable || variable.defs.length === 0) return GLOBAL;
  const moduleLevel = variable.scope.type === 'module' || variable.scope.type === 'global';
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type === 'FunctionName' && isFunctionNode(def.node)) return { kind: 'function', node: def.node, moduleLevel };
  if (def?.type === 'Variable') return { kind: 'variable', node: def.node, moduleLevel };
  return { kind: 'other', moduleLevel };
}

/**
 * The variable an identifier refers to, through the scopes around it; null for a global. A name the
 * file never binds is answered without scope analysis, which most files then never need. The
 * platform's globals (`Promise`, `Map`) are null too, where the scope manager has a variable with no
 * definitions: callers treat the two alike, as a value of no declaration in this file.
 */
export function resolveVariable(identifier: TSESTree.Identifier, sourceCode: RuleSourceCode): Variable | null {
  if (nameBindingsOf(sourceCode).isUnbound(identifier.name)) return null;
  for (let scope: Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const reference = scope.references.find((r) => r.identifier === identifier);
    if (reference) return reference.resolved;
  }
  return null;
}
