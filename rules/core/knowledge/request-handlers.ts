import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { calleeMethod, calleeName, dottedName, functionName, isFunctionNode, staticKeyName, unwrapExpression, type FunctionNode } from '../../utils/ast-names';

/**
 * Request and message handlers: code that runs once per request or message, so that blocking or
 * crashing there hurts every client of the service. Recognised by how they are registered.
 */

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
const HANDLER_EVENTS = new Set(['request', 'message', 'connection', 'upgrade', 'stream']);
const HANDLER_KEYS = new Set(['eachMessage', 'eachBatch', 'handleMessage', 'handleMessageBatch']);
const ROUTE_OBJECT_KEYS = new Set(['handler', 'preHandler', 'onRequest']);
/** Nest (and Nest GraphQL/microservice) method decorators whose method runs once per request or message. */
export const NEST_HANDLER_DECORATORS: ReadonlySet<string> = new Set([
  'Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Options', 'All',
  'MessagePattern', 'EventPattern', 'SubscribeMessage', 'Process', 'Query', 'Mutation', 'Subscription',
]);

export function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function isRoutePath(node: Node | undefined): boolean {
  const value = stringValue(node);
  return value !== undefined && (value.startsWith('/') || value === '*');
}

/** `app.route('/x').get(fn)`: the receiver already names the path. */
function isRouteChain(callee: Node): boolean {
  return callee.type === 'MemberExpression' && callee.object.type === 'CallExpression' && calleeMethod(callee.object) === 'route';
}

function receiverName(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrapExpression(call.callee);
  return callee.type === 'MemberExpression' ? dottedName(callee.object) : undefined;
}

function paramCount(node: Node): number {
  return isFunctionNode(node) ? node.params.length : 2;
}

/** Whether argument `index` of this call is registered as a request/message handler (`app.get('/x', fn)`). */
export function isHandlerArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number): boolean {
  const method = calleeMethod(call);
  const args = call.arguments;
  if (call.type === 'NewExpression') return method === 'Worker' && index === 1 && stringValue(args[0]) !== undefined;
  if (method === undefined) return false;
  if (ROUTE_METHODS.has(method)) return index >= 1 && isRoutePath(args[0]) || isRouteChain(unwrapExpression(call.callee));
  if (method === 'use') return paramCount(args[index]) >= 2;
  if (method === 'on' || method === 'once' || method === 'addListener') return index === 1 && HANDLER_EVENTS.has(stringValue(args[0]) ?? '');
  if (method === 'addHook') return index === 1 && /^(on|pre)/.test(stringValue(args[0]) ?? '');
  if (method === 'createServer') return true;
  if (method === 'consume') return index >= 1;
  // Bull's `queue.process([name], [concurrency], fn)`; `process` alone is too common a method name.
  if (method === 'process') return index === args.length - 1 && /queue/i.test(receiverName(call) ?? '');
  return false;
}

/** Whether a property is the handler of a route/consumer options object: `{ url, handler }`, `{ eachMessage }`. */
function isHandlerProperty(property: TSESTree.Property): boolean {
  const key = staticKeyName(property.key, property.computed);
  if (key === undefined || property.parent.type !== 'ObjectExpression') return false;
  if (HANDLER_KEYS.has(key)) return true;
  if (!ROUTE_OBJECT_KEYS.has(key)) return false;
  const owner = property.parent.parent;
  if (owner?.type === 'CallExpression' && (calleeMethod(owner) === 'route' || isRoutePath(owner.arguments[0]))) return true;
  return property.parent.properties.some((p) => p.type === 'Property' && ['url', 'path', 'method'].includes(staticKeyName(p.key, p.computed) ?? ''));
}

/** Whether the value at this position (an argument or property value) is registered as a handler. */
function isInHandlerPosition(node: Node, allowWrapper: boolean): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
    const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    if (index < 0) return false;
    if (isHandlerArgument(parent, index)) return true;
    // `app.get('/x', asyncHandler(async (req, res) => ...))`
    return allowWrapper && parent.type === 'CallExpression' && isInHandlerPosition(parent, false);
  }
  return parent.type === 'Property' && parent.value === node && isHandlerProperty(parent);
}

function hasRouteDecorator(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition') return false;
  return (method.decorators ?? []).some((d) => {
    const expression = d.expression;
    const name = expression.type === 'CallExpression' ? calleeName(expression) : dottedName(expression);
    return name !== undefined && NEST_HANDLER_DECORATORS.has(name);
  });
}

/** `export const handler = async (event) => ...` / `export async function handler(event)` (AWS Lambda and alike). */
export function isExportedLambdaHandler(fn: FunctionNode): boolean {
  if (functionName(fn) !== 'handler') return false;
  const declaration = fn.type === 'FunctionDeclaration' ? fn : fn.parent?.parent;
  return declaration?.parent?.type === 'ExportNamedDeclaration';
}

/** A function registered inline as a request/message handler. */
export function isHandlerFunction(fn: FunctionNode): boolean {
  return isInHandlerPosition(fn, true) || hasRouteDecorator(fn) || isExportedLambdaHandler(fn);
}

/**
 * Names of functions registered by reference (`app.get('/x', getUser)`) in this call. A rule
 * collects them over the file and decides at `Program:exit`, because the function can be
 * declared before or after it is registered.
 */
export function handlerReferences(call: TSESTree.CallExpression | TSESTree.NewExpression): string[] {
  const names: string[] = [];
  call.arguments.forEach((arg, index) => {
    if (arg.type === 'Identifier' && isHandlerArgument(call, index)) names.push(arg.name);
  });
  return names;
}

/** Whether the function is a handler, inline or by one of the registered names. */
export function isHandler(fn: FunctionNode, registeredNames: ReadonlySet<string>): boolean {
  if (isHandlerFunction(fn)) return true;
  const name = functionName(fn);
  return name !== undefined && registeredNames.has(name) && fn.parent?.type !== 'MethodDefinition';
}
