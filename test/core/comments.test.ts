import * as assert from 'node:assert/strict';
import { bothComments } from '../helpers/both-comments';

const CASES: Array<[string, string, string]> = [
  ['strings that look like comments', 'const a = "// no"; const b = \'/* no */\'; // yes\n', 'a.ts'],
  ['a URL in a string, then a real comment', 'fetch("https://example.com/a//b"); /* real */\n', 'a.ts'],
  ['template chunks and a comment inside ${}', 'const t = `http://x/${ /* inside */ id }//y/*z*/${`//${n}`}`; // after\n', 'a.ts'],
  ['regex literals holding // and /*', 'const r = /\\/\\/|\\/*x/g; const s = /[/*]/; const d = a / /*c*/ b / 2; // end\n', 'a.ts'],
  ['division followed by a regex', 'const q = a / /re\\//.exec(s)!.length; // done\n', 'a.ts'],
  ['JSX text, attributes and an expression comment', 'const e = <a href="//cdn/x" title=\'/*t*/\'>see // here /* not */ {/* real */}</a>; // tail\n', 'a.tsx'],
  ['CRLF, U+2028 and a comment at the end without a newline', 'let x = 1; // crlf\r\nlet y = 2; // ls\u2028let z = 3; /* a\r\nb */ // last', 'a.js'],
  ['empty and starred block comments, JSDoc', '/**/ /***/ /** @param a x */\nfunction f(a) { return a; }\n', 'a.js'],
  ['a shebang, with slashes that are not a comment', '#!/usr//bin/env node /*x*/\n// first\nconsole.log(1);\n', 'a.js'],
  ['TypeScript: literal types, enums, decorators, import attributes', "import data from './d.json' with { type: 'json' }; // attr\ntype P = `/${string}//`; /* t */\nenum E { 'a//b' = 1 } // e\n@dec('/*') class C { m(): '//' { return '//'; } } // c\n", 'a.ts'],
  ['comments between every token kind', 'function /*a*/ f /*b*/ (/*c*/ x /*d*/) /*e*/ { /*f*/ return /*g*/ x /*h*/ ; /*i*/ } /*j*/\n', 'a.ts'],
  ['no comment at all, but slashes', 'const half = a / 2; const path = "/a/b"; const re = /x\\/y/;\n', 'a.ts'],
];

describe('extractComments: the comments typescript-estree would collect, from the AST and the text', () => {
  for (const [name, text, file] of CASES) {
    it(name, () => {
      const { theirs, ours } = bothComments(text, file);
      assert.deepEqual(ours, theirs);
    });
  }

  it('finds every case above non-trivially: the cases hold real comments', () => {
    const counts = CASES.map(([, text, file]) => bothComments(text, file).theirs.length);
    assert.ok(counts.filter((n) => n > 0).length >= CASES.length - 1, counts.join(','));
  });
});
