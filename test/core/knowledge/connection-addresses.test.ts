import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { outboundCall, takesAddressAt } from '../../../rules/core/knowledge/connection-addresses';
import { moduleBindings } from '../../../rules/utils/imports';
import { parsed } from './parse-for-test';

/** The outbound call of the last call or `new` in the code, as `client [addressArgs] [optionArgs]`. */
function shapeOf(code: string): string | undefined {
  const { sourceCode, nodes } = parsed(code);
  const calls = nodes.filter((n): n is TSESTree.CallExpression | TSESTree.NewExpression => n.type === 'CallExpression' || n.type === 'NewExpression');
  const call = calls[calls.length - 1];
  const outbound = outboundCall(call, moduleBindings(sourceCode.ast), sourceCode);
  return outbound && `${outbound.client} [${outbound.addressArgs.join(',')}] [${outbound.optionArgs.join(',')}]`;
}

describe('knowledge: connection addresses', () => {
  it('knows HTTP client modules through the imports', () => {
    assert.equal(shapeOf(`import axios from 'axios';\naxios.post(url, body, options);`), 'axios.post [0] [2]');
    assert.equal(shapeOf(`import axios from 'axios';\naxios.get(url, options);`), 'axios.get [0] [0,1]');
    assert.equal(shapeOf(`const request = require('request');\nrequest.post({ url }, cb);`), 'request.post [0] [0,1]');
    assert.equal(shapeOf(`import got from 'got';\ngot.extend({ prefixUrl });`), 'got.extend [] [0]');
    assert.equal(shapeOf(`import https from 'node:https';\nhttps.request(options, cb);`), 'https.request [0] [0,1]');
    assert.equal(shapeOf(`import net from 'node:net';\nnet.connect(5432, host);`), 'net.connect [1] [0]');
  });

  it('knows the global fetch and WebSocket, unless the file declares its own', () => {
    assert.equal(shapeOf(`fetch(url);`), 'fetch [0] [1]');
    assert.equal(shapeOf(`new WebSocket(url);`), 'new WebSocket [0] [-1]');
    assert.equal(shapeOf(`function fetch(x) {}\nfetch(url);`), undefined);
  });

  it('knows client classes and factories by name', () => {
    assert.equal(shapeOf(`new Pool({ connectionString });`), 'new Pool [0] [-1]');
    assert.equal(shapeOf(`new Kafka({ brokers });`), 'new Kafka [0] [-1]');
    assert.equal(shapeOf(`redis.createClient({ url });`), 'redis.createClient [0] [-1]');
    assert.equal(shapeOf(`mongoose.connect(uri);`), 'mongoose.connect [0] [-1]');
  });

  it('knows HTTP methods of objects named for HTTP, not of any object', () => {
    assert.equal(shapeOf(`this.httpService.get(url);`), 'this.httpService.get [0] [0,1]');
    assert.equal(shapeOf(`this.fetchService.fetch(url);`), 'this.fetchService.fetch [0] [0,1]');
    assert.equal(shapeOf(`cache.get(url);`), undefined);
    assert.equal(shapeOf(`res.json({ url });`), undefined);
  });

  it('tells the address argument from the option objects', () => {
    const { sourceCode, nodes } = parsed(`new Pool({ host });`);
    const call = nodes.find((n): n is TSESTree.NewExpression => n.type === 'NewExpression')!;
    const outbound = outboundCall(call, new Map(), sourceCode)!;
    assert.equal(takesAddressAt(outbound, 0, true), true);
    assert.equal(takesAddressAt(outbound, 1, false), false);
  });
});
