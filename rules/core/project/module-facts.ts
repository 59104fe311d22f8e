import { FunctionSummaries } from '../knowledge/function-summaries';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../engine/types';
import { spanOf, INVOCATION_TIMEOUT, type ImportFact, type ImportKind, type ModuleFacts, type ServerStartFact, type Span } from './module-fact-shapes';
import { calledName, commonJsExportName, pushChildReferences, FUNCTION_NODE, functionName, handlerCloses, isModuleExports, isProcessEnv, propertyName, requireUse, stringValue, writesExports, type RequireUse } from './module-syntax';
import { mayUseCacheStore, storeOnProperty } from '../knowledge/cache-stores';
import { mayUseOutboundClient, programDefaultSetBy } from '../knowledge/outbound-clients';
import { ProvenanceResolver } from '../knowledge/provenance';
import { EnvReadCollector } from './env-read-facts';
import { isServerlessHandler } from '../knowledge/serverless-handlers';
import { enclosingOfFunction, OTHER, TOP, type Enclosing } from './module-enclosing';

// The facts' shape lives in module-fact-shapes.ts; importers read it from here, beside extractFacts.
export type { EnvReadFact, ImportFact, ImportKind, ModuleFacts, ProcessHandlerFact, ServerStartFact, Span } from './module-fact-shapes';
export { INVOCATION_TIMEOUT, UNHANDLED_REJECTION_HANDLER, spanOf } from './module-fact-shapes';

const TS_EXTENSION = /\.[cm]?tsx?$/i;
const PROCESS_LISTEN = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const SERVER_START = new Set(['listen', 'consume']);
/** Nodes whose whole subtree is a type: nothing in them exists at run time. */
const TYPE_ONLY_NODE = /^TS(TypeAnnotation|TypeParameter(Declaration|Instantiation)|InterfaceDeclaration|TypeAliasDeclaration|ClassImplements|DeclareFunction|.*Type|.*Keyword|TypeReference|TypeQuery|TypeLiteral|TypePredicate|TypeOperator)$/;

const bySpan = (a: { span: Span }, b: { span: Span }) => a.span.line - b.span.line || a.span.column - b.span.column;

interface PendingImport { fact: ImportFact; locals: string[] }

/** An import whose local names may be read at load time; `certain` is false for a `require()` that may run later. */
interface BoundImport { fact: ImportFact; locals: readonly string[]; enclosing: Enclosing }

const MAX_READ_NAMES = 5;


class FactCollector {
  readonly facts: ModuleFacts = { imports: [], envReads: [], processHandlers: [], serverStarts: [], runnable: false, clientDefaults: [] };
  private readonly envReads = new EnvReadCollector();
  /** Names used in value positions anywhere in the module: decides which TS imports are elided. */
  private readonly valueNames = new Set<string>();
  private readonly pending: PendingImport[] = [];
  /** Functions the top level calls (`main();`), collected before the walk: reads in them count as load-time reads. */
  private readonly topLevelCalls = new Set<string>();
  /** Names of the module's exported functions (and of what `module.exports` is assigned). */
  private readonly exported = new Set<string>();
  /** Top-level names bound to a serverless handler (`const handler = serverless(app)`): a handler if exported by name. */
  private readonly handlerBindings = new Set<string>();
  private readonly starts: Array<{ fact: ServerStartFact; enclosing: Enclosing }> = [];
  private readonly requires: Array<{ fact: ImportFact; enclosing: Enclosing }> = [];
  /** Imports whose local names are looked up in the load-time reads at the end. */
  private readonly bound: BoundImport[] = [];
  /** Requires whose result is destructured or kept at a point that may run at load. */
  private readonly requireUses: Array<{ fact: ImportFact; use: RequireUse; enclosing: Enclosing }> = [];
  /** Name → first line it is read at the top level, and per named top-level function (which may be called there). */
  private readonly topReads = new Map<string, number>();
  private readonly functionReads = new Map<string, Map<string, number>>();
  /** Assignments to the exports (`module.exports =`, `module.exports.x =`, `exports.x =`): `exportsSetAt` holds only if there is one. */
  private exportWrites = 0;

  constructor(private readonly typescript: boolean, program: TSESTree.Program, private readonly provenance: ProvenanceResolver, private readonly namesClientPackage: boolean, private readonly namesCachePackage: boolean) {
    // Statements of the top level and of its `if` blocks (`if (cluster.isPrimary) { runApp(); }`) run at load.
    const statements: TSESTree.Node[] = [...program.body];
    for (const statement of program.body) {
      if (statement.type !== 'IfStatement') continue;
      for (const branch of [statement.consequent, statement.alternate]) {
        if (branch?.type === 'BlockStatement') statements.push(...branch.body);
        else if (branch) statements.push(branch);
      }
    }
    for (const statement of statements) {
      const name = statement.type === 'ExpressionStatement' ? calledName(statement.expression) : undefined;
      if (name !== undefined) this.topLevelCalls.add(name);
    }
    for (const statement of program.body) {
      if (statement.type === 'FunctionDeclaration' && statement.id && this.isHandler(statement)) this.handlerBindings.add(statement.id.name);
      if (statement.type !== 'VariableDeclaration') continue;
      for (const d of statement.declarations) if (d.id.type === 'Identifier' && this.isHandler(d.init)) this.handlerBindings.add(d.id.name);
    }
  }

  private isHandler(value: Node | null | undefined): boolean {
    return isServerlessHandler(value, (expression) => this.provenance.of(expression));
  }

  /** The module exports a serverless function's handler: the platform bounds each invocation. */
  private noteServerlessHandler(): void {
    if (!this.facts.clientDefaults!.includes(INVOCATION_TIMEOUT)) this.facts.clientDefaults!.push(INVOCATION_TIMEOUT);
  }

  private noteClientDefault(node: Node): void {
    // Only a module that names a client package can set its defaults: the others skip provenance on every call.
    if (!this.namesClientPackage) return;
    const name = programDefaultSetBy(node, (expression) => this.provenance.of(expression));
    if (name !== undefined && !this.facts.clientDefaults!.includes(name)) this.facts.clientDefaults!.push(name);
  }

  /** `this.keyv = new Keyv()`, `keyv = new Keyv()` in a class: a store other modules reach through the property. */
  private noteInMemoryStore(node: Node): void {
    // Only a module that names a cache package can create one: the others skip provenance.
    if (!this.namesCachePackage) return;
    const store = storeOnProperty(node, (expression) => this.provenance.of(expression));
    if (!store) return;
    const stores = (this.facts.inMemoryStores ??= []);
    if (!stores.some((s) => s.property === store.property && s.package === store.package)) stores.push(store);
  }

  /** `export function a`, `export const b = () => {}`, `export { c, d as e }`. */
  private noteNamedExports(node: TSESTree.ExportNamedDeclaration): void {
    const declaration = node.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) this.exported.add(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations) if (d.id.type === 'Identifier') this.exported.add(d.id.name);
    const functions = declaration?.type === 'VariableDeclaration' ? declaration.declarations.map((d) => d.init) : [declaration];
    if (functions.some((fn) => this.isHandler(fn as Node | null | undefined))) this.noteServerlessHandler();
    for (const specifier of node.specifiers) if (specifier.local.type === 'Identifier') this.exported.add(specifier.local.name);
  }

  /** `module.exports = run`, `module.exports = { run }`, `module.exports.run = run`, `exports.run = function run() {}`. */
  private noteCommonJsExports(expression: Node): void {
    if (expression.type !== 'AssignmentExpression' || expression.left.type !== 'MemberExpression') return;
    const name = commonJsExportName(expression.left);
    if (name === undefined) return;
    const value = expression.right;
    if (value.type === 'Identifier') this.exported.add(value.name);
    if (FUNCTION_NODE.has(value.type)) this.exported.add(name);
    if (this.isHandler(value) || (value.type === 'ObjectExpression' && value.properties.some((p) => p.type === 'Property' && this.isHandler(p.value)))) this.noteServerlessHandler();
    if (value.type === 'ObjectExpression') {
      for (const p of value.properties) if (p.type === 'Property' && p.value.type === 'Identifier') this.exported.add(p.value.name);
    }
  }

  private addImport(specifier: string, kind: ImportKind, typeOnly: boolean, node: Node, locals: string[] = []): ImportFact {
    const fact: ImportFact = { specifier, kind, typeOnly, elidable: false, span: spanOf(node) };
    this.facts.imports.push(fact);
    if (this.typescript && !typeOnly && locals.length > 0) this.pending.push({ fact, locals });
    return fact;
  }

  /** Top level, a callback of a top-level call, or a named top-level function that the top level calls. */
  private runsAtLoad(enclosing: Enclosing): boolean {
    return enclosing.kind === 'top' || enclosing.kind === 'callback' || (enclosing.kind === 'function' && this.topLevelCalls.has(enclosing.name));
  }

  /** Runs while the module loads for sure: the top level, or directly in a named function the top level calls (not a callback there). */
  private certainlyAtLoad(enclosing: Enclosing): boolean {
    return enclosing.kind === 'top' || (enclosing.kind === 'function' && enclosing.nested !== true && this.topLevelCalls.has(enclosing.name));
  }

  private noteRead(name: string, node: Node, enclosing: Enclosing): void {
    let reads: Map<string, number> | undefined;
    if (enclosing.kind === 'top') reads = this.topReads;
    else if (enclosing.kind === 'function' && enclosing.nested !== true) {
      // Only a function the top level calls runs at load: the others' reads are not worth a lookup each.
      if (enclosing.reads === undefined) {
        enclosing.reads = this.topLevelCalls.has(enclosing.name) ? (this.functionReads.get(enclosing.name) ?? new Map<string, number>()) : null;
        if (enclosing.reads) this.functionReads.set(enclosing.name, enclosing.reads);
      }
      reads = enclosing.reads ?? undefined;
    }
    if (reads && !reads.has(name)) reads.set(name, node.loc.start.line);
  }

  /** The first line `name` is read while the module loads, if it is. */
  private loadReadLine(name: string): number | undefined {
    let line = this.topReads.get(name);
    for (const called of this.topLevelCalls) {
      const inFunction = this.functionReads.get(called)?.get(name);
      if (inFunction !== undefined && (line === undefined || inFunction < line)) line = inFunction;
    }
    return line;
  }

  /** Handles a node; returns false when its subtree holds nothing more of interest. */
  visit(node: Node, parent: Node | undefined, enclosing: Enclosing): boolean {
    switch (node.type) {
      case 'ImportDeclaration': {
        const valueSpecifiers = node.specifiers.filter((s) => !(s.type === 'ImportSpecifier' && s.importKind === 'type'));
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && valueSpecifiers.length === 0);
        const locals = valueSpecifiers.map((s) => s.local.name);
        const fact = this.addImport(node.source.value, 'import', typeOnly, node, locals);
        if (!typeOnly && locals.length > 0) this.bound.push({ fact, locals, enclosing: TOP });
        return false;
      }
      case 'ExpressionStatement':
        if (enclosing.kind === 'top') this.noteCommonJsExports(node.expression);
        if (parent?.type === 'Program' && node.expression.type === 'AssignmentExpression' && node.expression.operator === '=' && isModuleExports(node.expression.left)) {
          this.facts.exportsSetAt ??= { line: node.loc.end.line, column: node.loc.end.column + 1 };
        }
        return true;
      case 'ExportDefaultDeclaration':
        this.exported.add(node.declaration.type === 'Identifier' ? node.declaration.name : (functionName(node.declaration, node) ?? 'default'));
        if (this.isHandler(node.declaration)) this.noteServerlessHandler();
        return true;
      case 'ExportNamedDeclaration':
        if (!node.source) { this.noteNamedExports(node); return true; }
        this.addImport(node.source.value, 'export', node.exportKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.exportKind === 'type')), node);
        return false;
      case 'ExportAllDeclaration':
        this.addImport(node.source.value, 'export', node.exportKind === 'type', node);
        return false;
      case 'TSImportEqualsDeclaration':
        if (node.moduleReference.type === 'TSExternalModuleReference') {
          const specifier = stringValue(node.moduleReference.expression);
          if (specifier !== undefined) {
            const fact = this.addImport(specifier, 'import-equals', node.importKind === 'type', node, [node.id.name]);
            if (node.importKind !== 'type') {
              this.bound.push({ fact, locals: [node.id.name], enclosing: TOP });
              this.requireUses.push({ fact, use: { kind: 'capture' }, enclosing: TOP });
            }
          }
          return false;
        }
        return true;
      case 'ImportExpression': {
        const specifier = stringValue(node.source);
        if (specifier !== undefined) this.addImport(specifier, 'dynamic', false, node);
        return true;
      }
      case 'CallExpression':
        this.visitCall(node, parent, enclosing);
        this.noteClientDefault(node);
        this.envReads.noteInterpreting(node);
        return true;
      case 'LogicalExpression':
      case 'BinaryExpression':
      case 'IfStatement':
      case 'ConditionalExpression':
        this.envReads.noteInterpreting(node);
        return true;
      case 'ExportSpecifier':
        // `export { a }`: a live binding handed on, not a read of `a` (a re-export with `from` never gets here).
        if (node.local.type === 'Identifier') this.valueNames.add(node.local.name);
        return false;
      case 'AssignmentExpression':
        this.envReads.noteWrite(node.left);
        if (node.operator === '=' && isModuleExports(node.left)) this.facts.replacesExports = true;
        if (writesExports(node.left)) this.exportWrites++;
        this.noteClientDefault(node);
        this.noteInMemoryStore(node);
        return true;
      case 'PropertyDefinition':
        this.noteInMemoryStore(node);
        return true;
      case 'Property':
        this.envReads.noteProperty(node);
        return true;
      case 'Literal':
        if (typeof node.value === 'string') this.envReads.noteString(node.value);
        return false;
      case 'UnaryExpression':
        if (node.operator === 'delete') this.envReads.noteWrite(node.argument);
        this.envReads.noteInterpreting(node);
        return true;
      case 'TSExportAssignment':
        this.facts.replacesExports = true;
        return true;
      case 'MemberExpression':
        if (isProcessEnv(node)) {
          this.envReads.noteEnv(node, parent);
          return false;
        }
        this.envReads.noteInterpreting(node);
        if (node.object.type === 'Identifier' && node.object.name === 'require' && propertyName(node) === 'main') this.facts.runnable = true;
        return true;
      case 'Identifier':
      case 'JSXIdentifier':
        this.valueNames.add(node.name);
        this.noteRead(node.name, node, enclosing);
        return false;
      default:
        return !TYPE_ONLY_NODE.test(node.type);
    }
  }

  private visitCall(node: TSESTree.CallExpression, parent: Node | undefined, enclosing: Enclosing): void {
    const callee = node.callee;
    if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments.length === 1) {
      const specifier = stringValue(node.arguments[0]);
      if (specifier === undefined) return;
      const fact = this.addImport(specifier, 'require', false, node);
      this.requires.push({ fact, enclosing });
      const use = requireUse(node, parent);
      if (use.kind !== 'none') this.requireUses.push({ fact, use, enclosing });
      if (use.kind === 'bind') this.bound.push({ fact, locals: [use.local], enclosing });
      return;
    }
    if (callee.type !== 'MemberExpression') return;
    const method = propertyName(callee);
    if (method === undefined) return;
    if (callee.object.type === 'Identifier' && callee.object.name === 'process') {
      const event = stringValue(node.arguments[0]);
      if (PROCESS_LISTEN.has(method) && event !== undefined) {
        this.facts.processHandlers.push({ event, closes: handlerCloses(node.arguments[1]), span: spanOf(node) });
      } else if (method === 'setUncaughtExceptionCaptureCallback') {
        this.facts.processHandlers.push({ event: 'uncaughtException', closes: false, span: spanOf(node) });
      }
      return;
    }
    if (SERVER_START.has(method) && (method === 'listen' || node.arguments.length >= 2)) {
      const fact: ServerStartFact = { method, span: spanOf(node), atStartup: false };
      this.facts.serverStarts.push(fact);
      this.starts.push({ fact, enclosing });
    }
  }

  /** Sets `loadReads` and `capturesExports` on the imports whose bindings are taken while the module loads. */
  private markLoadReads(): void {
    const reads = new Map<ImportFact, { names: string[]; line: number }>();
    const add = (fact: ImportFact, name: string, line: number) => {
      const entry = reads.get(fact);
      if (!entry) reads.set(fact, { names: [name], line });
      else {
        if (entry.names.length < MAX_READ_NAMES && !entry.names.includes(name)) entry.names.push(name);
        if (line < entry.line) entry.line = line;
      }
    };
    for (const { fact, use, enclosing } of this.requireUses) {
      if (!this.certainlyAtLoad(enclosing)) continue;
      if (use.kind === 'read') for (const name of use.names) add(fact, name, fact.span.line);
      else if (use.kind === 'bind' || use.kind === 'capture') fact.capturesExports = true;
    }
    for (const { fact, locals, enclosing } of this.bound) {
      // A binding declared in a function that may run later is read at that time, not at load.
      if (!this.certainlyAtLoad(enclosing)) continue;
      for (const local of locals) {
        const line = this.loadReadLine(local);
        if (line !== undefined) add(fact, local, line);
      }
    }
    for (const [fact, entry] of reads) fact.loadReads = entry;
  }

  finish(): ModuleFacts {
    for (const { fact, locals } of this.pending) fact.elidable = locals.every((name) => !this.valueNames.has(name));
    for (const { fact, enclosing } of this.starts) {
      fact.atStartup = this.runsAtLoad(enclosing);
      if (!fact.atStartup && enclosing.kind === 'function' && this.exported.has(enclosing.name)) fact.inExportedFunction = true;
    }
    for (const { fact, enclosing } of this.requires) {
      if (!this.runsAtLoad(enclosing)) fact.lazy = true;
      else if (enclosing.kind === 'top') fact.inPlace = true;
    }
    if (this.exportWrites !== 1) delete this.facts.exportsSetAt;
    for (const name of this.handlerBindings) if (this.exported.has(name)) this.noteServerlessHandler();
    this.markLoadReads();
    this.facts.clientDefaults!.sort();
    this.facts.inMemoryStores?.sort((a, b) => (a.property < b.property ? -1 : a.property > b.property ? 1 : 0));
    // The walk's order is the stack's; consumers rely on source order (first import, cycle order).
    this.facts.imports.sort(bySpan);
    this.facts.envReads = this.envReads.reads.sort(bySpan);
    const envNames = this.envReads.namedVariables();
    if (envNames) this.facts.envNames = envNames;
    this.facts.processHandlers.sort(bySpan);
    this.facts.serverStarts.sort(bySpan);
    return this.facts;
  }
}


/**
 * Extracts the module's facts in one iterative pass (deep nesting cannot overflow the stack).
 * Type subtrees are skipped: nothing in them exists at run time.
 */
export function extractFacts(program: TSESTree.Program, filePath: string, text: string): ModuleFacts {
  const collector = new FactCollector(TS_EXTENSION.test(filePath), program, new ProvenanceResolver(program), mayUseOutboundClient(text), mayUseCacheStore(text));
  if (text.startsWith('#!')) collector.facts.runnable = true;
  // Three parallel stacks: no object per visited node.
  const nodes: Node[] = [program];
  const parents: Array<Node | undefined> = [undefined];
  const enclosings: Enclosing[] = [TOP];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    const enclosing = enclosings.pop()!;
    if (!collector.visit(node, parent, enclosing)) continue;
    const inner = FUNCTION_NODE.has(node.type) ? enclosingOfFunction(node, parent, enclosing) : enclosing;
    // An instance field's initialiser runs at `new`, not when the class is defined (its decorators do).
    const instanceValue = (node.type === 'PropertyDefinition' || node.type === 'AccessorProperty') && !node.static ? node.value : undefined;
    // `const m = …` declares `m`; it does not read it.
    const declared = node.type === 'VariableDeclarator' && node.id.type === 'Identifier' ? node.id : undefined;
    // The children go straight onto the stack; their parent and enclosing are pushed beside them.
    const start = nodes.length;
    pushChildReferences(node, nodes);
    let end = start;
    for (let i = start; i < nodes.length; i++) {
      const child = nodes[i];
      if (child === declared) continue;
      nodes[end++] = child;
      parents.push(node);
      enclosings.push(child === instanceValue && inner !== OTHER ? OTHER : inner);
    }
    if (end !== nodes.length) nodes.length = end;
  }
  return withSummaries(collector.finish(), new FunctionSummaries(program));
}

/** The exported functions' summaries, which callers in other modules are judged by (program-conditions.ts). */
function withSummaries(facts: ModuleFacts, summaries: FunctionSummaries): ModuleFacts {
  const functions = summaries.exported();
  if (Object.keys(functions).length > 0) facts.functions = functions;
  const reexported = summaries.reexportedModules();
  if (reexported.length > 0) facts.reexportedModules = reexported;
  return facts;
}
