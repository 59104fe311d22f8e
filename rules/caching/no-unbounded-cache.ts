import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Fix, Node, ProgramCondition, RuleContext, RuleFixer, RuleSourceCode, SourceLocation } from '../core/engine/types';
import { dottedName, enclosingFunction, staticKeyName } from '../utils/ast-names';
import { entriesStay, inMemoryStoreOf, mayUseCacheStore, storeWrite, type InMemoryStore } from '../core/knowledge/cache-stores';
import { isSingletonProvider } from '../core/knowledge/framework-entry-points';
import { readKey } from '../core/knowledge/key-cardinality';
import { ProvenanceResolver } from '../core/knowledge/provenance';
import { runFrequencyAt } from '../core/knowledge/run-frequency';
import { classifyUse, collectionKind, grownKey, grownName, isConstantKey, runsAtLoad, type CollectionKind } from '../utils/collection-uses';
import { createRule } from '../utils/create-rule';
import { moduleBindings } from '../utils/imports';
import { moduleScope } from '../utils/module-scope';
import { SERVICE_CODE } from '../core/roles/role-sets';

interface Candidate {
  name: string;
  kind: CollectionKind;
  /** Where the finding goes: the variable or field name. */
  at: SourceLocation;
  /** The initialiser, for the suggestion. */
  init: Node;
  /** For a field of a class: the class name; the field only lives long when the class is a module singleton. */
  singletonOf?: string;
  uses: Node[];
}

interface ThisContext { owner: Node; className: string | undefined; isStatic: boolean; isConstructor: boolean }

/**
 * Names that say what the keys are: a registry (`registeredResolvers`) is filled by set-up code, and a
 * warn-once set (`emittedWarnings`, `deprecationWarned`) is keyed by messages written in the code.
 */
const FINITE_BY_NAME = /^(registered|registry)|Registry$|warn|deprecat/i;

const GROWTH_WORDS: Record<CollectionKind, string> = { Map: '`.set`', Set: '`.add`', object: '`[key] =`', array: '`.push`' };

export const rule = createRule({
  id: 'caching/no-unbounded-cache',
  description: 'Disallow long-lived Maps, Sets, objects and arrays that code running per call grows with changing keys, and that are never evicted from or bounded.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'error',
  hasSuggestions: true,
  messages: {
    unboundedCache:
      '`{{name}}` lives as long as the process, and code that runs per call ({{reason}}) adds to it ({{growth}} with `{{key}}`, which changes from call to call), but nothing removes entries or limits its size, so memory grows with every new key until the service is OOM-killed. Bound it: an LRU/TTL cache (lru-cache), a size check before inserting, or eviction (`delete`/`clear`, on a timer if need be).',
    useLruCache: 'Replace the Map with `new LRUCache({ max: {{max}} })` from lru-cache.',
    unboundedStore:
      '`{{store}}` is an in-memory {{library}} store{{origin}}, and code that runs per call ({{reason}}) adds {{growth}} to it (`{{key}}`){{expiry}}, so it keeps an entry for {{kept}} and memory grows until the service is OOM-killed. {{fix}}',
  },
  schema: [{
    type: 'object',
    properties: { suggestedMax: { type: 'integer', minimum: 1, description: 'The `max` the LRU cache suggestion uses.' } },
    additionalProperties: false,
  }],
  defaultOptions: [{ suggestedMax: 1000 }],
  create(context) {
    const { sourceCode } = context;
    const suggestedMax = context.options[0]?.suggestedMax ?? 1000;
    const variables: Candidate[] = [];
    const fields = new Map<string, Candidate>();
    // Kept as references only (keys are built at the end, if any field exists), to keep the walk cheap.
    const memberNodes: TSESTree.MemberExpression[] = [];
    const memberContexts: Array<ThisContext | undefined> = [];
    const grown = new Set<string>();
    const instantiations = new Map<string, Node[]>();
    const classes: Array<{ owner: Node; name: string | undefined; singleton: boolean }> = [];
    /** Classes whose one instance a dependency-injection container creates (Nest providers). */
    const singletonClasses = new Set<string>();
    /** Calls that may add to a cache library's store (`.set(…)`, `.put(…)`), and calls that remove from one. */
    const storeWrites: TSESTree.CallExpression[] = [];
    const storeRemovals: TSESTree.CallExpression[] = [];
    const thisContexts: ThisContext[] = [];

    const className = () => classes[classes.length - 1]?.name;
    const thisContext = () => thisContexts[thisContexts.length - 1];
    const popOwned = <T extends { owner: Node }>(stack: T[], node: Node) => { if (stack[stack.length - 1]?.owner === node) stack.pop(); };
    const addField = (key: string, keyNode: Node, init: Node, isStatic: boolean, name: string, owner: string) => {
      const kind = collectionKind(init);
      if (kind && !fields.has(key)) fields.set(key, { name, kind, at: keyNode.loc, init, uses: [], ...(isStatic ? {} : { singletonOf: owner }) });
    };

    return {
      VariableDeclarator(node) {
        const declarator = node as TSESTree.VariableDeclarator;
        const declaration = declarator.parent;
        const top = declaration?.parent?.type === 'Program' || (declaration?.parent?.type === 'ExportNamedDeclaration' && declaration.parent.parent?.type === 'Program');
        const kind = collectionKind(declarator.init);
        if (!top || !kind || declarator.id.type !== 'Identifier') return;
        const { name, loc } = declarator.id;
        const at = { start: loc.start, end: { line: loc.start.line, column: loc.start.column + name.length } };
        variables.push({ name, kind, at, init: declarator.init!, uses: [] });
      },
      'ClassDeclaration, ClassExpression'(node) {
        const cls = node as TSESTree.ClassDeclaration | TSESTree.ClassExpression;
        const parent = cls.parent;
        const name = cls.id?.name ?? (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined);
        const singleton = isSingletonProvider(cls);
        if (singleton && name !== undefined) singletonClasses.add(name);
        classes.push({ owner: cls, name, singleton });
      },
      'ClassDeclaration, ClassExpression:exit': (node) => popOwned(classes, node),
      'PropertyDefinition, StaticBlock'(node) {
        const owner = className();
        const isStatic = node.type === 'StaticBlock' || (node as TSESTree.PropertyDefinition).static;
        thisContexts.push({ owner: node, className: owner, isStatic, isConstructor: false });
        if (node.type !== 'PropertyDefinition' || !node.value || owner === undefined) return;
        const key = staticKeyName(node.key, node.computed);
        if (key !== undefined) addField(`${isStatic ? 'static' : 'field'}:${owner}.${key}`, node.key, node.value, isStatic, key, owner);
      },
      'PropertyDefinition, StaticBlock:exit': (node) => popOwned(thisContexts, node),
      'FunctionExpression, FunctionDeclaration'(node) {
        const method = node.parent?.type === 'MethodDefinition' && node.parent.value === node ? node.parent : undefined;
        thisContexts.push(method
          ? { owner: node, className: className(), isStatic: method.static, isConstructor: method.kind === 'constructor' }
          : { owner: node, className: undefined, isStatic: false, isConstructor: false });
      },
      'FunctionExpression, FunctionDeclaration:exit': (node) => popOwned(thisContexts, node),
      MemberExpression(node) {
        const member = node as TSESTree.MemberExpression;
        // Static fields are reached through the class name, which is capitalised by convention.
        if (member.object.type === 'Identifier' && /^[A-Z]/.test(member.object.name)) {
          memberNodes.push(member);
          memberContexts.push(undefined);
          return;
        }
        const ctx = thisContext();
        if (member.object.type !== 'ThisExpression' || ctx?.className === undefined) return;
        const assignment = member.parent;
        const key = staticKeyName(member.property, member.computed);
        if (key !== undefined && ctx.isConstructor && assignment?.type === 'AssignmentExpression' && assignment.left === member) {
          const fieldKey = `field:${ctx.className}.${key}`;
          addField(fieldKey, member, assignment.right, false, key, ctx.className);
          if (fields.get(fieldKey)?.init === assignment.right) return;
        }
        memberNodes.push(member);
        memberContexts.push(ctx);
      },
      'CallExpression, AssignmentExpression'(node) {
        const name = grownName(node as TSESTree.CallExpression | TSESTree.AssignmentExpression);
        if (name !== undefined) grown.add(name);
        if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return;
        const method = staticKeyName(node.callee.property, node.callee.computed);
        if (method === 'set' || method === 'put') storeWrites.push(node);
        else if (method !== undefined && STORE_REMOVALS.has(method)) storeRemovals.push(node);
      },
      NewExpression(node) {
        const callee = (node as TSESTree.NewExpression).callee;
        if (callee.type !== 'Identifier') return;
        const made = instantiations.get(callee.name);
        if (made) made.push(node);
        else instantiations.set(callee.name, [node]);
      },
      'Program:exit'() {
        const candidates: Candidate[] = [];
        // Scope analysis only for collections something grows by that name.
        const grownVariables = variables.filter((v) => grown.has(v.name) && !FINITE_BY_NAME.test(v.name));
        const scope = grownVariables.length > 0 ? moduleScope(sourceCode) : undefined;
        for (const candidate of grownVariables) {
          const variable = scope?.set.get(candidate.name);
          for (const reference of variable?.references ?? []) if (!reference.init) candidate.uses.push(reference.identifier);
          candidates.push(candidate);
        }
        const constructorFills = new Set<Node>();
        const grownFields = [...fields.values()].some((f) => grown.has(f.name));
        for (let i = 0; grownFields && i < memberNodes.length; i++) {
          const member = memberNodes[i];
          const ctx = memberContexts[i];
          const key = staticKeyName(member.property, member.computed);
          const owner = ctx ? `${ctx.isStatic ? 'static' : 'field'}:${ctx.className}` : `static:${(member.object as TSESTree.Identifier).name}`;
          const field = key === undefined ? undefined : fields.get(`${owner}.${key}`);
          if (!field) continue;
          field.uses.push(member);
          if (ctx?.isConstructor) constructorFills.add(member);
        }
        for (const field of fields.values()) {
          if (!grown.has(field.name)) continue;
          const made = field.singletonOf === undefined || singletonClasses.has(field.singletonOf) ? undefined : instantiations.get(field.singletonOf) ?? [];
          if (made === undefined || (made.length === 1 && runsAtLoad(made[0]))) candidates.push(field);
        }
        let lruImport: LruImport | undefined;
        for (const candidate of candidates) {
          if (FINITE_BY_NAME.test(candidate.name)) continue;
          const uses = candidate.uses.map((u) => ({ node: u, use: classifyUse(u) }));
          if (uses.some((u) => u.use === 'bound' || u.use === 'escape')) continue;
          const growth = uses.map((u) => (u.use === 'grow' && !constructorFills.has(u.node) ? perCallGrowth(context, u.node) : undefined)).find((g) => g);
          if (!growth) continue;
          const fix = candidate.kind === 'Map' ? lruFix(candidate.init, suggestedMax, sourceCode, (lruImport ??= lruImportOf(sourceCode))) : undefined;
          context.report({
            loc: candidate.at, messageId: 'unboundedCache', data: { name: candidate.name, growth: GROWTH_WORDS[candidate.kind], ...growth },
            suggest: fix ? [{ messageId: 'useLruCache', data: { max: suggestedMax }, fix }] : null,
          });
        }
        if (storeWrites.length > 0) reportStoreGrowth(context, storeWrites, storeRemovals);
      },
    };
  },
});

/** Calls that take entries out of a cache library's store. */
const STORE_REMOVALS = new Set(['delete', 'del', 'clear', 'flushAll', 'take']);

/** A Keyv another module of the program keeps on the property (module facts decide: see `programCondition`). */
const KEYV_ELSEWHERE: InMemoryStore = { package: 'keyv', name: 'Keyv', expiry: 'on-read', bounded: false, defaultTtl: false };

/** What to do, by package. */
const STORE_FIXES: Record<InMemoryStore['package'], string> = {
  keyv: 'Give it a store that bounds itself (Keyv over an LRU store with a size limit, e.g. `new Keyv({ store: new QuickLRU({ maxSize: 1000 }) })`) or an external store that expires keys itself (Redis), or delete the key when it is done with.',
  'node-cache': 'Set `maxKeys`, or give entries a TTL (`stdTTL`) with the periodic check on (`checkperiod` > 0) so expired keys are removed.',
  'memory-cache': 'Pass a time to `put` so the entry is deleted when it expires, or use a bounded LRU cache.',
};

/** Why entries stay, by package and whether they were written with a TTL. */
function expiryClause(store: InMemoryStore, withTtl: boolean): string {
  const expires = withTtl || store.defaultTtl;
  if (store.package === 'keyv') {
    return expires
      ? ': its TTL does not remove the entry, because Keyv deletes an expired key only when it is read again, so keys that are not read again stay'
      : ', with no TTL, and nothing deletes them';
  }
  if (store.package === 'node-cache') {
    return expires
      ? ': with `checkperiod: 0` an expired key is deleted only when it is read again, so keys that are not read again stay'
      : ', with no TTL (`stdTTL` is 0) and no `maxKeys` limit';
  }
  return ', and `put` without a time keeps an entry until it is deleted';
}

/** Parameters that hold the event a function handles: a function handed one runs once per event. */
const INCOMING_EVENT_PARAMETERS = new Map([['interaction', 'interaction'], ['req', 'request'], ['request', 'request'], ['ctx', 'request context']]);

/** The incoming event a function (or one around it) is handed: `create({ interaction })`, `(req, res)`. */
function incomingEventParameter(node: Node): { name: string; what: string } | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    for (const param of fn.params) {
      const names = param.type === 'Identifier' ? [param.name]
        : param.type === 'ObjectPattern' ? param.properties.flatMap((p) => (p.type === 'Property' && p.value.type === 'Identifier' ? [p.value.name] : []))
          : [];
      for (const name of names) {
        const what = INCOMING_EVENT_PARAMETERS.get(name);
        if (what) return { name, what };
      }
    }
  }
  return undefined;
}

/**
 * How often a store write runs, when it repeats: code run-frequency.ts reads as per call, or code
 * whose callers are elsewhere but which is handed the incoming event (an `interaction`, a `req`):
 * such a function runs once per event. Start-up code (`once`) never counts.
 */
function perCallReason(context: RuleContext, call: Node): string | undefined {
  const frequency = runFrequencyAt(context, call);
  if (frequency.frequency === 'per-call') return frequency.reason;
  if (frequency.frequency === 'once') return undefined;
  const incoming = incomingEventParameter(call);
  return incoming && `it is handed \`${incoming.name}\`, the incoming ${incoming.what}, so it runs for each one`;
}

/**
 * A write that looks like Keyv's, through a property whose store this file does not create:
 * `client.keyv.set(key, value, ttl)` or `await this.client.keyv.set(key, value)` (Keyv's `set` returns a
 * promise; a `Map`'s is neither awaited nor given a third argument).
 */
function keyvWriteElsewhere(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee as TSESTree.MemberExpression;
  const receiver = callee.object;
  if (staticKeyName(callee.property, callee.computed) !== 'set' || receiver.type !== 'MemberExpression' || receiver.computed) return undefined;
  if (call.arguments.length < 3 && call.parent?.type !== 'AwaitExpression') return undefined;
  return staticKeyName(receiver.property, false);
}

const textOf = (sourceCode: RuleSourceCode, node: Node, max = KEY_TEXT_MAX) => {
  const text = sourceCode.getText(node).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/**
 * Writes to a cache library's in-memory store that keep an entry per user, channel, session… for
 * good: the store is unbounded, its entries do not expire by themselves (no TTL, or Keyv's TTL that
 * is checked only on read), the key is read as unbounded (knowledge/key-cardinality.ts), the write
 * repeats, and the file removes nothing under that key.
 */
function reportStoreGrowth(context: RuleContext, writes: readonly TSESTree.CallExpression[], removals: readonly TSESTree.CallExpression[]): void {
  const { sourceCode } = context;
  // Without a cache package named in the file, only a Keyv-shaped write through a property can be one
  // (a store created elsewhere); the `Map#set`s of the file are left before any scope analysis.
  const namesCachePackage = mayUseCacheStore(sourceCode.text);
  const elsewhere = context.fileRole !== undefined;
  const candidates = namesCachePackage ? writes : writes.filter((call) => elsewhere && keyvWriteElsewhere(call) !== undefined);
  if (candidates.length === 0) return;
  const provenance = new ProvenanceResolver(sourceCode.ast, sourceCode);
  const removed = new Set(removals.map((r) => {
    const callee = r.callee as TSESTree.MemberExpression;
    return `${sourceCode.getText(callee.object)} ${r.arguments[0] ? sourceCode.getText(r.arguments[0]) : '*'}`;
  }));
  for (const call of candidates) {
    const receiver = (call.callee as TSESTree.MemberExpression).object;
    const origin = provenance.of(receiver);
    let store = inMemoryStoreOf(origin);
    let programCondition: ProgramCondition | undefined;
    if (!store) {
      // Only Opslint's engine checks a program condition (in its project pass); ESLint sees one file and reports none of these.
      const property = origin === undefined && elsewhere ? keyvWriteElsewhere(call) : undefined;
      if (property === undefined) continue;
      store = KEYV_ELSEWHERE;
      programCondition = { kind: 'if-in-memory-store', property, package: 'keyv' };
    }
    const write = storeWrite(store, call);
    if (!write || !entriesStay(store, write.ttl !== undefined)) continue;
    const receiverText = sourceCode.getText(receiver);
    if (removed.has(`${receiverText} *`) || removed.has(`${receiverText} ${sourceCode.getText(write.key)}`)) continue;
    const key = readKey(write.key, (identifier) => provenance.valueOf(identifier));
    if (key.cardinality !== 'unbounded') continue;
    const reason = perCallReason(context, call);
    if (!reason) continue;
    const perCall = key.entity === 'call';
    const property = programCondition?.kind === 'if-in-memory-store' ? programCondition.property : undefined;
    const createdBy = property !== undefined
      ? ` (a module of this project sets \`.${property}\` to a \`new Keyv()\` without a store adapter, which keeps its entries in a Map)`
      : store.package === 'keyv' ? ' (`new Keyv()` without a store adapter keeps its entries in a Map)' : '';
    context.report({
      node: call,
      messageId: 'unboundedStore',
      data: {
        store: textOf(sourceCode, receiver), library: store.name, origin: createdBy, reason,
        growth: perCall ? 'a new key on every call' : `a key per ${key.entity}`,
        key: textOf(sourceCode, write.key), expiry: expiryClause(store, write.ttl !== undefined),
        kept: perCall ? 'every call' : `every ${key.entity} ever seen`, fix: STORE_FIXES[store.package],
      },
      ...(programCondition ? { programCondition } : {}),
    });
  }
}

/** Longest key text quoted in the message. */
const KEY_TEXT_MAX = 40;

/**
 * Growth that repeats: an add in code that runs per call (a request, message or job handler, or what
 * it calls in this file) under a key that is not the same every time. Start-up fills, adds under
 * constant keys (`SecretName.token`) and adds whose frequency the file does not show are not.
 */
function perCallGrowth(context: RuleContext, use: Node): { reason: string; key: string } | undefined {
  const key = grownKey(use);
  if (!key || isConstantKey(key)) return undefined;
  // Keys taken from configuration-like data (per guild, per category) are a set operators grow, not users.
  const cardinality = readKey(key, () => undefined).cardinality;
  if (cardinality === 'bounded' || cardinality === 'constant') return undefined;
  const frequency = runFrequencyAt(context, use);
  if (frequency.frequency !== 'per-call') return undefined;
  const text = context.sourceCode.getText(key).replace(/\s+/g, ' ');
  return { reason: frequency.reason, key: text.length > KEY_TEXT_MAX ? `${text.slice(0, KEY_TEXT_MAX - 1)}…` : text };
}

/** Where the suggestion's `LRUCache` comes from: already bound, or an import line to add after the last import. */
type LruImport = { bound: true } | { bound: false; line: string; after: Node | undefined; first: Node };

/** Once per file, not per finding: it reads every top-level statement. */
function lruImportOf(sourceCode: RuleSourceCode): LruImport {
  if ([...moduleBindings(sourceCode.ast)].some(([local, b]) => local === 'LRUCache' && b.module === 'lru-cache')) return { bound: true };
  const body = sourceCode.ast.body;
  const esm = body.some((s) => s.type === 'ImportDeclaration' || s.type.startsWith('Export')) || !/\brequire\(/.test(sourceCode.text);
  const imports = body.filter((s) => s.type === 'ImportDeclaration' || (s.type === 'VariableDeclaration' && /^\s*(const|let|var)\s[^=]+=\s*require\(/.test(sourceCode.getText(s))));
  const line = esm ? "import { LRUCache } from 'lru-cache';" : "const { LRUCache } = require('lru-cache');";
  return { bound: false, line, after: imports[imports.length - 1], first: body[0] };
}

/** Where a statement starts, its class's decorators included (`@Controller() export class …` starts at the `@`). */
function startOf(statement: Node): number {
  const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
  const decorators = declaration && 'decorators' in declaration ? (declaration.decorators as Node[] | undefined) ?? [] : [];
  return Math.min(statement.range[0], ...decorators.map((d) => d.range[0]));
}

/** `new Map<K, V>()` → `new LRUCache<K, V>({ max })`, importing LRUCache the way the module imports things. */
function lruFix(init: Node, max: number, sourceCode: RuleSourceCode, lruImport: LruImport): ((fixer: RuleFixer) => Fix[]) | undefined {
  if (init.type !== 'NewExpression' || init.arguments.length > 0 || dottedName(init.callee) !== 'Map') return undefined;
  const typeArguments = init.typeArguments ? sourceCode.getText(init.typeArguments) : '';
  const replacement = `new LRUCache${typeArguments}({ max: ${max} })`;
  if (lruImport.bound) return (fixer) => [fixer.replaceText(init, replacement)];
  const { line, after, first } = lruImport;
  return (fixer) => [
    after ? fixer.insertTextAfter(after, `\n${line}`) : fixer.insertTextBeforeRange([startOf(first), startOf(first)], `${line}\n`),
    fixer.replaceText(init, replacement),
  ];
}
