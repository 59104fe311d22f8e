/**
 * What run-frequency.ts reads of a file, collected in one iterative walk: the units it estimates
 * (functions and classes), `this.x` uses by class and instances created into variables; the uses of
 * each name come from name-bindings.ts.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type FunctionNode, isFunctionNode, staticKeyName } from '../../utils/ast-names';
import type { Node, RuleSourceCode } from '../engine/types';
import { type NameBindings, walkWithNameBindings } from './name-bindings';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;
/** What the analysis gives an estimate to: a function, or a class (how often its instances are created). */
export type Unit = FunctionNode | ClassNode;

export function isClass(node: Node | undefined): node is ClassNode {
  return node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression';
}

/** Collects what the analysis needs in one iterative walk. */
export class FileIndex {
  readonly units: Unit[] = [];
  /** `this.name` uses, by class body and name. */
  readonly thisMembers = new Map<TSESTree.ClassBody, Map<string, TSESTree.MemberExpression[]>>();
  /** `const service = new Service()`, by the class name: calls on such a variable are calls of the class's methods. */
  readonly instances = new Map<string, TSESTree.VariableDeclarator[]>();

  /** The uses of each name, found without scope analysis where the file binds the name once. */
  readonly names: NameBindings;

  constructor(sourceCode: RuleSourceCode) {
    this.names = walkWithNameBindings(sourceCode, (node) => {
      if (isFunctionNode(node) || isClass(node)) this.units.push(node);
      else if (node.type === 'MemberExpression' && node.object.type === 'ThisExpression') this.addThisMember(node);
      else if (node.type === 'VariableDeclarator' && node.init?.type === 'NewExpression' && node.init.callee.type === 'Identifier') {
        const list = this.instances.get(node.init.callee.name);
        if (list) list.push(node);
        else this.instances.set(node.init.callee.name, [node]);
      }
    });
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
