/**
 * Parameter uses: which parameters a function releases (`function releaseConn(conn) { conn.release(); }`)
 * and which it logs as an error object (`function logError(err, ctx) { logger.error({ err, ...ctx }); }`),
 * on every path through it (every-path.ts; a release in a `finally` counts). A caller that hands
 * its resource or its caught error to such a helper has released or logged it.
 *
 * A helper may do it through another helper of its module (`handOff` asks that one's summary). The
 * error object must reach the logger whole, or in an object (`{ err }`): its text alone
 * (`err.message`) is what logging/no-stringified-error reports.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { calleeMethod, dottedName, unwrapExpression, type FunctionNode } from '../../utils/ast-names';
import { RELEASE_METHODS } from '../../utils/resource-kinds';
import type { BodyFacts } from './body-facts';
import { isNullish, type FunctionPaths, type PathStep } from './every-path';

export interface ParameterUseContext {
  facts: BodyFacts;
  paths: FunctionPaths;
  isLoggingCall(call: TSESTree.CallExpression): boolean;
  /** Whether a call to a function of this module releases (`'release'`) or logs (`'log'`) its argument at `index`. */
  handOff(call: TSESTree.CallExpression, index: number, use: 'release' | 'log'): boolean;
}

const CONSOLE_LOG = /^console\.(error|warn|log|info)$/;

/** The indexes of the parameters the function releases on every path. */
export function releasedParameters(fn: FunctionNode, context: ParameterUseContext): number[] {
  const mayRelease = (name: string) => context.facts.handed.has(name) || RELEASE_METHODS.some((m) => context.facts.methodsCalled.get(name)?.has(m));
  return parametersWhere(fn, context, mayRelease, (name) => ({
    is: (statement) => callsOf(statement).some((call) => releases(call, name) || handsOff(call, name, 'release', context)),
    presenceTest: (test) => isPresenceOf(test, name),
  }));
}

/** The indexes of the parameters the function logs as an error object on every path. */
export function loggedErrorParameters(fn: FunctionNode, context: ParameterUseContext): number[] {
  return parametersWhere(fn, context, (name) => context.facts.handed.has(name), (name) => ({
    is: (statement) => callsOf(statement).some((call) => ((context.isLoggingCall(call) || CONSOLE_LOG.test(dottedName(call.callee) ?? ''))
      && call.arguments.some((argument) => passesWhole(argument, name))) || handsOff(call, name, 'log', context)),
  }));
}

/** `err`, `{ err }`, `{ error: err }`: the object itself reaches the logger (a spread `...ctx` passes its fields, not it). */
function passesWhole(argument: Node, name: string): boolean {
  const value = unwrapExpression(argument);
  if (value.type === 'ObjectExpression') return value.properties.some((p) => p.type === 'Property' && isName(p.value, name));
  return isName(value, name);
}

function isName(node: Node, name: string): boolean {
  const value = unwrapExpression(node);
  return value.type === 'Identifier' && value.name === name;
}

/** `mayHold`: what the body facts say of a name, before its paths are walked. */
function parametersWhere(fn: FunctionNode, context: ParameterUseContext, mayHold: (name: string) => boolean, stepFor: (name: string) => PathStep): number[] {
  const found: number[] = [];
  fn.params.forEach((param, index) => {
    const name = parameterName(param);
    if (name !== undefined && mayHold(name) && context.paths.onEveryPath(stepFor(name))) found.push(index);
  });
  return found;
}

/** `conn`, `conn = null`, `conn: Client`: a parameter bound to one name. */
function parameterName(param: TSESTree.Parameter): string | undefined {
  const target = param.type === 'AssignmentPattern' ? param.left : param.type === 'TSParameterProperty' ? param.parameter : param;
  const plain = target.type === 'AssignmentPattern' ? target.left : target;
  return plain.type === 'Identifier' ? plain.name : undefined;
}

/** The call a statement (or an arrow's expression body) makes: `conn.release();`, `await conn.end();`, `return conn.close();`. */
function callsOf(statement: Node): TSESTree.CallExpression[] {
  let expression: Node | null | undefined = statement;
  if (statement.type === 'ExpressionStatement') expression = statement.expression;
  else if (statement.type === 'ReturnStatement') expression = statement.argument;
  if (!expression) return [];
  let value = unwrapExpression(expression);
  while (value.type === 'AwaitExpression' || (value.type === 'UnaryExpression' && value.operator === 'void')) value = unwrapExpression(value.argument);
  return value.type === 'CallExpression' ? [value] : [];
}

/** `conn.release()`, `conn?.destroy()`. */
function releases(call: TSESTree.CallExpression, name: string): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  return isName(callee.object, name) && RELEASE_METHODS.includes(calleeMethod(call) ?? '');
}

function handsOff(call: TSESTree.CallExpression, name: string, use: 'release' | 'log', context: ParameterUseContext): boolean {
  const index = call.arguments.findIndex((argument) => isName(argument, name));
  return index >= 0 && context.handOff(call, index, use);
}

/** `conn`, `conn != null`, `conn !== undefined`: a test that the parameter was given. */
function isPresenceOf(test: Node, name: string): boolean {
  const value = unwrapExpression(test);
  if (value.type === 'Identifier') return value.name === name;
  if (value.type !== 'BinaryExpression' || (value.operator !== '!=' && value.operator !== '!==')) return false;
  const subject = isNullish(value.right) ? value.left : isNullish(value.left) ? value.right : undefined;
  return subject !== undefined && isName(subject, name);
}
