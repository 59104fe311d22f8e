import { rule } from '../../../rules/caching/no-unbounded-memoize';
import { runRuleTests } from '../../helpers/rule-tester';

const memoHelper = 'function memo(fn) {\n  const cache = new Map();\n  return (k) => {\n    if (!cache.has(k)) cache.set(k, fn(k));\n    return cache.get(k);\n  };\n}\n';

runRuleTests(rule, {
  valid: [
    { name: 'memoizee with max', code: 'import memoize from "memoizee";\nexport const f = memoize(compute, { max: 500 });' },
    { name: 'memoizee with maxAge', code: 'import memoize from "memoizee";\nexport const f = memoize(compute, { promise: true, maxAge: 60_000 });' },
    { name: 'memoizee with options the rule cannot see', code: 'import memoize from "memoizee";\nexport const f = memoize(compute, MEMO_OPTIONS);' },
    { name: 'lodash memoize made per call', code: 'import _ from "lodash";\nexport function handler(req) { const f = _.memoize(compute); return f(req.id); }' },
    { name: 'lodash memoize with a bounded .cache', code: 'import { memoize } from "lodash-es";\nconst f = memoize(compute);\nf.cache = new LRUCache({ max: 10 });' },
    { name: 'lodash memoize with a bounded Cache class for the module', code: 'import _ from "lodash";\n_.memoize.Cache = BoundedMap;\nexport const f = _.memoize(compute);' },
    { name: 'memoized per instance in a class field', code: 'import _ from "lodash";\nclass View { format = _.memoize((d) => fmt(d)); }' },
    { name: 'moize is bounded by default', code: 'import moize from "moize";\nexport const f = moize(compute);' },
    { name: 'memoize-one keeps one result', code: 'import memoizeOne from "memoize-one";\nexport const f = memoizeOne(compute);' },
    { name: 'mem with maxAge', code: 'const mem = require("mem");\nexport const f = mem(compute, { maxAge: 1000 });' },
    { name: 'a memoize of an unknown local module', code: 'import { memoize } from "./utils/memoize";\nexport const f = memoize(compute);' },
    { name: 'a hand-rolled helper with a size check', code: 'function memo(fn) {\n  const cache = new Map();\n  return (k) => {\n    if (cache.size > 100) cache.clear();\n    if (!cache.has(k)) cache.set(k, fn(k));\n    return cache.get(k);\n  };\n}\nexport const getUser = memo(loadUser);' },
    { name: 'a hand-rolled helper applied per call', code: `${memoHelper}export function handle(req) { return memo(load)(req.id); }` },
    { name: 'a once() helper holds no collection', code: 'function once(fn) { let done = false; let v; return () => (done ? v : ((done = true), (v = fn()))); }\nexport const init = once(setup);' },
  ],
  invalid: [
    {
      name: 'lodash _.memoize at module level',
      code: 'import _ from "lodash";\nexport const getConfig = _.memoize((name: string) => load(name));',
      errors: [{ messageId: 'unboundedMemoize', line: 2, column: 26, endLine: 2, endColumn: 35, suggestions: null }],
      output: null,
    },
    {
      name: 'lodash/memoize default import',
      code: 'import memoize from "lodash/memoize";\nconst f = memoize(compute);',
      errors: [{ messageId: 'unboundedMemoize', line: 2, column: 11, endLine: 2, endColumn: 18, suggestions: null }],
      output: null,
    },
    {
      name: 'lodash.memoize required',
      code: 'const memoize = require("lodash.memoize");\nmodule.exports.f = memoize(compute);',
      errors: [{ messageId: 'unboundedMemoize', line: 2, column: 20, endLine: 2, endColumn: 27, suggestions: null }],
      output: null,
    },
    {
      name: 'memoizee without options gets { max }',
      code: 'import memoize from "memoizee";\nexport const f = memoize(compute);',
      errors: [{ messageId: 'unboundedMemoize', line: 2, column: 18, endLine: 2, endColumn: 25, suggestions: [
        { messageId: 'addMax', output: 'import memoize from "memoizee";\nexport const f = memoize(compute, { max: 1000 });' },
      ] }],
      output: null,
    },
    {
      name: 'memoizee options without max get max, with the configured value',
      code: 'import memoize from "memoizee";\nexport const f = memoize(compute, { promise: true });',
      options: [{ suggestedMax: 200 }],
      errors: [{ messageId: 'unboundedMemoize', line: 2, column: 18, endLine: 2, endColumn: 25, suggestions: [
        { messageId: 'addMax', output: 'import memoize from "memoizee";\nexport const f = memoize(compute, { promise: true, max: 200 });' },
      ] }],
      output: null,
    },
    {
      name: 'mem without options',
      code: 'const mem = require("mem");\nconst f = mem(compute);',
      errors: [{ messageId: 'unboundedMemoize', line: 2, column: 11, endLine: 2, endColumn: 14, suggestions: null }],
      output: null,
    },
    {
      name: 'a static class field memoized with global lodash',
      code: 'class A { static lookup = _.memoize(find); }',
      errors: [{ messageId: 'unboundedMemoize', line: 1, column: 27, endLine: 1, endColumn: 36, suggestions: null }],
      output: null,
    },
    {
      name: 'a hand-rolled memo helper around a Map, applied at module level',
      code: `${memoHelper}export const getUser = memo(loadUser);`,
      errors: [{ messageId: 'unboundedMemoize', line: 8, column: 24, endLine: 8, endColumn: 28, suggestions: null }],
      output: null,
    },
    {
      name: 'a hand-rolled helper around an object, applied twice',
      code: 'export function memo(fn) {\n  const cache = {};\n  return function (k) {\n    if (!(k in cache)) cache[k] = fn(k);\n    return cache[k];\n  };\n}\nconst a = memo(f), b = memo(g);',
      errors: [
        { messageId: 'unboundedMemoize', line: 8, column: 11, endLine: 8, endColumn: 15, suggestions: null },
        { messageId: 'unboundedMemoize', line: 8, column: 24, endLine: 8, endColumn: 28, suggestions: null },
      ],
      output: null,
    },
  ],
});
