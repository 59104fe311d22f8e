/**
 * "Is this call a logging call?", driven by `settings.loggers` (see settings.ts for the pattern
 * forms). Shared by every rule that asks whether an error was logged or reported.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../core/engine/types';
import { dottedName, staticKeyName, unwrapExpression } from './ast-names';

/** Methods that write a log record. A logger's other methods (`child`, `setContext`, `flush`) do not. */
const LEVEL_METHODS = new Set([
  'error', 'warn', 'warning', 'info', 'debug', 'trace', 'fatal', 'log', 'critical', 'crit', 'exception',
  'notice', 'alert', 'emerg', 'verbose', 'silly', 'http',
]);

/** Calls on a logger that return a derived logger (`logger.child({ reqId }).error(...)`). */
const DERIVING_METHODS = new Set(['child', 'withContext', 'with', 'bind']);

/** Module-level initialisers whose result is a logger, whatever the variable is called. */
const LOGGER_FACTORIES = new Set([
  'pino', 'winston.createLogger', 'createLogger', 'bunyan.createLogger', 'log4js.getLogger', 'getLogger', 'debug', 'signale',
]);
const LOGGER_CLASSES = new Set(['Logger', 'winston.Logger', 'ConsoleLogger', 'Signale']);

export interface LoggerMatcher {
  isLoggingCall(call: TSESTree.CallExpression): boolean;
  /** The receiver a fix should log through, e.g. `logger` or `console`, chosen from what the file declares. */
  preferredReceiver: string;
}

/**
 * Builds a matcher for one file. `program` is read once, top-level statements only, to learn
 * the names of loggers created there (`const audit = pino()`), so calls on them count too.
 */
export function createLoggerMatcher(patterns: readonly string[], program: TSESTree.Program): LoggerMatcher {
  const names = new Set<string>();
  const exact = new Set<string>();
  for (const pattern of patterns) {
    const bare = pattern.startsWith('*.') ? pattern.slice(2) : pattern;
    (bare.includes('.') ? exact : names).add(bare);
  }
  const declared = topLevelNames(program);
  for (const [name, init] of declared) if (init && isLoggerFactory(init)) names.add(name);

  // Checked first on every call, so most calls are ruled out by their method name alone.
  const exactMethods = new Set([...exact].map((e) => e.slice(e.lastIndexOf('.') + 1)));
  const isLoggingCall = (call: TSESTree.CallExpression): boolean => {
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'Identifier') return names.has(callee.name) || exact.has(callee.name);
    if (callee.type !== 'MemberExpression') return false;
    const method = staticKeyName(callee.property, callee.computed);
    if (method === undefined) return false;
    if (exactMethods.has(method)) {
      const full = dottedName(callee);
      if (full !== undefined && exact.has(full)) return true;
    }
    if (!LEVEL_METHODS.has(method)) return false;
    const receiver = dottedName(stripDerivedLoggers(callee.object));
    if (receiver === undefined) return false;
    if (exact.has(receiver)) return true;
    const last = receiver.slice(receiver.lastIndexOf('.') + 1);
    return names.has(last);
  };

  const preferredReceiver = ['logger', 'log'].find((n) => names.has(n) && declared.has(n))
    ?? [...declared.keys()].find((n) => names.has(n) && n !== 'console')
    ?? 'console';
  return { isLoggingCall, preferredReceiver };
}

/** `logger.child({...}).child({...})` → `logger`, so a child logger counts as its parent. */
function stripDerivedLoggers(node: Node): Node {
  let current = unwrapExpression(node);
  while (current.type === 'CallExpression') {
    const callee = unwrapExpression(current.callee);
    if (callee.type !== 'MemberExpression' || !DERIVING_METHODS.has(staticKeyName(callee.property, callee.computed) ?? '')) break;
    current = unwrapExpression(callee.object);
  }
  return current;
}

function isLoggerFactory(init: Node): boolean {
  const expr = unwrapExpression(init.type === 'AwaitExpression' ? init.argument : init);
  if (expr.type === 'CallExpression') {
    const path = dottedName(expr.callee);
    if (path !== undefined && LOGGER_FACTORIES.has(path)) return true;
    const callee = unwrapExpression(expr.callee);
    return callee.type === 'MemberExpression' && DERIVING_METHODS.has(staticKeyName(callee.property, callee.computed) ?? '');
  }
  if (expr.type === 'NewExpression') {
    const path = dottedName(expr.callee);
    return path !== undefined && LOGGER_CLASSES.has(path);
  }
  return false;
}

/** Names bound at module top level (variables and imports), with their initialisers where there is one. */
export function topLevelNames(program: TSESTree.Program): Map<string, Node | undefined> {
  const names = new Map<string, Node | undefined>();
  for (const statement of program.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === 'VariableDeclaration') {
      for (const d of declaration.declarations) if (d.id.type === 'Identifier') names.set(d.id.name, d.init ?? undefined);
    } else if (declaration.type === 'ImportDeclaration') {
      for (const s of declaration.specifiers) names.set(s.local.name, undefined);
    }
  }
  return names;
}
