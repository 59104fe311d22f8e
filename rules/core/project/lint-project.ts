import * as path from 'node:path';
import { toPosix, type ConfigResolver } from '../config/config-resolver';
import type { FileConfig, LintEnvironment } from '../config/file-config';
import { fixText } from '../engine/apply-fixes';
import { lintSource } from '../engine/lint-text';
import { parseSource } from '../engine/parse';
import type { Comment, FileRoleVerdict, Finding, LintResult } from '../engine/types';
import { FileError, ParseError } from '../errors';
import { readSource } from '../files/read-source';
import { carryFingerprints, fingerprintFindings } from '../report/fingerprint';
import type { LintCache } from './lint-cache';
import { directiveComments, mergeProjectFindings } from './merge-project-findings';
import { extractFacts, type ModuleFacts } from './module-facts';
import { applyProgramConditions, awaitsProgramFacts, programFactsFor } from './program-conditions';
import { ModuleResolver } from './module-resolver';
import { ProjectGraph } from './project-graph';
import { isProjectRule } from './project-rule';
import { runProjectRules } from './run-project-rules';

export const FILE_UNREADABLE = 'opslint/file-unreadable';

export interface ProjectLintOptions {
  resolver: ConfigResolver;
  env: LintEnvironment;
  /** Compute fixed text for each file (`output`); writing it is the caller's job. */
  fix?: boolean;
  readFile?: (filePath: string) => string;
  /** `--cache`: per-file results and facts of unchanged files are reused; the caller calls `cache.save()` after the run. */
  cache?: LintCache;
}

export interface FileLint {
  result: LintResult;
  /** The text that was linted (before fixes), so a writer can detect changes on disk. */
  source?: string;
  /** One per `result.messages` entry, relative to `env.cwd` (see report/fingerprint.ts). */
  fingerprints: string[];
  /** The module's facts for the project graph (plain data: crosses worker threads). Absent when the file did not parse. */
  facts?: ModuleFacts;
  /** Its suppression comments, for project findings that land in it. */
  directives?: Comment[];
}

function unreadable(filePath: string, error: FileError): LintResult {
  const finding: Finding = { ruleId: FILE_UNREADABLE, category: 'opslint', severity: 2, fatal: true, message: `${error.problem}; the file was not linted.`, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { filePath, messages: [finding] };
}

/** With `--fix` the facts come from the fixed text, the one that will be on disk: one more parse, in fix runs only. */
function factsOfText(text: string, filePath: string, role: FileRoleVerdict | undefined): Pick<FileLint, 'facts' | 'directives'> {
  try {
    const program = parseSource(text, filePath);
    return { facts: { ...extractFacts(program, filePath, text), ...(role ? { role } : {}) }, directives: directiveComments(program.comments ?? []) };
  } catch (error) {
    if (error instanceof ParseError) return {};
    throw error;
  }
}

/** Lints one file with the config in force for it; never throws for bad input. Workers call this. */
export function lintFile(filePath: string, options: ProjectLintOptions): FileLint {
  const read = options.readFile ?? readSource;
  const relative = toPosix(path.relative(options.env.cwd, filePath));
  let source: string;
  try {
    source = read(filePath);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    const result = unreadable(filePath, error);
    return { result, fingerprints: fingerprintFindings(relative, undefined, result.messages) };
  }
  const config = options.resolver.resolve(filePath);
  if (options.fix) {
    const result = fixText(source, filePath, config, options.env);
    const text = result.output ?? source;
    return { result, source, fingerprints: fingerprintFindings(relative, text, result.messages), ...factsOfText(text, filePath, result.role) };
  }
  const cached = options.cache?.lookup(filePath, source, config);
  if (cached) return { ...cached, source };
  const { result, sourceCode } = lintSource(source, filePath, config, options.env);
  const lint: FileLint = {
    result, source, fingerprints: fingerprintFindings(relative, source, result.messages, sourceCode?.ast),
    ...(sourceCode ? { facts: { ...extractFacts(sourceCode.ast, filePath, source), role: result.role }, directives: directiveComments(sourceCode.getAllComments()) } : {}),
  };
  options.cache?.store(filePath, source, config, lint);
  return lint;
}

function ruleFailure(ruleId: string, cause: unknown, verbose: boolean | undefined): Finding {
  const stack = cause instanceof Error ? cause.stack : undefined;
  return {
    ruleId, category: 'opslint', severity: 2, line: 1, column: 1, endLine: 1, endColumn: 1,
    message: `Internal error in project rule ${ruleId}: ${cause instanceof Error ? cause.message : String(cause)}. Its findings are missing for the whole run; other rules ran. Please report this.`,
    ...(verbose && stack ? { detail: stack } : {}),
  };
}

/** Replaces a file's messages, keeping the fingerprints of the ones that stay and computing the new ones. */
function withMessages(lint: FileLint, messages: Finding[], cwd: string): void {
  const relative = toPosix(path.relative(cwd, lint.result.filePath));
  lint.fingerprints = carryFingerprints(relative, lint.result.output ?? lint.source, lint.result.messages, lint.fingerprints, messages);
  lint.result = { ...lint.result, messages };
}

/**
 * The project pass: builds the module graph from the files' facts (no parsing), runs the project
 * rules, and merges their findings into each file's results with that file's suppressions and
 * severities. Call it once on the per-file lints of the whole run, however they were produced
 * (in process, in workers, from the cache). Returns the lints it was given, updated.
 */
export function addProjectFindings(lints: FileLint[], options: Pick<ProjectLintOptions, 'resolver' | 'env'>): FileLint[] {
  const rules = [...options.env.registry.values()].filter(isProjectRule);
  const configs = new Map<string, FileConfig>();
  const configFor = (file: string) => {
    let config = configs.get(file);
    if (!config) configs.set(file, (config = options.resolver.resolve(file)));
    return config;
  };
  const linted = lints.filter((l) => l.facts);
  const rulesOn = rules.length > 0 && linted.some((l) => rules.some((r) => configFor(l.result.filePath).rules.has(r.meta.opslint.id)));
  const awaiting = lints.filter((l) => awaitsProgramFacts(l.result.messages));
  if (!rulesOn && awaiting.length === 0) return lints;
  const graph = ProjectGraph.build(new ModuleResolver(options.env.cwd), linted.map((l) => [l.result.filePath, l.facts!] as const));
  // Per-file findings that depend on other modules of the program: a client default set elsewhere
  // (`axios.defaults.timeout = ...`) makes them moot, an in-memory store created elsewhere makes them hold.
  for (const lint of awaiting) {
    withMessages(lint, applyProgramConditions(lint.result.messages, programFactsFor(graph, lint.result.filePath)), options.env.cwd);
  }
  if (!rulesOn) return lints;
  const run = runProjectRules(graph, rules, configFor, options.env.cwd);
  for (const lint of lints) {
    const found = run.byFile.get(lint.result.filePath);
    if (!found) continue;
    const config = configFor(lint.result.filePath);
    withMessages(lint, mergeProjectFindings(lint.result.messages, found, lint.directives ?? [], new Set(config.rules.keys())), options.env.cwd);
  }
  // A project rule's failure belongs to no one file; it is shown once, on the first file of the run.
  if (run.failures.length > 0 && lints.length > 0) {
    withMessages(lints[0], [...run.failures.map((f) => ruleFailure(f.ruleId, f.cause, options.env.verbose)), ...lints[0].result.messages], options.env.cwd);
  }
  return lints;
}

/**
 * The whole-workspace entry: lints every file with the config in force for it, then runs the
 * project rules over the module graph built from the same parses. One file's failure
 * (unreadable, unparsable, a rule crash) becomes findings for that file only.
 */
export function lintProject(files: readonly string[], options: ProjectLintOptions): FileLint[] {
  return addProjectFindings(files.map((filePath) => lintFile(filePath, options)), options);
}
