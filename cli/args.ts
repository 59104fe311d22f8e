import { parseArgs } from 'node:util';
import { UsageError } from '../rules/core/errors';
import type { RuleEntry } from '../rules/core/config/config-file';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'gitlab', 'github', 'html'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CliOptions {
  patterns: string[];
  format: FormatName;
  outputFile?: string;
  fix: boolean;
  fixDryRun: boolean;
  maxWarnings?: number;
  quiet: boolean;
  rules: Record<string, RuleEntry>;
  config?: string;
  printConfig?: string;
  /** --explain RULE: print the rule's docs page. */
  explain?: string;
  listRules: boolean;
  init: boolean;
  version: boolean;
  help: boolean;
  verbose: boolean;
  color?: boolean;
  baseline?: string;
  updateBaseline: boolean;
  pruneBaseline: boolean;
  changedSince?: string;
  /** Worker threads; 'auto' picks by core count and file count. */
  concurrency: number | 'auto';
  /** 1-based shard index and shard count. */
  shard?: { index: number; count: number };
  /** --cache: reuse per-file results of unchanged files (project findings are always recomputed). */
  cache: boolean;
  cacheLocation?: string;
}

export const HELP = `Usage: opslint [options] [paths or globs...]   (default: .)

Finds code that hurts in production: swallowed errors, unbounded caches, leaked resources,
calls without timeouts, tangled modules.

Options:
  --format FORMAT               stylish (default), json, sarif, junit, gitlab (Code Quality), github (annotations),
                                html (one self-contained page: summary, hotspots, coupling graph)
  --output-file, -o FILE        Write the report to FILE instead of stdout
  --fix                         Apply safe fixes and write the files
  --fix-dry-run                 Compute fixes and include them in the report, write nothing
  --max-warnings N              Exit 1 when there are more than N warnings
  --quiet                       Report errors only
  --rule '<id>: <severity>'     Set a rule's severity (off|warn|error); repeatable
  --config, -c PATH             Use this config file for every file (no lookup)
  --print-config FILE           Print the configuration in force for FILE
  --list-rules                  List the rules: id, category, default severity, fixable, description
  --explain RULE                Print the rule's docs page (what it finds, why, how to fix, options)
  --init                        Write a starter opslint.config.json in the current folder
  --baseline FILE               Findings recorded in FILE do not count (config key "baseline")
  --update-baseline             Record today's findings in the baseline (default opslint-baseline.json)
  --prune-baseline              Drop baseline entries whose findings are gone
  --changed-since REF           Lint only files changed since the git ref (and untracked files)
  --concurrency auto|N          Lint with N worker threads (default 1; auto: half the cores, by files)
  --shard I/N                   Lint the I-th of N deterministic slices of the files (CI matrices)
  --cache                       Reuse results of unchanged files (cross-file findings are always fresh)
  --cache-location PATH         Cache file, or folder for .opslintcache (default: ./.opslintcache)
  --verbose                     Include internal error stacks
  --color / --no-color          Force colors on or off (default: on for a TTY unless NO_COLOR)
  --version, -v                 Print the version
  --help, -h                    Print this help

Merge shard reports: opslint merge [-o FILE] a.sarif b.sarif ...   (or JSON reports)

Exit codes: 0 no errors (and warnings within --max-warnings); 1 lint errors or too many
warnings; 2 usage, configuration or internal error.`;

function parseRuleFlag(value: string): [string, RuleEntry] {
  const match = /^\s*([^:\s]+)\s*:\s*(.+?)\s*$/.exec(value);
  if (!match) throw new UsageError(`--rule expects '<rule-id>: <severity>', got '${value}'`);
  const [, id, rest] = match;
  if (rest === 'off' || rest === 'warn' || rest === 'error') return [id, rest];
  try {
    const parsed = JSON.parse(rest) as unknown;
    if (Array.isArray(parsed) && ['off', 'warn', 'error'].includes(parsed[0])) return [id, parsed as RuleEntry];
  } catch {
    // fall through to the usage error below
  }
  throw new UsageError(`--rule '${value}': the severity must be off, warn or error (or a JSON array ["warn", {...options}])`);
}

function parseConcurrency(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--concurrency expects auto or a whole number >= 1, got '${value}'`);
  return n;
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard expects I/N with 1 <= I <= N (e.g. 2/4), got '${value}'`);
  return { index, count };
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        'output-file': { type: 'string', short: 'o' },
        fix: { type: 'boolean', default: false },
        'fix-dry-run': { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        config: { type: 'string', short: 'c' },
        'print-config': { type: 'string' },
        'list-rules': { type: 'boolean', default: false },
        explain: { type: 'string' },
        init: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean', default: false },
        'prune-baseline': { type: 'boolean', default: false },
        'changed-since': { type: 'string' },
        concurrency: { type: 'string', default: '1' },
        shard: { type: 'string' },
        cache: { type: 'boolean', default: false },
        'cache-location': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run opslint --help for the options.`);
  }
  const v = parsed.values;
  if (!(FORMATS as readonly string[]).includes(v.format!)) {
    throw new UsageError(`--format ${v.format} is not a format; use one of ${FORMATS.join(', ')}`);
  }
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings expects a whole number >= 0, got '${v['max-warnings']}'`);
  }
  if (v['update-baseline'] && v['prune-baseline']) throw new UsageError('--update-baseline already drops fixed entries; do not combine it with --prune-baseline');
  if (v.fix && v['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined; choose one');
  return {
    patterns: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    format: v.format as FormatName,
    outputFile: v['output-file'],
    fix: v.fix!,
    fixDryRun: v['fix-dry-run']!,
    maxWarnings,
    quiet: v.quiet!,
    rules: Object.fromEntries(v.rule!.map(parseRuleFlag)),
    config: v.config,
    printConfig: v['print-config'],
    explain: v.explain,
    listRules: v['list-rules']!,
    init: v.init!,
    version: v.version!,
    help: v.help!,
    verbose: v.verbose!,
    color: v['no-color'] ? false : v.color,
    baseline: v.baseline,
    updateBaseline: v['update-baseline']!,
    pruneBaseline: v['prune-baseline']!,
    changedSince: v['changed-since'],
    concurrency: parseConcurrency(v.concurrency!),
    shard: v.shard === undefined ? undefined : parseShard(v.shard),
    cache: v.cache!,
    cacheLocation: v['cache-location'],
  };
}
