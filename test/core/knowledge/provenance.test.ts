import * as assert from 'node:assert/strict';
import type { Provenance } from '../../../rules/core/knowledge/provenance';
import { probeCalls } from './probe';

/** `axios.create().get` → `axios: create() .get` */
function show(p: Provenance | undefined): string {
  if (!p) return '-';
  return `${p.package}:${p.steps.map((s) => (s.kind === 'member' ? `.${s.name}` : s.kind === 'call' ? '()' : ' new')).join('')}`;
}

/** The provenance of the callee of each call in the snippet whose callee text is `callee`. */
function calleesNamed(code: string, callee: string, filename?: string): string[] {
  return probeCalls(code, (node, resolver) => (code.slice(node.callee.range[0], node.callee.range[1]) === callee ? show(resolver.of(node.callee)) : undefined), filename)
    .filter((x): x is string => x !== undefined);
}

describe('knowledge/provenance', () => {
  it('follows default, namespace and named imports', () => {
    assert.deepEqual(calleesNamed("import axios from 'axios';\naxios.get(u);", 'axios.get'), ['axios:.get']);
    assert.deepEqual(calleesNamed("import * as http from 'node:http';\nhttp.request(o);", 'http.request'), ['http:.request']);
    assert.deepEqual(calleesNamed("import { request } from 'undici';\nrequest(u);", 'request'), ['undici:.request']);
  });

  it('follows require at the top level, in functions, with destructuring and `.default`', () => {
    assert.deepEqual(calleesNamed("const got = require('got');\ngot(u);", 'got', 'a.js'), ['got:']);
    assert.deepEqual(calleesNamed("function f() {\n  const { post } = require('axios');\n  return post(u);\n}", 'post', 'a.js'), ['axios:.post']);
    assert.deepEqual(calleesNamed("const axios = require('axios').default;\naxios.get(u);", 'axios.get', 'a.js'), ['axios:.get']);
  });

  it('follows local variables holding one value, and calls made on them', () => {
    const code = "import axios from 'axios';\nconst api = axios.create({ baseURL });\nconst alias = api;\nexport const f = () => alias.get('/x');";
    assert.deepEqual(calleesNamed(code, 'alias.get'), ['axios:.create().get']);
  });

  it('does not follow a variable written twice, or a parameter', () => {
    assert.deepEqual(calleesNamed("import axios from 'axios';\nlet api = axios;\napi = other;\napi.get(u);", 'api.get'), ['-']);
    assert.deepEqual(calleesNamed('export function f(request) {\n  return request.get(\'host\');\n}', 'request.get', 'a.js'), ['-']);
  });

  it('follows `this.x` that the class assigns once, in a field or the constructor', () => {
    const code = "import got from 'got';\nclass A {\n  constructor() { this.http = got.extend({}); }\n  load() { return this.http.get('x'); }\n}";
    assert.deepEqual(calleesNamed(code, 'this.http.get', 'a.js'), ['got:.extend().get']);
    const twice = "import got from 'got';\nclass A {\n  constructor() { this.http = got.extend({}); }\n  reset() { this.http = other; }\n  load() { return this.http.get('x'); }\n}";
    assert.deepEqual(calleesNamed(twice, 'this.http.get', 'a.js'), ['-']);
  });

  it('names the platform globals, unless the file declares them', () => {
    assert.deepEqual(calleesNamed('fetch(u);\nglobalThis.fetch(u);', 'fetch'), ['(global):.fetch']);
    assert.deepEqual(calleesNamed('globalThis.fetch(u);', 'globalThis.fetch'), ['(global):.fetch']);
    assert.deepEqual(calleesNamed("import { fetch } from './http';\nfetch(u);", 'fetch'), ['./http:.fetch']);
  });

  it('records `new` as a step', () => {
    assert.deepEqual(probeCalls("import WebSocket from 'ws';\nnew WebSocket(u);", (node, r) => show(r.of(node))), ['ws: new']);
  });
});
