import * as assert from 'node:assert/strict';
import { mayUseOutboundClient, OUTBOUND_CLIENTS, outboundUseOf } from '../../../rules/core/knowledge/outbound-clients';
import { extractFacts } from '../../../rules/core/project/module-facts';
import { parseSource } from '../../../rules/core/engine/parse';
import { probeCalls } from './probe';

/** What each call or `new` of a snippet is to the table: `request axios get`, `factory axios create`, `instance axios`, `-`. */
function uses(code: string, filename?: string): string[] {
  return probeCalls(code, (node, resolver) => {
    const callee = resolver.of(node.callee);
    const use = callee && outboundUseOf(callee, node.type === 'NewExpression');
    if (!use) return '-';
    return use.kind === 'instance' ? `instance ${use.client.label}` : `${use.kind} ${use.client.label} ${use.api}`;
  }, filename);
}

function programDefaults(code: string, filename = 'src/file.ts'): string[] {
  return extractFacts(parseSource(code, filename), filename, code).clientDefaults ?? [];
}

describe('knowledge/outbound-clients (the timeout table)', () => {
  it('every client has a package, a way to bound a call and words for what happens without one', () => {
    for (const client of OUTBOUND_CLIENTS) {
      assert.ok(client.packages.length > 0, client.label);
      assert.ok(client.timeoutKeys.length > 0 || Object.values(client.requests).every((at) => at.kind === 'chain'), client.label);
      assert.ok(client.withoutTimeout.length > 0, client.label);
    }
  });

  it('tells requests, factories and calls through created clients apart', () => {
    assert.deepEqual(uses("import axios from 'axios';\naxios.get(u);\nconst api = axios.create({});\napi.post(u, b);"),
      ['request axios get', 'factory axios create', 'instance axios']);
    assert.deepEqual(uses("const request = require('request');\nrequest(u, cb);\nrequest.post({ url });\nconst r = request.defaults({});", 'a.js'),
      ['-', 'request request ', 'request request post', 'factory request defaults']);
  });

  it('knows constructors that connect', () => {
    assert.deepEqual(uses("import WebSocket from 'ws';\nnew WebSocket(u);"), ['connect ws ']);
    assert.deepEqual(uses("import { WebSocket } from 'ws';\nnew WebSocket(u);"), ['connect ws WebSocket']);
  });

  it('does not take another library for one it knows', () => {
    assert.deepEqual(uses("import sql from 'mssql';\nconst pool = new sql.ConnectionPool(c);\npool.request();"), ['-', '-']);
    assert.deepEqual(uses("import { get } from './cache';\nget(u);\nnew WebSocket(u);"), ['-', '-']);
    assert.deepEqual(uses("import axios from 'axios';\naxios.isAxiosError(e);"), ['-']);
  });

  it('finds the program-wide defaults a module sets', () => {
    assert.deepEqual(programDefaults("const axios = require('axios');\nclass S {\n  constructor() { axios.defaults.timeout = 300 * 1000; }\n}", 'a.js'), ['axios.timeout']);
    assert.deepEqual(programDefaults("import axios from 'axios';\naxios.defaults.timeout = 0;"), []);
    assert.deepEqual(programDefaults("import axios from 'axios';\nconst api = axios.create();\napi.defaults.timeout = 5000;"), []);
    assert.deepEqual(programDefaults("import { Agent, setGlobalDispatcher } from 'undici';\nsetGlobalDispatcher(new Agent({ headersTimeout: 10e3, bodyTimeout: 10e3 }));"), ['undici.dispatcher']);
    assert.deepEqual(programDefaults("import { EnvHttpProxyAgent, setGlobalDispatcher } from 'undici';\nsetGlobalDispatcher(new EnvHttpProxyAgent());"), []);
    assert.deepEqual(programDefaults("const needle = require('needle');\nneedle.defaults({ response_timeout: 5000 });", 'a.js'), ['needle.timeout']);
    assert.deepEqual(programDefaults("const other = require('./axios');\nother.defaults.timeout = 5000;", 'a.js'), []);
  });

  it('a cheap text test tells which files can hold such a call', () => {
    assert.equal(mayUseOutboundClient("const request = require('request');"), true);
    assert.equal(mayUseOutboundClient("import https from 'node:https';"), true);
    assert.equal(mayUseOutboundClient('await fetch(url);'), true);
    assert.equal(mayUseOutboundClient("import { request } from './http';\nconst wsUrl = 'x';"), false);
  });
});
