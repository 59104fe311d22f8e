import type { Scope } from '@typescript-eslint/scope-manager';
import type { RuleSourceCode } from '../core/engine/types';

/**
 * The scope that holds the module's top-level bindings: the module scope of an ES module, the
 * global scope of a script. `getScope(node)` of a top-level function would give the function's own scope.
 */
export function moduleScope(sourceCode: RuleSourceCode): Scope {
  const global = sourceCode.scopeManager.globalScope!;
  return global.childScopes.find((s) => s.type === 'module') ?? global;
}
