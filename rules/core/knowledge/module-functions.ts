/**
 * The functions of one module by the names its own code calls them, for the summaries: top-level
 * functions, and class methods as `this.<name>` / `Class.<name>`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { isFunctionNode, staticKeyName, unwrapExpression, type FunctionNode } from '../../utils/ast-names';
import type { ClassNode } from './run-frequency-index';

/** The module's functions by the names its own code calls them: top-level functions, and methods as `this.<name>` / `Class.<name>`. */
export class ModuleFunctions {
  readonly byName = new Map<string, FunctionNode>();
  readonly classMethods = new Map<string, Map<string, FunctionNode>>();
  /** The class each of those methods belongs to. */
  readonly classOf = new Map<FunctionNode, ClassNode>();

  constructor(program: TSESTree.Program) {
    for (const statement of program.body) {
      const declaration = (statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration') && statement.declaration
        ? statement.declaration : statement;
      this.noteDeclaration(declaration as Node);
    }
  }

  private noteDeclaration(declaration: Node): void {
    if (declaration.type === 'FunctionDeclaration' && declaration.id) this.byName.set(declaration.id.name, declaration);
    if (declaration.type === 'ClassDeclaration' && declaration.id) this.noteClass(declaration.id.name, declaration);
    if (declaration.type !== 'VariableDeclaration') return;
    for (const d of declaration.declarations) {
      if (d.id.type !== 'Identifier' || !d.init) continue;
      const init = unwrapExpression(d.init);
      if (isFunctionNode(init)) this.byName.set(d.id.name, init);
      if (init.type === 'ClassExpression') this.noteClass(d.id.name, init);
    }
  }

  private noteClass(name: string, node: ClassNode): void {
    const methods = methodsOf(node);
    this.classMethods.set(name, methods);
    for (const method of methods.values()) this.classOf.set(method, node);
  }
}

function methodsOf(node: ClassNode): Map<string, FunctionNode> {
  const methods = new Map<string, FunctionNode>();
  for (const member of node.body.body) {
    if (member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') continue;
    if (member.static || !member.value || !isFunctionNode(member.value)) continue;
    const name = staticKeyName(member.key, member.computed);
    if (name !== undefined && (member.type === 'PropertyDefinition' || member.kind === 'method')) methods.set(name, member.value);
  }
  return methods;
}
