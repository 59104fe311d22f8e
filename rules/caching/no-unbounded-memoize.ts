import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../core/engine/types';
import { dottedName, findProperty, isFunctionNode, unwrapExpression, type FunctionNode } from '../utils/ast-names';
import { classifyUse, collectionKind, runsAtLoad } from '../utils/collection-uses';
import { createRule } from '../utils/create-rule';
import { moduleBindings, resolveModuleMember } from '../utils/imports';
import { insertArgument, insertProperty } from '../utils/insert-code';
import { moduleScope } from '../utils/module-scope';
import { SERVICE_CODE } from '../core/roles/role-sets';

/** Memoizers whose cache has no bound unless an option gives it one; the options that do, per library. */
const LIBRARIES: Record<string, { member: string; bounds: readonly string[]; advice: string }> = {
  lodash: { member: 'memoize', bounds: [], advice: 'Use a bounded memoizer (memoizee with `max`, or an lru-cache), or give the memoized function a bounded `.cache`.' },
  'lodash-es': { member: 'memoize', bounds: [], advice: 'Use a bounded memoizer (memoizee with `max`, or an lru-cache), or give the memoized function a bounded `.cache`.' },
  'lodash/memoize': { member: '', bounds: [], advice: 'Use a bounded memoizer (memoizee with `max`, or an lru-cache), or give the memoized function a bounded `.cache`.' },
  'lodash.memoize': { member: '', bounds: [], advice: 'Use a bounded memoizer (memoizee with `max`, or an lru-cache), or give the memoized function a bounded `.cache`.' },
  underscore: { member: 'memoize', bounds: [], advice: 'Use a bounded memoizer (memoizee with `max`, or an lru-cache).' },
  memoizee: { member: '', bounds: ['max', 'maxAge'], advice: 'Pass `max` (and `maxAge` for data that goes stale).' },
  'fast-memoize': { member: '', bounds: ['cache'], advice: 'Pass a bounded `cache` (an lru-cache behind its cache interface).' },
  mem: { member: '', bounds: ['cache', 'maxAge'], advice: 'Pass `cache: new QuickLRU({ maxSize })` or `maxAge`.' },
  memoize: { member: '', bounds: ['cache', 'maxAge'], advice: 'Pass `cache: new QuickLRU({ maxSize })` or `maxAge`.' },
  'p-memoize': { member: '', bounds: ['cache'], advice: 'Pass `cache: new QuickLRU({ maxSize })` or an expiring cache.' },
  'nano-memoize': { member: '', bounds: ['maxAge'], advice: 'Pass `maxAge`.' },
};
const HAND_ROLLED_ADVICE = 'Bound its Map (a size check or an lru-cache), or use a bounded memoizer such as memoizee with `max`.';

export const rule = createRule({
  id: 'caching/no-unbounded-memoize',
  description: 'Disallow memoizing at module level with a memoizer whose cache never evicts (lodash.memoize, memoizee without max, hand-rolled Map wrappers).',
  recommended: false,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  hasSuggestions: true,
  messages: {
    unboundedMemoize:
      '`{{callee}}` keeps every result it computes for as long as the process lives, one entry per distinct argument, so memory grows with input variety until the service is OOM-killed. {{advice}}',
    addMax: 'Add `max: {{max}}` to the memoizee options.',
  },
  schema: [{
    type: 'object',
    properties: { suggestedMax: { type: 'integer', minimum: 1, description: 'The `max` the memoizee suggestion writes.' } },
    additionalProperties: false,
  }],
  defaultOptions: [{ suggestedMax: 1000 }],
  create(context) {
    const { sourceCode } = context;
    const max = context.options[0]?.suggestedMax ?? 1000;
    const bindings = moduleBindings(sourceCode.ast);
    // Names that can start a memoizer call in this file, so other calls are ruled out cheaply.
    const memoRoots = new Set(['_', 'lodash']);
    for (const [local, binding] of bindings) if (binding.module in LIBRARIES) memoRoots.add(local);
    /** Library memoize calls made at load, by the variable holding the result (to see `f.cache = bounded` later). */
    const pending: Array<{ call: TSESTree.CallExpression; holder: string | undefined; callee: string; advice: string; fix?: 'max' }> = [];
    const cacheReplaced = new Set<string>();

    return {
      CallExpression(node) {
        const call = node as TSESTree.CallExpression;
        let root = unwrapExpression(call.callee);
        while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
        if (root.type !== 'Identifier' || !memoRoots.has(root.name)) return;
        const library = libraryOf(call, bindings);
        if (!library || !livesLong(call)) return;
        const options = call.arguments[1] ? unwrapExpression(call.arguments[1]) : undefined;
        if (library.bounds.length > 0 && options && (options.type !== 'ObjectExpression' || library.bounds.some((b) => findProperty(options, b)))) return;
        const holder = call.parent?.type === 'VariableDeclarator' && call.parent.id.type === 'Identifier' ? call.parent.id.name : undefined;
        const callee = dottedName(call.callee) ?? 'memoize';
        pending.push({ call, holder, callee, advice: library.advice, ...(library.bounds.includes('max') ? { fix: 'max' as const } : {}) });
      },
      AssignmentExpression(node) {
        // `memoized.cache = new LRUCache(...)`, `_.memoize.Cache = LRUMap`
        const path = dottedName((node as TSESTree.AssignmentExpression).left);
        if (path?.endsWith('.cache')) cacheReplaced.add(path.slice(0, -'.cache'.length));
        if (path?.endsWith('memoize.Cache')) cacheReplaced.add('*');
      },
      'Program:exit'() {
        for (const found of pending) {
          if (cacheReplaced.has('*') || (found.holder !== undefined && cacheReplaced.has(found.holder))) continue;
          const { call } = found;
          const options = call.arguments[1];
          context.report({
            node: call.callee, messageId: 'unboundedMemoize', data: { callee: found.callee, advice: found.advice },
            suggest: found.fix && call.arguments.length > 0 ? [{
              messageId: 'addMax', data: { max },
              fix: (fixer) => options?.type === 'ObjectExpression' ? insertProperty(fixer, options, `max: ${max}`) : insertArgument(fixer, call, 1, `{ max: ${max} }`),
            }] : null,
          });
        }
        for (const call of handRolledMemoCalls(sourceCode)) {
          context.report({ node: call.callee, messageId: 'unboundedMemoize', data: { callee: dottedName(call.callee), advice: HAND_ROLLED_ADVICE } });
        }
      },
    };
  },
});

function libraryOf(call: TSESTree.CallExpression, bindings: ReturnType<typeof moduleBindings>): (typeof LIBRARIES)[string] | undefined {
  const resolved = resolveModuleMember(call.callee, bindings);
  if (resolved) {
    const library = LIBRARIES[resolved.module];
    return library && library.member === resolved.member ? library : undefined;
  }
  // lodash loaded as a global script
  return dottedName(call.callee) === '_.memoize' ? LIBRARIES.lodash : undefined;
}

/** Made while the module loads (not per call), and not per instance: a module-level or static memo. */
function livesLong(node: Node): boolean {
  if (!runsAtLoad(node)) return false;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'PropertyDefinition' && !current.static) return false;
  }
  return true;
}

/**
 * Calls, made at module load, of a top-level helper of this module that memoizes into a local
 * collection no code bounds: `function memo(fn) { const cache = new Map(); return (k) => { ... cache.set(k, fn(k)) ... }; }`.
 */
function handRolledMemoCalls(sourceCode: RuleSourceCode): TSESTree.CallExpression[] {
  const helpers = sourceCode.ast.body.map(topLevelFunction).filter((h): h is { id: TSESTree.Identifier; fn: FunctionNode } => h !== undefined && growsUnboundedLocal(h.fn, sourceCode));
  if (helpers.length === 0) return [];
  const scope = moduleScope(sourceCode);
  return helpers.flatMap(({ id }) => (scope.set.get(id.name)?.references ?? []).flatMap((reference) => {
    const call = reference.identifier.parent;
    return call?.type === 'CallExpression' && call.callee === reference.identifier && livesLong(call) ? [call] : [];
  }));
}

function topLevelFunction(statement: TSESTree.ProgramStatement): { id: TSESTree.Identifier; fn: FunctionNode } | undefined {
  const inner = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
  if (inner?.type === 'FunctionDeclaration' && inner.id) return { id: inner.id, fn: inner };
  if (inner?.type !== 'VariableDeclaration' || inner.declarations.length !== 1) return undefined;
  const { id, init } = inner.declarations[0];
  return id.type === 'Identifier' && init && isFunctionNode(init) ? { id, fn: init } : undefined;
}

/** The helper returns a function, and that function grows a collection the helper declares and nothing bounds. */
function growsUnboundedLocal(fn: FunctionNode, sourceCode: RuleSourceCode): boolean {
  if (fn.body.type !== 'BlockStatement') return false;
  const returned = fn.body.body.filter((s): s is TSESTree.ReturnStatement => s.type === 'ReturnStatement').map((s) => s.argument && unwrapExpression(s.argument));
  const inner = returned.find((r): r is FunctionNode => !!r && isFunctionNode(r));
  if (!inner) return false;
  for (const statement of fn.body.body) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      if (!collectionKind(declarator.init)) continue;
      const references = sourceCode.scopeManager.getDeclaredVariables(declarator).flatMap((v) => v.references.filter((r) => !r.init));
      const uses = references.map((r) => ({ at: r.identifier, use: classifyUse(r.identifier) }));
      const insideInner = (n: Node) => n.range[0] >= inner.range[0] && n.range[1] <= inner.range[1];
      if (uses.some((u) => u.use === 'grow' && insideInner(u.at)) && !uses.some((u) => u.use === 'bound' || u.use === 'escape')) return true;
    }
  }
  return false;
}
