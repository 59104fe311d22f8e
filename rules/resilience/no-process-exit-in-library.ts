import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { calleeMethod, dottedName, staticKeyName } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { isCliFile, isEntryPoint } from '../utils/file-roles';
import { readSettings } from '../utils/settings';
import { SERVICE_CODE } from '../core/roles/role-sets';

const EXIT_CALLS = new Set(['process.exit', 'global.process.exit', 'globalThis.process.exit']);
/** Process-level events whose handlers belong to the application, not to a library. */
const PROCESS_EVENTS = new Set(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR2', 'uncaughtException', 'unhandledRejection']);

/** `require.main === module` / `import.meta.main`: the file is being run, not imported. */
function isMainGuard(test: Node): boolean {
  if (test.type === 'MemberExpression') return test.object.type === 'MetaProperty' && staticKeyName(test.property, test.computed) === 'main';
  if (test.type !== 'BinaryExpression' || (test.operator !== '===' && test.operator !== '==')) return false;
  const sides = [dottedName(test.left), dottedName(test.right)];
  return sides.includes('require.main') && sides.includes('module');
}

function isProcessEventHandler(call: TSESTree.CallExpression): boolean {
  const method = calleeMethod(call);
  if (method !== 'on' && method !== 'once' && method !== 'addListener' && method !== 'prependListener') return false;
  if (call.callee.type !== 'MemberExpression' || dottedName(call.callee.object) !== 'process') return false;
  const event = call.arguments[0];
  return event?.type === 'Literal' && typeof event.value === 'string' && PROCESS_EVENTS.has(event.value);
}

/** Whether the exit sits where only an application runs: under a main-module guard or in a process signal/crash handler. */
function inApplicationContext(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'IfStatement' && isMainGuard(current.test)) return true;
    if (current.type === 'CallExpression' && isProcessEventHandler(current)) return true;
  }
  return false;
}

export const rule = createRule({
  id: 'resilience/no-process-exit-in-library',
  description: 'Disallow process.exit() outside entry points, CLIs and tests.',
  recommended: false,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    processExit: '`process.exit()` in library code ends the whole process at once: in-flight requests are dropped, buffered logs and metrics are lost, and `finally` blocks and shutdown hooks never run. Throw an error (or set `process.exitCode`) and let the entry point decide when to exit.',
  },
  defaultOptions: [],
  create(context) {
    const settings = readSettings(context);
    const { filename, cwd } = context;
    if (isCliFile(filename, cwd) || isEntryPoint(filename, context.sourceCode.text, settings, cwd)) return {};
    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const name = dottedName(call.callee);
        if (name === undefined || !EXIT_CALLS.has(name) || inApplicationContext(call)) return;
        context.report({ node: call, messageId: 'processExit' });
      },
    };
  },
});
