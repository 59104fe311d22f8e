import * as assert from 'node:assert/strict';
import { argumentDestinations } from '../../../rules/core/knowledge/value-flow';
import { dottedName } from '../../../rules/utils/ast-names';
import { literal, parsed } from './parse-for-test';

/** `callee#index:keys` for each call argument the literal reaches. */
function destinations(code: string, value: string): string[] {
  const { sourceCode, nodes } = parsed(code);
  return argumentDestinations(literal(nodes, value), sourceCode).map((d) => `${dottedName(d.call.callee)}#${d.index}:${d.keys.join('.')}`);
}

describe('knowledge: value flow', () => {
  it('follows a literal straight into a call', () => {
    assert.deepEqual(destinations(`fetch('https://a.io/x', { signal });`, 'https://a.io/x'), ['fetch#0:']);
  });

  it('follows a constant through a template and a concatenation', () => {
    const code = "const BASE = 'https://a.io';\nfunction f(id) { get(`${BASE}/items/${id}`); post(BASE + '/x'); }";
    assert.deepEqual(destinations(code, 'https://a.io').sort(), ['get#0:', 'post#0:']);
  });

  it('records the keys of option objects, through a variable and nested objects', () => {
    const code = "const options = { redis: { host: 'cache:6379' } };\nnew Queue('jobs', options);";
    assert.deepEqual(destinations(code, 'cache:6379'), ['Queue#1:redis.host']);
  });

  it('follows class fields read as this.x and Class.x, not their writes', () => {
    const code = "class A {\n  url = 'https://a.io';\n  static base = 'https://b.io';\n  run() { this.url = other; call(this.url); call2(A.base); }\n}";
    assert.deepEqual(destinations(code, 'https://a.io'), ['call#0:']);
    assert.deepEqual(destinations(code, 'https://b.io'), ['call2#0:']);
  });

  it('follows a field assigned in a method', () => {
    const code = "class A {\n  init() { this.apiUrl = 'https://a.io'; }\n  get() { return fetch(`${this.apiUrl}/x`); }\n}";
    assert.deepEqual(destinations(code, 'https://a.io'), ['fetch#0:']);
  });

  it('follows new URL(value) and url.toString()', () => {
    const code = "const url = new URL('https://a.io/x');\nsend(url.toString());";
    assert.deepEqual(destinations(code, 'https://a.io/x'), ['send#0:']);
  });

  it('does not take a value placed after the start of a template or concatenation as the address', () => {
    assert.deepEqual(destinations("const OWN = 'https://a.io';\nget(`https://b.io/?next=${OWN}`);\npost('https://b.io/?next=' + OWN);", 'https://a.io'), []);
  });

  it('does not follow what a function returns, nor a literal used as a condition', () => {
    assert.deepEqual(destinations("function u() { return 'https://a.io'; }\nfetch(u());", 'https://a.io'), []);
    assert.deepEqual(destinations("const x = 'https://a.io' ? a : b; call(x);", 'https://a.io'), []);
  });

  it('stops after the allowed number of variables', () => {
    const code = "const a = 'https://a.io';\nconst b = a;\nconst c = b;\nconst d = c;\nconst e = d;\ncall(e);";
    const { sourceCode, nodes } = parsed(code);
    assert.equal(argumentDestinations(literal(nodes, 'https://a.io'), sourceCode, 4).length, 0);
    assert.equal(argumentDestinations(literal(nodes, 'https://a.io'), sourceCode, 5).length, 1);
  });
});
