import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from '../engine/types';
import { memberPath, type Provenance } from './provenance';

/**
 * What a serverless function's handler looks like, as a module exports it: the platform (AWS
 * Lambda, Azure Functions, ...) ends each invocation at the function's timeout, which bounds every
 * call the program makes while it runs.
 */

const FUNCTION_NODE = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * Adapters that turn an HTTP app into a handler, and the export that does it (`''`: the package's
 * default export is the function): `serverless(app)`, `serverlessExpress({ app })`, `awsLambdaFastify(app)`.
 */
const ADAPTER_CALLS: ReadonlyMap<string, readonly string[]> = new Map([
  ['serverless-http', ['']],
  ['@vendia/serverless-express', ['', 'configure']],
  ['@codegenie/serverless-express', ['', 'configure']],
  ['@fastify/aws-lambda', ['']],
]);

/** Fields only an API Gateway, SQS/SNS/S3 or function-URL event has: a one-parameter `(event)` that reads one is a Lambda handler. */
const LAMBDA_EVENT_FIELD = /^(queryStringParameters|pathParameters|requestContext|Records|httpMethod|multiValueHeaders|multiValueQueryStringParameters|isBase64Encoded|rawPath|rawQueryString|stageVariables)$/;

/**
 * Whether an exported value is a serverless handler: a function with a handler's parameters —
 * `(event, context[, callback])` (AWS Lambda and alike), `(anything, context, callback)`, `(context, req)`
 * (Azure Functions), `(event)` reading a Lambda event's own field — or what a serverless adapter makes of an app.
 */
export function isServerlessHandler(value: Node | null | undefined, provenance: (expression: Node) => Provenance | undefined): boolean {
  if (!value) return false;
  if (value.type === 'CallExpression') return isAdapterCall(value, provenance);
  if (!FUNCTION_NODE.has(value.type)) return false;
  const fn = value as TSESTree.FunctionLike;
  const names = fn.params.map((p) => (p.type === 'Identifier' ? p.name : ''));
  const [first = '', second = '', third = ''] = names;
  if (/^(event|evt)$/.test(first) && /^(context|ctx)$/.test(second)) return true;
  if (/^(context|ctx)$/.test(second) && /^(callback|callBack|cb|done)$/.test(third)) return true;
  if (first === 'context' && /^(req|request)$/.test(second)) return true;
  return names.length === 1 && first === 'event' && fn.body !== null && fn.body !== undefined && readsLambdaEventField(fn.body, first);
}

function isAdapterCall(call: TSESTree.CallExpression, provenance: (expression: Node) => Provenance | undefined): boolean {
  const callee = provenance(call.callee);
  const paths = callee && ADAPTER_CALLS.get(callee.package);
  return paths !== undefined && paths.includes(memberPath(callee!.steps) ?? '\0');
}

/** `event.queryStringParameters`, `const { Records } = event`, anywhere in the function. */
function readsLambdaEventField(body: Node, parameter: string): boolean {
  const pending: Node[] = [body];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === parameter
      && node.property.type === 'Identifier' && !node.computed && LAMBDA_EVENT_FIELD.test(node.property.name)) return true;
    if (node.type === 'VariableDeclarator' && node.init?.type === 'Identifier' && node.init.name === parameter && node.id.type === 'ObjectPattern'
      && node.id.properties.some((p) => p.type === 'Property' && p.key.type === 'Identifier' && LAMBDA_EVENT_FIELD.test(p.key.name))) return true;
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, Node | Node[] | null | undefined>)[key];
      if (Array.isArray(child)) { for (const c of child) if (c) pending.push(c); } else if (child) pending.push(child);
    }
  }
  return false;
}
