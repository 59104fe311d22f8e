import * as fs from 'node:fs';
import * as assert from 'node:assert/strict';
import { makeProject, runOpslint } from '../helpers/cli-process';

const NOTICE = 'coupling/no-restricted-dependency is on but reports nothing until it is configured';

describe('CLI: rules that still need configuration', () => {
  it('says so once per run on stderr and in --print-config, and no more once configured', () => {
    const project = makeProject({
      'src/a.js': 'export const a = 1;\n', 'src/b.js': 'export const b = 2;\n', 'lib/c.js': 'export const c = 3;\n',
      'opslint.config.json': JSON.stringify({ root: true, rules: { 'coupling/no-restricted-dependency': 'error' } }),
    });
    try {
      const run = runOpslint(['.'], { cwd: project.dir, testRules: false });
      assert.equal(run.status, 0);
      assert.equal(run.stderr.split(NOTICE).length - 1, 1, `one notice for three files:\n${run.stderr}`);
      const printed = JSON.parse(runOpslint(['--print-config', 'src/a.js'], { cwd: project.dir, testRules: false }).stdout);
      assert.match(printed.needsConfiguration['coupling/no-restricted-dependency'], /no layer rules/);

      const layers = [{ from: ['src/**'], disallow: ['lib/**'] }];
      fs.writeFileSync(`${project.dir}/opslint.config.json`, JSON.stringify({ root: true, rules: { 'coupling/no-restricted-dependency': ['error', { rules: layers }] } }));
      assert.ok(!runOpslint(['.'], { cwd: project.dir, testRules: false }).stderr.includes(NOTICE));
      assert.deepEqual(JSON.parse(runOpslint(['--print-config', 'src/a.js'], { cwd: project.dir, testRules: false }).stdout).needsConfiguration, {});
    } finally {
      project.cleanup();
    }
  });

  it('a rule that is off says nothing', () => {
    const project = makeProject({ 'src/a.js': 'export const a = 1;\n', 'opslint.config.json': JSON.stringify({ root: true, extends: 'opslint:recommended', rules: { 'coupling/no-restricted-dependency': 'off' } }) });
    try {
      assert.ok(!runOpslint(['.'], { cwd: project.dir, testRules: false }).stderr.includes(NOTICE));
    } finally {
      project.cleanup();
    }
  });
});
