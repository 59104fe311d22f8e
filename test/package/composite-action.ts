/**
 * Runs the steps of a composite GitHub Action (action.yml) as the runner does, for the CI recipe
 * test: each `run` in `bash --noprofile --norc -eo pipefail`, `${{ inputs.* }}` and
 * `${{ steps.<id>.outputs.* }}` substituted in `run`, `env` and `if`, step outputs read from
 * `$GITHUB_OUTPUT`, and the steps after a failure skipped. Only the expressions action.yml uses are
 * understood (`==`, `!=`, `&&` over those names and quoted strings); anything else throws, so a
 * change there that this runner cannot follow fails the test instead of passing untested.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// js-yaml is what mocha reads its config with: always installed beside the test runner.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

interface ActionFile {
  inputs?: Record<string, { default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ name: string; id?: string; if?: string; shell?: string; env?: Record<string, string>; run?: string; uses?: string }> };
}

export interface StepRun { name: string; status: number | 'skipped'; stdout: string; stderr: string }
export interface ActionRun { failed: boolean; steps: StepRun[]; outputs: Record<string, string> }

export function runCompositeAction(actionFile: string, given: Record<string, string>, cwd: string, env: NodeJS.ProcessEnv): ActionRun {
  const action = yaml.load(fs.readFileSync(actionFile, 'utf8')) as ActionFile;
  if (action.runs.using !== 'composite') throw new Error(`${actionFile} is not a composite action`);
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs ?? {})) inputs[name] = given[name] ?? input.default ?? '';
  for (const name of Object.keys(given)) if (!(name in inputs)) throw new Error(`action.yml has no input ${name}`);
  const stepOutputs: Record<string, Record<string, string>> = {};
  const value = (name: string): string => {
    let match = /^inputs\.([\w-]+)$/.exec(name);
    if (match) return inputs[match[1]] ?? '';
    match = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(name);
    if (match) return stepOutputs[match[1]]?.[match[2]] ?? '';
    throw new Error(`expression not understood by the test runner: ${name}`);
  };
  const operand = (text: string): string => (/^'.*'$/.test(text) ? text.slice(1, -1) : value(text));
  const condition = (expression: string): boolean => expression.split('&&').every((part) => {
    const match = /^\s*(\S+)\s*(==|!=)\s*(\S+)\s*$/.exec(part);
    if (!match) throw new Error(`condition not understood by the test runner: ${part}`);
    return (operand(match[1]) === operand(match[3])) === (match[2] === '==');
  });
  const substitute = (text: string) => text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, name: string) => value(name));

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opslint-action-'));
  const steps: StepRun[] = [];
  let failed = false;
  try {
    action.runs.steps.forEach((step, index) => {
      if (step.uses) throw new Error(`step ${step.name} uses ${step.uses}: the test runner runs only run steps`);
      const wanted = step.if ? condition(step.if) : true;
      if (failed || !wanted) {
        steps.push({ name: step.name, status: 'skipped', stdout: '', stderr: '' });
        return;
      }
      if (step.shell !== 'bash') throw new Error(`step ${step.name}: composite steps must say shell: bash`);
      const script = path.join(scratch, `step-${index}.sh`);
      const output = path.join(scratch, `output-${index}`);
      fs.writeFileSync(script, substitute(step.run ?? ''));
      fs.writeFileSync(output, '');
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v))]));
      const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd, encoding: 'utf8', env: { ...env, ...stepEnv, GITHUB_OUTPUT: output, GITHUB_ACTIONS: 'true' }, timeout: 600_000,
      });
      if (result.error) throw result.error;
      if (step.id) {
        stepOutputs[step.id] = Object.fromEntries(fs.readFileSync(output, 'utf8').split('\n').filter((l) => l.includes('='))
          .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      }
      steps.push({ name: step.name, status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr });
      if (result.status !== 0) failed = true;
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, output]) => [name, substitute(output.value)]));
  return { failed, steps, outputs };
}
