/**
 * Where code receives an error: a `catch` clause, a `.catch(fn)` / `.then(ok, fn)` handler, or the
 * `if (err)` branch of a Node-style callback. Shared by the rules that judge what a handler does
 * with its error; each rule calls these on entering the node and tracks the handler while inside.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode, SourceLocation } from '../core/engine/types';
import { type FunctionNode, isFunctionNode, staticKeyName, unwrapExpression } from './ast-names';

export type ErrorHandlerKind = 'catchClause' | 'promiseCatch' | 'callbackError';

export interface ErrorHandler {
  kind: ErrorHandlerKind;
  /** The code that runs with the error: the catch block, the handler function's body, the `if (err)` branch. */
  body: Node;
  /** The binding that holds the error, when it is a plain identifier. */
  param: TSESTree.Identifier | undefined;
  /** Where a finding about the handler belongs: the `catch` keyword, the `.catch`/`.then` name, `if (err)`. */
  loc: SourceLocation;
  /** The catch clause, handler function or if statement. */
  owner: Node;
}

/** First-parameter names that mark a Node-style callback's error argument. */
const ERROR_PARAM = /^(err|error|e|er|ex|exc|exception|reason|cause|failure|\w*(Err|Error|Exception))$/;

export function catchClauseHandler(clause: TSESTree.CatchClause): ErrorHandler {
  const start = clause.loc.start;
  return {
    kind: 'catchClause', body: clause.body, owner: clause,
    param: clause.param?.type === 'Identifier' ? clause.param : undefined,
    loc: { start, end: { line: start.line, column: start.column + 'catch'.length } },
  };
}

/** The promise method a function is the rejection handler of: `.catch(fn)` or `.then(ok, fn)`. */
export function rejectionMethod(fn: Node): TSESTree.MemberExpression | undefined {
  const call = fn.parent;
  if (call?.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = staticKeyName(callee.property, callee.computed);
  const index = call.arguments.indexOf(fn as TSESTree.CallExpressionArgument);
  if ((method === 'catch' && index === 0 && call.arguments.length === 1) || (method === 'then' && index === 1)) return callee;
  return undefined;
}

export function promiseHandler(fn: FunctionNode): ErrorHandler | undefined {
  const method = rejectionMethod(fn);
  const first = fn.params[0];
  // `.catch` is not always a promise's (zod's `schema.catch((ctx) => ...)`): a handler that names its
  // parameter, names it as an error.
  if (!method || (first?.type === 'Identifier' && !ERROR_PARAM.test(first.name) && !/^_/.test(first.name))) return undefined;
  return { kind: 'promiseCatch', body: fn.body, owner: fn, param: first?.type === 'Identifier' ? first : undefined, loc: method.property.loc };
}

/**
 * `if (err) ...` (or `err != null`, `err !== undefined`) inside a callback passed to a call, whose
 * first parameter is that error, when the branch ends the callback (`return`/`throw`). That branch
 * is the handler.
 */
export function callbackErrorHandler(statement: TSESTree.IfStatement, sourceCode: RuleSourceCode): ErrorHandler | undefined {
  const name = testedErrorName(statement.test);
  if (name === undefined || !ERROR_PARAM.test(name)) return undefined;
  let fn: Node | undefined = statement.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn || !isFunctionNode(fn)) return undefined;
  const first = fn.params[0];
  if (first?.type !== 'Identifier' || first.name !== name) return undefined;
  const call = fn.parent;
  if ((call?.type !== 'CallExpression' && call?.type !== 'NewExpression') || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return undefined;
  // A rejection handler's argument is always an error: its `if (err)` is not a callback's error check.
  if (rejectionMethod(fn)) return undefined;
  // A branch that falls through hands the error to the code after the `if`, which this does not judge.
  if (!exits(statement.consequent)) return undefined;
  const closing = sourceCode.text.indexOf(')', statement.test.range[1]);
  return {
    kind: 'callbackError', body: statement.consequent, owner: statement, param: first,
    loc: { start: statement.loc.start, end: sourceCode.getLocFromIndex(closing + 1) },
  };
}

function exits(statement: TSESTree.Statement): boolean {
  const last = statement.type === 'BlockStatement' ? statement.body[statement.body.length - 1] : statement;
  return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
}

function testedErrorName(test: Node): string | undefined {
  const expr = unwrapExpression(test);
  if (expr.type === 'Identifier') return expr.name;
  if (expr.type === 'BinaryExpression' && (expr.operator === '!=' || expr.operator === '!==') && expr.left.type === 'Identifier') {
    const right = expr.right;
    const nullish = (right.type === 'Literal' && right.value === null) || (right.type === 'Identifier' && right.name === 'undefined');
    return nullish ? expr.left.name : undefined;
  }
  return undefined;
}
