import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLIENT_COMMANDS, DEFAULT_SETTINGS, normalizeSettings } from '../../server/protocol';
import { REPO_ROOT } from '../helpers/paths';

interface ManifestProperty { default: unknown; scope?: string; description?: string; markdownDescription?: string }
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties as Record<string, ManifestProperty>;

/** Where each server setting lives in the extension manifest. */
const SETTING_KEYS: Record<keyof typeof DEFAULT_SETTINGS, string> = {
  enable: 'opslint.lint.enable',
  run: 'opslint.lint.run',
  lintWorkspace: 'opslint.lint.workspace',
  ruleOverrides: 'opslint.rules.overrides',
  configPath: 'opslint.config.path',
  baselineSeverity: 'opslint.baseline.severity',
};

describe('protocol: one contract for client and server', () => {
  it('the manifest declares every setting with the server default, a scope and a description', () => {
    for (const [name, key] of Object.entries(SETTING_KEYS)) {
      const property = properties[key];
      assert.ok(property, `${key} is not contributed`);
      assert.deepEqual(property.default, DEFAULT_SETTINGS[name as keyof typeof DEFAULT_SETTINGS], `${key} default`);
      assert.ok(property.scope && (property.description || property.markdownDescription), `${key} needs a scope and a description`);
    }
    assert.deepEqual(Object.keys(properties).sort(), [...Object.values(SETTING_KEYS), 'opslint.trace.server'].sort());
  });

  it('the manifest contributes exactly the client commands, under the Opslint category', () => {
    const commands = manifest.contributes.commands as Array<{ command: string; category: string }>;
    assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(CLIENT_COMMANDS).sort());
    assert.ok(commands.every((c) => c.category === 'Opslint'));
  });

  it('normalizes what VS Code sends into settings', () => {
    const raw = { lint: { enable: false, run: 'onSave', workspace: false }, rules: { overrides: { 'a/b': 'off', 'c/d': ['warn', { x: 1 }] } }, config: { path: 'x.json' }, baseline: { severity: 'off' } };
    assert.deepEqual(normalizeSettings(raw), { enable: false, run: 'onSave', lintWorkspace: false, ruleOverrides: { 'a/b': 'off', 'c/d': ['warn', { x: 1 }] }, configPath: 'x.json', baselineSeverity: 'off' });
  });

  it('accepts every opslint.baseline.severity value the manifest offers', () => {
    const offered = (properties['opslint.baseline.severity'] as ManifestProperty & { enum: string[] }).enum;
    assert.deepEqual(offered.map((severity) => normalizeSettings({ baseline: { severity } }).baselineSeverity), offered);
  });

  it('falls back to defaults for null (Neovim, Emacs, Vim) and for values of the wrong type', () => {
    assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ lint: { enable: 'yes', run: 'sometimes' }, rules: { overrides: 'off' }, config: { path: 3 }, baseline: { severity: 'error' } }), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({ rules: { overrides: { 'a/b': 'loud', 'c/d': 'warn' } } }).ruleOverrides, { 'c/d': 'warn' });
  });
});
