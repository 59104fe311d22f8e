/**
 * Function summaries: what a caller needs to know of a function without reading its body again,
 * computed from the AST the lint already has. Rules read the summaries of the file's own functions
 * here; the summaries of the functions a module exports travel in its module facts (plain JSON), so
 * a finding in one file can depend on a function of another (see project/program-conditions.ts).
 *
 * A summary says:
 *   - `async`: calling it gives a promise (an `async` function, or every `return` gives one:
 *     `new Promise(...)`, a `.then()` chain, `Promise.all(...)`, a call to another async function of
 *     the module);
 *   - `cannotReject`: that promise never rejects (the whole body is a `try` whose `catch` throws
 *     nothing), so leaving it unhandled loses nothing;
 *   - `delegatesTo`: it only returns what a function of another module returns (a wrapper), so its
 *     summary is that one's; the project pass follows such chains (and barrels: `export { x } from`,
 *     `export *`) to a fixed depth, and falls back on what the wrapper's own body shows;
 *   - `returnsResource`: it returns a resource it opened and did not release (returned-resources.ts);
 *   - `releasesParam`, `logsErrorParam`: the parameters it releases, or logs as an error object, on
 *     every path (parameter-uses.ts);
 *   - `rethrows`: it throws on every path (always-throws.ts).
 *
 * Keys are member paths as a caller reaches them (`resolveModuleMember`): `save` for
 * `export function save` / `exports.save = …`, `` (empty) for the function a module is
 * (`export default function`, `module.exports = fn`), `find` for a method of the singleton a
 * module exports (`module.exports = new Store()`, `export default new Store()`), `store.find` for a
 * method of an exported instance (`export const store = new Store()`).
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { CalleeFact, Node, RuleSourceCode } from '../engine/types';
import { calleeMethod, dottedName, isFunctionNode, staticKeyName, unwrapExpression, type FunctionNode } from '../../utils/ast-names';
import { findInSubtree } from '../../utils/subtree';
import { pushChildren } from '../../utils/walk';
import { moduleBindings, resolveModuleMember, type ModuleBinding } from '../../utils/imports';
import { builtinModules } from 'node:module';
import { createLoggerMatcher, topLevelNames, type LoggerMatcher } from '../../utils/loggers';
import { resourceKindsFor } from '../../utils/resource-kinds';
import { DEFAULT_SETTINGS } from '../../utils/settings';
import { alwaysThrows } from './always-throws';
import { bodyFacts, type BodyFacts } from './body-facts';
import { FunctionPaths } from './every-path';
import { loggedErrorParameters, releasedParameters, type ParameterUseContext } from './parameter-uses';
import { ModuleFunctions } from './module-functions';
import type { ClassNode } from './run-frequency-index';
import { returnedResource, thisFieldValues, type OpenerContext, type ReturnedResource } from './returned-resources';

/** A function of another module, as the importing module names it: the specifier and the member path. */
export interface CallTarget { module: string; member: string }

export interface FunctionSummary {
  async?: true;
  cannotReject?: true;
  delegatesTo?: CallTarget;
  returnsResource?: ReturnedResource;
  releasesParam?: number[];
  logsErrorParam?: number[];
  rethrows?: true;
}

/** Whether a summary says what a finding depends on (`param`: the argument a parameter fact is about). */
export function hasCalleeFact(summary: FunctionSummary | undefined, fact: CalleeFact, param = 0): boolean {
  switch (fact) {
    case 'rejectable-promise': return summary?.async === true && summary.cannotReject !== true;
    case 'returns-resource': return summary?.returnsResource !== undefined;
    case 'releases-param': return summary?.releasesParam?.includes(param) === true;
    case 'logs-error-param': return summary?.logsErrorParam?.includes(param) === true;
    case 'always-throws': return summary?.rethrows === true;
  }
}

/** The summaries of the functions a module exports, by member path. Plain data (module facts carry it). */
export type ExportedSummaries = Record<string, FunctionSummary>;

const PROMISE_STATICS = new Set(['Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any', 'Promise.resolve', 'Promise.reject']);
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const BUILTINS = new Set(builtinModules);
const PROJECT_PATH = /^(\.|\/|@\/|~\/|#)/;

/** The expressions a function returns: its expression body, or the arguments of its own `return`s (not nested functions'). */
function returnedExpressions(fn: FunctionNode): Node[] {
  if (fn.body.type !== 'BlockStatement') return [fn.body];
  const returned: Node[] = [];
  const stack: Node[] = [...fn.body.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression') continue;
    if (node.type === 'ReturnStatement') {
      if (node.argument) returned.push(node.argument);
      else returned.push(node);
      continue;
    }
    pushChildren(stack, node);
  }
  return returned;
}

/**
 * The body is a `try` whose `catch` throws nothing and that has no `finally`, after nothing but log
 * lines (`this.logger.log('changed')`): the promise resolves whatever happens.
 */
function catchesEverything(fn: FunctionNode, isLoggingCall: (call: TSESTree.CallExpression) => boolean): boolean {
  const body = fn.body;
  if (body.type !== 'BlockStatement' || body.body.length === 0) return false;
  const last = body.body[body.body.length - 1];
  const logsOnly = body.body.slice(0, -1).every((statement) => {
    const expression = statement.type === 'ExpressionStatement' ? unwrapExpression(statement.expression) : undefined;
    return expression?.type === 'CallExpression' && (isLoggingCall(expression) || dottedName(expression.callee)?.startsWith('console.') === true);
  });
  return logsOnly && last.type === 'TryStatement' && last.handler !== null && !last.finalizer
    && !findInSubtree(last.handler.body, (n) => n.type === 'ThrowStatement');
}

/**
 * Summarises the functions of one module. Local summaries are computed on demand and memoised;
 * a function that reaches itself through its returns is taken as not known to be async.
 */
export class FunctionSummaries {
  private readonly functions: ModuleFunctions;
  private readonly bindings: ReadonlyMap<string, ModuleBinding>;
  private readonly summaries = new Map<FunctionNode, FunctionSummary>();
  private readonly inProgress = new Set<FunctionNode>();

  private loggerMatcher: LoggerMatcher | undefined;
  private openers: OpenerContext | undefined;
  private readonly fieldsOfClass = new Map<ClassNode, ReadonlyMap<string, readonly Node[]>>();
  private static readonly NO_FIELDS: ReadonlyMap<string, readonly Node[]> = new Map();

  constructor(private readonly program: TSESTree.Program) {
    this.functions = new ModuleFunctions(program);
    this.bindings = moduleBindings(program);
  }

  /** The default loggers: summaries travel in module facts, which do not depend on a file's settings. */
  private get loggers(): LoggerMatcher {
    return this.loggerMatcher ??= createLoggerMatcher(DEFAULT_SETTINGS.loggers, this.program);
  }

  /** What an opener's summary reads: the resource table's built-in rows and the module's top-level names. */
  private get openerContext(): OpenerContext {
    return this.openers ??= {
      kinds: resourceKindsFor('no-unreleased-resource', DEFAULT_SETTINGS), bindings: this.bindings, topLevel: topLevelNames(this.program),
      ofLocalCall: (call) => this.ofCall(call)?.returnsResource,
    };
  }

  /** What parameter-uses.ts reads of one function. */
  private parameterUses(facts: BodyFacts, paths: FunctionPaths): ParameterUseContext {
    return {
      facts, paths, isLoggingCall: (call) => this.loggers.isLoggingCall(call),
      handOff: (call, index, use) => hasCalleeFact(this.ofCall(call), use === 'release' ? 'releases-param' : 'logs-error-param', index),
    };
  }

  /** The summary of a function node of this module. */
  of(fn: FunctionNode): FunctionSummary {
    const known = this.summaries.get(fn);
    if (known) return known;
    if (this.inProgress.has(fn)) return {};
    this.inProgress.add(fn);
    const summary = this.summarise(fn);
    this.inProgress.delete(fn);
    this.summaries.set(fn, summary);
    return summary;
  }

  /**
   * The function of this module a call reaches, when the module's own code can tell: a top-level
   * function by name, `this.method()` inside a class of the module, `Class.method` is not followed.
   * `site` is a node at the call whose ancestors are linked (the engine links parents as it walks
   * down, so a rule visiting a statement passes the statement).
   */
  localCallee(call: TSESTree.CallExpression, site: Node = call): FunctionNode | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'Identifier') return this.bindings.has(callee.name) ? undefined : this.functions.byName.get(callee.name);
    if (callee.type !== 'MemberExpression' || unwrapExpression(callee.object).type !== 'ThisExpression') return undefined;
    const name = staticKeyName(callee.property, callee.computed);
    const owner = enclosingClassName(site);
    return name === undefined || owner === undefined ? undefined : this.functions.classMethods.get(owner)?.get(name);
  }

  /** The function of another module a call reaches through an import (not of a Node builtin). */
  importedCallee(call: TSESTree.CallExpression): CallTarget | undefined {
    return this.importedValue(call.callee);
  }

  /**
   * `importedCallee`, for a module named by its path (`./db`, `../lib/db`, `@/db`, `~/db`, `#db`):
   * surely the project's own, where a rule that would otherwise follow every package call pays for
   * its analysis only at calls that can lead to a summary.
   */
  projectCallee(call: TSESTree.CallExpression): CallTarget | undefined {
    const target = this.importedCallee(call);
    return target && PROJECT_PATH.test(target.module) ? target : undefined;
  }

  /** `openDb`, `db.openDb`: a name or member path of an import, the other module's value itself. */
  private aliasOf(value: Node): CallTarget | undefined {
    const expression = unwrapExpression(value);
    return expression.type === 'Identifier' || expression.type === 'MemberExpression' ? this.importedValue(expression) : undefined;
  }

  /** A value that is an import of another module's member (not of a Node builtin). */
  private importedValue(expression: Node): CallTarget | undefined {
    const resolved = resolveModuleMember(expression, this.bindings);
    return resolved && !isBuiltin(resolved.module) ? { module: resolved.module, member: resolved.member } : undefined;
  }

  /** What a call gives, as far as this module can tell: a promise of one of its own functions, or nothing known. */
  ofCall(call: TSESTree.CallExpression): FunctionSummary | undefined {
    const local = this.localCallee(call);
    return local ? this.of(local) : undefined;
  }

  /** The summaries of the functions the module exports, by member path (for module facts). */
  exported(): ExportedSummaries {
    const exported: ExportedSummaries = {};
    const add = (key: string, fn: FunctionNode | undefined) => {
      if (!fn) return;
      const summary = this.of(fn);
      if (Object.keys(summary).length > 0) exported[key] = summary;
    };
    const addInstance = (prefix: string, value: Node) => {
      const className = instantiatedClass(value);
      const methods = className === undefined ? undefined : this.functions.classMethods.get(className);
      for (const [name, fn] of methods ?? []) add(prefix ? `${prefix}.${name}` : name, fn);
    };
    const addValue = (key: string, value: Node) => {
      const expression = unwrapExpression(value);
      // `import { openDb } from './db'; export { openDb }`, `module.exports = { open: db.open }`: the same function as the other module's.
      const alias = this.aliasOf(expression);
      if (alias) exported[key] = { delegatesTo: alias };
      else if (isFunctionNode(expression)) add(key, expression);
      else if (expression.type === 'Identifier') {
        add(key, this.functions.byName.get(expression.name));
        addInstance(key, this.instanceOf(expression.name) ?? expression);
      } else if (expression.type === 'ObjectExpression') {
        for (const property of expression.properties) {
          if (property.type !== 'Property') continue;
          const name = staticKeyName(property.key, property.computed);
          if (name !== undefined) addValue(key ? `${key}.${name}` : name, property.value);
        }
      } else addInstance(key, expression);
    };
    for (const statement of this.program.body) {
      if (statement.type === 'ExportDefaultDeclaration') addValue('', statement.declaration as Node);
      else if (statement.type === 'ExportNamedDeclaration') this.addNamedExport(statement, addValue, (key, target) => { exported[key] = { delegatesTo: target }; });
      else if (statement.type === 'ExpressionStatement') {
        const assigned = commonJsExport(statement.expression);
        if (assigned) addValue(assigned.key, assigned.value);
      }
    }
    return exported;
  }

  /** `export * from './store'`: modules whose exports this one passes on, where a member not found here may be. */
  reexportedModules(): string[] {
    const modules: string[] = [];
    for (const statement of this.program.body) {
      if (statement.type === 'ExportAllDeclaration' && !statement.exported && statement.exportKind !== 'type') modules.push(statement.source.value);
    }
    return modules;
  }

  private addNamedExport(statement: TSESTree.ExportNamedDeclaration, addValue: (key: string, value: Node) => void, reexport: (key: string, target: CallTarget) => void): void {
    const declaration = statement.declaration;
    if (declaration?.type === 'FunctionDeclaration' && declaration.id) addValue(declaration.id.name, declaration);
    if (declaration?.type === 'VariableDeclaration') {
      // `export const a = b` of an imported `b` is most often a value, not a function a caller calls: no alias
      // (a barrel re-exports with `export { b }`), so an edit of it does not re-publish this module's importers.
      for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.init && !this.aliasOf(d.init)) addValue(d.id.name, d.init);
    }
    if (statement.source) {
      // `export { save } from './store'`: a barrel; the caller's summary is the one behind it.
      const module = statement.source.value;
      for (const specifier of statement.specifiers) {
        const local = specifier.local.type === 'Identifier' ? specifier.local.name : specifier.local.value;
        const exportedName = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
        reexport(exportedName === 'default' ? '' : exportedName, { module, member: local === 'default' ? '' : local });
      }
      return;
    }
    for (const specifier of statement.specifiers) {
      if (specifier.local.type !== 'Identifier') continue;
      const exportedName = specifier.exported.type === 'Identifier' ? specifier.exported.name : specifier.exported.value;
      addValue(exportedName === 'default' ? '' : exportedName, specifier.local);
    }
  }

  /** `const store = new Store()` at the top level: the instance a later `module.exports = store` exports. */
  private instanceOf(name: string): Node | undefined {
    for (const statement of this.program.body) {
      const declaration = statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
      if (declaration.type !== 'VariableDeclaration') continue;
      for (const d of declaration.declarations) if (d.id.type === 'Identifier' && d.id.name === name && d.init) return d.init;
    }
    return undefined;
  }

  private summarise(fn: FunctionNode): FunctionSummary {
    const returned = returnedExpressions(fn);
    const summary = this.promiseSummary(fn, returned);
    const facts = bodyFacts(fn);
    const paths = new FunctionPaths(fn);
    const resource = returned.length > 0 ? returnedResource(returned, { body: facts, thisFields: () => this.thisFieldsOf(fn) }, this.openerContext) : undefined;
    if (resource) summary.returnsResource = resource;
    if (fn.params.length > 0) {
      const uses = this.parameterUses(facts, paths);
      const released = releasedParameters(fn, uses);
      if (released.length > 0) summary.releasesParam = released;
      const logged = loggedErrorParameters(fn, uses);
      if (logged.length > 0) summary.logsErrorParam = logged;
    }
    if (alwaysThrows(fn, facts, paths, (call) => this.ofCall(call)?.rethrows === true)) summary.rethrows = true;
    return summary;
  }

  /** For a method of a class of the module, the values its class gives its fields (read once per class). */
  private thisFieldsOf(fn: FunctionNode): ReadonlyMap<string, readonly Node[]> {
    const owner = this.functions.classOf.get(fn);
    if (!owner) return FunctionSummaries.NO_FIELDS;
    let fields = this.fieldsOfClass.get(owner);
    if (!fields) this.fieldsOfClass.set(owner, fields = thisFieldValues(owner));
    return fields;
  }

  /** Whether calling it gives a promise, one that cannot reject, or what another module's function gives. */
  private promiseSummary(fn: FunctionNode, returned: readonly Node[]): FunctionSummary {
    if (fn.async) return catchesEverything(fn, this.loggers.isLoggingCall) ? { async: true, cannotReject: true } : { async: true };
    if (returned.length === 0) return {};
    if (returned.every((expression) => this.givesPromise(expression))) return { async: true };
    if (returned.length === 1) {
      const only = unwrapExpression(returned[0]);
      const target = only.type === 'CallExpression' ? this.importedCallee(only) : undefined;
      if (target) return { delegatesTo: target };
    }
    return {};
  }

  private givesPromise(expression: Node): boolean {
    const value = unwrapExpression(expression);
    if (value.type === 'NewExpression') return dottedName(value.callee) === 'Promise';
    if (value.type !== 'CallExpression') return false;
    const name = dottedName(value.callee);
    if (name !== undefined && PROMISE_STATICS.has(name)) return true;
    const method = calleeMethod(value);
    if (method !== undefined && CHAIN_METHODS.has(method) && unwrapExpression(value.callee).type === 'MemberExpression') return true;
    return this.ofCall(value)?.async === true;
  }
}

/** `module.exports = v`, `module.exports.k = v`, `exports.k = v`: the member path a caller uses and the value. */
function commonJsExport(expression: Node): { key: string; value: Node } | undefined {
  if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') return undefined;
  const target = dottedName(expression.left);
  if (target === 'module.exports') return { key: '', value: expression.right };
  const match = target === undefined ? null : /^(?:module\.exports|exports)\.([^.]+)$/.exec(target);
  return match ? { key: match[1], value: expression.right } : undefined;
}

/** The class a `new C()` expression instantiates, by name. */
function instantiatedClass(value: Node): string | undefined {
  const expression = unwrapExpression(value);
  return expression.type === 'NewExpression' && expression.callee.type === 'Identifier' ? expression.callee.name : undefined;
}

function enclosingClassName(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') {
      if (current.id) return current.id.name;
      const parent = current.parent;
      return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
    }
  }
  return undefined;
}

/**
 * A Node builtin: never a function of the project. Any other specifier may be (a relative path, a
 * tsconfig `paths` alias, a workspace package): the project pass resolves it and drops a condition
 * that does not lead to a file it summarised.
 */
function isBuiltin(module: string): boolean {
  return BUILTINS.has(module) || BUILTINS.has(module.split('/')[0]);
}

/** One summariser per lint of a file (keyed by its SourceCode, as run-frequency.ts explains). */
const perLint = new WeakMap<RuleSourceCode, FunctionSummaries>();

export function functionSummaries(sourceCode: RuleSourceCode): FunctionSummaries {
  let summaries = perLint.get(sourceCode);
  if (!summaries) perLint.set(sourceCode, summaries = new FunctionSummaries(sourceCode.ast));
  return summaries;
}
