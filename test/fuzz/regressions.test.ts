import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { checkProgram } from './check-program';
import { fuzzSetup } from './run-fuzz';

/** Minimized programs that once failed a fuzz check (saved by `npm run fuzz -- --save`). */
const DIR = path.join(REPO_ROOT, 'test', 'fuzz', 'regressions');

describe('fuzzing: regressions', () => {
  const setup = fuzzSetup();
  const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => /\.[cm]?[jt]sx?$/.test(f)).sort() : [];
  for (const file of files) {
    it(`${file} passes every fuzz check`, () => {
      const result = checkProgram(fs.readFileSync(path.join(DIR, file), 'utf8'), file, setup);
      assert.notEqual(result, 'unparsable', 'a regression program must parse');
      assert.deepEqual(result, []);
    });
  }
});
