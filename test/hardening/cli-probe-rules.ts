/**
 * Test-only rules loaded into a real CLI process through OPSLINT_TEST_RULE_MODULES: they make a
 * run slow enough to interrupt, say on stderr when linting has begun, edit a file on disk while
 * it is being linted, and delete one the run has yet to reach.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../../rules/core/engine/types';

const DOCS = 'https://example.invalid/opslint-test-rules';

function probe(id: string, description: string, onFile: (filename: string) => void): Rule {
  return {
    meta: {
      type: 'problem', docs: { description, url: `${DOCS}/${id}`, recommended: false },
      messages: {}, schema: [], opslint: { id: `test/${id}`, category: 'resilience', defaultSeverity: 'error' },
    },
    create: (context) => ({ Program: () => onFile(context.filename) }),
  };
}

/** Busy for 20 ms per file; announces the first file named first.ts on stderr (pipes write synchronously). */
export const slow = probe('slow', 'Test rule: 20 ms per file.', (filename) => {
  if (filename.endsWith('first.ts')) process.stderr.write('test/slow: linting started\n');
  const until = Date.now() + 20;
  while (Date.now() < until) { /* busy, as a slow rule is */ }
});

/** Appends a comment to files named edited-*.ts while they are linted, as an editor saving would. */
export const editsFile = probe('edits-file', 'Test rule: edits the file under lint.', (filename) => {
  if (/edited-[^/\\]*\.ts$/.test(filename)) fs.appendFileSync(filename, '// saved by an editor meanwhile\n');
});

/** Deletes z-victim.ts (sorted last) from the folder of a-first.ts while a-first.ts is linted. */
export const deletesFile = probe('deletes-file', 'Test rule: deletes a file the run has yet to lint.', (filename) => {
  if (filename.endsWith('a-first.ts')) fs.rmSync(path.join(path.dirname(filename), 'z-victim.ts'), { force: true });
});

export const rules: Rule[] = [slow, editsFile, deletesFile];
