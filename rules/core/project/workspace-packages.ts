import * as path from 'node:path';
import * as fs from 'node:fs';
import { globSync } from 'tinyglobby';
import type { FsProbe } from './fs-probe';

export interface WorkspacePackage { name: string; dir: string; manifest: Record<string, unknown> }

/** The `packages:` list of pnpm-workspace.yaml; the file is simple enough not to need a YAML parser. */
function pnpmPatterns(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) { inPackages = true; continue; }
    if (inPackages && /^\S/.test(line)) break;
    const item = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
    if (inPackages && item) patterns.push(item[1]);
  }
  return patterns;
}

function workspacePatterns(root: string, probe: FsProbe): string[] {
  const manifest = probe.readJson(path.join(root, 'package.json')) as { workspaces?: string[] | { packages?: string[] } } | undefined;
  const fromManifest = Array.isArray(manifest?.workspaces) ? manifest.workspaces : (manifest?.workspaces?.packages ?? []);
  const pnpm = path.join(root, 'pnpm-workspace.yaml');
  return [...fromManifest, ...(probe.isFile(pnpm) ? pnpmPatterns(pnpm) : [])];
}

/**
 * The packages of an npm/yarn/pnpm workspace rooted at `root`, by name. Importing one by name
 * resolves into its sources, not into node_modules: it is part of the project graph.
 */
export function findWorkspacePackages(root: string, probe: FsProbe): Map<string, WorkspacePackage> {
  const packages = new Map<string, WorkspacePackage>();
  const patterns = workspacePatterns(root, probe);
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => `${p.replace(/\/+$/, '')}/package.json`);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => `${p.slice(1).replace(/\/+$/, '')}/package.json`);
  if (include.length === 0) return packages;
  for (const manifestPath of globSync(include, { cwd: root, ignore: ['**/node_modules/**', ...exclude], absolute: true })) {
    const manifest = probe.readJson(path.resolve(manifestPath)) as Record<string, unknown> | undefined;
    if (manifest && typeof manifest.name === 'string') packages.set(manifest.name, { name: manifest.name, dir: path.dirname(path.resolve(manifestPath)), manifest });
  }
  return packages;
}
