/**
 * extractComments (rules/core/engine/comments.ts) replaces typescript-estree's own comment
 * collection; on every file of the pinned corpus both must give the same comments.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bothComments } from '../helpers/both-comments';
import { loadCorpus } from './corpus';

describe('ruling: comments on the corpus', function () {
  this.timeout(10 * 60_000);

  it('extractComments equals typescript-estree comment collection on every corpus file', () => {
    const corpus = loadCorpus();
    const differing: string[] = [];
    let comments = 0;
    for (const file of corpus.files) {
      let both: ReturnType<typeof bothComments>;
      try {
        both = bothComments(fs.readFileSync(file, 'utf8'), file);
      } catch {
        continue; // a file that does not parse has no comments to compare (the ruling test reports it)
      }
      comments += both.theirs.length;
      try {
        assert.deepEqual(both.ours, both.theirs);
      } catch {
        differing.push(path.relative(corpus.dir, file));
      }
    }
    assert.deepEqual(differing, []);
    assert.ok(comments > 10_000, `only ${comments} comments in the corpus: is it the pinned one?`);
  });
});
