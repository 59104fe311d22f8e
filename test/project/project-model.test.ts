import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_FILE_SIZE, type FileConfig } from '../../rules/core/config/file-config';
import { parseSource } from '../../rules/core/engine/parse';
import { extractFacts, type ModuleFacts } from '../../rules/core/project/module-facts';
import { ProjectModel } from '../../rules/core/project/project-model';
import { projectRule as noImportCycle } from '../../rules/coupling/no-import-cycle';
import { TempWorkspace } from '../helpers/temp-workspace';

const config: FileConfig = { rules: new Map([['coupling/no-import-cycle', { severity: 1, options: [] }]]), settings: {}, maxFileSize: DEFAULT_MAX_FILE_SIZE };

describe('ProjectModel (the incremental API the server uses)', () => {
  let ws: TempWorkspace;
  afterEach(() => ws.remove());

  const facts = (name: string): ModuleFacts => {
    const text = require('node:fs').readFileSync(ws.path(name), 'utf8') as string;
    return extractFacts(parseSource(text, ws.path(name)), ws.path(name), text);
  };
  function open(files: Record<string, string>): ProjectModel {
    ws = new TempWorkspace(files);
    return new ProjectModel({ root: ws.root, rules: [noImportCycle], configFor: () => config }, Object.keys(files).map((f) => [ws.path(f), facts(f)] as const));
  }
  const rel = (files: string[]) => files.map((f) => f.slice(ws.root.length + 1));

  it('an edit that closes a cycle changes the findings of the file the cycle is reported in, not only the edited one', () => {
    const model = open({ 'a.ts': "import { b } from './b';\nexport const a = b;", 'b.ts': 'export const b = 1;', 'c.ts': 'export const c = 1;' });
    assert.deepEqual(model.findingsFor(ws.path('a.ts')), []);
    ws.write('b.ts', "import { a } from './a';\nexport const b = () => a;");
    const update = model.fileChanged(ws.path('b.ts'), facts('b.ts'));
    assert.deepEqual(rel(update.changedFiles), ['a.ts']);
    assert.match(model.findingsFor(ws.path('a.ts'))[0].message, /a\.ts → b\.ts → a\.ts/);
    assert.equal(model.findingsFor(ws.path('a.ts'))[0].severity, 1);
  });

  it('an edit that changes nothing of the graph reports no changed files', () => {
    const model = open({ 'a.ts': "import { b } from './b';\nexport const a = b;", 'b.ts': "import { a } from './a';\nexport const b = () => a;" });
    ws.write('b.ts', "import { a } from './a';\nexport const b = () => a; // comment");
    assert.deepEqual(model.fileChanged(ws.path('b.ts'), facts('b.ts')).changedFiles, []);
  });

  it('setting a program-wide client default re-reports every module of the program (their per-file findings change)', () => {
    const model = open({ 'server.ts': "import './notify';\nexport const s = 1;", 'notify.ts': 'export const n = 1;', 'tool.ts': 'export const t = 1;' });
    ws.write('server.ts', "import axios from 'axios';\nimport './notify';\naxios.defaults.timeout = 5000;");
    assert.deepEqual(rel(model.fileChanged(ws.path('server.ts'), facts('server.ts')).changedFiles).sort(), ['notify.ts', 'server.ts']);
    // The same default again: nothing to re-report.
    ws.write('server.ts', "import axios from 'axios';\nimport './notify';\naxios.defaults.timeout = 3000;");
    assert.deepEqual(model.fileChanged(ws.path('server.ts'), facts('server.ts')).changedFiles, []);
  });

  it('creating an in-memory Keyv on a property re-reports every module (writes through that property anywhere may now be findings)', () => {
    const model = open({ 'client.js': 'module.exports = class Bot {};', 'manager.js': 'module.exports = {};', 'commands/rename.js': 'module.exports = {};' });
    ws.write('client.js', "const Keyv = require('keyv');\nmodule.exports = class Bot { login() { this.keyv = new Keyv(); } };");
    assert.deepEqual(rel(model.fileChanged(ws.path('client.js'), facts('client.js')).changedFiles).sort(), ['client.js', 'commands/rename.js', 'manager.js']);
    // The same store again: nothing to re-report.
    ws.write('client.js', "const Keyv = require('keyv');\nmodule.exports = class Bot { async login() { this.keyv = new Keyv(); } };");
    assert.deepEqual(model.fileChanged(ws.path('client.js'), facts('client.js')).changedFiles, []);
  });

  it('an import that moves to another line re-reports the finding in that file', () => {
    const model = open({ 'a.ts': "import { b } from './b';\nexport const a = b;", 'b.ts': "import { a } from './a';\nexport const b = () => a;" });
    ws.write('a.ts', "\n\nimport { b } from './b';\nexport const a = b;");
    assert.deepEqual(rel(model.fileChanged(ws.path('a.ts'), facts('a.ts')).changedFiles), ['a.ts']);
    assert.equal(model.findingsFor(ws.path('a.ts'))[0].line, 3);
  });

  it('deleting a module of a cycle clears the finding', () => {
    const model = open({ 'a.ts': "import { b } from './b';\nexport const a = b;", 'b.ts': "import { a } from './a';\nexport const b = () => a;" });
    ws.delete('b.ts');
    assert.deepEqual(rel(model.fileDeleted(ws.path('b.ts')).changedFiles), ['a.ts', 'b.ts']);
    assert.deepEqual(model.findingsFor(ws.path('a.ts')), []);
  });

  it('renaming a module breaks the cycle through its old name, and creating the old name again restores it', () => {
    const model = open({ 'a.ts': "import { b } from './b';\nexport const a = b;", 'b.ts': "import { a } from './a';\nexport const b = () => a;" });
    ws.rename('b.ts', 'c.ts');
    assert.deepEqual(rel(model.fileRenamed(ws.path('b.ts'), ws.path('c.ts')).changedFiles), ['a.ts', 'b.ts']);
    assert.deepEqual(model.findingsFor(ws.path('a.ts')), []);
    // c.ts (the old b.ts) now loads a.ts too, so a.ts can load before the new b.ts: b's load-time read of `a` is the hazard.
    ws.write('b.ts', "import { a } from './a';\nexport const b = a;");
    assert.deepEqual(rel(model.fileChanged(ws.path('b.ts'), facts('b.ts')).changedFiles), ['b.ts']);
    assert.deepEqual(model.findingsFor(ws.path('b.ts')).map((f) => `${f.line}:${f.column} ${f.messageId}`), ['1:1 loadTimeRead']);
  });
});
