/**
 * Code that picks a value by the deployment environment it runs in:
 * `environment.production ? a : b`, `if (process.env.NODE_ENV === 'development') { ... }`,
 * `isProd ? a : b`, `if (process.env.IS_OFFLINE) { ... }`.
 */
import type { Node, RuleSourceCode } from '../engine/types';
import { isFunctionNode } from '../../utils/ast-names';

/** Words of a condition that name a deployment environment, after splitting camelCase and `_`/`.`. */
const ENVIRONMENT_WORDS = new Set(['prod', 'production', 'dev', 'development', 'staging', 'offline', 'preprod', 'sandbox']);
/** Variables that hold the environment's name. */
const ENVIRONMENT_VARIABLE = /\b(NODE_ENV|APP_ENV|DEPLOY_ENV|ENVIRONMENT|STAGE)\b/;

function words(text: string): string[] {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/** Whether a condition tests which environment the code runs in. */
export function testsEnvironment(test: Node, sourceCode: RuleSourceCode): boolean {
  const text = sourceCode.getText(test);
  return ENVIRONMENT_VARIABLE.test(text) || words(text).some((w) => ENVIRONMENT_WORDS.has(w));
}

/**
 * Whether `node` is in a branch chosen by an environment check (the `? :` arms, an `if`'s
 * blocks), looking out to the enclosing function. The check itself (its test) does not count.
 */
export function inEnvironmentBranch(node: Node, sourceCode: RuleSourceCode): boolean {
  let child = node;
  for (let current = node.parent; current && !isFunctionNode(current); child = current, current = current.parent) {
    if ((current.type === 'ConditionalExpression' || current.type === 'IfStatement') && current.test !== child && testsEnvironment(current.test, sourceCode)) return true;
  }
  return false;
}
