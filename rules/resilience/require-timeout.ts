import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleContext } from '../core/engine/types';
import { dottedName, findProperty, hasSpread, staticKeyName, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { isTestFile } from '../utils/file-roles';
import { moduleBindings, resolveModuleMember, type ModuleBinding } from '../utils/imports';
import { insertArgument, insertProperty } from '../utils/insert-code';
import { readSettings } from '../utils/settings';
import { SERVICE_CODE } from '../core/roles/role-sets';

type Library = 'fetch' | 'axios' | 'got' | 'ky' | 'undici' | 'http';

/** Where an outbound call takes its options, and which keys bound its duration. */
interface CallShape { library: Library; optionsIndex: number; creates: boolean }

const TIMEOUT_KEYS: Record<Library, readonly string[]> = {
  fetch: ['signal', 'timeout'],
  axios: ['timeout', 'signal', 'cancelToken'],
  got: ['timeout', 'signal'],
  ky: ['timeout', 'signal'],
  undici: ['signal', 'headersTimeout', 'bodyTimeout', 'dispatcher'],
  http: ['signal', 'timeout', 'agent'],
};
const FETCH_MODULES = new Set(['node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici']);
const AXIOS_URL_ONLY = new Set(['get', 'delete', 'head', 'options']);
const AXIOS_WITH_BODY = new Set(['post', 'put', 'patch', 'postForm', 'putForm', 'patchForm']);
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream']);
const KY_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head']);

function isObject(node: Node | undefined): node is TSESTree.ObjectExpression {
  return node?.type === 'ObjectExpression';
}

function shapeOf(module: string, member: string, args: TSESTree.CallExpressionArgument[]): CallShape | undefined {
  const optionsFirst = isObject(args[0]) ? 0 : 1;
  switch (module) {
    case 'axios':
      if (member === '') return { library: 'axios', optionsIndex: optionsFirst, creates: false };
      if (member === 'request' || member === 'create') return { library: 'axios', optionsIndex: 0, creates: member === 'create' };
      if (AXIOS_URL_ONLY.has(member)) return { library: 'axios', optionsIndex: 1, creates: false };
      return AXIOS_WITH_BODY.has(member) ? { library: 'axios', optionsIndex: 2, creates: false } : undefined;
    case 'got':
      if (member === '' ) return { library: 'got', optionsIndex: optionsFirst, creates: false };
      if (member === 'extend') return { library: 'got', optionsIndex: 0, creates: true };
      return GOT_METHODS.has(member) ? { library: 'got', optionsIndex: 1, creates: false } : undefined;
    case 'ky':
      if (member === 'create' || member === 'extend') return { library: 'ky', optionsIndex: 0, creates: true };
      return member === '' || KY_METHODS.has(member) ? { library: 'ky', optionsIndex: 1, creates: false } : undefined;
    case 'undici':
      if (member === 'fetch') return { library: 'fetch', optionsIndex: 1, creates: false };
      return ['request', 'stream', 'pipeline'].includes(member) ? { library: 'undici', optionsIndex: 1, creates: false } : undefined;
    case 'http':
    case 'https':
      return member === 'request' || member === 'get' ? { library: 'http', optionsIndex: -1, creates: false } : undefined;
    default:
      return FETCH_MODULES.has(module) && member === '' ? { library: 'fetch', optionsIndex: 1, creates: false } : undefined;
  }
}

/** `fetch` as the platform's global, not a local function or parameter of that name. */
function isGlobalFetch(context: RuleContext, call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  const name = dottedName(callee);
  if (name === 'globalThis.fetch' || name === 'window.fetch' || name === 'self.fetch') return true;
  if (callee.type !== 'Identifier' || callee.name !== 'fetch') return false;
  for (let scope: ReturnType<RuleContext['sourceCode']['getScope']> | null = context.sourceCode.getScope(call); scope; scope = scope.upper) {
    const variable = scope.set.get('fetch');
    if (variable && variable.defs.length > 0) return false;
  }
  return true;
}

/** Who creates or holds the value of this call: `const api = ...` → `api`, `this.client = ...` → `this.client`. */
function holderName(call: TSESTree.CallExpression): string | undefined {
  const parent = call.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === call && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression' && parent.right === call) return dottedName(parent.left);
  if (parent?.type === 'PropertyDefinition' && parent.value === call) {
    const key = staticKeyName(parent.key, parent.computed);
    return key === undefined ? undefined : `this.${key}`;
  }
  return undefined;
}

type Verdict = { kind: 'ok' } | { kind: 'missing'; options?: TSESTree.ObjectExpression } | { kind: 'disabled'; property: TSESTree.Property };

function judgeOptions(options: Node | undefined, library: Library): Verdict {
  if (options === undefined) return { kind: 'missing' };
  if (!isObject(options)) return { kind: 'ok' };
  for (const key of TIMEOUT_KEYS[library]) {
    const property = findProperty(options, key);
    if (!property) continue;
    const value = property.value;
    const off = value.type === 'Literal' && (value.value === false || value.value === 0);
    return off && key === 'timeout' ? { kind: 'disabled', property } : { kind: 'ok' };
  }
  return hasSpread(options) ? { kind: 'ok' } : { kind: 'missing', options };
}

const URL_NAME = /(url|uri|href|endpoint|link)$/i;

/** `http.request(url[, options][, callback])`: the options object, or missing when the call clearly passes a URL only. */
function httpOptions(call: TSESTree.CallExpression): Verdict {
  const args = call.arguments.filter((a) => a.type !== 'ArrowFunctionExpression' && a.type !== 'FunctionExpression');
  const object = args.find(isObject);
  if (object) return judgeOptions(object, 'http');
  if (args.length !== 1) return { kind: 'ok' };
  const url = unwrapExpression(args[0]);
  const clearlyUrl = url.type === 'Literal' || url.type === 'TemplateLiteral'
    || (url.type === 'NewExpression' && dottedName(url.callee) === 'URL')
    || (url.type === 'Identifier' && URL_NAME.test(url.name));
  return clearlyUrl ? { kind: 'missing' } : { kind: 'ok' };
}

interface Candidate { call: TSESTree.CallExpression; shape: CallShape; verdict: Exclude<Verdict, { kind: 'ok' }>; coveredBy: string[] }

export const rule = createRule({
  id: 'resilience/require-timeout',
  description: 'Require a timeout on outbound HTTP calls (fetch, axios, got, ky, undici, http/https).',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    missingTimeout: '`{{call}}` has no timeout: when the remote end stalls, this call waits forever and holds its request, socket and memory while callers pile up. Pass {{option}} (or give the client a default timeout).',
    clientWithoutTimeout: '`{{call}}` creates a client with no default timeout, so every call made through it can hang forever when the remote end stalls. Set {{option}} here.',
    timeoutDisabled: '`{{call}}` turns its timeout off: when the remote end stalls, this call hangs forever. Set a finite timeout, e.g. {{option}}.',
    addTimeout: 'Add {{option}}.',
  },
  defaultOptions: [],
  create(context) {
    // A test's calls go to servers the test itself started; the test runner's timeout bounds them.
    if (isTestFile(context.filename, context.cwd)) return {};
    const { defaultTimeoutMs } = readSettings(context);
    let bindings: ReadonlyMap<string, ModuleBinding> = new Map();
    const candidates: Candidate[] = [];
    const covered = new Set<string>();
    const optionText = (library: Library): string => {
      if (library === 'axios' || library === 'ky') return `timeout: ${defaultTimeoutMs}`;
      if (library === 'got') return `timeout: { request: ${defaultTimeoutMs} }`;
      return `signal: AbortSignal.timeout(${defaultTimeoutMs})`;
    };

    const check = (call: TSESTree.CallExpression) => {
      const resolved = resolveModuleMember(call.callee, bindings);
      const shape = resolved ? shapeOf(resolved.module, resolved.member, call.arguments)
        : isGlobalFetch(context, call) ? { library: 'fetch' as const, optionsIndex: 1, creates: false } : undefined;
      if (!shape) return;
      if (shape.library === 'fetch' && call.arguments[0]?.type === 'NewExpression' && dottedName(call.arguments[0].callee) === 'Request') return;
      if (call.arguments.some((a) => a.type === 'SpreadElement')) return;
      // `http.get(url, cb).setTimeout(5000)`
      const parent = call.parent;
      if (parent?.type === 'MemberExpression' && parent.object === call && staticKeyName(parent.property, parent.computed) === 'setTimeout') return;
      const verdict = shape.library === 'http' ? httpOptions(call) : judgeOptions(call.arguments[shape.optionsIndex], shape.library);
      if (verdict.kind === 'ok' || (shape.library === 'ky' && verdict.kind === 'missing')) return;
      const root = dottedName(call.callee)?.split('.')[0];
      const holder = holderName(call);
      const coveredBy = [
        ...(shape.library === 'fetch' || shape.library === 'undici' ? ['setGlobalDispatcher'] : []),
        ...(shape.creates && holder ? [holder] : []),
        ...(!shape.creates && root && shape.library !== 'http' && shape.library !== 'fetch' ? [root] : []),
        ...(shape.library === 'http' && holder ? [holder] : []),
      ];
      candidates.push({ call, shape, verdict, coveredBy });
    };

    const report = ({ call, shape, verdict }: Candidate) => {
      const option = optionText(shape.library);
      const callText = dottedName(call.callee) ?? context.sourceCode.getText(call.callee);
      if (verdict.kind === 'disabled') {
        const value = option.slice(option.indexOf(':') + 2);
        context.report({
          node: call.callee, messageId: 'timeoutDisabled', data: { call: callText, option: `\`${option}\`` },
          suggest: [{ messageId: 'addTimeout', data: { option: `\`${option}\`` }, fix: (fixer) => fixer.replaceText(verdict.property.value, value) }],
        });
        return;
      }
      const options = verdict.options;
      context.report({
        node: call.callee, messageId: shape.creates ? 'clientWithoutTimeout' : 'missingTimeout', data: { call: callText, option: `\`${option}\`` },
        suggest: [{
          messageId: 'addTimeout', data: { option: `\`${option}\`` },
          fix: (fixer) => options ? insertProperty(fixer, options, option)
            : insertArgument(fixer, call, shape.library === 'http' ? 1 : shape.optionsIndex, `{ ${option} }`),
        }],
      });
    };

    return {
      Program(node) {
        bindings = moduleBindings(node as TSESTree.Program);
      },
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        const callee = unwrapExpression(call.callee);
        if (callee.type === 'Identifier' && callee.name === 'setGlobalDispatcher') covered.add('setGlobalDispatcher');
        if (callee.type === 'MemberExpression' && staticKeyName(callee.property, callee.computed) === 'setTimeout') {
          const receiver = unwrapExpression(callee.object);
          const name = dottedName(receiver);
          if (name) covered.add(name);
        }
        check(call);
      },
      AssignmentExpression(node) {
        // `axios.defaults.timeout = 5000`, `api.defaults.timeout = 5000`
        const name = dottedName((node as TSESTree.AssignmentExpression).left);
        if (name?.endsWith('.defaults.timeout')) covered.add(name.slice(0, -'.defaults.timeout'.length));
      },
      'Program:exit'() {
        for (const candidate of candidates) {
          if (!candidate.coveredBy.some((name) => covered.has(name))) report(candidate);
        }
      },
    };
  },
});
