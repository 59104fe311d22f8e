/**
 * Opslint's per-file rules as an ESLint plugin (`opslint/eslint-plugin`), with flat config presets
 * `recommended` and `all`. The rule objects are the same ones the CLI runs: the rule contract is a
 * subset of ESLint's. Project-level rules (import cycles, fan-out...) need the whole module graph
 * and are left out: run the opslint CLI for those. Shared knowledge goes in `settings.opslint`.
 *
 *   import opslint from 'opslint/eslint-plugin';
 *   export default [
 *     ...tseslint.configs.base,            // the TypeScript parser, for .ts files
 *     opslint.configs.recommended,
 *     { settings: { opslint: { loggers: ['journal'] } } },
 *   ];
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../rules';
import type { Rule } from '../rules/core/engine/types';
import { presetEntry, type PresetEntry, type PresetName } from '../rules/core/registry';
import { isProjectRule } from '../rules/core/project/project-rule';

interface FlatConfig {
  name: string;
  plugins: Record<string, EslintPlugin>;
  rules: Record<string, PresetEntry>;
}

interface EslintPlugin {
  meta: { name: string; version: string };
  rules: Record<string, Rule>;
  configs: { recommended: FlatConfig; all: FlatConfig };
}

const PLUGIN_NAME = 'opslint';

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

function createPlugin(): EslintPlugin {
  const perFile = allRules.filter((rule) => !isProjectRule(rule));
  const preset = (name: string, presetName: PresetName, include: (rule: Rule) => boolean): Record<string, PresetEntry> => Object.fromEntries(
    perFile.filter(include).map((rule) => [`${name}/${rule.meta.opslint.id}`, presetEntry(rule, presetName)]),
  );
  const plugin: EslintPlugin = {
    meta: { name: PLUGIN_NAME, version: packageVersion() },
    rules: Object.fromEntries(perFile.map((rule) => [rule.meta.opslint.id, rule])),
    configs: {} as EslintPlugin['configs'],
  };
  // The presets refer to the plugin object itself, as ESLint's flat config expects.
  plugin.configs.recommended = { name: 'opslint/recommended', plugins: { [PLUGIN_NAME]: plugin }, rules: preset(PLUGIN_NAME, 'opslint:recommended', (r) => r.meta.docs.recommended) };
  plugin.configs.all = { name: 'opslint/all', plugins: { [PLUGIN_NAME]: plugin }, rules: preset(PLUGIN_NAME, 'opslint:all', () => true) };
  return plugin;
}

export = createPlugin();
