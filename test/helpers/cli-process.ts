/**
 * Runs the built CLI (`node bin/opslint.js`, code in out/) as a real process, with the test
 * rules loaded, and creates throw-away project folders for it to lint.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TEST_RULE_MODULES_VARIABLE } from '../../rules/core/test-rule-hook';
import { OPSLINT_BIN } from './paths';

export const TEST_RULES_MODULE = path.join(__dirname, 'test-rules.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Load test/helpers/test-rules (default true). */
  testRules?: boolean;
}

export function runOpslint(args: readonly string[], options: CliRunOptions): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  if (options.testRules ?? true) env[TEST_RULE_MODULES_VARIABLE] = TEST_RULES_MODULE;
  else delete env[TEST_RULE_MODULES_VARIABLE];
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const run = spawnSync(process.execPath, [OPSLINT_BIN, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A config that turns on only the test rules, so CLI tests do not depend on the real catalog. */
export const TEST_RULES_CONFIG = JSON.stringify({
  root: true,
  rules: { 'test/no-var': 'error', 'test/no-todo-call': 'warn', 'test/throws': 'error' },
}, null, 2);

/** Makes a temp folder holding `files` (relative path → text); removed by `cleanup`. */
export function makeProject(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'opslint-cli-')));
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Parses `--format json` output, failing with the raw text when it is not JSON. */
export function parseJsonReport(run: CliRun): Array<{ filePath: string; messages: Array<Record<string, unknown>>; errorCount: number; warningCount: number }> {
  try {
    return JSON.parse(run.stdout);
  } catch (error) {
    throw new Error(`stdout is not JSON (${(error as Error).message}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
