import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../rules';
import { ConfigResolver } from '../rules/core/config/config-resolver';
import type { FileConfig } from '../rules/core/config/file-config';
import { projectRelative } from '../rules/core/engine/lint-text';
import type { FileRoleVerdict, LintResult } from '../rules/core/engine/types';
import { readSource } from '../rules/core/files/read-source';
import { inferFileRole } from '../rules/core/roles/infer-file-role';
import { ConfigError, FileError, OpslintError, UsageError } from '../rules/core/errors';
import { cacheFilePath, LintCache } from '../rules/core/project/lint-cache';
import { createRegistry } from '../rules/core/registry';
import { loadTestRules } from '../rules/core/test-rule-hook';
import { HELP, parseCliArgs, type CliOptions } from './args';
import { applyBaselineOptions } from './baseline-options';
import { formatters } from './formatters';
import { htmlReportData } from './html-report-data';
import { totalsOf } from './formatters/format-input';
import { writeStarterConfig } from './init-config';
import { fingerprintsOf, lintStage } from './lint-stage';
import { explainRule } from './explain';
import { listRules } from './list-rules';
import { mergeReports, parseMergeArgs } from './merge';
import { selectFiles } from './select-files';
import { writeFixes } from './write-fixes';
import { needsConfigurationNotices, rulesNeedingConfiguration } from './unconfigured-rules';

/** The role `--print-config` shows: as the lint infers it, from the file's text when it can be read. */
function roleOfFile(file: string, cwd: string, config: FileConfig): FileRoleVerdict {
  let text = '';
  try {
    text = readSource(file);
  } catch {
    // An unreadable or missing file still has a role by its path and package.json.
  }
  return inferFileRole(projectRelative(file, cwd), text, config.roleHints);
}

export interface CliIo {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  stderrIsTTY?: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborted on SIGINT (cli/main.ts): the run stops after the lint stage, writes no fix and exits 130. */
  signal?: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_LINT = 1;
export const EXIT_FATAL = 2;
/** 128 + SIGINT, what shells report for a command stopped with Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** The run was interrupted: nothing is written but an empty machine-readable report. */
class Interrupted extends Error {}

export function toolVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

function errorText(error: unknown): string {
  if (error instanceof Interrupted) return 'Opslint: interrupted (SIGINT): no file was fixed and the report is empty.';
  if (error instanceof ConfigError) return `Opslint: configuration error: ${error.message}`;
  if (error instanceof UsageError) return `Opslint: ${error.message}`;
  if (error instanceof OpslintError) return `Opslint: ${error.message}`;
  return `Opslint: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\nPlease report this with the command line that triggers it.`;
}

/** Runs the CLI; returns the exit code. All output goes through `io`, so tests and bin share it. */
export async function runCli(io: CliIo): Promise<number> {
  let options: CliOptions | undefined;
  const registry = createRegistry([...allRules, ...loadTestRules(io.env)]);
  try {
    if (io.argv[0] === 'merge') {
      const merge = parseMergeArgs(io.argv.slice(1));
      emit(mergeReports(merge.files.map((f) => path.resolve(io.cwd, f))), merge.outputFile, io, '\n');
      return EXIT_OK;
    }
    options = parseCliArgs(io.argv);
    return await run(options, io, registry);
  } catch (error) {
    io.stderr(`${errorText(error)}\n`);
    // Machine-readable reports stay parseable even when the run fails.
    if (options && options.format !== 'stylish' && !options.outputFile) {
      io.stdout(formatters[options.format]({ results: [], sources: new Map(), fingerprints: new Map(), cwd: io.cwd, registry, color: false, toolVersion: toolVersion(), verbose: false }) + '\n');
    }
    return error instanceof Interrupted ? EXIT_INTERRUPTED : EXIT_FATAL;
  }
}

async function run(options: CliOptions, io: CliIo, registry: ReturnType<typeof createRegistry>): Promise<number> {
  if (options.help) { io.stdout(`${HELP}\n`); return EXIT_OK; }
  if (options.version) { io.stdout(`${toolVersion()}\n`); return EXIT_OK; }
  if (options.listRules) { io.stdout(listRules(registry)); return EXIT_OK; }
  if (options.explain !== undefined) { io.stdout(explainRule(registry, options.explain)); return EXIT_OK; }
  if (options.init) { io.stdout(`Wrote ${writeStarterConfig(io.cwd)}\n`); return EXIT_OK; }

  const resolver = new ConfigResolver({ root: io.cwd, registry, configPath: options.config && path.resolve(io.cwd, options.config), ruleOverrides: options.rules });
  if (options.printConfig) {
    const file = path.resolve(io.cwd, options.printConfig);
    const config = resolver.resolve(file);
    const severities = ['off', 'warn', 'error'];
    io.stdout(`${JSON.stringify({
      configFile: resolver.configFileFor(file)?.path ?? null,
      role: roleOfFile(file, io.cwd, config),
      rules: Object.fromEntries([...config.rules].map(([id, s]) => [id, [severities[s.severity], ...s.options]])),
      settings: config.settings,
      maxFileSize: config.maxFileSize,
      needsConfiguration: rulesNeedingConfiguration(config, registry),
    }, null, 2)}\n`);
    return EXIT_OK;
  }

  const selection = await selectFiles(options, io.cwd, resolver);
  for (const notice of selection.notices) io.stderr(`Opslint: ${notice}\n`);
  for (const notice of needsConfigurationNotices(selection.files.map((f) => resolver.resolve(f)), registry)) io.stderr(`Opslint: ${notice}\n`);
  const cache = options.cache ? LintCache.open(cacheFilePath(options.cacheLocation, io.cwd), { toolVersion: toolVersion(), cwd: io.cwd, verbose: options.verbose }) : undefined;
  const lints = await lintStage(selection, options, io, registry, resolver, cache);
  // A synchronous lint stage holds the event loop, so a SIGINT sent meanwhile waits in libuv's
  // signal pipe until the loop polls. The first timer is due at once (the loop's clock is stale
  // after the busy stage); the second one makes the loop wait in poll, where the signal lands.
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (io.signal?.aborted) throw new Interrupted();
  try {
    cache?.save();
  } catch (error) {
    io.stderr(`Opslint: could not write the cache ${cache!.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; the next run lints every file.\n`);
  }
  if (options.fix) for (const problem of writeFixes(lints)) io.stderr(`Opslint: ${problem}\n`);

  const baseline = applyBaselineOptions(options, lints, io.cwd, resolver);
  for (const note of baseline.notes) io.stderr(`Opslint: ${note}\n`);
  let results: LintResult[] = lints.map((l) => l.result);
  if (baseline.baselined.size > 0) results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => !baseline.baselined.has(m)) }));
  if (options.fix) results = results.map(({ output: _written, ...rest }) => rest);
  if (options.quiet) results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2) }));

  const color = options.color ?? (io.isTTY && !('NO_COLOR' in io.env && io.env.NO_COLOR !== ''));
  const report = formatters[options.format]({
    results, fingerprints: fingerprintsOf(lints), sources: new Map(lints.filter((l) => l.source !== undefined).map((l) => [l.result.filePath, l.source!])),
    cwd: io.cwd, registry, color: options.format === 'stylish' && color, toolVersion: toolVersion(), verbose: options.verbose,
    project: options.format === 'html' ? htmlReportData(lints, io.cwd) : undefined,
  });
  emit(report, options.outputFile, io, options.format === 'stylish' ? '' : '\n');

  const totals = totalsOf(results);
  if (totals.errors > 0) return EXIT_LINT;
  if (options.maxWarnings !== undefined && totals.warnings > options.maxWarnings) {
    io.stderr(`Opslint found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return EXIT_LINT;
  }
  return EXIT_OK;
}

/** The report goes to --output-file, or to stdout when there is one. */
function emit(report: string, outputFile: string | undefined, io: CliIo, newline: string): void {
  if (outputFile) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, outputFile), report);
    } catch (error) {
      throw new FileError(outputFile, `cannot write the report: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else if (report) {
    io.stdout(`${report}${newline}`);
  }
}
