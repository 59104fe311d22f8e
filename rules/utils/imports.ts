import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { staticKeyName, unwrapExpression } from './ast-names';

/** What a local name is bound to: a module and the export taken from it (`*` for the namespace or default of a CommonJS module). */
export interface ModuleBinding { module: string; imported: string }

/** A call resolved to a module: `fs.readFileSync` → `{ module: 'fs', member: 'readFileSync' }`; calling the binding itself → member ''. */
export interface ResolvedCall { module: string; member: string }

/** `node:fs` and `fs` are the same module. */
export function normalizeModule(source: string): string {
  return source.startsWith('node:') ? source.slice(5) : source;
}

function requiredModule(node: Node | null | undefined): { module: string; member: string } | undefined {
  if (!node) return undefined;
  const init = unwrapExpression(node);
  if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require'
    && init.arguments.length === 1 && init.arguments[0].type === 'Literal' && typeof init.arguments[0].value === 'string') {
    return { module: normalizeModule(init.arguments[0].value), member: '' };
  }
  // `require('axios').default`, `require('fs').promises`
  if (init.type === 'MemberExpression') {
    const inner = requiredModule(init.object);
    const name = staticKeyName(init.property, init.computed);
    if (inner && name !== undefined && inner.member === '') return { module: inner.module, member: name === 'default' ? '' : name };
  }
  return undefined;
}

function bindingFor(source: { module: string; member: string }, imported: string): ModuleBinding {
  if (source.member === '') return { module: source.module, imported };
  return { module: source.module, imported: imported === '*' ? source.member : `${source.member}.${imported}` };
}

function addDeclarator(declarator: TSESTree.VariableDeclarator, bindings: Map<string, ModuleBinding>): void {
  const source = requiredModule(declarator.init);
  if (!source) return;
  if (declarator.id.type === 'Identifier') {
    bindings.set(declarator.id.name, bindingFor(source, '*'));
  } else if (declarator.id.type === 'ObjectPattern') {
    for (const property of declarator.id.properties) {
      if (property.type !== 'Property' || property.value.type !== 'Identifier') continue;
      const name = staticKeyName(property.key, property.computed);
      if (name !== undefined) bindings.set(property.value.name, bindingFor(source, name === 'default' ? '*' : name));
    }
  }
}

/**
 * The module bindings of a file's top level: ES imports and `const x = require('m')` declarations.
 * Node's built-in modules and most packages use their default export as the namespace, so a
 * default import binds `*`. Only the top level is read: it is where modules are bound in practice,
 * and scanning it is linear in the number of top-level statements.
 */
export function moduleBindings(program: TSESTree.Program): Map<string, ModuleBinding> {
  const bindings = new Map<string, ModuleBinding>();
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration') {
      if (statement.importKind === 'type') continue;
      const module = normalizeModule(statement.source.value);
      for (const specifier of statement.specifiers) {
        if (specifier.type === 'ImportSpecifier') {
          if (specifier.importKind === 'type') continue;
          const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : specifier.imported.value;
          bindings.set(specifier.local.name, { module, imported: imported === 'default' ? '*' : imported });
        } else {
          bindings.set(specifier.local.name, { module, imported: '*' });
        }
      }
    } else if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations) addDeclarator(declarator, bindings);
    }
  }
  return bindings;
}

/**
 * Which module export a callee reaches: `fs.readFileSync`, a destructured `readFileSync`,
 * `require('fs').readFileSync` and `fs.promises.readFile` all resolve. Undefined for anything
 * not rooted in a module binding.
 */
export function resolveModuleMember(callee: Node, bindings: ReadonlyMap<string, ModuleBinding>): ResolvedCall | undefined {
  const path: string[] = [];
  let current = unwrapExpression(callee);
  while (current.type === 'MemberExpression') {
    const name = staticKeyName(current.property, current.computed);
    if (name === undefined) return undefined;
    path.push(name);
    current = unwrapExpression(current.object);
  }
  path.reverse();
  let root: ModuleBinding | undefined;
  if (current.type === 'Identifier') root = bindings.get(current.name);
  else {
    const required = requiredModule(current);
    if (required) root = bindingFor(required, '*');
  }
  if (!root) return undefined;
  const prefix = root.imported === '*' ? [] : [root.imported];
  const member = [...prefix, ...path].filter((p) => p !== 'default').join('.');
  return { module: root.module, member };
}
