/**
 * Temp files a function creates and removes itself (issue 13, "temp files written and removed only
 * on success").
 *
 * A path held in a local variable is a temp file of the function when
 *   - the function removes it (`fs.unlink(p)`, `fs.rm(p)`, `fsp.unlink(p)`, `util.promisify(fs.unlink)`,
 *     fs-extra's `remove`, rimraf, a `.unlink(p)`/`.rm(p)` wrapper, or a helper of the file that removes its
 *     first parameter): removing it says the file is the function's own to remove, and
 *   - its value comes from the temp directory: `os.tmpdir()` (directly or through variables), a name
 *     such as `tmpDir`/`TEMP_DIRECTORY`, a `'/tmp/…'` literal, `fs.mkdtemp()`, `tempy`/`tempfile`, or an
 *     upload's temp path (formidable's `filepath`, express-fileupload's `tempFilePath`).
 * A file the function removes that is not under the temp directory (an old avatar deleted once the
 * new one is saved) may rightly be removed only on success, so it is not one of these.
 *
 * The file exists from the statement that defines the path when defining it creates the file
 * (`mkdtemp`, an upload), otherwise from the first statement after it that uses the path (the
 * `writeFile`, or the converter given it as its output). `release-paths` walks every path from
 * there to a removal; a call in a `finally` or `catch` block that is given the path counts as its
 * cleanup (`finally { await cleanup(src, dest) }`).
 *
 * Not followed: removals inside callbacks (`res.on('finish', () => unlink(p))`, the callback style
 * `fs.writeFile(p, d, (err) => …)`): when they run is not known here, so such a file is not judged.
 */
import type { Variable } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, RuleSourceCode } from '../core/engine/types';
import { declarationOf, resolveVariable } from '../core/knowledge/name-bindings';
import { calleeMethod, enclosingFunction, type FunctionNode, isFunctionNode, isPromiseExecutor, staticKeyName, unwrapExpression } from './ast-names';
import type { ModuleBinding } from './imports';
import { calleeKey, matchesKey } from './resource-kinds';
import { contains, findInSubtree } from './subtree';

export interface TempFileContext {
  sourceCode: RuleSourceCode;
  bindings: ReadonlyMap<string, ModuleBinding>;
}

export interface TempFile {
  /** The variable's name, for messages. */
  name: string;
  /** The function that makes the path. */
  fn: FunctionNode;
  /** The path's identifier where the file comes to exist: where a finding goes. */
  node: Node;
  /**
   * The code to walk with `release-paths`: in `fn` from the statement that creates the file; when a
   * callback removes it (`res.sendFile(p, (err) => { if (err) return next(err); fs.unlink(p, noop); })`),
   * in `fn` up to the call that registers the callback, then in the callback from its start.
   */
  walks: TempFileWalk[];
}

export interface TempFileWalk {
  body: TSESTree.BlockStatement;
  /** The statement after which the file exists, or `body` itself when it exists from the start. */
  from: TSESTree.Statement;
  /** The calls that remove it or clean it up there. */
  releases: Node[];
}

const REMOVE_FUNCTIONS = [
  'fs:unlink', 'fs:unlinkSync', 'fs:rm', 'fs:rmSync', 'fs:promises.unlink', 'fs:promises.rm', 'fs/promises:unlink', 'fs/promises:rm',
  'fs-extra:remove', 'fs-extra:removeSync', 'fs-extra:unlink', 'fs-extra:unlinkSync', 'fs-extra:rm', 'fs-extra:rmSync', 'fs-extra:promises.*',
  'graceful-fs:unlink*', 'graceful-fs:rm*', 'rimraf:*', 'del:*',
];
/** A wrapper's method that removes its argument (`fileManager.unlink(p)`), whatever the receiver. */
const REMOVE_METHODS = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync']);
const PROMISIFY = ['util:promisify', 'global:promisify'];

/** Calls whose result is a temp directory or a temp path. */
const TEMP_SOURCES = [
  'os:tmpdir', 'fs:mkdtemp', 'fs:mkdtempSync', 'fs:promises.mkdtemp', 'fs/promises:mkdtemp', 'fs-extra:mkdtemp*',
  'tempy:*', 'tempfile:', 'temp-dir:', 'tmp-promise:*', 'tmp:tmpNameSync', 'tmp:dirSync',
];
/** Of those, the calls that create what they return: the path exists once defined. */
const CREATING_SOURCES = ['fs:mkdtemp', 'fs:mkdtempSync', 'fs:promises.mkdtemp', 'fs/promises:mkdtemp', 'fs-extra:mkdtemp*', 'tempy:temporaryDirectory', 'tempy:directory', 'tmp:dirSync'];
/** An uploaded file's path in the parser's temp directory: formidable's `file.filepath`, express-fileupload's `file.tempFilePath`. */
const UPLOAD_PATHS = new Set(['filepath', 'tempFilePath']);
/** A setting or variable named for the temp directory: `tmpDir`, `TEMP_DIRECTORY`, `config.tempFolder`. */
const TEMP_DIR_NAME = /^(tmp|temp)_?(dir|directory|folder|root)$/i;
const MAX_DEPTH = 4;
/** A parameter that takes the function's result: a node-style callback. */
const RESULT_CALLBACK = /^(resolve|cb|callback|done|next)$/i;

/** Whether the file can hold one: a cheap text test before any scope work. */
export function mayHaveTempFiles(text: string): boolean {
  return /tmp|temp|filepath/i.test(text);
}

/** A call that may remove its first argument, by its name alone (the full test is `isRemoval`). */
export function mayRemove(call: TSESTree.CallExpression): boolean {
  return call.arguments[0]?.type === 'Identifier';
}

/** For removal calls of the file (collected with `mayRemove`), the temp files they remove, by function. */
export function tempFilesOf(calls: readonly TSESTree.CallExpression[], context: TempFileContext): TempFile[] {
  const removals = new Map<Variable, TSESTree.CallExpression[]>();
  for (const call of calls) {
    if (!isRemoval(call, context)) continue;
    const variable = resolveVariable(call.arguments[0] as TSESTree.Identifier, context.sourceCode);
    if (!variable) continue;
    removals.set(variable, [...(removals.get(variable) ?? []), call]);
  }
  const files: TempFile[] = [];
  for (const [variable, calls] of removals) {
    const file = tempFile(variable, calls, context);
    if (file) files.push(file);
  }
  return files;
}

function tempFile(variable: Variable, removals: readonly TSESTree.CallExpression[], context: TempFileContext): TempFile | undefined {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || def.type !== 'Variable' || def.node.id.type !== 'Identifier') return undefined;
  const fn = enclosingFunction(def.node);
  if (!fn || fn.body.type !== 'BlockStatement') return undefined;
  // Removed in this function, or all in one callback of it; removals in several callbacks (an `'error'` and a `'finish'` listener) are not followed.
  const remover = enclosingFunction(removals[0]);
  if (!remover || !contains(fn, remover) || removals.some((call) => enclosingFunction(call) !== remover) || remover.body.type !== 'BlockStatement') return undefined;
  const values = valuesOf(variable);
  const temp = values.find((value) => fromTempDir(value.value, context, new Set(), 0));
  if (!temp || escapes(variable, fn, context)) return undefined;
  const releases: Node[] = removals.map(chainEnd);
  for (const cleanup of cleanupCalls(variable, remover)) if (!releases.includes(cleanup)) releases.push(cleanup);
  const createdWithPath = createsOnDefinition(temp.value, context);
  // A fixed name (`join(tmpdir(), 'report.pdf')`) is overwritten by the next call: a failure leaves one file, not one per call.
  if (!createdWithPath && !varies(temp.value, context)) return undefined;
  const creation = createdWithPath
    ? { node: temp.target, statement: statementOf(temp.target, fn) }
    : firstUseAfter(variable, temp.target, removals, fn);
  // A removal only before the file is made (`if (existsSync(p)) unlinkSync(p)`) clears a leftover; it does not clean up.
  if (!creation?.statement) return undefined;
  const after = remover === fn ? creation.statement.range[1] : creation.node.range[1];
  if (!removals.some((call) => call.range[0] >= after)) return undefined;
  const file = { name: def.node.id.name, fn, node: creation.node };
  if (remover === fn) return { ...file, walks: [{ body: fn.body, from: creation.statement, releases }] };
  const walks: TempFileWalk[] = [{ body: remover.body, from: remover.body, releases }];
  const registration = registeringCall(remover, fn);
  if (registration && registration.range[0] >= creation.statement.range[1]) walks.unshift({ body: fn.body, from: creation.statement, releases: [registration] });
  return { ...file, walks };
}

/** `res.sendFile(p, cb)`, `await new Promise((resolve) => …)`: the call, a statement of `fn`, that hands on the callback holding the removal. */
function registeringCall(callback: FunctionNode, fn: FunctionNode): Node | undefined {
  const statement = statementOf(callback, fn);
  if (statement?.type !== 'ExpressionStatement') return undefined;
  let expression = unwrapExpression(statement.expression);
  if (expression.type === 'AwaitExpression') expression = unwrapExpression(expression.argument);
  return expression.type === 'CallExpression' || expression.type === 'NewExpression' ? expression : undefined;
}

/** The values a variable is given, with the node that gives each: its initializer and each `name = …`. */
function valuesOf(variable: Variable): Array<{ value: Node; target: Node }> {
  const values: Array<{ value: Node; target: Node }> = [];
  const def = variable.defs[0];
  if (def?.type === 'Variable' && def.node.init) values.push({ value: def.node.init, target: def.node.id });
  for (const reference of variable.references) {
    const parent = reference.identifier.parent;
    if (reference.isWrite() && !reference.init && parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.left === reference.identifier) {
      values.push({ value: parent.right, target: reference.identifier });
    }
  }
  return values.sort((a, b) => a.target.range[0] - b.target.range[0]);
}

/** `fs.unlink(p)`, `await fsp.rm(p, { force: true })`, `unlinkAsync(p)` (a promisified unlink), `rm(p)` (a helper of the file that unlinks its argument). */
function isRemoval(call: TSESTree.CallExpression, context: TempFileContext): boolean {
  if (removesByName(call, context)) return true;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'Identifier') return false;
  const declaration = declarationOf(callee, context.sourceCode);
  if (declaration.kind === 'function') return removesFirstParameter(declaration.node, context);
  if (declaration.kind !== 'variable' || !declaration.node.init) return false;
  const init = unwrapExpression(declaration.node.init);
  if (isFunctionNode(init)) return removesFirstParameter(init, context);
  // `const unlinkAsync = util.promisify(fs.unlink)`
  if (init.type !== 'CallExpression' || !init.arguments[0]) return false;
  const promisify = calleeKey(unwrapExpression(init.callee), context.bindings);
  const wrapped = calleeKey(unwrapExpression(init.arguments[0]), context.bindings);
  return promisify !== undefined && matchesKey(promisify, PROMISIFY) && wrapped !== undefined && matchesKey(wrapped, REMOVE_FUNCTIONS);
}

function removesByName(call: TSESTree.CallExpression, context: TempFileContext): boolean {
  const callee = unwrapExpression(call.callee);
  const key = calleeKey(callee, context.bindings);
  if (key !== undefined && matchesKey(key, REMOVE_FUNCTIONS)) return true;
  return callee.type === 'MemberExpression' && REMOVE_METHODS.has(calleeMethod(call) ?? '');
}

/** `const rm = async (p) => { try { await fs.unlink(p); } catch (e) { if (e.code !== 'ENOENT') throw e; } }` */
function removesFirstParameter(fn: FunctionNode, context: TempFileContext): boolean {
  const param = fn.params[0];
  if (param?.type !== 'Identifier') return false;
  return !!findInSubtree(fn.body, (n) => n.type === 'CallExpression' && removesByName(n, context)
    && n.arguments[0]?.type === 'Identifier' && n.arguments[0].name === param.name);
}

/** Whether the value is a path in the temp directory: it is built from one of the temp sources. */
function fromTempDir(value: Node, context: TempFileContext, seen: Set<Variable>, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  return !!findInSubtree(value, (n) => {
    switch (n.type) {
      case 'CallExpression': {
        const key = calleeKey(unwrapExpression(n.callee), context.bindings);
        return key !== undefined && matchesKey(key, TEMP_SOURCES);
      }
      case 'MemberExpression': {
        const name = staticKeyName(n.property, n.computed);
        return name !== undefined && (UPLOAD_PATHS.has(name) || TEMP_DIR_NAME.test(name));
      }
      case 'Literal':
        return typeof n.value === 'string' && /^\/tmp(\/|$)/.test(n.value);
      case 'TemplateLiteral':
        return /^\/tmp(\/|$)/.test(n.quasis[0].value.cooked ?? '');
      case 'Identifier': {
        if (n.parent?.type === 'MemberExpression' && n.parent.property === n && !n.parent.computed) return false;
        if (TEMP_DIR_NAME.test(n.name)) return true;
        const variable = resolveVariable(n, context.sourceCode);
        // A parameter or import is not followed; nor a global of the platform's lib (no definitions at all).
        if (!variable || seen.has(variable) || variable.defs.length === 0 || variable.defs.some((d) => d.type !== 'Variable')) return false;
        seen.add(variable);
        return valuesOf(variable).some((v) => fromTempDir(v.value, context, seen, depth + 1));
      }
      default:
        return false;
    }
  });
}

/**
 * Whether a path differs from call to call: besides the temp directory and literals, it holds a
 * value (`${tmp}/export_${id}.html`, `join(tmpdir(), randomUUID())`). Path helpers and the temp
 * directory's own variables are not values.
 */
function varies(value: Node, context: TempFileContext): boolean {
  return !!findInSubtree(value, (n) => {
    if (n.type === 'CallExpression') {
      const key = calleeKey(unwrapExpression(n.callee), context.bindings);
      return key === undefined || !(matchesKey(key, TEMP_SOURCES) || key.startsWith('path:'));
    }
    if (n.type !== 'Identifier' && n.type !== 'MemberExpression') return false;
    const parent = n.parent;
    if (parent?.type === 'CallExpression' && parent.callee === n) return false;
    if (parent?.type === 'MemberExpression' && (parent.object === n || (parent.property === n && !parent.computed))) return false;
    if (n.type === 'MemberExpression' && parent?.type === 'CallExpression' && parent.callee === n) return false;
    return !fromTempDir(n, context, new Set(), 0);
  });
}

/** `await fs.promises.mkdtemp(prefix)`, `files.upload[0].filepath`: the file or folder is there as soon as the path is. */
function createsOnDefinition(value: Node, context: TempFileContext): boolean {
  let node = unwrapExpression(value);
  if (node.type === 'AwaitExpression') node = unwrapExpression(node.argument);
  if (node.type === 'CallExpression') {
    const key = calleeKey(unwrapExpression(node.callee), context.bindings);
    return key !== undefined && matchesKey(key, CREATING_SOURCES);
  }
  return node.type === 'MemberExpression' && UPLOAD_PATHS.has(staticKeyName(node.property, node.computed) ?? '');
}

/** The first use of the path after `from` (its temp definition), other than a removal: where the file is written or handed on. */
function firstUseAfter(
  variable: Variable, from: Node, removals: readonly TSESTree.CallExpression[], fn: FunctionNode,
): { node: Node; statement: TSESTree.Statement | undefined } | undefined {
  const uses = variable.references
    .filter((r) => r.isRead() && r.identifier.range[0] > from.range[1] && !removals.some((call) => contains(call, r.identifier)))
    .map((r) => r.identifier)
    .sort((a, b) => a.range[0] - b.range[0]);
  return uses[0] ? { node: uses[0], statement: statementOf(uses[0], fn) } : undefined;
}

/** The statement of `fn`'s own blocks that holds the node (climbing out of nested callbacks). */
function statementOf(node: Node, fn: FunctionNode): TSESTree.Statement | undefined {
  for (let current: Node = node; current.parent && current !== fn; current = current.parent) {
    const parent = current.parent;
    if ((parent.type === 'BlockStatement' || parent.type === 'SwitchCase') && enclosingFunction(current) === fn) return current as TSESTree.Statement;
  }
  return undefined;
}

/** `await fs.unlink(p).catch(ignore)`: the whole chain is the release statement's call. */
function chainEnd(call: TSESTree.CallExpression): Node {
  let node: Node = call;
  while (node.parent?.type === 'MemberExpression' && node.parent.object === node && node.parent.parent?.type === 'CallExpression'
    && ['catch', 'then', 'finally'].includes(staticKeyName(node.parent.property, node.parent.computed) ?? '')) {
    node = node.parent.parent;
  }
  return node;
}

/** Calls in a `finally` or `catch` block of `fn` given the path (or a list or object holding it): a cleanup helper. */
function cleanupCalls(variable: Variable, fn: FunctionNode): Node[] {
  const calls: Node[] = [];
  for (const reference of variable.references) {
    if (!reference.isRead()) continue;
    let node: Node = reference.identifier;
    while (node.parent && (node.parent.type === 'ArrayExpression' || node.parent.type === 'Property' || node.parent.type === 'ObjectExpression')) node = node.parent;
    const call = node.parent;
    if (call?.type !== 'CallExpression' || call.callee === node || enclosingFunction(call) !== fn) continue;
    if (inCleanupBlock(call, fn)) calls.push(chainEnd(call));
  }
  return calls;
}

function inCleanupBlock(node: Node, fn: FunctionNode): boolean {
  for (let current: Node = node; current.parent && current !== fn; current = current.parent) {
    const parent = current.parent;
    if (parent.type === 'TryStatement' && parent.finalizer === current) return true;
    if (parent.type === 'CatchClause') return true;
  }
  return false;
}

/** Returned, resolved, or stored outside the function: the caller owns the file then. */
function escapes(variable: Variable, fn: FunctionNode, context: TempFileContext): boolean {
  return variable.references.some((reference) => {
    if (!reference.isRead()) return false;
    let node: Node = reference.identifier;
    while (node.parent && ['ArrayExpression', 'Property', 'ObjectExpression', 'TSAsExpression', 'TSNonNullExpression', 'AwaitExpression'].includes(node.parent.type)) node = node.parent;
    const parent = node.parent;
    if (!parent) return false;
    if (parent.type === 'ReturnStatement' || parent.type === 'YieldExpression') return true;
    if (parent.type === 'ArrowFunctionExpression' && parent.body === node) return true;
    if (parent.type === 'AssignmentExpression' && parent.right === node) {
      if (parent.left.type !== 'Identifier') return true;
      const target = resolveVariable(parent.left, context.sourceCode);
      return !target || !target.defs.some((d) => contains(fn, d.name));
    }
    // `resolve(file)`, `callback(null, file)`: handed on as the result, through a function the caller gave.
    if (parent.type === 'CallExpression' && parent.callee.type === 'Identifier' && parent.arguments.includes(node as TSESTree.CallExpressionArgument)) {
      const name = parent.callee.name;
      const callee = resolveVariable(parent.callee, context.sourceCode);
      return !!callee && callee.defs.some((d) => d.type === 'Parameter' && (RESULT_CALLBACK.test(name) || isPromiseExecutor(d.node)));
    }
    return false;
  });
}
