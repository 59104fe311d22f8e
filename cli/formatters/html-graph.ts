import type { ProjectReportData } from './format-input';

/** More nodes than this make a circle of unreadable dots: keep the best-connected ones and every cycle member. */
const MAX_NODES = 120;
const SIZE = 640;

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);

function pickNodes(data: ProjectReportData, inCycle: ReadonlySet<string>): string[] {
  if (data.modules.length <= MAX_NODES) return data.modules;
  const degree = new Map<string, number>();
  for (const [from, to] of data.imports) {
    degree.set(from, (degree.get(from) ?? 0) + 1);
    degree.set(to, (degree.get(to) ?? 0) + 1);
  }
  const ranked = [...data.modules].sort((a, b) => Number(inCycle.has(b)) - Number(inCycle.has(a)) || (degree.get(b) ?? 0) - (degree.get(a) ?? 0) || a.localeCompare(b));
  return ranked.slice(0, MAX_NODES).sort();
}

/**
 * The module-coupling graph as inline SVG (no script, no network): modules on a circle in path
 * order, imports as arrows, modules and imports that form a cycle in red. Laid out here so the
 * report is the same on every machine.
 */
export function couplingGraphSvg(data: ProjectReportData): string {
  const cycleEdges = new Set<string>();
  const inCycle = new Set<string>();
  for (const cycle of data.cycles) {
    cycle.forEach((file, i) => {
      inCycle.add(file);
      cycleEdges.add(`${file}\0${cycle[(i + 1) % cycle.length]}`);
    });
  }
  const nodes = pickNodes(data, inCycle);
  const center = SIZE / 2;
  const radius = center - 40;
  const position = new Map(nodes.map((file, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length) - Math.PI / 2;
    return [file, { x: center + radius * Math.cos(angle), y: center + radius * Math.sin(angle) }];
  }));
  const edges = data.imports.filter(([from, to]) => position.has(from) && position.has(to) && from !== to).map(([from, to]) => {
    const a = position.get(from)!;
    const b = position.get(to)!;
    const cycle = cycleEdges.has(`${from}\0${to}`);
    // Bent to the right of the direction of travel, so a -> b and b -> a stay apart.
    const bend = 0.12;
    const cx = (a.x + b.x) / 2 + (b.y - a.y) * bend;
    const cy = (a.y + b.y) / 2 - (b.x - a.x) * bend;
    return `<path class="edge${cycle ? ' cycle' : ''}" d="M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}" marker-end="url(#${cycle ? 'arrow-cycle' : 'arrow'})"/>`;
  });
  const circles = nodes.map((file) => {
    const p = position.get(file)!;
    const name = escapeHtml(file);
    return `<g class="node${inCycle.has(file) ? ' cycle' : ''}" data-file="${name}"><title>${name}</title><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="5"/>`
      + `${nodes.length <= 40 ? `<text x="${p.x.toFixed(1)}" y="${(p.y - 9).toFixed(1)}">${escapeHtml(file.split('/').pop()!)}</text>` : ''}</g>`;
  });
  const note = nodes.length < data.modules.length ? `<p class="note">Showing ${nodes.length} of ${data.modules.length} modules: every module in a cycle, then the best connected.</p>` : '';
  return `${note}<svg id="coupling-graph" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="Module coupling graph">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="14" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#8a94a6"/></marker>
<marker id="arrow-cycle" viewBox="0 0 10 10" refX="14" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" fill="#d1242f"/></marker></defs>
${edges.join('\n')}
${circles.join('\n')}
</svg>`;
}
