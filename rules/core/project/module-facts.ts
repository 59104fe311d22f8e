import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { FileRoleVerdict, Node } from '../engine/types';
import { programDefaultSetBy } from '../knowledge/outbound-clients';
import { ProvenanceResolver } from '../knowledge/provenance';
import { isServerlessHandler } from '../knowledge/serverless-handlers';
import { callsCallbackNow } from '../knowledge/sync-iteration';

/** A source span, 1-based lines and columns as in `Finding`. */
export interface Span { line: number; column: number; endLine: number; endColumn: number }

export type ImportKind = 'import' | 'export' | 'require' | 'dynamic' | 'import-equals';

export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  /** `import type`, `export type`, or every specifier marked `type`: never a runtime dependency. */
  typeOnly: boolean;
  /** A TypeScript import none of whose bindings is used as a value: TS drops it unless `verbatimModuleSyntax`. */
  elidable: boolean;
  /**
   * A `require()` inside a function that does not run while the module loads (the usual way to break
   * a load-order cycle): it loads its target when called, not when this module loads.
   */
  lazy?: boolean;
  /**
   * Bindings of this import read while the module loads, not later inside functions: in top-level code
   * (`extends`, decorators, static initialisers, top-level calls, object literals, `export default x`),
   * in an immediately invoked function or one the top level calls, or by destructuring a `require()`
   * (`const { a } = require('./x')`, `require('./x').a`). `line` is the first such read. Absent when none.
   */
  loadReads?: { names: string[]; line: number };
  /**
   * A `require()` (or `import x = require()`) run while the module loads whose result is kept as an object
   * (`const m = require('./x')`, `module.exports = require('./x')`, `app.use(require('./x'))`): it holds the
   * target's exports object as it is at that moment, so it goes stale if the target then replaces
   * `module.exports`.
   */
  capturesExports?: true;
  /**
   * A `require()` among the statements of the top level (or in code run right there: an immediately
   * invoked function, an array callback), so it runs where it stands: its span orders it against
   * `exportsSetAt`. Absent for one in a function the top level calls or in a callback, which runs elsewhere.
   */
  inPlace?: true;
  span: Span;
}

export interface EnvReadFact { name?: string; span: Span }

export interface ProcessHandlerFact {
  /** The event or signal: `SIGTERM`, `unhandledRejection`, ... */
  event: string;
  /** The handler closes something (or delegates to a named function), rather than only exiting. */
  closes: boolean;
  span: Span;
}

export interface ServerStartFact {
  method: string;
  span: Span;
  /**
   * Runs when the module starts: at its top level, or in a function the top level calls
   * (`main()`, `bootstrap().catch(...)`). A service starts so; a library's `listen()` method,
   * which its caller runs, does not.
   */
  atStartup: boolean;
  /**
   * Runs in a function the module exports (`export default async function run() { app.listen() }`,
   * `module.exports.start = ...`): another module of the program that imports it, statically or
   * with `import()`, starts the server.
   */
  inExportedFunction?: boolean;
}

/**
 * What the project model knows of one module, extracted from the AST the per-file rules walked
 * (one parse per file). Plain data, so it can be cached as JSON next to the file's results.
 */
export interface ModuleFacts {
  imports: ImportFact[];
  envReads: EnvReadFact[];
  processHandlers: ProcessHandlerFact[];
  serverStarts: ServerStartFact[];
  /** A shebang or a `require.main === module` guard: the module is meant to be run. */
  runnable: boolean;
  /** Assigns `module.exports = …` (or `export = …`): what a `require()` of it returned before that is a stale object. */
  replacesExports?: true;
  /**
   * Where the module's one `module.exports = …` statement ends, when it is a statement of the top level and
   * nothing else writes to the exports (no other `module.exports =`, `module.exports.x =`, `exports.x =`):
   * a module that a later in-place `require()` leads to, in a cycle, finds this module's exports complete.
   */
  exportsSetAt?: { line: number; column: number };
  /** The role the file was linted in (core/roles), set by whoever linted it; project rules apply by it. */
  role?: FileRoleVerdict;
  /**
   * Program-wide client defaults the module sets, by the names of knowledge/outbound-clients.ts:
   * `axios.timeout` for `axios.defaults.timeout = 5000`. They cover calls in every module of the
   * same program (see project/program-defaults.ts). Absent in facts cached by older versions.
   */
  clientDefaults?: string[];
}

const TS_EXTENSION = /\.[cm]?tsx?$/i;
const PROCESS_LISTEN = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);
const SERVER_START = new Set(['listen', 'consume']);
const CLOSE_METHOD = /^(close|stop|shutdown|terminate|destroy|disconnect|end|quit|drain|dispose|closeAllConnections)$/;
const CLOSE_FUNCTION = /shut|close|stop|drain|terminat|graceful|cleanup|dispose/i;
/** Nodes whose whole subtree is a type: nothing in them exists at run time. */
const TYPE_ONLY_NODE = /^TS(TypeAnnotation|TypeParameter(Declaration|Instantiation)|InterfaceDeclaration|TypeAliasDeclaration|ClassImplements|DeclareFunction|.*Type|.*Keyword|TypeReference|TypeQuery|TypeLiteral|TypePredicate|TypeOperator)$/;

export function spanOf(node: { loc: TSESTree.SourceLocation }): Span {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}

function stringValue(node: Node | undefined | null): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  return undefined;
}

function propertyName(member: TSESTree.MemberExpression): string | undefined {
  return member.computed ? stringValue(member.property) : member.property.type === 'Identifier' ? member.property.name : undefined;
}

function isProcessEnv(node: TSESTree.MemberExpression): boolean {
  return node.object.type === 'Identifier' && node.object.name === 'process' && propertyName(node) === 'env';
}

/** Calls `visit` on each child worth visiting, leaving out names that are not references (`a.b`'s `b`, `{ b: 1 }`'s key). */
function forEachChild(node: Node, visit: (child: Node) => void): void {
  const record = node as unknown as Record<string, unknown>;
  const computed = (record.computed as boolean | undefined) ?? false;
  for (const key of visitorKeys[node.type] ?? []) {
    if (!computed && key === 'property' && node.type === 'MemberExpression') continue;
    if (!computed && key === 'key' && (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition' || node.type === 'AccessorProperty')) continue;
    const child = record[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c === 'object' && typeof (c as Node).type === 'string') visit(c as Node);
    } else if (child && typeof child === 'object' && typeof (child as Node).type === 'string') {
      visit(child as Node);
    }
  }
}

const bySpan = (a: { span: Span }, b: { span: Span }) => a.span.line - b.span.line || a.span.column - b.span.column;

/** Whether a signal handler does shutdown work, as far as one function body shows. */
function handlerCloses(handler: Node | undefined): boolean {
  if (!handler) return false;
  if (handler.type !== 'ArrowFunctionExpression' && handler.type !== 'FunctionExpression') return true;
  const stack: Node[] = [handler.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'CallExpression') {
      const callee = node.callee;
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && CLOSE_METHOD.test(callee.property.name)) return true;
      if (callee.type === 'Identifier' && CLOSE_FUNCTION.test(callee.name)) return true;
    }
    forEachChild(node, (child) => stack.push(child));
  }
  return false;
}

interface PendingImport { fact: ImportFact; locals: string[] }

/** An import whose local names may be read at load time; `certain` is false for a `require()` that may run later. */
interface BoundImport { fact: ImportFact; locals: readonly string[]; enclosing: Enclosing }

/** What a `require()` call at load does with the module it returns, read from its parent. */
type RequireUse = { kind: 'bind'; local: string } | { kind: 'read'; names: string[] } | { kind: 'capture' } | { kind: 'none' };

/** `const m = require(…)`, `const { a } = require(…)`, `require(…).a`, `require(…)(app)`, `f(require(…))`, or a bare `require(…);`. */
function requireUse(call: Node, parent: Node | undefined): RequireUse {
  if (!parent || parent.type === 'ExpressionStatement') return { kind: 'none' };
  if (parent.type === 'VariableDeclarator' && parent.init === call) {
    if (parent.id.type === 'Identifier') return { kind: 'bind', local: parent.id.name };
    if (parent.id.type === 'ObjectPattern') {
      const names: string[] = [];
      for (const property of parent.id.properties) {
        if (property.type !== 'Property') return { kind: 'capture' };
        names.push((property.computed ? undefined : property.key.type === 'Identifier' ? property.key.name : stringValue(property.key)) ?? '[computed]');
      }
      return names.length > 0 ? { kind: 'read', names } : { kind: 'none' };
    }
    return { kind: 'capture' };
  }
  if (parent.type === 'MemberExpression' && parent.object === call) return { kind: 'read', names: [propertyName(parent) ?? '[computed]'] };
  if (parent.type === 'CallExpression' && parent.callee === call) return { kind: 'read', names: ['module.exports'] };
  return { kind: 'capture' };
}

function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && propertyName(node) === 'exports';
}

/** `module.exports = …`, `module.exports.x = …`, `exports[key] = …`: an assignment that writes to the module's exports. */
function writesExports(target: Node): boolean {
  if (target.type !== 'MemberExpression') return false;
  return isModuleExports(target) || isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports');
}

/** `module.exports` → `module.exports`; `module.exports.run` and `exports.run` → `run`; anything else: none. */
function commonJsExportName(target: TSESTree.MemberExpression): string | undefined {
  if (isModuleExports(target)) return 'module.exports';
  const onExports = isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports');
  return onExports ? propertyName(target) : undefined;
}

const MAX_READ_NAMES = 5;

/** `main()`, `await main()`, `void main()`, `main().catch(...)`: the name of the function a top-level statement runs. */
function calledName(expression: Node): string | undefined {
  let current = expression;
  for (;;) {
    if (current.type === 'AwaitExpression' || (current.type === 'UnaryExpression' && current.operator === 'void')) current = current.argument;
    else if (current.type === 'CallExpression' && current.callee.type === 'MemberExpression' && /^(then|catch|finally)$/.test(propertyName(current.callee) ?? '')) current = current.callee.object;
    else break;
  }
  return current.type === 'CallExpression' && current.callee.type === 'Identifier' ? current.callee.name : undefined;
}

/** The name a top-level function goes by: `function main() {}`, `const main = async () => {}`. */
function functionName(node: Node, parent: Node | undefined): string | undefined {
  if (!FUNCTION_NODE.has(node.type)) return undefined;
  if (parent?.type === 'ExportDefaultDeclaration') return (node as TSESTree.FunctionDeclaration).id?.name ?? 'default';
  if (node.type === 'FunctionDeclaration') return node.id?.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  // `exports.start = function () {}`, `module.exports = async () => {}`: named for what they are exported as.
  if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'MemberExpression') return commonJsExportName(parent.left);
  return undefined;
}

const FUNCTION_NODE = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/**
 * The program default a serverless function's platform sets: each invocation ends at the
 * function's timeout, which bounds every outbound call of the program's modules.
 */
export const INVOCATION_TIMEOUT = 'platform.invocationTimeout';

/**
 * Where a node sits: at the module's top level (or in an immediately invoked function, or an array
 * callback run there), in a callback handed to a top-level call (it runs at start-up, or later: a route
 * handler), inside a named top-level function (`nested` when in a function within it), or elsewhere
 * (a method, a callback that runs later).
 */
export type Enclosing = { kind: 'top' } | { kind: 'callback' } | FunctionEnclosing | { kind: 'other' };
/** `reads` (names read directly in the function) and `twin` (the nested variant) are made once per function, not per node. */
type FunctionEnclosing = { kind: 'function'; name: string; nested?: true; reads?: Map<string, number> | null; twin?: FunctionEnclosing };
const TOP: Enclosing = { kind: 'top' };
const CALLBACK: Enclosing = { kind: 'callback' };
const OTHER: Enclosing = { kind: 'other' };

class FactCollector {
  readonly facts: ModuleFacts = { imports: [], envReads: [], processHandlers: [], serverStarts: [], runnable: false, clientDefaults: [] };
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

  constructor(private readonly typescript: boolean, program: TSESTree.Program, private readonly provenance: ProvenanceResolver) {
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
    const name = programDefaultSetBy(node, (expression) => this.provenance.of(expression));
    if (name !== undefined && !this.facts.clientDefaults!.includes(name)) this.facts.clientDefaults!.push(name);
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
        return true;
      case 'ExportSpecifier':
        // `export { a }`: a live binding handed on, not a read of `a` (a re-export with `from` never gets here).
        if (node.local.type === 'Identifier') this.valueNames.add(node.local.name);
        return false;
      case 'AssignmentExpression':
        if (node.operator === '=' && isModuleExports(node.left)) this.facts.replacesExports = true;
        if (writesExports(node.left)) this.exportWrites++;
        this.noteClientDefault(node);
        return true;
      case 'TSExportAssignment':
        this.facts.replacesExports = true;
        return true;
      case 'MemberExpression':
        if (isProcessEnv(node)) {
          const outer = parent?.type === 'MemberExpression' && parent.object === node ? parent : undefined;
          this.facts.envReads.push({ name: outer && propertyName(outer), span: spanOf(outer ?? node) });
          return false;
        }
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
    // The walk's order is the stack's; consumers rely on source order (first import, cycle order).
    this.facts.imports.sort(bySpan);
    this.facts.envReads.sort(bySpan);
    this.facts.processHandlers.sort(bySpan);
    this.facts.serverStarts.sort(bySpan);
    return this.facts;
  }
}

/** Where the body of a function sits, given where the function itself is. */
function enclosingOfFunction(node: Node, parent: Node | undefined, enclosing: Enclosing): Enclosing {
  if (enclosing.kind === 'other') return OTHER;
  if (enclosing.kind === 'function') return enclosing.nested ? enclosing : (enclosing.twin ??= { kind: 'function', name: enclosing.name, nested: true });
  const call = parent?.type === 'CallExpression' || parent?.type === 'NewExpression' ? parent : undefined;
  // An immediately invoked function (`(function () { ... })()`, a whole module wrapped in one) and an
  // array callback (`Object.keys(t).forEach(...)`) run right where they are.
  const now = call !== undefined && (call.callee === node || (call.arguments[0] === node && call.callee.type === 'MemberExpression' && callsCallbackNow(propertyName(call.callee))));
  if (now) return enclosing;
  if (enclosing.kind === 'top') {
    const name = functionName(node, parent);
    if (name !== undefined) return { kind: 'function', name };
  }
  // A callback handed to a top-level call (`connect().then(() => app.listen())`) runs at start-up, or later.
  return call !== undefined && call.arguments.includes(node as TSESTree.CallExpressionArgument) ? CALLBACK : OTHER;
}

/**
 * Extracts the module's facts in one iterative pass (deep nesting cannot overflow the stack).
 * Type subtrees are skipped: nothing in them exists at run time.
 */
export function extractFacts(program: TSESTree.Program, filePath: string, text: string): ModuleFacts {
  const collector = new FactCollector(TS_EXTENSION.test(filePath), program, new ProvenanceResolver(program));
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
    forEachChild(node, (child) => {
      if (child === declared) return;
      nodes.push(child);
      parents.push(node);
      enclosings.push(child === instanceValue && inner !== OTHER ? OTHER : inner);
    });
  }
  return collector.finish();
}
