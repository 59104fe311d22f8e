/**
 * Test-only rules loaded into a real language server through OPSLINT_TEST_RULE_MODULES: one that
 * throws on every 7th file (fault-7.ts, fault-14.ts, ...), and two that report a heap after a full
 * GC on a file named heap-probe.ts, read by the soak test from the published diagnostics (so the
 * server needs no test-only request): a per-file rule for the lint worker's heap, and a project
 * rule, which the server runs on its main thread (documents, module graph, diagnostics live there).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Rule } from '../../rules/core/engine/types';
import type { ProjectRule } from '../../rules/core/project/project-rule';

const DOCS = 'https://example.invalid/opslint-test-rules';

function meta(id: string, description: string, messages: Record<string, string> = {}): Rule['meta'] {
  return { type: 'problem', docs: { description, url: `${DOCS}/${id}`, recommended: false }, messages, schema: [], opslint: { id: `test/${id}`, category: 'resilience', defaultSeverity: 'error' } };
}

export const THROW_EVERY = 7;

export const throwsEveryNth: Rule = {
  meta: meta('throws-every-nth', 'Test rule: throws on every 7th file.'),
  create(context) {
    const n = Number(/fault-(\d+)\.ts$/.exec(context.filename)?.[1]);
    return { Program: () => { if (n > 0 && n % THROW_EVERY === 0) throw new Error(`fault injected on file ${n}`); } };
  },
};

/** A full GC without --expose-gc: the flag can be set at run time for a new context's `gc`. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

export const heapProbe: Rule = {
  meta: meta('heap-probe', 'Test rule: reports the heap after GC.', { heap: 'heap {{bytes}}' }),
  create(context) {
    return {
      Program(node) {
        if (!context.filename.endsWith('heap-probe.ts')) return;
        collectGarbage();
        context.report({ node, messageId: 'heap', data: { bytes: process.memoryUsage().heapUsed } });
      },
    };
  },
};

/** What heap-probe.ts imports to ask for the main thread's heap; only then, so other edits pay no GC. */
export const MAIN_HEAP_REQUEST = './measure-main-heap';

export const mainHeapProbe: ProjectRule = {
  meta: meta('main-heap-probe', 'Test rule: reports the main thread heap after GC.', { heap: 'main heap {{bytes}}' }),
  create: () => ({}),
  check(graph, context) {
    for (const file of graph.files()) {
      if (!file.endsWith('heap-probe.ts') || !graph.factsOf(file)?.imports.some((fact) => fact.specifier === MAIN_HEAP_REQUEST)) continue;
      collectGarbage();
      context.report({ filePath: file, span: { line: 1, column: 1, endLine: 1, endColumn: 2 }, messageId: 'heap', data: { bytes: process.memoryUsage().heapUsed } });
    }
  },
};

export const rules: Rule[] = [throwsEveryNth, heapProbe, mainHeapProbe];
