import type { ServerStartFact } from '../core/project/module-facts';
import { isTypeOnlyEdge, type ProjectGraphView } from '../core/project/project-rule';

/**
 * The modules of the program a module runs in: every module that (transitively) imports it, up to
 * the entry points, and everything those load, `import()` included. Signal and error handlers
 * of a service usually sit in its entry point or in a module the entry point loads, not beside
 * the `.listen(` call. Breadth-first, no recursion.
 */
export function programOf(graph: ProjectGraphView, file: string): Set<string> {
  const roots = new Set([file]);
  const up = [file];
  for (let head = 0; head < up.length; head++) {
    for (const importer of graph.importersOf(up[head])) {
      if (!roots.has(importer)) { roots.add(importer); up.push(importer); }
    }
  }
  const program = new Set(roots);
  const down = [...roots];
  for (let head = 0; head < down.length; head++) {
    for (const edge of graph.edgesOf(down[head])) {
      if (isTypeOnlyEdge(edge) || edge.resolution.kind !== 'file') continue;
      const target = edge.resolution.path;
      if (graph.has(target) && !program.has(target)) { program.add(target); down.push(target); }
    }
  }
  return program;
}

/**
 * The server and consumer starts of a service, by file in path order: calls that run when the
 * module starts (or anywhere in a module meant to be run), or in an exported function that another
 * module of the project imports (`import('./app.js').then((app) => app.default())`), outside test
 * files. A library's `listen()` method, run by a caller outside the project, is the caller's to shut down.
 */
export function serviceStarts(graph: ProjectGraphView): Array<{ file: string; starts: ServerStartFact[] }> {
  const out: Array<{ file: string; starts: ServerStartFact[] }> = [];
  for (const file of graph.files()) {
    const facts = graph.factsOf(file)!;
    if (facts.serverStarts.length === 0) continue;
    const imported = !graph.importersOf(file)[Symbol.iterator]().next().done;
    const starts = facts.serverStarts.filter((s) => s.atStartup || facts.runnable || (s.inExportedFunction && imported));
    if (starts.length > 0 && isServiceCode(graph, file)) out.push({ file, starts });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Whether a module is service code by its role (core/roles); facts without a role (cached by an older version) count as service. */
export function isServiceCode(graph: ProjectGraphView, file: string): boolean {
  const role = graph.factsOf(file)?.role?.role;
  return role === undefined || role === 'service';
}
