import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { dottedName, enclosingFunction, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { isCliFile, isEntryPoint } from '../utils/file-roles';
import { runFrequencyAt } from '../core/knowledge/run-frequency';
import { moduleBindings, resolveModuleMember, type ModuleBinding } from '../utils/imports';
import { readSettings } from '../utils/settings';
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

function needsParentheses(call: TSESTree.CallExpression): boolean {
  const parent = call.parent;
  return (parent?.type === 'MemberExpression' && parent.object === call) || (parent?.type === 'CallExpression' && parent.callee === call)
    || parent?.type === 'TaggedTemplateExpression' || parent?.type === 'ChainExpression';
}

export const rule = createRule({
  id: 'resilience/no-sync-io-in-handler',
  description: 'Disallow blocking fs, child_process, crypto and zlib *Sync calls in code that runs per request, message or tick.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    syncInHandler: '`{{call}}` blocks the event loop in code that runs per call ({{reason}}): while it runs, no other request or event on this process is handled, so one slow disk, process or large input stalls every client. Use the asynchronous `{{alternative}}` and await it.',
    useAsync: 'Await `{{alternative}}` instead.',
  },
  defaultOptions: [],
  create(context) {
    const settings = readSettings(context);
    const { filename, cwd, sourceCode } = context;
    if (isCliFile(filename, cwd) || isEntryPoint(filename, sourceCode.text, settings, cwd)) return {};
    let bindings: ReadonlyMap<string, ModuleBinding> = new Map();
    const candidates: Candidate[] = [];

    const report = ({ call, module, member, namespace }: Candidate, reason: string) => {
      const asyncName = member.slice(0, -'Sync'.length);
      const callee = unwrapExpression(call.callee);
      const receiver = callee.type === 'MemberExpression' ? dottedName(callee.object) : undefined;
      const canSwap = module === 'fs' && namespace && receiver !== undefined && PROMISE_FS.has(asyncName)
        && enclosingFunction(call)?.async === true;
      const alternative = FS_MODULES.has(module) ? `fs.promises.${asyncName}` : `${module}.${asyncName}`;
      const replacement = `await ${receiver}.promises.${asyncName}${sourceCode.text.slice(call.callee.range[1], call.range[1])}`;
      context.report({
        node: call.callee, messageId: 'syncInHandler',
        data: { call: dottedName(call.callee) ?? member, alternative, reason },
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
        const resolved = resolveModuleMember(call.callee, bindings);
        if (!resolved || !isBlockingCall(resolved.module, resolved.member)) return;
        const callee = unwrapExpression(call.callee);
        candidates.push({ call, module: resolved.module, member: resolved.member, namespace: callee.type === 'MemberExpression' });
      },
      // Whether a call runs per request can depend on code after it (a handler registered by name), so decide at the end.
      'Program:exit'() {
        for (const candidate of candidates) {
          const frequency = runFrequencyAt(context, candidate.call);
          // A serverless instance serves one invocation at a time: blocking it stalls no other caller.
          if (frequency.frequency === 'per-call' && frequency.trigger !== 'invocation') report(candidate, frequency.reason);
        }
      },
    };
  },
});
