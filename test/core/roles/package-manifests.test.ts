import * as assert from 'node:assert/strict';
import { PackageManifests } from '../../../rules/core/roles/package-manifests';
import { TempWorkspace } from '../../helpers/temp-workspace';

describe('core/roles: PackageManifests', () => {
  let workspace: TempWorkspace;
  afterEach(() => workspace.remove());

  it('bin targets and the files package.json scripts run, by the nearest package.json', () => {
    workspace = new TempWorkspace({
      'package.json': JSON.stringify({ bin: { acme: './src/cli.js' }, scripts: { start: 'node src/server.js', migrate: 'node src/db/migrate && echo done', lint: 'eslint .' } }),
      'src/cli.js': '', 'src/server.js': '', 'src/db/migrate.js': '', 'src/app.js': '',
      'packages/web/package.json': JSON.stringify({ dependencies: { react: '18', 'react-dom': '18' } }),
      'packages/web/src/index.tsx': '',
    });
    const manifests = new PackageManifests(workspace.root);
    assert.deepEqual(manifests.hintsFor(workspace.path('src/cli.js')), { runBy: { kind: 'bin', name: 'acme' }, packageKind: 'other' });
    assert.deepEqual(manifests.hintsFor(workspace.path('src/server.js')), { runBy: { kind: 'script', name: 'start' }, packageKind: 'other' });
    assert.deepEqual(manifests.hintsFor(workspace.path('src/db/migrate.js')), { runBy: { kind: 'script', name: 'migrate' }, packageKind: 'other' });
    assert.deepEqual(manifests.hintsFor(workspace.path('src/app.js')), { packageKind: 'other' });
    assert.deepEqual(manifests.hintsFor(workspace.path('packages/web/src/index.tsx')), { packageKind: 'ui' });
  });

  it('the package a file belongs to, and its main (a folder main is its index)', () => {
    workspace = new TempWorkspace({
      'package.json': JSON.stringify({ main: 'src/' }), 'src/index.js': '', 'src/lib/a.js': '',
      'packages/api/package.json': JSON.stringify({ main: 'dist/server.js' }), 'packages/api/src/b.ts': '',
    });
    const manifests = new PackageManifests(workspace.root);
    assert.equal(manifests.packageDirOf(workspace.path('src/lib/a.js')), workspace.root);
    assert.equal(manifests.packageDirOf(workspace.path('packages/api/src/b.ts')), workspace.path('packages/api'));
    assert.equal(manifests.isMain(workspace.path('src/index.js')), true);
    assert.equal(manifests.isMain(workspace.path('src/lib/a.js')), false);
  });

  it('a package with a UI framework and a server framework (a monorepo root) is not browser code', () => {
    workspace = new TempWorkspace({
      'package.json': JSON.stringify({ dependencies: { '@angular/core': '17', '@nestjs/core': '10' } }),
      'apps/api/src/main.ts': '',
    });
    assert.equal(new PackageManifests(workspace.root).hintsFor(workspace.path('apps/api/src/main.ts')).packageKind, 'other');
  });

  it('Prisma\'s seed command, and the local runner of an app a serverless adapter serves', () => {
    workspace = new TempWorkspace({
      'package.json': JSON.stringify({ main: 'handler.js', prisma: { seed: 'ts-node prisma/seed.ts' }, dependencies: { express: '4', 'serverless-http': '3' } }),
      'prisma/seed.ts': '', 'handler.js': '', 'local.js': '',
    });
    const manifests = new PackageManifests(workspace.root);
    assert.deepEqual(manifests.hintsFor(workspace.path('prisma/seed.ts')).runBy, { kind: 'script', name: 'prisma seed' });
    assert.equal(manifests.hintsFor(workspace.path('handler.js')).serverlessAdapter, undefined);
    assert.equal(manifests.hintsFor(workspace.path('local.js')).serverlessAdapter, 'serverless-http');
  });

  it('a package.json that is not JSON is passed over, as npm\'s lookup would', () => {
    workspace = new TempWorkspace({ 'package.json': JSON.stringify({ name: 'tool', bin: 'tool.js' }), 'lib/package.json': '{ nope', 'lib/x.js': '', 'tool.js': '' });
    const manifests = new PackageManifests(workspace.root);
    assert.deepEqual(manifests.hintsFor(workspace.path('lib/x.js')), { packageKind: 'cli' });
    assert.deepEqual(manifests.hintsFor(workspace.path('tool.js')), { runBy: { kind: 'bin', name: 'tool' }, packageKind: 'cli' });
  });

  it('a package with a bin and no server library is a command-line package; a server library, a bin that listens or a start script keeps it a service', () => {
    workspace = new TempWorkspace({
      'cli/package.json': JSON.stringify({ bin: { ncu: 'build/cli.js' }, dependencies: { chalk: '5' } }), 'cli/src/registry.ts': '',
      'api/package.json': JSON.stringify({ bin: 'bin/create.js', dependencies: { express: '4' } }), 'api/src/app.js': '',
      'preview/package.json': JSON.stringify({ bin: { preview: 'serve.js' } }), 'preview/serve.js': "require('http').createServer(h).listen(3000);", 'preview/src/h.js': '',
      'daemon/package.json': JSON.stringify({ bin: { d: 'cli.js' }, scripts: { start: 'node src/loop.js' } }), 'daemon/cli.js': '', 'daemon/src/loop.js': '',
    });
    const manifests = new PackageManifests(workspace.root);
    assert.equal(manifests.hintsFor(workspace.path('cli/src/registry.ts')).packageKind, 'cli');
    assert.equal(manifests.hintsFor(workspace.path('api/src/app.js')).packageKind, 'other');
    assert.equal(manifests.hintsFor(workspace.path('preview/src/h.js')).packageKind, 'other');
    assert.equal(manifests.hintsFor(workspace.path('daemon/src/loop.js')).packageKind, 'other');
  });
});
