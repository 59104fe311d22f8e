import type { ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc, printParseErrorCode, type ParseError as JsoncError } from 'jsonc-parser';
import { ConfigError } from '../errors';
import { closeRuleIds, PRESETS, presetRules, type PresetName, type RuleRegistry } from '../registry';
import type { FileRole, SeverityName } from '../engine/types';
import configSchema from '../../../schemas/opslint.config.schema.json';
import { validate as generatedValidator } from './config-shape-validator';
import { RuleOptionsValidator } from './rule-options';

export const CONFIG_FILE_NAME = 'opslint.config.json';

export type RuleEntry = SeverityName | [SeverityName, ...unknown[]];

export interface RawConfig {
  root?: boolean;
  extends?: string | string[];
  rules?: Record<string, RuleEntry>;
  ignores?: string[];
  maxFileSize?: number;
  baseline?: string;
  roles?: Record<string, FileRole>;
  settings?: Record<string, unknown>;
  overrides?: Array<{ files: string[]; rules?: Record<string, RuleEntry>; settings?: Record<string, unknown> }>;
}

/** A config file with its `extends` chain flattened into one rule table. */
export interface ConfigFile {
  path: string;
  dir: string;
  root: boolean;
  rules: Map<string, RuleEntry>;
  ignores: string[];
  maxFileSize?: number;
  baseline?: string;
  /** `roles` of this file and the files it extends, globs anchored at the declaring file's folder; the last match wins. */
  roles: Array<{ glob: string; role: FileRole }>;
  settings: Record<string, unknown>;
  overrides: NonNullable<RawConfig['overrides']>;
}

export interface ConfigLoadDependencies {
  registry: RuleRegistry;
  optionsValidator: RuleOptionsValidator;
}

/** The schema compiled at build time (scripts/gen-config-validator.mjs), not at every start. */
const validateShape = generatedValidator as unknown as ValidateFunction;

function lineColumnOf(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

export function parseConfigText(text: string, file: string): RawConfig {
  const errors: JsoncError[] = [];
  const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    throw new ConfigError(file, '', `is not valid JSON at ${lineColumnOf(text, first.offset)}: ${printParseErrorCode(first.error)}.`, 'Fix the syntax; comments and trailing commas are allowed.');
  }
  if (!validateShape(value)) {
    const error = validateShape.errors![0];
    const params = error.params as { additionalProperty?: string; allowedValues?: unknown[] };
    // instancePath is a JSON Pointer: rule ids like "logging/x" arrive escaped as "logging~1x".
    const pointerKey = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
    const key = pointerKey || params.additionalProperty || '';
    const allowed = params.allowedValues ? ` (${params.allowedValues.map((v) => JSON.stringify(v)).join(', ')})` : '';
    const problem = params.additionalProperty ? `unknown key "${params.additionalProperty}".` : `${error.message}${allowed}.`;
    throw new ConfigError(file, key, problem, `Allowed: see schemas/opslint.config.schema.json (keys: ${Object.keys(configSchema.properties).filter((k) => k !== '$schema').join(', ')}).`);
  }
  return value as RawConfig;
}

function checkRules(rules: Record<string, RuleEntry> | undefined, file: string, keyPrefix: string, deps: ConfigLoadDependencies): void {
  for (const [id, entry] of Object.entries(rules ?? {})) {
    const rule = deps.registry.get(id);
    if (!rule) {
      const close = closeRuleIds(deps.registry, id);
      throw new ConfigError(file, `${keyPrefix}.${id}`, 'is not an Opslint rule.', close.length > 0 ? `Did you mean ${close.join(' or ')}? Run opslint --list-rules for all ids.` : 'Run opslint --list-rules for all ids.');
    }
    if (Array.isArray(entry)) {
      const problem = deps.optionsValidator.problemWith(rule, entry.slice(1));
      if (problem) throw new ConfigError(file, `${keyPrefix}.${id}`, `${problem}.`, `See ${rule.meta.docs.url} for the options.`);
    }
  }
}

/**
 * Settings that hold path globs. Like `ignores` and `overrides`, they are written relative to the
 * folder of the config file that declares them, so they are anchored there when the file is read:
 * a rule then matches them whatever folder Opslint runs from (a monorepo root, a package). Under
 * ESLint, whose settings belong to no file, they stay relative to the working directory.
 */
const PATH_GLOB_SETTINGS = ['configModules', 'entryPoints'];

function anchoredSettings(settings: Record<string, unknown> | undefined, dir: string): Record<string, unknown> {
  const anchored = { ...settings };
  for (const key of PATH_GLOB_SETTINGS) {
    const globs = anchored[key];
    if (Array.isArray(globs)) anchored[key] = globs.map((glob: unknown) => (typeof glob === 'string' ? anchoredGlob(glob, dir) : glob));
  }
  return anchored;
}

/** `src/config/**` in /repo/packages/api → `/repo/packages/api/src/config/**`, the folder's glob characters escaped. */
function anchoredGlob(glob: string, dir: string): string {
  const negation = glob.startsWith('!') ? '!' : '';
  const body = glob.slice(negation.length).replace(/^\.\//, '');
  if (/^(\/|[A-Za-z]:\/)/.test(body)) return glob;
  const base = dir.split(path.sep).join('/').replace(/[\\*?[\]{}()!+@]/g, '\\$&');
  return `${negation}${base.endsWith('/') ? base : `${base}/`}${body}`;
}

/** Reads and validates one config file and everything it extends. */
export function loadConfigFile(file: string, deps: ConfigLoadDependencies, seen: ReadonlySet<string> = new Set()): ConfigFile {
  if (seen.has(file)) throw new ConfigError(file, 'extends', 'forms a cycle of config files.', 'Remove one of the extends entries.');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, '', `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, 'Check the path given with --config or the file permissions.');
  }
  const raw = parseConfigText(text, file);
  checkRules(raw.rules, file, 'rules', deps);
  raw.overrides?.forEach((o, i) => checkRules(o.rules, file, `overrides.${i}.rules`, deps));
  const dir = path.dirname(file);
  const rules = new Map<string, RuleEntry>();
  let settings: Record<string, unknown> = {};
  let inherited: Partial<ConfigFile> = {};
  for (const base of typeof raw.extends === 'string' ? [raw.extends] : (raw.extends ?? [])) {
    if (base.startsWith('opslint:')) {
      if (!(PRESETS as readonly string[]).includes(base)) {
        throw new ConfigError(file, 'extends', `"${base}" is not a preset.`, `Use one of ${PRESETS.join(', ')}.`);
      }
      for (const [id, severity] of presetRules(deps.registry, base as PresetName)) rules.set(id, severity);
    } else {
      const parent = loadConfigFile(path.resolve(dir, base), deps, new Set([...seen, file]));
      for (const [id, entry] of parent.rules) rules.set(id, entry);
      settings = { ...settings, ...parent.settings };
      inherited = parent;
    }
  }
  for (const [id, entry] of Object.entries(raw.rules ?? {})) rules.set(id, entry);
  return {
    path: file,
    dir,
    root: raw.root ?? false,
    rules,
    ignores: [...(inherited.ignores ?? []), ...(raw.ignores ?? [])],
    maxFileSize: raw.maxFileSize ?? inherited.maxFileSize,
    baseline: raw.baseline ? path.resolve(dir, raw.baseline) : inherited.baseline,
    roles: [...(inherited.roles ?? []), ...Object.entries(raw.roles ?? {}).map(([glob, role]) => ({ glob: anchoredGlob(glob, dir), role }))],
    settings: { ...settings, ...anchoredSettings(raw.settings, dir) },
    overrides: [...(inherited.overrides ?? []), ...(raw.overrides ?? []).map((o) => (o.settings ? { ...o, settings: anchoredSettings(o.settings, dir) } : o))],
  };
}
