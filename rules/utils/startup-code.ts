import { functionName, type FunctionNode } from './ast-names';

/** Names of functions that by convention run once, while the process starts. */
const STARTUP_NAME = /^(main|init\w*|setup\w*|bootstrap\w*|start\w*|configure\w*|migrate\w*|load\w*Config\w*|onModuleInit|onApplicationBootstrap)$/i;

/** `(async () => { ... })()` at the top level of a module: it runs once, at load. */
function isTopLevelIife(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.callee !== fn) return false;
  let statement = call.parent;
  if (statement?.type === 'UnaryExpression' && statement.operator === 'void') statement = statement.parent;
  if (statement?.type === 'AwaitExpression') statement = statement.parent;
  return statement?.type === 'ExpressionStatement' && statement.parent?.type === 'Program';
}

/** Whether a function is start-up code: named like it (`main`, `init…`, `bootstrap…`, `start…`) or a top-level IIFE. */
export function isStartupFunction(fn: FunctionNode): boolean {
  return STARTUP_NAME.test(functionName(fn) ?? '') || isTopLevelIife(fn);
}
