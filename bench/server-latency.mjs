#!/usr/bin/env node
// Language server latency: didChange → publishDiagnostics for one 3,000-line TypeScript file, over
// EDITS sequential edits (each waits for its publish), against the shipped dist/server.js and the
// real rules. Prints p50/p95/max, the debounce share, the in-process lint time of the same text,
// and the server's RSS and heaps after GC (main thread, lint worker) after 500 and 5,000 edits.
// Needs `npm run build` first. `--latency-only` skips the memory part (about a minute); `--edit-line=N` moves the edits.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const out = (p) => require(path.join(repoRoot, 'out', p));
const { LspSession, SERVER_BUNDLE } = out('test/server/lsp-session.js');
const { DEFAULT_DEBOUNCE_MS } = out('server/server.js');
const { lintText } = out('rules/core/engine/lint-text.js');
const { parseSource } = out('rules/core/engine/parse.js');
const { ConfigResolver } = out('rules/core/config/config-resolver.js');
const { createRegistry } = out('rules/core/registry.js');
const { allRules } = out('rules/index.js');
const { TEST_RULE_MODULES_VARIABLE } = out('rules/core/test-rule-hook.js');

const EDITS = 200;
/**
 * Where the edits go: the middle of the file by default. `--edit-line=2` edits near the top, the
 * incremental parse's worst case (every statement after the edit is moved).
 */
const EDIT_LINE = Number(process.argv.find((a) => a.startsWith('--edit-line='))?.split('=')[1] ?? 1500);

/** 30 lines of service code with real findings and clean code beside them, repeated to 3,000 lines. */
function serviceBlock(i) {
  return `
const cache${i} = new Map<string, unknown>();
export async function load${i}(id: string, logger: { error(e: unknown): void }) {
  if (cache${i}.has(id)) return cache${i}.get(id);
  try {
    const response = await fetch(\`/api/items/\${id}\`);
    const body = await response.json();
    cache${i}.set(id, body);
    return body;
  } catch (error) {
    return undefined;
  }
}
export async function save${i}(id: string, value: unknown, logger: { error(e: unknown): void }) {
  try {
    await fetch('/api/items/' + id, { method: 'POST', body: JSON.stringify(value), signal: AbortSignal.timeout(5000) });
  } catch (error) {
    logger.error(error);
    throw new Error('save failed', { cause: error });
  }
}
export function describe${i}(value: { name: string; size: number }): string {
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    parts.push(\`\${key}=\${String((value as Record<string, unknown>)[key])}\`);
  }
  return parts.join(', ');
}
export const limits${i} = { retries: 3, timeoutMs: 2_000, name: 'block${i}' };
export type Item${i} = { id: string; size: number };
`;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'opslint-latency-')));
const text = Array.from({ length: 100 }, (_, i) => serviceBlock(i)).join('');
const lines = text.split('\n').length;
const file = path.join(dir, 'service.ts');
fs.writeFileSync(file, text);

const registry = createRegistry(allRules);
const config = new ConfigResolver({ root: dir, registry }).resolve(file);
const timed = (run) => {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
};
const inProcess = timed(() => lintText(text, file, config, { registry, cwd: dir }));
const parseOnly = timed(() => parseSource(text, file));

// Default settings (workspace scan and project model on, as users run it), plus the test-only heap
// probes (test/hardening/server-probe-rules.ts): heap after a full GC of the main thread and the lint worker.
const { MAIN_HEAP_REQUEST } = out('test/hardening/server-probe-rules.js');
const probeEnv = { [TEST_RULE_MODULES_VARIABLE]: path.join(repoRoot, 'out', 'test', 'hardening', 'server-probe-rules.js') };
const probeSettings = { rules: { overrides: { 'test/heap-probe': 'error', 'test/main-heap-probe': 'error' } } };
const session = await LspSession.start({ root: dir, serverModule: SERVER_BUNDLE, settings: probeSettings }, probeEnv);
const probe = await session.open(path.join(dir, 'heap-probe.ts'), 'export {};\n');
async function heapsMb() {
  const version = await session.change(probe, [{ text: `import '${MAIN_HEAP_REQUEST}'; // ${session.version(probe)}\n` }]);
  const { diagnostics } = await session.publishFor(probe, (p) => p.version === version && p.diagnostics.some((d) => d.code === 'test/main-heap-probe'));
  const mb = (code) => Number(/heap (\d+)/.exec(String(diagnostics.find((d) => d.code === code).message))[1]) / 1048576;
  const quiet = await session.change(probe, [{ text: 'export {};\n' }]);
  await session.publishFor(probe, (p) => p.version === quiet);
  return { main: mb('test/main-heap-probe'), worker: mb('test/heap-probe') };
}
const uri = await session.open(file, text);
const first = await session.publishFor(uri, (p) => p.version === 1);
const latencies = [];
// Each edit types one character into a comment-free line (near the middle unless --edit-line) and waits for its publish.
for (let i = 0; i < EDITS; i++) {
  const line = EDIT_LINE + (i % 20);
  const start = performance.now();
  const version = await session.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: i % 2 === 0 ? ' ' : '' }]);
  await session.publishFor(uri, (p) => p.version === version, session.publishes.seen.length - 1);
  latencies.push(performance.now() - start);
}
latencies.sort((a, b) => a - b);

// Typing: a keystroke every TYPING_INTERVAL_MS without waiting for publishes. Each keystroke's
// latency runs until the first publish of its version or a later one (what the user then sees).
const TYPING_INTERVAL_MS = 100;
const typing = [];
{
  const sentAt = new Map();
  const from = session.publishes.seen.length;
  for (let i = 0; i < 100; i++) {
    const line = EDIT_LINE + (i % 20);
    sentAt.set(await session.change(uri, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: i % 2 === 0 ? ' ' : '' }]), performance.now());
    await new Promise((resolve) => setTimeout(resolve, TYPING_INTERVAL_MS));
  }
  const last = session.version(uri);
  await session.publishFor(uri, (p) => p.version === last, from);
  const { seen, seenAt } = session.publishes;
  for (const [version, at] of sentAt) {
    const answer = seen.findIndex((p, index) => index >= from && p.uri === uri && p.version >= version);
    typing.push(seenAt[answer] - at);
  }
  typing.sort((a, b) => a - b);
}

if (process.argv.includes('--latency-only')) {
  await session.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  reportLatency();
  process.exit(0);
}

// Memory: bursts of edits, one publish awaited per burst, RSS read at 500 and 5,000 edits.
async function editBurst(count) {
  let version = 0;
  for (let i = 0; i < count; i++) version = await session.change(uri, [{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } }, text: '' }]);
  await session.publishFor(uri, (p) => p.version === version, session.publishes.seen.length - 1);
}
for (let done = 0; done < 500; done += 50) await editBurst(50);
// RSS right after the probes' full GCs (so not the last burst's garbage), median of 5 samples: a
// single reading moved by ±15 % between runs while both heaps stayed flat.
async function settledMemory() {
  const samples = [];
  for (let i = 0; i < 5; i++) samples.push({ ...(await heapsMb()), rss: rssMb(session.process.pid) });
  const middle = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[2];
  return { main: middle('main'), worker: middle('worker'), rss: middle('rss') };
}
const at500 = await settledMemory();
for (let done = 500; done < 5000; done += 50) await editBurst(50);
const at5000 = await settledMemory();
await session.stop();
fs.rmSync(dir, { recursive: true, force: true });

function reportLatency() {
  const ms = (n) => `${n.toFixed(1)} ms`;
  console.log(`file: ${lines} lines, ${first.diagnostics.length} findings; ${allRules.length} rules; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`didChange → publish over ${EDITS} edits at lines ${EDIT_LINE}–${EDIT_LINE + 19}: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(latencies[latencies.length - 1])}`);
  // Each edit waits for the previous publish, so it finds no lint of its document waiting or running: it lints at once.
  console.log(`  of which debounce: none (a lone edit lints at once; edits sent together wait for ${DEFAULT_DEBOUNCE_MS} ms of quiet)`);
  console.log(`typing a keystroke every ${TYPING_INTERVAL_MS} ms without waiting, keystroke → first publish of its version or a later one: p50 ${ms(percentile(typing, 50))}, p95 ${ms(percentile(typing, 95))}`);
  console.log(`  in process on the same text, p50: lintText ${ms(percentile(inProcess, 50))} (a full parse), parse only ${ms(percentile(parseOnly, 50))}`);
}
reportLatency();
const growth = (from, to) => `${(((to - from) / from) * 100).toFixed(1)} %`;
console.log(`server RSS after GC, median of 5: ${at500.rss.toFixed(1)} MB after 500 edits, ${at5000.rss.toFixed(1)} MB after 5,000 (${growth(at500.rss, at5000.rss)})`);
for (const thread of ['main', 'worker']) {
  console.log(`  ${thread} thread heap after GC: ${at500[thread].toFixed(1)} MB after 500 edits, ${at5000[thread].toFixed(1)} MB after 5,000 (${growth(at500[thread], at5000[thread])})`);
}
