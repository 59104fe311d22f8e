/**
 * Test-only rules loaded into a real language server through OPSLINT_TEST_RULE_MODULES: one that
 * throws on every 7th file (fault-7.ts, fault-14.ts, ...), and one that reports the server's heap
 * after a full GC when it lints a file named heap-probe.ts (the soak test reads it from the
 * published diagnostic, so the server needs no test-only request).
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import type { Rule } from '../../rules/core/engine/types';

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

export const rules: Rule[] = [throwsEveryNth, heapProbe];
