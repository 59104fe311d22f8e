import { cycleThroughEdge, cyclesThrough } from '../core/project/import-cycles';
import { ComponentLoadOrder, type LoadOrderHazard } from '../core/project/load-order';
import { type ImportCycle, isLazyEdge, type ModuleEdge, type ProjectGraphView, relatedAt } from '../core/project/project-rule';
import type { RelatedLocation } from '../core/engine/types';
import { createProjectRule } from '../utils/create-rule';
import { projectPath } from '../utils/file-roles';
import { SERVICE_CODE } from '../core/roles/role-sets';

interface Options { includeLazyRequires: boolean; reportDeferredCycles: boolean }

/** A finding names at most this many cycles through its import (their hops are its related locations). */
const MAX_CYCLES_PER_FINDING = 5;

/** What makes the cycles through one import line worth reporting. */
type Reason = { kind: 'hazard'; hazard: LoadOrderHazard } | { kind: 'deferred' } | { kind: 'lazy' };

/** One finding: an import line, why it is reported, and the cycles through it (the first is the one the message names). */
interface Place { edge: ModuleEdge; reason: Reason; cycles: ImportCycle[]; keys: Set<string> }

const placeKey = (edge: ModuleEdge) => `${edge.from}\0${edge.import.span.line}\0${edge.import.span.column}`;
const cycleKey = (cycle: ImportCycle) => cycle.hops.map(placeKey).sort().join('\0\0');
const runtimeEdges = (graph: ProjectGraphView) => (file: string) => graph.edgesOf(file).filter((e) => e.runtime);

export const projectRule = createProjectRule<[Options]>({
  id: 'coupling/no-import-cycle',
  description: 'Modules that load each other, where one takes a binding from another that may still be loading',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    loadTimeRead: 'Import cycle: {{chain}}. This module reads {{names}} from {{target}} while it loads (line {{line}}). If the process loads {{target}} first, its imports lead back here before it has finished, so unless it has set {{names}} by then, {{names}} is undefined here (in ES modules, not yet initialised) and code that uses it at load fails. Take what both need out into a module of its own, or read it only inside the functions that use it.{{more}}',
    selfRead: 'Import cycle: {{chain}}. This module imports itself and reads {{names}} from itself while it loads (line {{line}}), before its own exports are set. Use the local bindings instead.{{more}}',
    staleExports: 'Import cycle: {{chain}}. This require() keeps the object {{target}} exports at this moment, and {{target}} later replaces it (`module.exports = …`). If the process loads {{target}} first, its imports lead back here before it has finished, so unless it has replaced its exports by then, what is kept is the empty placeholder object, for good, and every use of it fails. Take what both need out into a module of its own, or require it inside the functions that use it.{{more}}',
    deferredCycle: 'Import cycle: {{chain}}. Design debt, not a load-order hazard: the imports of this cycle are read only inside functions, which run after every module has loaded, but these modules can only be changed, tested and split out together. Move what they share into a module of its own, or invert one dependency (pass it in, or import only a type).{{more}}',
    lazyCycle: 'Import cycle through a require() inside a function: {{chain}}. Design debt, not a load-order hazard: that require() loads its module when the function runs, after both have loaded, but these modules can only be changed, tested and split out together. Move what they share into a module of its own, or pass the dependency in.{{more}}',
  },
  schema: [{
    type: 'object',
    additionalProperties: false,
    properties: {
      includeLazyRequires: { type: 'boolean', description: 'Also report cycles closed by a `require()` inside a function (which loads its module when called, not at load time), as design debt.' },
      reportDeferredCycles: { type: 'boolean', description: 'Also report cycles whose imports are only read inside functions (no load-order hazard), as design debt. `opslint:all` turns it on.' },
    },
  }],
  defaultOptions: [{ includeLazyRequires: false, reportDeferredCycles: false }],
  allPresetOptions: [{ reportDeferredCycles: true }],
  check(graph, context) {
    const name = (file: string) => projectPath(file, context.cwd);
    const option = (file: string, key: keyof Options) => context.optionsFor(file)[0]?.[key] === true;
    const places = new Map<string, Place>();
    const add = (edge: ModuleEdge, reason: () => Reason | undefined, cycle: ImportCycle) => {
      let place = places.get(placeKey(edge));
      if (!place) {
        const why = reason();
        if (!why) return;
        places.set(placeKey(edge), (place = { edge, reason: why, cycles: [], keys: new Set() }));
      }
      const key = cycleKey(cycle);
      if (!place.keys.has(key)) {
        place.keys.add(key);
        place.cycles.push(cycle);
      }
    };

    // Load-order hazards: each import that takes something from a module of its cycle while loading, with the shortest cycle through it.
    const follow = runtimeEdges(graph);
    const hazards = new Map<string, LoadOrderHazard>();
    for (const component of graph.cyclicComponents()) {
      const members = new Set(component);
      const loadOrder = new ComponentLoadOrder(members, graph);
      for (const file of [...component].sort()) {
        if (!context.isEnabled(file)) continue;
        for (const edge of follow(file)) {
          const hazard = loadOrder.hazardOf(edge);
          const cycle = hazard && cycleThroughEdge(edge, members, follow);
          if (!hazard || !cycle) continue;
          hazards.set(placeKey(edge), hazard);
          add(edge, () => ({ kind: 'hazard', hazard }), cycle);
        }
      }
    }
    // The graph's cycles (one per back edge) join the findings of their hazardous imports; a cycle with none is design debt,
    // reported at its first import where the option is on.
    for (const cycle of graph.cycles()) {
      const hazardous = cycle.hops.filter((hop) => hazards.has(placeKey(hop)));
      for (const hop of hazardous) add(hop, () => undefined, cycle);
      const first = cycle.hops[0];
      if (hazardous.length === 0) add(first, () => (option(first.from, 'reportDeferredCycles') ? { kind: 'deferred' } : undefined), cycle);
    }
    // Cycles closed by a lazy require(), for files that opt in: computed afresh (the graph keeps load-time cycles only).
    if ([...graph.files()].some((file) => context.isEnabled(file) && option(file, 'includeLazyRequires'))) {
      for (const cycle of cyclesThrough(graph, (edge) => edge.runtime || isLazyEdge(edge))) {
        const first = cycle.hops[0];
        if (cycle.hops.some(isLazyEdge)) add(first, () => (option(first.from, 'includeLazyRequires') ? { kind: 'lazy' } : undefined), cycle);
      }
    }

    for (const place of places.values()) {
      const [cycle, ...others] = place.cycles;
      const shown = place.cycles.slice(0, MAX_CYCLES_PER_FINDING);
      const target = cycle.files[1 % cycle.files.length];
      const more = others.length === 0 ? '' : ` The import is on ${place.cycles.length} cycles${place.cycles.length > shown.length ? ` (the first ${shown.length} in the related locations)` : ' (see the related locations)'}.`;
      const data: Record<string, string> = { chain: [...cycle.files, cycle.files[0]].map(name).join(' → '), target: name(target), more };
      let messageId: string = place.reason.kind === 'deferred' ? 'deferredCycle' : 'lazyCycle';
      if (place.reason.kind === 'hazard') {
        const { hazard } = place.reason;
        messageId = hazard.kind === 'stale' ? 'staleExports' : target === place.edge.from ? 'selfRead' : 'loadTimeRead';
        if (hazard.kind === 'read') Object.assign(data, { names: hazard.names.map((n) => `\`${n}\``).join(', '), line: String(hazard.line) });
      }
      context.report({ filePath: place.edge.from, span: place.edge.import.span, messageId, data, relatedInformation: shown.flatMap((c, i) => relatedOf(c, shown.length > 1 ? `cycle ${i + 1}: ` : '', name)) });
    }
  },
});

function relatedOf(cycle: ImportCycle, prefix: string, name: (file: string) => string): RelatedLocation[] {
  const next = (i: number) => cycle.files[(i + 1) % cycle.files.length];
  return cycle.hops.map((hop, i) => relatedAt(hop, `${prefix}${name(hop.from)} imports ${name(next(i))} here`));
}
