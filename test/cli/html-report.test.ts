import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { makeProject, runOpslint } from '../helpers/cli-process';
import { REPO_ROOT } from '../helpers/paths';

const CONFIG = JSON.stringify({ root: true, rules: { 'test/no-var': 'error', 'test/no-todo-call': 'warn', 'coupling/no-import-cycle': ['error', { reportDeferredCycles: true }] } });
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

describe('CLI --format html (as a process, rendered in headless Chromium)', () => {
  let project: ReturnType<typeof makeProject>;
  let report: string;
  before(function () {
    this.timeout(60_000);
    project = makeProject({
      'opslint.config.json': CONFIG,
      'src/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'src/churny.ts': "import { a } from './a';\nvar x = a;\n",
      'src/stable.ts': 'var y = "<script>alert(1)</script>";\ntodo();\n',
    });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: project.dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'one');
    for (let i = 0; i < 3; i++) {
      fs.appendFileSync(path.join(project.dir, 'src', 'churny.ts'), `// change ${i}\n`);
      git('commit', '-qam', `churn ${i}`);
    }
    const run = runOpslint(['--format', 'html', '-o', 'report.html', '.'], { cwd: project.dir });
    assert.equal(run.status, 1, run.stderr);
    report = path.join(project.dir, 'report.html');
  });
  after(() => project.cleanup());

  it('is one self-contained file: no script, no stylesheet or image to fetch, user text escaped', () => {
    const text = fs.readFileSync(report, 'utf8');
    assert.doesNotMatch(text, /<script|<link|<img|src=|@import|url\(http/i);
    assert.match(text, /var y = &quot;&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;;/);
  });

  it('renders in Chromium with the summary, hotspots, coupling graph (cycle in red) and findings; screenshot saved', async function () {
    this.timeout(120_000);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pathToFileURL(report).href);
      assert.deepEqual(requests, [pathToFileURL(report).href], 'nothing but the report itself is loaded');

      const nodes = await page.$$eval('#coupling-graph g.node', (gs) => gs.map((g) => [g.getAttribute('data-file'), g.classList.contains('cycle')]));
      assert.deepEqual(nodes, [['src/a.ts', true], ['src/b.ts', true], ['src/churny.ts', false], ['src/stable.ts', false]]);
      assert.equal(await page.$$eval('#coupling-graph path.edge.cycle', (ls) => ls.length), 2);
      assert.equal(await page.$$eval('#coupling-graph path.edge', (ls) => ls.length), 3);
      const cycleColor = await page.$eval('#coupling-graph g.node.cycle circle', (c) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(c).fill);
      assert.equal(cycleColor, 'rgb(209, 36, 47)');

      const summary = await page.$$eval('#summary tr', (rows) => rows.slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
      assert.deepEqual(summary.find((r) => r[0] === 'logging'), ['logging', '2', '0'], 'test/no-var is filed under logging');
      assert.deepEqual(summary.find((r) => r[0] === 'coupling'), ['coupling', '1', '0']);
      const hotspots = await page.$$eval('#hotspots tr', (rows) => rows.slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
      assert.deepEqual(hotspots[0], ['src/churny.ts', '1', '4', '4'], 'the file that keeps changing leads');
      const findings = await page.$$eval('#findings tr.finding', (rows) => rows.map((r) => r.querySelector('td')!.textContent));
      assert.deepEqual(findings, ['src/a.ts:1:1', 'src/churny.ts:2:1', 'src/stable.ts:1:1', 'src/stable.ts:2:1']);
      assert.equal(await page.$eval('#findings a', (a) => a.getAttribute('href')), 'https://github.com/opslint/opslint/blob/main/docs/rules/coupling/no-import-cycle.md');

      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const shot = path.join(ARTIFACTS, 'html-report.png');
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(fs.statSync(shot).size > 10_000);
    } finally {
      await browser.close();
    }
  });
});
