/**
 * What a function's body does with its local names, read in one walk of the body (nested functions
 * and classes aside), shared by the summaries that ask about one function: which variables are
 * initialised from what (returned-resources.ts), which names receive which method calls, inside a
 * `finally` or not, which names are handed to a call (parameter-uses.ts), whether it throws
 * (always-throws.ts). Each summary first asks these cheap facts whether it can hold at all, so the
 * path analysis (every-path.ts) runs only on the few functions it may hold for.
 */
import type { Node } from '../engine/types';
import { calleeMethod, isFunctionNode, unwrapExpression, type FunctionNode } from '../../utils/ast-names';
import { pushChildren } from '../../utils/walk';

export interface BodyFacts {
  inits: Map<string, Node>;
  /** `name.method()` calls by receiver name. */
  methodsCalled: Map<string, Set<string>>;
  /** `name.method()` calls inside a `finally`, by receiver name. */
  calledInFinally: Map<string, Set<string>>;
  /** Names passed to a call, as an argument or a property of an object argument (`log(err)`, `log({ err })`). */
  handed: Set<string>;
  /** A `throw` statement, or a call statement (which may be to a function that throws). */
  mayThrow: boolean;
}

export function bodyFacts(fn: FunctionNode): BodyFacts {
  const facts: BodyFacts = { inits: new Map(), methodsCalled: new Map(), calledInFinally: new Map(), handed: new Set(), mayThrow: false };
  const note = (map: Map<string, Set<string>>, name: string, method: string) => {
    const methods = map.get(name) ?? new Set<string>();
    map.set(name, methods.add(method));
  };
  const stack: Array<{ node: Node; inFinally: boolean }> = [{ node: fn.body, inFinally: false }];
  const children: Node[] = [];
  while (stack.length > 0) {
    const { node, inFinally } = stack.pop()!;
    if (node !== fn.body && (isFunctionNode(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression')) continue;
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init) facts.inits.set(node.id.name, node.init);
    if (node.type === 'ThrowStatement' || (node.type === 'ExpressionStatement' && node.expression.type === 'CallExpression')) facts.mayThrow = true;
    if (node.type === 'CallExpression') {
      const callee = unwrapExpression(node.callee);
      const receiver = callee.type === 'MemberExpression' ? unwrapExpression(callee.object) : undefined;
      const method = receiver?.type === 'Identifier' ? calleeMethod(node) : undefined;
      if (receiver?.type === 'Identifier' && method !== undefined) {
        note(facts.methodsCalled, receiver.name, method);
        if (inFinally) note(facts.calledInFinally, receiver.name, method);
      }
      for (const argument of node.arguments) noteHanded(argument, facts.handed);
    }
    children.length = 0;
    pushChildren(children, node);
    for (const child of children) stack.push({ node: child, inFinally: inFinally || (node.type === 'TryStatement' && child === node.finalizer) });
  }
  return facts;
}

function noteHanded(argument: Node, handed: Set<string>): void {
  const value = unwrapExpression(argument);
  if (value.type === 'Identifier') handed.add(value.name);
  if (value.type !== 'ObjectExpression') return;
  for (const property of value.properties) {
    const inner = property.type === 'Property' ? unwrapExpression(property.value) : undefined;
    if (inner?.type === 'Identifier') handed.add(inner.name);
  }
}
