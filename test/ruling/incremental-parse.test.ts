/**
 * The incremental parse (rules/core/engine/incremental-parse.ts) against a full parse, over random
 * edit sequences on corpus files: each edit is what a keystroke, a paste or a deletion does, applied
 * to the text the previous edit left, as an editor sends them. Every program must equal the full
 * parse of its text; a text that does not parse must fail the same way.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DocumentParser } from '../../rules/core/engine/document-parser';
import { parseSource, type Program } from '../../rules/core/engine/parse';
import { traverse } from '../../rules/core/engine/traverse';
import { ParseError } from '../../rules/core/errors';
import { Random } from '../fuzz/random';
import { astDifference } from '../helpers/ast-difference';
import { loadCorpus } from './corpus';

/** Every FILE_STRIDE-th corpus file, EDITS_PER_FILE edits each: about 2,300 edits, 15 s here. */
const FILE_STRIDE = 16;
const EDITS_PER_FILE = 15;
const SEED = 1;

/** What typing inserts: plain characters, and the ones that open or close something. */
const TYPED = [' ', 'x', 'a1', ';', '\n', '\r\n', '\u2028', '(', ')', '{', '}', '`', '"', "'", '/*', '*/', '//', '=>', '<', 'await ', 'export ', 'import x from "y";\n', 'f(1)\n', '\n(g)\n', "'use strict';\n"];

function randomEdit(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  const removed = random.chance(0.3) ? random.int(40) : 0;
  const inserted = random.chance(0.8) ? random.pick(TYPED) : '';
  // A line from elsewhere in the file, as a paste does.
  const pasted = random.chance(0.1) ? text.slice(text.lastIndexOf('\n', random.int(text.length)) + 1).split('\n')[0] + '\n' : '';
  return text.slice(0, at) + inserted + pasted + text.slice(Math.min(text.length, at + removed));
}

function parseOrError(parse: () => Program): Program | string {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ParseError) return `${error.line}:${error.column} ${error.reason}`;
    throw error;
  }
}

describe('ruling: incremental parse on corpus edits', function () {
  this.timeout(10 * 60_000);

  it('equals a full parse after every edit of random edit sequences', () => {
    const corpus = loadCorpus();
    const random = new Random(SEED);
    const parser = new DocumentParser();
    const differing: string[] = [];
    let edits = 0;
    /** Parses that could be incremental: of a text that parses, right after a parse that succeeded. */
    let eligible = 0;
    corpus.files.filter((_, i) => i % FILE_STRIDE === 0).forEach((file, index) => {
      let parsing = fs.readFileSync(file, 'utf8');
      // Every other file with Windows line ends.
      if (index % 2 === 1) parsing = parsing.replace(/\r?\n/g, '\r\n');
      let previousParsed = false;
      for (let i = 0; i <= EDITS_PER_FILE; i++) {
        // After an edit that broke the syntax the user undoes it: the next edit starts from the last text that parsed.
        const text = i === 0 ? parsing : randomEdit(parsing, random);
        const ours = parseOrError(() => parser.parse(text, file));
        const full = parseOrError(() => parseSource(text, file));
        const difference = typeof ours === 'string' || typeof full === 'string' ? (ours === full ? undefined : `${String(typeof ours === 'string' ? ours : 'parsed')} vs ${String(typeof full === 'string' ? full : 'parsed')}`) : astDifference(ours, full);
        if (difference) differing.push(`${path.relative(corpus.dir, file)} after edit ${i}: ${difference}`);
        // The lint walk sets parent links on what the next edit reuses.
        if (typeof ours !== 'string') {
          traverse(ours, () => undefined);
          parsing = text;
          if (previousParsed) eligible++;
        }
        previousParsed = typeof ours !== 'string';
        edits++;
      }
    });
    assert.deepEqual(differing, []);
    assert.ok(edits > 2_000, `only ${edits} edits: is the corpus the pinned one?`);
    console.log(`      ${edits} edits, ${eligible} could be incremental, ${parser.counts.incremental} were`);
    // The rest changed module-ness, reached past a neighbour, or touched a directive or `await`.
    assert.ok(parser.counts.incremental > eligible * 0.75, `only ${parser.counts.incremental} of ${eligible} parses were incremental`);
  });
});
