/**
 * Calls that do not fail in practice, for analyses that ask "may this statement throw?" (a resource
 * released only after it, an error path). Counting them as throws reports paths that never happen:
 * a log stream left open "if `console.error(error)` throws".
 *
 * Two groups:
 *   - built-ins that format, log, read the clock or convert (`console.*`, `util.format`,
 *     `util.inspect`, `Date.now`, `Math.*`, `String`, `Number`, `Boolean`, `Array.isArray`, …);
 *   - an installed package's synchronous call with no arguments (`R.isoDateTime()`, `uuid()`,
 *     `crypto.randomUUID()`): with no input to reject, it reads a clock, a counter or a random source.
 *     An awaited call, a call with arguments, or a function of the app itself may still fail.
 *
 * `JSON.stringify` (circular values, BigInt), `JSON.parse`, `path.join` (non-string arguments) and
 * `Object.keys` (null) do throw on bad input and are not listed.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { calleeName } from '../../utils/ast-names';
import { type ModuleBinding, resolveModuleMember } from '../../utils/imports';

const BUILT_INS = new Set([
  'String', 'Number', 'Boolean', 'Symbol', 'Array.isArray', 'Number.isFinite', 'Number.isInteger', 'Number.isNaN', 'isNaN', 'isFinite',
  'parseInt', 'parseFloat', 'Date.now', 'performance.now', 'process.hrtime', 'process.hrtime.bigint', 'process.uptime', 'process.memoryUsage',
]);
const BUILT_IN_PREFIXES = ['console.', 'Math.'];
const MODULE_MEMBERS = new Set(['util:format', 'util:inspect', 'util:isDeepStrictEqual', 'crypto:randomUUID', 'os:hostname', 'os:platform', 'os:EOL']);

export function cannotThrow(call: TSESTree.CallExpression, bindings: ReadonlyMap<string, ModuleBinding>): boolean {
  const resolved = resolveModuleMember(call.callee, bindings);
  if (resolved) {
    if (MODULE_MEMBERS.has(`${resolved.module}:${resolved.member}`)) return true;
    return call.arguments.length === 0 && call.parent?.type !== 'AwaitExpression' && isPackage(resolved.module);
  }
  const name = calleeName(call);
  return name !== undefined && (BUILT_INS.has(name) || BUILT_IN_PREFIXES.some((prefix) => name.startsWith(prefix)));
}

/** An installed package (`redbean-node`, `@scope/pkg`), not a file of the app (`./db`, `/abs`, `#internal`). */
function isPackage(module: string): boolean {
  return !module.startsWith('.') && !module.startsWith('/') && !module.startsWith('#');
}
