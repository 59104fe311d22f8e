import * as assert from 'node:assert/strict';
import { callsCallbackNow } from '../../../rules/core/knowledge/sync-iteration';

describe('callsCallbackNow', () => {
  it('knows the array methods that run their callback before returning', () => {
    for (const method of ['forEach', 'map', 'filter', 'reduce', 'some', 'every', 'flatMap', 'find']) assert.equal(callsCallbackNow(method), true, method);
  });
  it('does not take a stored handler for one that runs now', () => {
    for (const method of ['on', 'once', 'get', 'use', 'then', 'setTimeout', undefined]) assert.equal(callsCallbackNow(method), false, String(method));
  });
});
