import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { dottedName, enclosingFunction, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { isCliFile, isEntryPoint, isTestFile } from '../utils/file-roles';
import { handlerReferences, isHandler } from '../utils/handlers';
import { moduleBindings, resolveModuleMember, type ModuleBinding } from '../utils/imports';
import { readSettings } from '../utils/settings';
import { isStartupFunction } from '../utils/startup-code';
import { SERVICE_CODE } from '../core/roles/role-sets';

const FS_MODULES = new Set(['fs', 'fs-extra', 'graceful-fs']);
const CRYPTO_SYNC = new Set(['pbkdf2Sync', 'scryptSync', 'randomFillSync', 'generateKeyPairSync']);
/** fs calls with a same-named, same-signature `fs.promises` counterpart, so the suggestion can swap them. */
const PROMISE_FS = new Set([
  'readFile', 'writeFile', 'appendFile', 'readdir', 'stat', 'lstat', 'mkdir', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile',
  'access', 'realpath', 'readlink', 'chmod', 'chown', 'mkdtemp', 'utimes', 'symlink', 'link', 'truncate', 'opendir', 'cp',
]);

function isBlockingCall(module: string, member: string): boolean {
  if (member.includes('.') || !member.endsWith('Sync')) return false;
  if (FS_MODULES.has(module) || module === 'child_process' || module === 'zlib') return true;
  return module === 'crypto' && CRYPTO_SYNC.has(member);
}

interface Candidate { call: TSESTree.CallExpression; module: string; member: string; namespace: boolean }

/** Where the call runs per request: in a handler, or in an async function that is not start-up code. */
function perRequestContext(call: Node, handlerNames: ReadonlySet<string>): 'handler' | 'async' | undefined {
  for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
    if (isHandler(fn, handlerNames)) return 'handler';
    if (isStartupFunction(fn)) return undefined;
    if (fn.async) return 'async';
  }
  return undefined;
}

function needsParentheses(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  return (parent?.type === 'MemberExpression' && parent.object === call) || (parent?.type === 'CallExpression' && parent.callee === call)
    || parent?.type === 'TaggedTemplateExpression' || parent?.type === 'ChainExpression';
}

export const rule = createRule({
  id: 'resilience/no-sync-io-in-handler',
  description: 'Disallow blocking fs, child_process, crypto and zlib *Sync calls in request handlers and async functions.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    syncInHandler: '`{{call}}` blocks the event loop inside a request/message handler: while it runs, no other request on this process is served, so one slow disk, process or large input stalls every client. Use the asynchronous `{{alternative}}` and await it.',
    syncInAsync: '`{{call}}` blocks the event loop inside an async function: while it runs, nothing else on this process makes progress, so one slow disk, process or large input stalls every request. Use the asynchronous `{{alternative}}` and await it.',
    useAsync: 'Await `{{alternative}}` instead.',
  },
  defaultOptions: [],
  create(context) {
    const settings = readSettings(context);
    const { filename, cwd, sourceCode } = context;
    if (isTestFile(filename, cwd) || isCliFile(filename, cwd) || isEntryPoint(filename, sourceCode.text, settings, cwd)) return {};
    let bindings: ReadonlyMap<string, ModuleBinding> = new Map();
    const handlerNames = new Set<string>();
    const candidates: Candidate[] = [];

    const report = ({ call, module, member, namespace }: Candidate, where: 'handler' | 'async') => {
      const asyncName = member.slice(0, -'Sync'.length);
      const callee = unwrapExpression(call.callee);
      const receiver = callee.type === 'MemberExpression' ? dottedName(callee.object) : undefined;
      const canSwap = module === 'fs' && namespace && receiver !== undefined && PROMISE_FS.has(asyncName)
        && where === 'async' && enclosingFunction(call)?.async === true;
      const alternative = FS_MODULES.has(module) ? `fs.promises.${asyncName}` : `${module}.${asyncName}`;
      const replacement = `await ${receiver}.promises.${asyncName}${sourceCode.text.slice(call.callee.range[1], call.range[1])}`;
      context.report({
        node: call.callee, messageId: where === 'handler' ? 'syncInHandler' : 'syncInAsync',
        data: { call: dottedName(call.callee) ?? member, alternative },
        suggest: canSwap ? [{
          messageId: 'useAsync', data: { alternative: `${receiver}.promises.${asyncName}` },
          fix: (fixer) => fixer.replaceText(call, needsParentheses(call) ? `(${replacement})` : replacement),
        }] : null,
      });
    };

    return {
      Program(node) {
        bindings = moduleBindings(node as TSESTree.Program);
      },
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        for (const name of handlerReferences(call)) handlerNames.add(name);
        const resolved = resolveModuleMember(call.callee, bindings);
        if (!resolved || !isBlockingCall(resolved.module, resolved.member)) return;
        const callee = unwrapExpression(call.callee);
        candidates.push({ call, module: resolved.module, member: resolved.member, namespace: callee.type === 'MemberExpression' });
      },
      // Handlers can be registered by name after the function that holds the call, so decide at the end.
      'Program:exit'() {
        for (const candidate of candidates) {
          const where = perRequestContext(candidate.call, handlerNames);
          if (where) report(candidate, where);
        }
      },
    };
  },
});
