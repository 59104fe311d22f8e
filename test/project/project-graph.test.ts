import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ModuleFacts } from '../../rules/core/project/module-facts';
import { ModuleResolver } from '../../rules/core/project/module-resolver';
import { ProjectGraph } from '../../rules/core/project/project-graph';
import { TempWorkspace } from '../helpers/temp-workspace';

/** Facts of a module that imports `targets` (relative names without extension), all at run time. */
function factsImporting(targets: readonly string[], typeOnly: readonly string[] = []): ModuleFacts {
  const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
  return {
    imports: [
      ...targets.map((t) => ({ specifier: `./${t}`, kind: 'import' as const, typeOnly: false, elidable: false, span })),
      ...typeOnly.map((t) => ({ specifier: `./${t}`, kind: 'import' as const, typeOnly: true, elidable: false, span })),
    ],
    envReads: [], processHandlers: [], serverStarts: [], runnable: false,
  };
}

/** The graph's cycles as chains of base names, for comparing two graphs. */
function chains(graph: ProjectGraph): string[] {
  return graph.cycles().map((c) => c.files.map((f) => path.basename(f, '.ts')).join('>'));
}

describe('ProjectGraph', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.remove());

  function build(edges: Record<string, string[]>, typeEdges: Record<string, string[]> = {}): ProjectGraph {
    ws = new TempWorkspace(Object.fromEntries(Object.keys(edges).map((n) => [`${n}.ts`, ''])));
    return ProjectGraph.build(new ModuleResolver(ws.root), Object.entries(edges).map(([n, t]) => [ws.path(`${n}.ts`), factsImporting(t, typeEdges[n])] as const));
  }

  it('finds a cycle, ignores type-only edges, and reports a 3-cycle once', () => {
    const graph = build({ a: ['b'], b: ['c'], c: ['a'], d: ['e'], e: [] }, { e: ['d'] });
    assert.deepEqual(chains(graph), ['a>b>c']);
  });

  it('a self-import is a cycle of one', () => {
    assert.deepEqual(chains(build({ a: ['a'], b: [] })), ['a']);
  });

  it('updates components when an edit closes and then opens a cycle', () => {
    const graph = build({ a: ['b'], b: ['c'], c: [] });
    assert.deepEqual(chains(graph), []);
    graph.setFacts(ws.path('c.ts'), factsImporting(['a']));
    assert.deepEqual(chains(graph), ['a>b>c']);
    graph.setFacts(ws.path('b.ts'), factsImporting([]));
    assert.deepEqual(chains(graph), []);
  });

  it('a deleted module leaves its cycles, and importers of it resolve nowhere', () => {
    const graph = build({ a: ['b'], b: ['a', 'c'], c: ['b'] });
    assert.deepEqual(chains(graph), ['a>b', 'b>c']);
    ws.delete('c.ts');
    graph.removeFile(ws.path('c.ts'));
    assert.deepEqual(chains(graph), ['a>b']);
    assert.equal(graph.edgesOf(ws.path('b.ts'))[1].resolution.kind, 'unresolved');
    assert.equal(graph.has(ws.path('c.ts')), false);
  });

  it('a renamed module keeps its facts; imports of the old name break and of the new name link', () => {
    const graph = build({ a: ['b', 'z'], b: ['a'], z: [] });
    assert.deepEqual(chains(graph), ['a>b']);
    ws.rename('b.ts', 'z2.ts');
    graph.renameFile(ws.path('b.ts'), ws.path('z2.ts'));
    assert.deepEqual(chains(graph), [], 'a imports ./b, which is gone');
    ws.rename('z.ts', 'b.ts');
    graph.renameFile(ws.path('z.ts'), ws.path('b.ts'), factsImporting(['a']));
    assert.deepEqual(chains(graph), ['a>b'], 'the new b closes the cycle again');
  });

  it('a created module resolves the imports that waited for it', () => {
    const graph = build({ a: ['b'] });
    assert.equal(graph.edgesOf(ws.path('a.ts'))[0].resolution.kind, 'unresolved');
    ws.write('b.ts', '');
    graph.setFacts(ws.path('b.ts'), factsImporting(['a']));
    assert.deepEqual(chains(graph), ['a>b']);
  });

  it('after many random edits, the incremental graph equals a graph built from scratch', () => {
    const names = Array.from({ length: 30 }, (_, i) => `m${i}`);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = (n: number) => Array.from({ length: n }, () => names[Math.floor(random() * names.length)]);
    const edges: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, pick(2)]));
    const graph = build(edges);
    for (let step = 0; step < 300; step++) {
      const name = names[Math.floor(random() * names.length)];
      edges[name] = pick(Math.floor(random() * 3));
      graph.setFacts(ws.path(`${name}.ts`), factsImporting(edges[name]));
      if (step % 25 === 0) {
        const fresh = ProjectGraph.build(new ModuleResolver(ws.root), names.map((n) => [ws.path(`${n}.ts`), factsImporting(edges[n])] as const));
        assert.deepEqual(chains(graph), chains(fresh), `after step ${step}`);
      }
    }
  });

  it('handles a 1,000-module chain closed into one cycle', () => {
    const count = 1_000;
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < count; i++) edges[`n${i}`] = [`n${(i + 1) % count}`];
    const graph = build(edges);
    assert.equal(graph.cycles().length, 1);
    assert.equal(graph.cycles()[0].files.length, count);
  });
});
