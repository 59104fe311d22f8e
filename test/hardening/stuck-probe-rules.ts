/**
 * Test-only rules loaded into a real language server through OPSLINT_TEST_RULE_MODULES: one that
 * never returns on a file named hang*.ts (it first writes HANG_MARKER to stderr, so a test can wait
 * for the loop to have started instead of sleeping), and one that calls process.exit on exit*.ts.
 */
import * as path from 'node:path';
import type { Rule } from '../../rules/core/engine/types';

const DOCS = 'https://example.invalid/opslint-test-rules';

export const HANG_MARKER = 'stuck-probe: looping forever now';
export const EXIT_CODE = 3;

function meta(id: string, description: string): Rule['meta'] {
  return { type: 'problem', docs: { description, url: `${DOCS}/${id}`, recommended: false }, messages: {}, schema: [], opslint: { id: `test/${id}`, category: 'resilience', defaultSeverity: 'error' } };
}

export const loopsForever: Rule = {
  meta: meta('loops-forever', 'Test rule: never returns on hang*.ts.'),
  create(context) {
    const hangs = path.basename(context.filename).startsWith('hang');
    return {
      Program: () => {
        if (!hangs) return;
        process.stderr.write(`${HANG_MARKER}\n`);
        for (;;) {
          // A rule bug: an endless loop that never yields.
        }
      },
    };
  },
};

export const exitsProcess: Rule = {
  meta: meta('exits-process', 'Test rule: calls process.exit on exit*.ts.'),
  create(context) {
    const exits = path.basename(context.filename).startsWith('exit');
    return { Program: () => { if (exits) process.exit(EXIT_CODE); } };
  },
};

export const rules: Rule[] = [loopsForever, exitsProcess];
