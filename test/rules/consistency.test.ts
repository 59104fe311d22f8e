/**
 * Keeps the rule index, rule files, docs and tests in agreement, so none is kept by hand twice.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../rules';
import { CATEGORIES } from '../../rules/core/engine/types';
import { docsUrlFor } from '../../rules/utils/create-rule';
import { REPO_ROOT } from '../helpers/paths';

const DOC_HEADINGS = ['## What it finds', '## Why it hurts in production', '## How to fix', '## Options', '## When not to use it', '## What it cannot see'];

function ruleFilesOnDisk(): string[] {
  return CATEGORIES.flatMap((category) => {
    const dir = path.join(REPO_ROOT, 'rules', category);
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => `${category}/${f.slice(0, -3)}`) : [];
  }).sort();
}

describe('rule consistency', () => {
  it('rules/index.ts is generated from the rule files', () => {
    assert.doesNotThrow(() => execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'gen-rule-index.mjs'), '--check'], { stdio: 'pipe' }));
  });

  it('the config validator is generated from the shipped schema', () => {
    assert.doesNotThrow(() => execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'gen-config-validator.mjs'), '--check'], { stdio: 'pipe' }));
  });

  it('every rule file is in the registry under its own path as id', () => {
    assert.deepEqual(allRules.map((r) => r.meta.opslint.id).sort(), ruleFilesOnDisk());
  });

  for (const rule of allRules) {
    const id = rule.meta.opslint.id;
    describe(id, () => {
      it('has metadata that matches its location', () => {
        assert.equal(rule.meta.opslint.category, id.split('/')[0]);
        assert.equal(rule.meta.docs.url, docsUrlFor(id));
        assert.ok(rule.meta.docs.description.length > 10, 'a one-line description');
        assert.ok(Object.keys(rule.meta.messages).length > 0);
        for (const messageId of Object.keys(rule.meta.messages)) assert.match(messageId, /^[a-z][a-zA-Z0-9]*$/, 'camelCase message ids');
      });
      it('has a docs page with the fixed headings', () => {
        const docs = path.join(REPO_ROOT, 'docs', 'rules', `${id}.md`);
        assert.ok(fs.existsSync(docs), `missing ${docs}`);
        const text = fs.readFileSync(docs, 'utf8');
        for (const heading of DOC_HEADINGS) assert.ok(text.includes(heading), `${id}.md lacks "${heading}"`);
      });
      it('has a test file', () => {
        assert.ok(fs.existsSync(path.join(REPO_ROOT, 'test', 'rules', `${id}.test.ts`)), `missing test/rules/${id}.test.ts`);
      });
    });
  }
});
