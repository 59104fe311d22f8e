import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { calleeMethod, dottedName, staticKeyName } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { inEnvironmentBranch } from '../core/knowledge/environment-branches';
import { ADDRESS_KEYS, outboundCall, takesAddressAt } from '../core/knowledge/connection-addresses';
import { argumentDestinations } from '../core/knowledge/value-flow';
import { hostScope, matchEndpoint, matchHostName } from '../utils/endpoints';
import { moduleBindings, type ModuleBinding } from '../utils/imports';
import { matchesGlobs, projectPath } from '../utils/file-roles';
import { readSettings } from '../utils/settings';
import { SERVICE_CODE } from '../core/roles/role-sets';

const DOCS_FOLDER = /(^|\/)(docs?|documentation)\//;
/** String methods whose argument is a pattern to compare with, not an address to connect to. */
const MATCHING_METHODS = new Set(['match', 'matchAll', 'test', 'replace', 'replaceAll', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split', 'search', 'has']);
/** Names of keys and variables that hold links and identifiers rather than endpoints. */
const REFERENCE_NAME = /doc|help|homepage|readme|website|licen[cs]e|repository|issues|changelog|schema|namespace|xmlns|version|^\$id$|^ns$/i;
const CREDENTIAL_KEY = /^(password|passwd|pwd|pass|secret|client_?secret|api_?key|access_?key(_?id)?|secret_?access_?key|auth_?token|token)$/i;
const CONNECTION_KEYS = new Set(['host', 'hostname', 'url', 'uri', 'server', 'port', 'user', 'username', 'brokers', 'connectionString', 'database', 'endpoint', 'region']);
const COMPARISONS = new Set(['==', '===', '!=', '!==', 'in']);
/**
 * A module named for the links it builds (`websiteUrl.js`, `docs-links.ts`, `help.ts`): its URLs are the
 * base of documentation links in messages (`const BASE_URL = 'https://kafka.js.org'`), not services the
 * code calls. The whole base name must say so: `document.js` or `helpers.ts` do not.
 */
const LINK_MODULE = /^(docs?|documentation|website|homepage|help)([-_.]?(url|link|base)s?)?$/i;

/** The name the value is stored under: a property key or the variable it initialises. */
function holderName(node: Node): string | undefined {
  const parent = node.parent;
  if (parent?.type === 'Property' && parent.value === node) return staticKeyName(parent.key, parent.computed);
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'PropertyDefinition' && parent.value === node) return staticKeyName(parent.key, parent.computed);
  if (parent?.type === 'AssignmentExpression' && parent.right === node) return dottedName(parent.left)?.split('.').pop();
  return undefined;
}

/**
 * `process.env.X ?? 'http://...'`, `options.url || '...'`, `function f(url = '...')`: the address is
 * configurable and the literal only its default.
 */
function isDefaultValue(node: Node): boolean {
  const parent = node.parent;
  if (parent?.type === 'AssignmentPattern') return parent.right === node;
  return parent?.type === 'LogicalExpression' && parent.right === node && parent.operator !== '&&';
}

/** `'see ' + 'https://...'`: part of a message built by concatenation, so a link for a reader. */
function isPartOfProse(node: Node): boolean {
  let top = node;
  while (top.parent?.type === 'BinaryExpression' && top.parent.operator === '+') top = top.parent;
  if (top === node) return false;
  const stack: Node[] = [top];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'BinaryExpression' && current.operator === '+') stack.push(current.left, current.right);
    else if (current.type === 'Literal' && typeof current.value === 'string' && /\s/.test(current.value)) return true;
    else if (current.type === 'TemplateLiteral' && current.quasis.some((q) => /\s/.test(q.value.cooked ?? ''))) return true;
  }
  return false;
}

/** Positions where a string is a key, a pattern, a module name, a type or markup, not an address the code uses. */
function isNonAddressPosition(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.type) {
    case 'Property': case 'PropertyDefinition': case 'MethodDefinition': case 'TSPropertySignature': return parent.key === node;
    case 'MemberExpression': return parent.property === node;
    case 'ImportDeclaration': case 'ExportAllDeclaration': case 'ExportNamedDeclaration': case 'ImportExpression':
    case 'TSLiteralType': case 'TSExternalModuleReference': case 'TSModuleDeclaration': case 'TSImportType':
    case 'JSXAttribute': case 'JSXExpressionContainer': case 'SwitchCase':
      return true;
    case 'BinaryExpression': return COMPARISONS.has(parent.operator);
    case 'CallExpression': {
      if (parent.callee === node) return false;
      const method = calleeMethod(parent);
      return method === 'require' || MATCHING_METHODS.has(method ?? '');
    }
    case 'NewExpression': {
      const name = dottedName(parent.callee);
      if (name === 'RegExp') return true;
      // `new URL(path, 'http://localhost:3000')`: a base to resolve a relative path against.
      return name === 'URL' && parent.arguments[1] === node;
    }
    default: return false;
  }
}

function credentialProperty(node: Node, value: string): boolean {
  const parent = node.parent;
  if (parent?.type !== 'Property' || parent.value !== node || parent.parent.type !== 'ObjectExpression') return false;
  const key = staticKeyName(parent.key, parent.computed) ?? '';
  if (!CREDENTIAL_KEY.test(key) || value.length < 4 || /\s/.test(value) || value.toLowerCase() === key.toLowerCase()) return false;
  return parent.parent.properties.some((p) => p.type === 'Property' && CONNECTION_KEYS.has(staticKeyName(p.key, p.computed) ?? ''));
}

interface Options { reportVendorHosts?: boolean }

/** Why an internal host resolves only inside one network, for the message. */
function internalReason(host: string): string {
  if (/^[\d[]/.test(host)) return 'a private IP address';
  return host.includes('.') ? 'a host in an internal domain' : 'a single-label host name';
}

/** Keys whose value is a host name when the object configures a client: `{ host: 'db.internal' }`. */
const HOST_KEYS = new Set(['host', 'hostname', 'server']);
const IP_HOST = /^(\d{1,3}\.){3}\d{1,3}$|^\[/;
const CONFIG_ADVICE = 'Read it from configuration (one of `settings.configModules`) or the environment.';

export const rule = createRule<[Options]>({
  id: 'coupling/no-hardcoded-endpoint',
  description: 'Disallow hardcoded addresses that bind an outbound connection to one environment: connection strings, internal hosts, credentials, and URLs passed to network clients.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    connectionString: `The connection string \`{{value}}\` is hardcoded: this code connects to that one database or broker in every environment, so staging, a failover or a moved server takes a code change and a redeploy. ${CONFIG_ADVICE}`,
    environmentSelected: `\`{{value}}\` is picked by an environment check in the code: that environment's address is compiled in, so moving it or adding an environment takes a code change and a redeploy. ${CONFIG_ADVICE}`,
    internalHost: `\`{{value}}\` names \`{{host}}\`, {{why}}: it exists only inside one network, so this code works only in the environment that has that host. ${CONFIG_ADVICE}`,
    environmentHost: `\`{{value}}\` names \`{{host}}\`, a host of one deployment environment: code built with it talks to that environment wherever it runs. ${CONFIG_ADVICE}`,
    fixedAddress: `\`{{value}}\` is the address \`{{client}}\` connects to, written in the code: the connection goes to {{target}} in every environment, so pointing it elsewhere takes a code change and a redeploy. ${CONFIG_ADVICE}`,
    vendorHost: `\`{{value}}\` is the address \`{{client}}\` connects to, written in the code: the calls cannot be pointed at the vendor's sandbox, a mock server or a proxy without a code change. Read the base URL from configuration (one of \`settings.configModules\`) or the environment, with this as its default.`,
    hardcodedCredential: 'A credential is hardcoded in `{{value}}`: everyone who can read the code has it, it cannot be rotated without a deploy, and it leaks into logs and error reports. Load it from a secret store or an environment variable.',
  },
  schema: [{
    type: 'object',
    properties: {
      reportVendorHosts: {
        type: 'boolean',
        description: 'Also report public hosts (a vendor\'s API, a public service) passed to a network client. Off by default: such a host is the same in every environment. On in `opslint:all`.',
      },
    },
    additionalProperties: false,
  }],
  defaultOptions: [{ reportVendorHosts: false }],
  allPresetOptions: [{ reportVendorHosts: true }],
  create(context) {
    const settings = readSettings(context);
    const { filename, cwd, sourceCode } = context;
    const file = projectPath(filename, cwd);
    if (DOCS_FOLDER.test(file) || matchesGlobs(filename, settings.configModules, cwd)) return {};
    const reportVendorHosts = context.options[0]?.reportVendorHosts ?? false;
    const linkModule = LINK_MODULE.test(file.slice(file.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, ''));
    let bindings: ReadonlyMap<string, ModuleBinding> = new Map();

    /** The network client the value reaches as its address, if it reaches one in this file. */
    const connectingClient = (node: Node): string | undefined => {
      for (const destination of argumentDestinations(node, sourceCode)) {
        const outbound = outboundCall(destination.call, bindings, sourceCode);
        if (!outbound) continue;
        const viaOption = destination.keys.length > 0;
        if (viaOption && !ADDRESS_KEYS.has(destination.keys[destination.keys.length - 1])) continue;
        if (takesAddressAt(outbound, destination.index, viaOption)) return outbound.client;
      }
      return undefined;
    };

    const check = (node: Node, value: string, complete: boolean) => {
      if (isNonAddressPosition(node) || isDefaultValue(node) || isPartOfProse(node) || REFERENCE_NAME.test(holderName(node) ?? '')) return;
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      if (complete && credentialProperty(node, value)) {
        const property = node.parent as TSESTree.Property;
        context.report({ node, messageId: 'hardcodedCredential', data: { value: `${staticKeyName(property.key, property.computed)}: '***'` } });
        return;
      }
      const bareHost = complete && HOST_KEYS.has(holderName(node) ?? '') && !value.includes(':') ? matchHostName(value) : undefined;
      const match = matchEndpoint(value, complete) ?? bareHost;
      if (!match) return;
      let client: string | undefined | null = null;
      const clientOf = () => (client === null ? (client = connectingClient(node)) : client);
      // `host: 'db.internal'` is an address only where a client takes it as its host.
      if (bareHost && !clientOf()) return;
      if (linkModule && match.kind === 'URL' && !match.credentials) return;
      if (match.credentials) {
        context.report({ node, messageId: 'hardcodedCredential', data: { value: shown.replace(/:[^:@/]*@/, ':***@') } });
        return;
      }
      const scope = hostScope(match.host);
      const environmentBranch = inEnvironmentBranch(node, sourceCode);
      // `isDev ? 'http://localhost:3000' : config.url`: the development arm of an environment switch.
      if (environmentBranch && scope === 'loopback') return;
      if (match.kind === 'connection string') context.report({ node, messageId: 'connectionString', data: { value: shown } });
      else if (environmentBranch) context.report({ node, messageId: 'environmentSelected', data: { value: shown } });
      else if (scope === 'internal') context.report({ node, messageId: 'internalHost', data: { value: shown, host: match.host, why: internalReason(match.host) } });
      else if (scope === 'environment') context.report({ node, messageId: 'environmentHost', data: { value: shown, host: match.host } });
      else {
        const fixedPlace = scope === 'loopback' ? 'this machine' : IP_HOST.test(match.host) ? 'that one IP address' : undefined;
        if (!fixedPlace && !reportVendorHosts) return;
        const connecting = clientOf();
        if (!connecting) return;
        if (fixedPlace) context.report({ node, messageId: 'fixedAddress', data: { value: shown, client: connecting, target: fixedPlace } });
        else context.report({ node, messageId: 'vendorHost', data: { value: shown, client: connecting } });
      }
    };

    // Where a value goes is known only once the walk has linked every node to its parent: check at the end.
    const candidates: Array<{ node: Node; value: string; complete: boolean }> = [];
    return {
      Program(node) {
        bindings = moduleBindings(node as TSESTree.Program);
      },
      Literal(node) {
        const literal = node as TSESTree.Literal;
        if (typeof literal.value === 'string') candidates.push({ node: literal, value: literal.value, complete: true });
      },
      TemplateLiteral(node) {
        const template = node as TSESTree.TemplateLiteral;
        if (template.parent?.type === 'TaggedTemplateExpression') return;
        candidates.push({ node: template, value: template.quasis[0].value.cooked ?? '', complete: template.expressions.length === 0 });
      },
      'Program:exit'() {
        for (const { node, value, complete } of candidates) check(node, value, complete);
      },
    };
  },
});
