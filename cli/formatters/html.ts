import * as path from 'node:path';
import { toPosix } from '../../rules/core/config/config-resolver';
import { CATEGORIES, type Finding } from '../../rules/core/engine/types';
import { totalsOf, type FormatInput, type Formatter } from './format-input';
import { couplingGraphSvg, escapeHtml } from './html-graph';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#1f2328}h1{margin-bottom:0}table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}.error{color:#d1242f}.warning{color:#9a6700}
pre{margin:0;font-size:12px;white-space:pre-wrap;max-width:60em}.note{color:#57606a}
#coupling-graph .edge{stroke:#8a94a6;stroke-width:.8;fill:none}#coupling-graph .edge.cycle{stroke:#d1242f;stroke-width:2}
#coupling-graph circle{fill:#0969da}#coupling-graph .cycle circle{fill:#d1242f}#coupling-graph text{font-size:10px;text-anchor:middle}`;

const MAX_HOTSPOTS = 15;

function summaryTable(input: FormatInput): string {
  const rows = [...CATEGORIES, 'opslint' as const].map((category) => {
    const found = input.results.flatMap((r) => r.messages).filter((m) => m.category === category);
    return `<tr><td>${category}</td><td class="error">${found.filter((m) => m.severity === 2).length}</td><td class="warning">${found.filter((m) => m.severity === 1).length}</td></tr>`;
  });
  return `<table id="summary"><tr><th>Category</th><th>Errors</th><th>Warnings</th></tr>${rows.join('')}</table>`;
}

function hotspotTable(input: FormatInput, relative: (file: string) => string): string {
  const churn = input.project?.churn ?? {};
  const rows = input.results.filter((r) => r.messages.length > 0).map((r) => {
    const file = relative(r.filePath);
    const commits = churn[file] ?? 0;
    return { file, findings: r.messages.length, commits, score: r.messages.length * commits };
  }).sort((a, b) => b.score - a.score || b.findings - a.findings || a.file.localeCompare(b.file)).slice(0, MAX_HOTSPOTS);
  if (rows.length === 0) return '<p>No findings.</p>';
  const window = input.project ? ` (commits in the last ${input.project.churnWindow})` : '';
  return `<p class="note">Files ranked by findings × recent churn${window}: where operability problems meet code that keeps changing.</p>
<table id="hotspots"><tr><th>File</th><th>Findings</th><th>Commits</th><th>Score</th></tr>${rows.map((r) => `<tr><td>${escapeHtml(r.file)}</td><td>${r.findings}</td><td>${r.commits}</td><td>${r.score}</td></tr>`).join('')}</table>`;
}

function excerpt(source: string | undefined, m: Finding): string {
  if (source === undefined) return '';
  const lines = source.split(/\r\n|[\r\n\u2028\u2029]/);
  const last = Math.min(m.endLine, m.line + 2);
  return lines.slice(m.line - 1, last).map((text, i) => `${String(m.line + i).padStart(5)} | ${text}`).join('\n');
}

function findingsTable(input: FormatInput, relative: (file: string) => string): string {
  const rows = input.results.flatMap((r) => r.messages.map((m) => {
    const url = input.registry.get(m.ruleId)?.meta.docs.url;
    const rule = url ? `<a href="${escapeHtml(url)}">${escapeHtml(m.ruleId)}</a>` : escapeHtml(m.ruleId);
    const severity = m.severity === 2 ? 'error' : 'warning';
    return `<tr class="finding"><td>${escapeHtml(relative(r.filePath))}:${m.line}:${m.column}</td><td class="${severity}">${severity}</td><td>${rule}</td>`
      + `<td>${escapeHtml(m.message)}<pre>${escapeHtml(excerpt(input.sources.get(r.filePath), m))}</pre></td></tr>`;
  }));
  return `<table id="findings"><tr><th>Where</th><th>Severity</th><th>Rule</th><th>Finding</th></tr>${rows.join('\n')}</table>`;
}

/**
 * One self-contained HTML file (inline CSS and SVG, no script, no network; a CSP forbids
 * fetching anything): summary by category and severity, hotspots (findings × git churn), the
 * module-coupling graph with cycles in red, and every finding with its code and docs link.
 */
export const html: Formatter = (input) => {
  const relative = (file: string) => toPosix(path.relative(input.cwd, file));
  const totals = totalsOf(input.results);
  const cycles = input.project?.cycles.length ?? 0;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Opslint report</title><style>${STYLE}</style></head>
<body>
<h1>Opslint report</h1>
<p class="note">opslint ${escapeHtml(input.toolVersion)} · ${input.results.length} files · <span class="error">${totals.errors} errors</span> · <span class="warning">${totals.warnings} warnings</span></p>
<h2>Summary</h2>
${summaryTable(input)}
<h2>Hotspots</h2>
${hotspotTable(input, relative)}
<h2>Module coupling</h2>
${input.project ? `<p class="note">${input.project.modules.length} modules, ${input.project.imports.length} imports, ${cycles} import cycle${cycles === 1 ? '' : 's'} (red).</p>${couplingGraphSvg(input.project)}` : '<p>No module graph.</p>'}
<h2>Findings</h2>
${findingsTable(input, relative)}
</body></html>`;
};
