import * as fs from 'node:fs';
import * as assert from 'node:assert/strict';
import { makeProject, parseJsonReport, runOpslint } from '../helpers/cli-process';

const CALL_WITHOUT_TIMEOUT = "export async function pull() {\n  const res = await fetch(process.env.FEED_URL);\n  return res.json();\n}\n";

describe('CLI: file roles', () => {
  it('runtime rules skip scripts and tests; the config\'s roles bring a file back; --print-config says why', () => {
    const project = makeProject({
      'package.json': JSON.stringify({ name: 'svc', scripts: { sync: 'node tasks/sync.js' } }),
      'src/feed.js': CALL_WITHOUT_TIMEOUT,
      'scripts/backfill.js': CALL_WITHOUT_TIMEOUT,
      'tasks/sync.js': CALL_WITHOUT_TIMEOUT,
      'src/feed.test.js': CALL_WITHOUT_TIMEOUT,
      'opslint.config.json': JSON.stringify({ root: true, rules: { 'resilience/require-timeout': 'error' } }),
    });
    try {
      const filesWithFindings = () => parseJsonReport(runOpslint(['--format', 'json', '.'], { cwd: project.dir, testRules: false }))
        .filter((r) => r.messages.some((m) => m.ruleId === 'resilience/require-timeout'))
        .map((r) => r.filePath.slice(project.dir.length + 1)).sort();
      assert.deepEqual(filesWithFindings(), ['src/feed.js']);

      const printed = JSON.parse(runOpslint(['--print-config', 'tasks/sync.js'], { cwd: project.dir, testRules: false }).stdout);
      assert.deepEqual(printed.role, { role: 'script', reason: 'run by the package.json script "sync"' });

      const config = { root: true, rules: { 'resilience/require-timeout': 'error' }, roles: { 'scripts/**': 'service' } };
      fs.writeFileSync(`${project.dir}/opslint.config.json`, JSON.stringify(config));
      assert.deepEqual(filesWithFindings(), ['scripts/backfill.js', 'src/feed.js']);
      const corrected = JSON.parse(runOpslint(['--print-config', 'scripts/backfill.js'], { cwd: project.dir, testRules: false }).stdout);
      assert.deepEqual(corrected.role, { role: 'service', reason: 'the config\'s "roles" maps "scripts/**" to it' });
    } finally {
      project.cleanup();
    }
  });

  it('a role that is not one of the five is a config error naming the key', () => {
    const project = makeProject({ 'src/a.js': 'export const a = 1;\n', 'opslint.config.json': JSON.stringify({ roles: { 'src/**': 'lambda' } }) });
    try {
      const run = runOpslint(['src/a.js'], { cwd: project.dir, testRules: false });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /roles/);
    } finally {
      project.cleanup();
    }
  });
});
