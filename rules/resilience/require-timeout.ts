import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import {
  mayUseOutboundClient, outboundUseOf, programDefaultSetBy, timeoutInOptions, type OptionsAt, type OutboundClient, type OutboundUse,
} from '../core/knowledge/outbound-clients';
import { ProvenanceResolver, singleValueOf } from '../core/knowledge/provenance';
import { dottedName, isFunctionNode, staticKeyName, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { insertArgument, insertProperty } from '../utils/insert-code';
import { readSettings } from '../utils/settings';
import { SERVICE_CODE } from '../core/roles/role-sets';
import { INVOCATION_TIMEOUT } from '../core/project/module-facts';

type Outbound = Exclude<OutboundUse, { kind: 'instance' }>;
type Call = TSESTree.CallExpression | TSESTree.NewExpression;

/** What the call's options say, once located: an options object (written in the call or in a local variable), none, or something built elsewhere. */
type Verdict =
  | { kind: 'ok' }
  | { kind: 'missing'; object?: TSESTree.ObjectExpression; insertAt: number }
  | { kind: 'disabled'; property: TSESTree.Property };

const URL_NAME = /(url|uri|href|endpoint|link|address)$/i;

/** Who holds the value of a call: `const req = ...` → `req`, `this.client = ...` → `this.client`. */
function holderName(call: Node): string | undefined {
  const parent = call.parent;
  if (parent?.type === 'AwaitExpression') return holderName(parent);
  if (parent?.type === 'VariableDeclarator' && parent.init === call && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'AssignmentExpression' && parent.right === call) return dottedName(parent.left);
  if (parent?.type === 'PropertyDefinition' && parent.value === call) {
    const key = staticKeyName(parent.key, parent.computed);
    return key === undefined ? undefined : `this.${key}`;
  }
  return undefined;
}

/** `superagent.get(url).set(h).timeout(5000)`, `http.get(url, cb).setTimeout(5000)`: a method of the chain on the call's result. */
function chainCalls(call: Call, methods: readonly string[]): boolean {
  let current: Node = call;
  for (;;) {
    const member: Node | undefined = current.parent;
    if (member?.type !== 'MemberExpression' || member.object !== current) return false;
    const next: Node | undefined = member.parent;
    if (next?.type !== 'CallExpression' || next.callee !== member) return false;
    if (methods.includes(staticKeyName(member.property, member.computed) ?? '')) return true;
    current = next;
  }
}

export const rule = createRule({
  id: 'resilience/require-timeout',
  description: 'Require a timeout on outbound HTTP and WebSocket calls (fetch, axios, got, ky, undici, http/https, request, superagent, needle, ws).',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    missingTimeout: '`{{call}}` has no timeout: {{behaviour}}. When the remote end stalls, this call, its socket and whatever awaits it are held that long. Add {{option}} (or give the client a default timeout).',
    clientWithoutTimeout: '`{{call}}` creates a client with no default timeout: {{behaviour}}. Every call made through it that sets no timeout of its own can wait that long when the remote end stalls. Set {{option}} here.',
    timeoutDisabled: '`{{call}}` turns its timeout off: when the remote end stalls, this call waits as long as the connection stays open. Set a finite timeout, e.g. {{option}}.',
    addTimeout: 'Add {{option}}.',
  },
  defaultOptions: [],
  create(context) {
    // A test's calls go to servers the test itself started; the test runner's timeout bounds them.
    if (!mayUseOutboundClient(context.sourceCode.text)) return {};
    const { defaultTimeoutMs } = readSettings(context);
    let provenance: ProvenanceResolver;
    const pending: Array<{ call: Call; use: Outbound; verdict: Exclude<Verdict, { kind: 'ok' }>; holder?: string }> = [];
    /** Receivers whose `setTimeout` / `.defaults.timeout` the file sets: `req`, `this.client`. */
    const handlesWithTimeout = new Set<string>();
    const programDefaultsHere = new Set<string>();

    /** The object literal an options argument is, directly or through a local variable nothing else touches; undefined when it is built elsewhere. */
    const localOptions = (node: Node): { object: TSESTree.ObjectExpression; assigned: Set<string> } | undefined => {
      const value = unwrapExpression(node);
      if (value.type === 'ObjectExpression') return { object: value, assigned: new Set() };
      if (value.type !== 'Identifier') return undefined;
      const variable = provenance.variableOf(value);
      const single = variable ? singleValueOf(variable) : undefined;
      if (!variable || single?.id.type !== 'Identifier' || single.init.type !== 'ObjectExpression') return undefined;
      const assigned = new Set<string>();
      for (const reference of variable.references) {
        const use = reference.identifier;
        if (use === value || reference.init) continue;
        const member = use.parent;
        // A read of a property is harmless; passing the object on (`Object.assign`, a helper) may add a timeout.
        if (member?.type !== 'MemberExpression' || member.object !== use) return undefined;
        const key = staticKeyName(member.property, member.computed);
        if (member.parent?.type === 'AssignmentExpression' && member.parent.left === member) {
          if (key === undefined) return undefined;
          assigned.add(key); // `options.timeout = 5000`
        } else if (member.parent?.type === 'CallExpression' && member.parent.callee === member) {
          return undefined;
        }
      }
      return { object: single.init, assigned };
    };

    const judge = (node: Node | undefined, client: OutboundClient, insertAt: number): Verdict => {
      if (node === undefined) return { kind: 'missing', insertAt };
      const local = localOptions(node);
      if (!local) return { kind: 'ok' };
      const found = timeoutInOptions(local.object, client.timeoutKeys, local.assigned);
      if (found.kind === 'set' || found.kind === 'unknown') return { kind: 'ok' };
      return found.kind === 'disabled' ? found : { kind: 'missing', object: local.object, insertAt };
    };

    const isFunctionValue = (node: Node): boolean => {
      const value = unwrapExpression(node);
      if (isFunctionNode(value)) return true;
      if (value.type !== 'Identifier') return false;
      const def = provenance.variableOf(value)?.defs[0];
      return def?.type === 'FunctionName' || (def?.type === 'Variable' && !!def.node.init && isFunctionNode(def.node.init));
    };

    /** A URL, not an options object: a string, `new URL(...)`, a `...Url` name, or a local that holds one of those. */
    const isUrl = (node: Node): boolean => {
      const value = unwrapExpression(node);
      if (value.type === 'Literal' || value.type === 'TemplateLiteral' || value.type === 'BinaryExpression') return true;
      if (value.type === 'NewExpression' && dottedName(value.callee) === 'URL') return true;
      const name = dottedName(value);
      if (name !== undefined && URL_NAME.test(name)) return true;
      if (value.type !== 'Identifier') return false;
      const init = provenance.valueOf(value);
      return init !== undefined && init.type !== 'Identifier' && isUrl(init);
    };

    /** ws's subprotocols: a string or list, also one picked by a condition (`proto ? proto.split(',') : undefined`). */
    const isProtocols = (node: Node): boolean => {
      const value = unwrapExpression(node);
      if (value.type === 'ArrayExpression' || value.type === 'Literal' || value.type === 'TemplateLiteral') return true;
      if (value.type === 'Identifier' && value.name === 'undefined') return true;
      if (value.type === 'ConditionalExpression') return isProtocols(value.consequent) || isProtocols(value.alternate);
      if (value.type === 'LogicalExpression') return isProtocols(value.left) || isProtocols(value.right);
      if (value.type === 'CallExpression' && value.callee.type === 'MemberExpression' && staticKeyName(value.callee.property, value.callee.computed) === 'split') return true;
      const init = value.type === 'Identifier' ? provenance.valueOf(value) : undefined;
      return init !== undefined && init.type !== 'Identifier' && isProtocols(init);
    };

    const verdictFor = (call: Call, client: OutboundClient, at: OptionsAt): Verdict => {
      if (call.arguments.some((a) => a.type === 'SpreadElement')) return { kind: 'ok' };
      if (at.kind === 'chain') return chainCalls(call, [at.method]) ? { kind: 'ok' } : { kind: 'missing', insertAt: -1 };
      if (at.kind === 'index') {
        const first = call.arguments[0];
        const objectFirst = at.objectFirst && first !== undefined && !isUrl(first);
        return objectFirst ? judge(first, client, 0) : judge(call.arguments[at.index], client, at.index);
      }
      const args = call.arguments.filter((a) => !isFunctionValue(a));
      if (args.length === 0) return { kind: 'ok' };
      if (at.skipProtocols) {
        const rest = args.slice(1);
        const options = rest.length >= 2 ? rest[1] : rest.find((a) => !isProtocols(a));
        return judge(options, client, call.arguments.indexOf(args[args.length - 1]) + 1);
      }
      if (isUrl(args[0])) return judge(args[1], client, 1);
      // `http.get(target, options)`, or `http.request(options)`: the object is the options.
      return judge(args[1] ?? args[0], client, 1);
    };

    const check = (call: Call) => {
      const callee = provenance.of(call.callee);
      const use = callee && outboundUseOf(callee, call.type === 'NewExpression');
      // A call through a created client is judged where the client is created.
      if (!use || use.kind === 'instance') return;
      const client = use.client;
      if (call.type === 'CallExpression' && client.label === 'fetch' && call.arguments[0]?.type === 'NewExpression' && dottedName(call.arguments[0].callee) === 'Request') return;
      if (client.handleTimeoutMethods && chainCalls(call, client.handleTimeoutMethods)) return;
      const verdict = verdictFor(call, client, use.options);
      if (verdict.kind === 'ok' || (client.finiteDefault && verdict.kind === 'missing')) return;
      pending.push({ call, use, verdict, holder: holderName(call) });
    };

    const report = ({ call, use, verdict }: (typeof pending)[number]) => {
      const client = use.client;
      const option = `\`${client.option(defaultTimeoutMs)}\``;
      const name = dottedName(call.callee) ?? context.sourceCode.getText(call.callee);
      const callText = call.type === 'NewExpression' ? `new ${name}` : name;
      if (verdict.kind === 'disabled') {
        const value = client.option(defaultTimeoutMs).replace(/^[^:]*:\s*/, '');
        context.report({
          node: call.callee, messageId: 'timeoutDisabled', data: { call: callText, option },
          suggest: [{ messageId: 'addTimeout', data: { option }, fix: (fixer) => fixer.replaceText(verdict.property.value, value) }],
        });
        return;
      }
      const text = client.option(defaultTimeoutMs);
      const program = client.programDefault?.name;
      context.report({
        node: call.callee,
        messageId: use.kind === 'factory' ? 'clientWithoutTimeout' : 'missingTimeout',
        data: { call: callText, option, behaviour: client.withoutTimeout },
        // A program-wide default covers calls made on the library itself; a client created with
        // `axios.create` copies the defaults when it is created, so it is judged by its own options.
        // In a serverless function the platform's invocation timeout bounds every call.
        programCondition: { kind: 'unless-client-default', defaults: program !== undefined && use.kind !== 'factory' ? [program, INVOCATION_TIMEOUT] : [INVOCATION_TIMEOUT] },
        suggest: [{
          messageId: 'addTimeout', data: { option },
          fix: (fixer) => verdict.object ? insertProperty(fixer, verdict.object, text)
            : verdict.insertAt < 0 ? fixer.insertTextAfter(call, text)
              : insertArgument(fixer, call, verdict.insertAt, `{ ${text} }`),
        }],
      });
    };

    const visitCall = (call: TSESTree.CallExpression) => {
      const callee = unwrapExpression(call.callee);
      // `req.setTimeout(5000, ...)`
      if (callee.type === 'MemberExpression' && staticKeyName(callee.property, callee.computed) === 'setTimeout') {
        const receiver = dottedName(callee.object);
        if (receiver) handlesWithTimeout.add(receiver);
      }
      const set = programDefaultSetBy(call, (e) => provenance.of(e));
      if (set) programDefaultsHere.add(set);
      check(call);
    };

    const visitAssignment = (assignment: TSESTree.AssignmentExpression) => {
      const set = programDefaultSetBy(assignment, (e) => provenance.of(e));
      if (set) programDefaultsHere.add(set);
      // `api.defaults.timeout = 5000` on a created client.
      const name = dottedName(assignment.left);
      if (name?.endsWith('.defaults.timeout')) handlesWithTimeout.add(name.slice(0, -'.defaults.timeout'.length));
    };

    // Judged when the walk is done: the engine sets a node's `parent` as it enters it, and
    // following a value (provenance, scopes) reads the parents of nodes the walk has not reached yet.
    const seen: Node[] = [];
    return {
      Program(node) {
        provenance = new ProvenanceResolver(node as TSESTree.Program, context.sourceCode);
      },
      'CallExpression, NewExpression, AssignmentExpression'(node) {
        seen.push(node);
      },
      'Program:exit'() {
        for (const node of seen) {
          if (node.type === 'CallExpression') visitCall(node);
          else if (node.type === 'NewExpression') check(node);
          else if (node.type === 'AssignmentExpression') visitAssignment(node);
        }
        for (const candidate of pending) {
          if (candidate.holder && handlesWithTimeout.has(candidate.holder)) continue;
          const program = candidate.use.client.programDefault?.name;
          if (program !== undefined && candidate.use.kind !== 'factory' && programDefaultsHere.has(program)) continue;
          report(candidate);
        }
      },
    };
  },
});
