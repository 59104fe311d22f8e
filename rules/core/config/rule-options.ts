import type AjvClass from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { Rule } from '../engine/types';

/** Merges user options over `meta.defaultOptions` position by position, objects shallowly (as ESLint does for plain objects). */
export function mergeOptions(defaults: readonly unknown[] | undefined, user: readonly unknown[]): unknown[] {
  const length = Math.max(defaults?.length ?? 0, user.length);
  return Array.from({ length }, (_, i) => {
    const d = defaults?.[i];
    const u = user[i];
    if (isPlainObject(d) && isPlainObject(u)) return { ...d, ...u };
    return u === undefined ? d : u;
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates rule options against each rule's schema; compiled validators are kept per validator instance. */
export class RuleOptionsValidator {
  /** Created (and Ajv loaded) on the first options array a config gives: most configs give none. */
  private ajv: AjvClass | undefined;
  private readonly compiled = new Map<string, ValidateFunction>();

  private compiler(): AjvClass {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
    return (this.ajv ??= new Ajv({ allErrors: false, strict: false, useDefaults: false }));
  }

  /** Returns a description of what is wrong, or undefined when the options fit the schema. */
  problemWith(rule: Rule, options: readonly unknown[]): string | undefined {
    const id = rule.meta.opslint.id;
    let validate = this.compiled.get(id);
    if (!validate) {
      validate = this.compiler().compile({ type: 'array', items: rule.meta.schema, minItems: 0, maxItems: rule.meta.schema.length });
      this.compiled.set(id, validate);
    }
    if (validate(options)) return undefined;
    const error = validate.errors?.[0];
    return error ? `options${error.instancePath.replace(/\//g, '.')} ${error.message}` : 'options do not fit the rule schema';
  }
}
