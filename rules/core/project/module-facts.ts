import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { FileRoleVerdict, Node } from '../engine/types';
import { programDefaultSetBy } from '../knowledge/outbound-clients';
import { ProvenanceResolver } from '../knowledge/provenance';

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

function isModuleExports(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && propertyName(node) === 'exports';
}

/** `module.exports` → `module.exports`; `module.exports.run` and `exports.run` → `run`; anything else: none. */
function commonJsExportName(target: TSESTree.MemberExpression): string | undefined {
  if (isModuleExports(target)) return 'module.exports';
  const onExports = isModuleExports(target.object) || (target.object.type === 'Identifier' && target.object.name === 'exports');
  return onExports ? propertyName(target) : undefined;
}

/** Where a node sits: at the module's top level, inside a named top-level function, or elsewhere (a method, a callback). */
export type Enclosing = { kind: 'top' } | { kind: 'function'; name: string } | { kind: 'other' };
const TOP: Enclosing = { kind: 'top' };
const OTHER: Enclosing = { kind: 'other' };

class FactCollector {
  readonly facts: ModuleFacts = { imports: [], envReads: [], processHandlers: [], serverStarts: [], runnable: false, clientDefaults: [] };
  /** Names used in value positions anywhere in the module: decides which TS imports are elided. */
  private readonly valueNames = new Set<string>();
  private readonly pending: PendingImport[] = [];
  private readonly topLevelCalls = new Set<string>();
  /** Names of the module's exported functions (and of what `module.exports` is assigned). */
  private readonly exported = new Set<string>();
  private readonly starts: Array<{ fact: ServerStartFact; enclosing: Enclosing }> = [];
  private readonly requires: Array<{ fact: ImportFact; enclosing: Enclosing }> = [];

  constructor(private readonly typescript: boolean, private readonly provenance: ProvenanceResolver) {}

  private noteClientDefault(node: Node): void {
    const name = programDefaultSetBy(node, (expression) => this.provenance.of(expression));
    if (name !== undefined && !this.facts.clientDefaults!.includes(name)) this.facts.clientDefaults!.push(name);
  }

  private addImport(specifier: string, kind: ImportKind, typeOnly: boolean, node: Node, locals: string[] = []): ImportFact {
    const fact: ImportFact = { specifier, kind, typeOnly, elidable: false, span: spanOf(node) };
    this.facts.imports.push(fact);
    if (this.typescript && !typeOnly && locals.length > 0) this.pending.push({ fact, locals });
    return fact;
  }

  /** Top level, a callback of a top-level call, or a named top-level function that the top level calls. */
  /** `export function a`, `export const b = () => {}`, `export { c, d as e }`. */
  private noteNamedExports(node: TSESTree.ExportNamedDeclaration): void {
    const declaration = node.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) this.exported.add(declaration.id.name);
    if (declaration?.type === 'VariableDeclaration') for (const d of declaration.declarations) if (d.id.type === 'Identifier') this.exported.add(d.id.name);
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
    if (value.type === 'ObjectExpression') {
      for (const p of value.properties) if (p.type === 'Property' && p.value.type === 'Identifier') this.exported.add(p.value.name);
    }
  }

  private runsAtLoad(enclosing: Enclosing): boolean {
    return enclosing.kind === 'top' || (enclosing.kind === 'function' && this.topLevelCalls.has(enclosing.name));
  }

  /** Handles a node; returns false when its subtree holds nothing more of interest. */
  visit(node: Node, parent: Node | undefined, enclosing: Enclosing): boolean {
    switch (node.type) {
      case 'ExpressionStatement': {
        // Anything that runs at load: the top level, its `if (cluster.isPrimary) { main() }` blocks, start-up callbacks.
        const name = enclosing.kind === 'top' ? calledName(node.expression) : undefined;
        if (name !== undefined) this.topLevelCalls.add(name);
        if (enclosing.kind === 'top') this.noteCommonJsExports(node.expression);
        return true;
      }
      case 'ExportDefaultDeclaration':
        this.exported.add(node.declaration.type === 'Identifier' ? node.declaration.name : (functionName(node.declaration, node) ?? 'default'));
        return true;
      case 'ImportDeclaration': {
        const valueSpecifiers = node.specifiers.filter((s) => !(s.type === 'ImportSpecifier' && s.importKind === 'type'));
        const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && valueSpecifiers.length === 0);
        this.addImport(node.source.value, 'import', typeOnly, node, valueSpecifiers.map((s) => s.local.name));
        return false;
      }
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
          if (specifier !== undefined) this.addImport(specifier, 'import-equals', node.importKind === 'type', node, [node.id.name]);
          return false;
        }
        return true;
      case 'ImportExpression': {
        const specifier = stringValue(node.source);
        if (specifier !== undefined) this.addImport(specifier, 'dynamic', false, node);
        return true;
      }
      case 'CallExpression':
        this.visitCall(node, enclosing);
        this.noteClientDefault(node);
        return true;
      case 'AssignmentExpression':
        this.noteClientDefault(node);
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
        this.valueNames.add(node.name);
        return false;
      case 'JSXIdentifier':
        this.valueNames.add(node.name);
        return false;
      default:
        return !TYPE_ONLY_NODE.test(node.type);
    }
  }

  private visitCall(node: TSESTree.CallExpression, enclosing: Enclosing): void {
    const callee = node.callee;
    if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments.length === 1) {
      const specifier = stringValue(node.arguments[0]);
      if (specifier !== undefined) this.requires.push({ fact: this.addImport(specifier, 'require', false, node), enclosing });
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

  finish(): ModuleFacts {
    for (const { fact, locals } of this.pending) fact.elidable = locals.every((name) => !this.valueNames.has(name));
    for (const { fact, enclosing } of this.starts) {
      fact.atStartup = this.runsAtLoad(enclosing);
      if (!fact.atStartup && enclosing.kind === 'function' && this.exported.has(enclosing.name)) fact.inExportedFunction = true;
    }
    for (const { fact, enclosing } of this.requires) if (!this.runsAtLoad(enclosing)) fact.lazy = true;
    // The walk's order is the stack's; consumers rely on source order (first import, cycle order).
    this.facts.imports.sort(bySpan);
    this.facts.envReads.sort(bySpan);
    this.facts.processHandlers.sort(bySpan);
    this.facts.serverStarts.sort(bySpan);
    this.facts.clientDefaults!.sort();
    return this.facts;
  }
}

/**
 * Extracts the module's facts in one iterative pass (deep nesting cannot overflow the stack).
 * Type subtrees are skipped: nothing in them exists at run time.
 */
export function extractFacts(program: TSESTree.Program, filePath: string, text: string): ModuleFacts {
  const collector = new FactCollector(TS_EXTENSION.test(filePath), new ProvenanceResolver(program));
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
    let inner = enclosing;
    if (enclosing.kind === 'top' && FUNCTION_NODE.has(node.type)) {
      const name = functionName(node, parent);
      // A callback handed to a top-level call (`connect().then(() => app.listen())`) runs at start-up too.
      // So does an immediately invoked function (`(function () { ... })()`, a whole module wrapped in one).
      const callback = (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && (parent.arguments.includes(node as TSESTree.CallExpressionArgument) || parent.callee === node);
      inner = name !== undefined ? { kind: 'function', name } : callback ? TOP : OTHER;
    }
    forEachChild(node, (child) => {
      nodes.push(child);
      parents.push(node);
      enclosings.push(inner);
    });
  }
  return collector.finish();
}
