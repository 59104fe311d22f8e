import * as assert from 'node:assert/strict';
import { inferFileRole } from '../../../rules/core/roles/infer-file-role';

const roleOf = (file: string, text = '', hints = {}) => inferFileRole(file, text, hints).role;

describe('core/roles: inferFileRole', () => {
  it('tests by the runners\' conventions and by the framework they import', () => {
    assert.equal(roleOf('src/orders/orders.service.spec.ts'), 'test');
    assert.equal(roleOf('test/helpers/db.js'), 'test');
    assert.equal(roleOf('packages/api/__tests__/routes.ts'), 'test');
    assert.equal(roleOf('e2e/checkout.ts'), 'test');
    assert.equal(roleOf('src/testing/fixtures/users.ts'), 'test');
    assert.equal(roleOf('features/steps/checkout.js'), 'test');
    assert.equal(roleOf('features/step_definitions/login.ts'), 'test');
    assert.equal(roleOf('src/verify-webhooks.js', "const { describe, it } = require('node:test');"), 'test');
    assert.equal(roleOf('src/api-check.ts', "import request from 'supertest';"), 'test');
  });

  it('scripts: package.json bin and scripts, shebangs, tooling folders and tool configs', () => {
    assert.equal(roleOf('src/cli.ts', '', { manifest: { packageKind: 'other', runBy: { kind: 'bin', name: 'acme' } } }), 'script');
    assert.equal(roleOf('src/db/seed.ts', '', { manifest: { packageKind: 'other', runBy: { kind: 'script', name: 'db:seed' } } }), 'script');
    assert.equal(roleOf('src/purge-sessions.js', '#!/usr/bin/env node\nmain();'), 'script');
    assert.equal(roleOf('scripts/release.mjs'), 'script');
    assert.equal(roleOf('extra/update-version.js'), 'script');
    assert.equal(roleOf('tools/generators/lib/index.ts'), 'script');
    assert.equal(roleOf('webpack.config.js'), 'script');
    assert.equal(roleOf('apps/web/vite.config.ts'), 'script');
    assert.equal(roleOf('db/migrations/20240101-add-users.js'), 'script');
    assert.equal(roleOf('api/bench.js'), 'script');
    assert.equal(roleOf('src/cache.bench.ts'), 'script');
    assert.equal(roleOf('benchmarks/pool.js'), 'script');
    assert.equal(roleOf('src/workbench.ts'), 'service');
    assert.equal(roleOf('local.js', "app.listen(3000);", { manifest: { packageKind: 'other', serverlessAdapter: 'serverless-http' } }), 'script');
    assert.equal(roleOf('handler.js', "module.exports.handler = serverless(app);", { manifest: { packageKind: 'other', serverlessAdapter: 'serverless-http' } }), 'service');
  });

  it('a folder of scripts wins over a start-like script that runs a file in it', () => {
    assert.equal(roleOf('extra/checkout-pr.mjs', '', { manifest: { packageKind: 'other', runBy: { kind: 'script', name: 'start-pr-test' } } }), 'script');
  });

  it('the file the start script runs, and a shebang file that listens, are the service', () => {
    const started = inferFileRole('src/main.ts', '', { manifest: { packageKind: 'other', runBy: { kind: 'script', name: 'start' } } });
    assert.deepEqual(started, { role: 'service', reason: 'started by the package.json script "start"' });
    assert.equal(roleOf('src/www.js', '#!/usr/bin/env node\napp.listen(port);'), 'service');
  });

  it('the code of a command-line package is script code, unless the file starts a server', () => {
    const library = inferFileRole('src/lib/fetch-registry.ts', 'export async function load(url) { return fetch(url); }', { manifest: { packageKind: 'cli' } });
    assert.deepEqual(library, { role: 'script', reason: 'its package is a command-line program: package.json has a "bin" and depends on no server or service library' });
    assert.equal(roleOf('src/preview.js', "http.createServer(handler).listen(8080);", { manifest: { packageKind: 'cli' } }), 'service');
  });

  it('examples and doc snippets', () => {
    assert.equal(roleOf('examples/basic/server.js'), 'example');
    assert.equal(roleOf('docs/snippets/retry.ts'), 'example');
    assert.equal(roleOf('packages/sdk/demo/index.ts'), 'example');
  });

  it('browser code: a UI package, a UI framework import, the DOM', () => {
    assert.equal(roleOf('src/store.ts', '', { manifest: { packageKind: 'ui' } }), 'browser');
    assert.equal(roleOf('src/main.tsx', "import { createRoot } from 'react-dom/client';"), 'browser');
    assert.equal(roleOf('src/widget.js', "const root = document.getElementById('app');"), 'browser');
  });

  it('everything else is service code, and the config\'s roles win over every guess', () => {
    assert.equal(roleOf('src/routes/orders.ts', "import express from 'express';"), 'service');
    assert.equal(roleOf('src/notifications/telegram.js'), 'service');
    const corrected = inferFileRole('scripts/worker.js', '', { configured: { role: 'service', glob: 'scripts/worker.js' } });
    assert.deepEqual(corrected, { role: 'service', reason: 'the config\'s "roles" maps "scripts/worker.js" to it' });
  });

  it('says why, naming the convention it matched', () => {
    assert.equal(inferFileRole('test/db.js', '').reason, 'test runners\' convention: "test/"');
    assert.equal(inferFileRole('scripts/a.js', '').reason, 'under "scripts/", where scripts and tooling live');
  });
});
