import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { calleeMethod, dottedName, staticKeyName } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { matchEndpoint } from '../utils/endpoints';
import { isTestFile, matchesGlobs, projectPath } from '../utils/file-roles';
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

export const rule = createRule({
  id: 'coupling/no-hardcoded-endpoint',
  description: 'Disallow URLs, host:port addresses, IPs, connection strings and credentials hardcoded outside configuration modules.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    hardcodedEndpoint: 'The {{kind}} `{{value}}` is hardcoded: pointing this service at another environment (staging, a failover region, a moved dependency) takes a code change and a redeploy. Read it from configuration (one of `settings.configModules`) or the environment.',
    hardcodedCredential: 'A credential is hardcoded in `{{value}}`: everyone who can read the code has it, it cannot be rotated without a deploy, and it leaks into logs and error reports. Load it from a secret store or an environment variable.',
  },
  defaultOptions: [],
  create(context) {
    const settings = readSettings(context);
    const { filename, cwd } = context;
    const file = projectPath(filename, cwd);
    if (isTestFile(filename, cwd) || DOCS_FOLDER.test(file) || matchesGlobs(filename, settings.configModules, cwd)) return {};

    const linkModule = LINK_MODULE.test(file.slice(file.lastIndexOf('/') + 1).replace(/\.[cm]?[jt]sx?$/, ''));

    const check = (node: Node, value: string, complete: boolean) => {
      if (isNonAddressPosition(node) || isDefaultValue(node) || isPartOfProse(node) || REFERENCE_NAME.test(holderName(node) ?? '')) return;
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      if (complete && credentialProperty(node, value)) {
        const property = node.parent as TSESTree.Property;
        context.report({ node, messageId: 'hardcodedCredential', data: { value: `${staticKeyName(property.key, property.computed)}: '***'` } });
        return;
      }
      const match = matchEndpoint(value, complete);
      if (!match) return;
      if (linkModule && match.kind === 'URL' && !match.credentials) return;
      if (match.credentials) context.report({ node, messageId: 'hardcodedCredential', data: { value: shown.replace(/:[^:@/]*@/, ':***@') } });
      else context.report({ node, messageId: 'hardcodedEndpoint', data: { kind: match.kind, value: shown } });
    };

    return {
      Literal(node) {
        const literal = node as TSESTree.Literal;
        if (typeof literal.value === 'string') check(literal, literal.value, true);
      },
      TemplateLiteral(node) {
        const template = node as TSESTree.TemplateLiteral;
        if (template.parent?.type === 'TaggedTemplateExpression') return;
        check(template, template.quasis[0].value.cooked ?? '', template.expressions.length === 0);
      },
    };
  },
});
