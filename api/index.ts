/**
 * Opslint's Node API (`import { Opslint } from 'opslint'`), in the spirit of ESLint's `ESLint`
 * class: lint files or a text with the config in force (the nearest `opslint.config.json`, or one
 * file for everything, plus rule overrides), get ESLint-shaped results, format them with any CLI
 * format. The same engine as the CLI: per-file rules, then the cross-file rules over the module
 * graph of what was linted.
 *
 *   const opslint = new Opslint({ cwd: process.cwd() });
 *   const results = await opslint.lintFiles(['src']);
 *   console.log((await opslint.loadFormatter('stylish')).format(results));
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../rules';
import { ConfigResolver } from '../rules/core/config/config-resolver';
import type { RuleEntry } from '../rules/core/config/config-file';
import type { Finding } from '../rules/core/engine/types';
import { UsageError } from '../rules/core/errors';
import { findFiles } from '../rules/core/files/find-files';
import { readSource } from '../rules/core/files/read-source';
import { lintProject, type FileLint } from '../rules/core/project/lint-project';
import { createRegistry, type RuleRegistry } from '../rules/core/registry';
import { FORMATS, type FormatName } from '../cli/args';
import { formatters } from '../cli/formatters';

export type { Finding as LintMessage, Fix, Severity, Category } from '../rules/core/engine/types';
export type { RuleEntry } from '../rules/core/config/config-file';
export type { FormatName } from '../cli/args';
export { ConfigError, FileError, OpslintError, UsageError } from '../rules/core/errors';

export interface OpslintOptions {
  /** The project root: paths and globs are relative to it and config lookup stops there. Default: `process.cwd()`. */
  cwd?: string;
  /** Use this `opslint.config.json` for every file instead of looking one up from each file's folder (the CLI's `--config`). */
  overrideConfigFile?: string;
  /** Rule settings applied over the config, like the CLI's `--rule`: `{ 'resilience/require-fetch-timeout': 'off' }`. */
  rules?: Record<string, RuleEntry>;
  /** Compute fixed text (`output` on results that change); `Opslint.outputFixes` writes it. */
  fix?: boolean;
}

/** One file's results, in ESLint's shape; each message also carries its `category`. */
export interface LintResult {
  filePath: string;
  messages: Finding[];
  suppressedMessages: Finding[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, when `fix` is on and fixes changed the file. */
  output?: string;
  /** The source that was linted (absent when the file could not be read). */
  source?: string;
}

export interface LoadedFormatter {
  format(results: readonly LintResult[]): string;
}

export interface LintTextOptions {
  /** Where the text would live: picks the config, the file role and the parser (.ts, .tsx, .js...). Default: `<cwd>/<text>.ts`. */
  filePath?: string;
}

/** Runs Opslint from Node. An instance keeps its config resolution (cached per folder) for its lifetime. */
export class Opslint {
  /** The version of the installed package. */
  static readonly version: string = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

  private readonly cwd: string;
  private readonly registry: RuleRegistry;
  private readonly resolver: ConfigResolver;
  private readonly fix: boolean;
  /** Baseline fingerprints of the findings this instance produced, for the SARIF and GitLab formats. */
  private readonly fingerprints = new WeakMap<Finding, string>();

  /** Throws a `ConfigError` for a bad config file or an unknown rule id in `rules`. */
  constructor(options: OpslintOptions = {}) {
    this.cwd = path.resolve(options.cwd ?? process.cwd());
    this.registry = createRegistry(allRules);
    this.fix = options.fix ?? false;
    this.resolver = new ConfigResolver({
      root: this.cwd, registry: this.registry, ruleOverrides: options.rules,
      configPath: options.overrideConfigFile && path.resolve(this.cwd, options.overrideConfigFile),
    });
  }

  /** Lints the files the paths and globs name (`.gitignore`, the config's `ignores` and default ignores apply). */
  async lintFiles(patterns: string | readonly string[]): Promise<LintResult[]> {
    const list = typeof patterns === 'string' ? [patterns] : [...patterns];
    const search = await findFiles(list.length > 0 ? list : ['.'], { root: this.cwd, isIgnored: (f) => this.resolver.isIgnored(f) });
    if (search.missing.length > 0) throw new UsageError(`no such file or folder: ${search.missing.join(', ')}`);
    return this.lint(search.files, readSource);
  }

  /** Lints a text as if it were the file `filePath` (which need not exist). */
  async lintText(code: string, options: LintTextOptions = {}): Promise<LintResult[]> {
    const filePath = path.resolve(this.cwd, options.filePath ?? '<text>.ts');
    return this.lint([filePath], (file) => (file === filePath ? code : readSource(file)));
  }

  /** The file's config as the CLI's `--print-config` shows it: rules with severity and options, and settings. */
  async calculateConfigForFile(filePath: string): Promise<{ rules: Record<string, unknown[]>; settings: Record<string, unknown> }> {
    const config = this.resolver.resolve(path.resolve(this.cwd, filePath));
    const severities = ['off', 'warn', 'error'];
    return { rules: Object.fromEntries([...config.rules].map(([id, s]) => [id, [severities[s.severity], ...s.options]])), settings: { ...config.settings } };
  }

  /** True when the config's `ignores` skip the file. */
  async isPathIgnored(filePath: string): Promise<boolean> {
    return this.resolver.isIgnored(path.resolve(this.cwd, filePath));
  }

  /** A formatter by name: `stylish` (default), `json`, `sarif`, `junit`, `gitlab`, `github`, `html`. */
  async loadFormatter(name: FormatName = 'stylish'): Promise<LoadedFormatter> {
    if (!(FORMATS as readonly string[]).includes(name)) throw new UsageError(`unknown format "${name}"; use one of ${FORMATS.join(', ')}`);
    const formatter = formatters[name];
    return {
      format: (results) => formatter({
        results: results.map(({ filePath, messages, output }) => ({ filePath, messages, ...(output !== undefined ? { output } : {}) })),
        sources: new Map(results.filter((r) => r.source !== undefined).map((r) => [r.filePath, r.source!])),
        fingerprints: new Map(results.flatMap((r) => r.messages.flatMap((m) => (this.fingerprints.has(m) ? [[m, this.fingerprints.get(m)!] as const] : [])))),
        cwd: this.cwd, registry: this.registry, color: false, toolVersion: Opslint.version, verbose: false,
      }),
    };
  }

  /** Writes the fixed text of each result that has one. */
  static async outputFixes(results: readonly LintResult[]): Promise<void> {
    await Promise.all(results.filter((r) => r.output !== undefined).map((r) => fs.promises.writeFile(r.filePath, r.output!)));
  }

  /** The results with their warnings dropped (and files with no error left out), like ESLint's `getErrorResults`. */
  static getErrorResults(results: readonly LintResult[]): LintResult[] {
    return results.flatMap((r) => {
      const messages = r.messages.filter((m) => m.severity === 2);
      return messages.length === 0 ? [] : [{ ...r, ...counts(messages), messages }];
    });
  }

  private lint(files: readonly string[], readFile: (file: string) => string): LintResult[] {
    const lints = lintProject(files, { resolver: this.resolver, env: { registry: this.registry, cwd: this.cwd }, fix: this.fix, readFile });
    return lints.map((lint) => this.toResult(lint));
  }

  private toResult(lint: FileLint): LintResult {
    const { result } = lint;
    result.messages.forEach((m, i) => this.fingerprints.set(m, lint.fingerprints[i]));
    return {
      filePath: result.filePath, messages: result.messages, suppressedMessages: [], ...counts(result.messages),
      ...(result.output !== undefined ? { output: result.output } : {}),
      ...(lint.source !== undefined ? { source: lint.source } : {}),
    };
  }
}

function counts(messages: readonly Finding[]): Pick<LintResult, 'errorCount' | 'fatalErrorCount' | 'warningCount' | 'fixableErrorCount' | 'fixableWarningCount'> {
  const count = (severity: 1 | 2, fixable: boolean) => messages.filter((m) => m.severity === severity && (!fixable || m.fix)).length;
  return {
    errorCount: count(2, false), fatalErrorCount: messages.filter((m) => m.fatal).length, warningCount: count(1, false),
    fixableErrorCount: count(2, true), fixableWarningCount: count(1, true),
  };
}
