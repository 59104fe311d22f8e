import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { FsProbe } from './fs-probe';
import { resolveExports, resolveImports } from './package-exports';
import { loadTsconfig, pathsCandidates, type TsconfigResolution } from './tsconfig-paths';
import { findWorkspacePackages, type WorkspacePackage } from './workspace-packages';

/** Where a specifier leads: a file (maybe outside the linted set), a package outside the project, or nowhere known. */
export type Resolution =
  | { kind: 'file'; path: string }
  | { kind: 'external'; name: string }
  | { kind: 'unresolved' };

/** Probed in this order after the exact name, as TypeScript does (`.d.ts` after `.tsx`). */
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** ESM TypeScript writes the output's extension; the source has the TypeScript one. */
const SOURCE_FOR_OUTPUT: Record<string, string[]> = { '.js': ['.ts', '.tsx', '.d.ts'], '.jsx': ['.tsx'], '.mjs': ['.mts', '.d.mts'], '.cjs': ['.cts', '.d.cts'] };
/** Package entry points often name build output; in a workspace the sources sit beside it. */
const OUTPUT_FOLDER = /^(\.\/)?(dist|lib|build|out)\//;
const BUILTINS = new Set(builtinModules);
const UNRESOLVED: Resolution = { kind: 'unresolved' };

function packageNameOf(specifier: string): { name: string; subpath: string } {
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, count).join('/');
  const rest = parts.slice(count).join('/');
  return { name, subpath: rest ? `./${rest}` : '.' };
}

/**
 * Resolves import specifiers the way TypeScript and Node do for a service: relative paths with
 * extension probing and the `.js`→`.ts` mapping, folder `index` files and `package.json` entry
 * points, tsconfig `baseUrl`/`paths` (with `extends`), `package.json` `exports`/`imports`, and the
 * packages of an npm/yarn/pnpm workspace. Answers are remembered per (folder, specifier).
 */
export class ModuleResolver {
  private readonly resolutions = new Map<string, Resolution>();
  private readonly tsconfigByDir = new Map<string, TsconfigResolution | null>();
  private readonly manifestByDir = new Map<string, string | null>();
  private workspace: Map<string, WorkspacePackage> | undefined;

  constructor(readonly root: string, readonly probe: FsProbe = new FsProbe()) {}

  resolve(specifier: string, fromFile: string): Resolution {
    const dir = path.dirname(fromFile);
    const key = `${dir}\0${specifier}`;
    let resolution = this.resolutions.get(key);
    if (!resolution) {
      resolution = this.resolveUncached(specifier, dir);
      this.resolutions.set(key, resolution);
    }
    return resolution;
  }

  /** After a file was created, deleted or renamed: what was known of it, and every answer, may be stale. */
  forget(filePath: string): void {
    this.probe.forget(filePath);
    this.resolutions.clear();
    if (path.basename(filePath) === 'package.json' || /tsconfig.*\.json$/.test(filePath)) {
      this.tsconfigByDir.clear();
      this.manifestByDir.clear();
      this.workspace = undefined;
    }
  }

  tsconfigFor(fromDir: string): TsconfigResolution | undefined {
    const cached = this.tsconfigByDir.get(fromDir);
    if (cached !== undefined) return cached ?? undefined;
    const candidate = path.join(fromDir, 'tsconfig.json');
    const parent = path.dirname(fromDir);
    const found = this.probe.isFile(candidate) ? loadTsconfig(candidate, this.probe)
      : parent === fromDir || !this.isInsideRoot(parent) ? undefined : this.tsconfigFor(parent);
    this.tsconfigByDir.set(fromDir, found ?? null);
    return found;
  }

  private isInsideRoot(dir: string): boolean {
    const relative = path.relative(this.root, dir);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  private nearestManifest(fromDir: string): string | undefined {
    const cached = this.manifestByDir.get(fromDir);
    if (cached !== undefined) return cached ?? undefined;
    const candidate = path.join(fromDir, 'package.json');
    const parent = path.dirname(fromDir);
    const found = this.probe.isFile(candidate) ? candidate : parent === fromDir ? undefined : this.nearestManifest(parent);
    this.manifestByDir.set(fromDir, found ?? null);
    return found;
  }

  private resolveUncached(specifier: string, dir: string): Resolution {
    if (specifier.startsWith('.') || path.isAbsolute(specifier)) return this.fileResolution(this.resolvePath(path.resolve(dir, specifier)));
    if (specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0])) return { kind: 'external', name: specifier.replace(/^node:/, '') };
    if (specifier.startsWith('#')) return this.resolveSubpathImport(specifier, dir);
    const tsconfig = this.tsconfigFor(dir);
    if (tsconfig) {
      for (const candidate of pathsCandidates(tsconfig, specifier)) {
        const found = this.resolvePath(candidate);
        if (found) return { kind: 'file', path: found };
      }
      if (tsconfig.baseUrl) {
        const found = this.resolvePath(path.join(tsconfig.baseUrl, specifier));
        if (found) return { kind: 'file', path: found };
      }
    }
    return this.resolvePackage(specifier, dir);
  }

  private fileResolution(found: string | undefined): Resolution {
    return found ? { kind: 'file', path: found } : UNRESOLVED;
  }

  private resolveSubpathImport(specifier: string, dir: string): Resolution {
    const manifestPath = this.nearestManifest(dir);
    if (!manifestPath) return UNRESOLVED;
    const manifest = this.probe.readJson(manifestPath) as { imports?: unknown } | undefined;
    const target = resolveImports(manifest?.imports, specifier);
    if (target === undefined) return UNRESOLVED;
    if (target.startsWith('./')) return this.fileResolution(this.resolvePackageTarget(path.dirname(manifestPath), target));
    return this.resolvePackage(target, path.dirname(manifestPath));
  }

  private resolvePackage(specifier: string, dir: string): Resolution {
    const { name, subpath } = packageNameOf(specifier);
    this.workspace ??= findWorkspacePackages(this.root, this.probe);
    let pkg = this.workspace.get(name);
    if (!pkg) {
      // A package importing itself by name resolves through its own `exports`.
      const manifestPath = this.nearestManifest(dir);
      const manifest = manifestPath ? (this.probe.readJson(manifestPath) as Record<string, unknown> | undefined) : undefined;
      if (manifest?.name === name && manifest.exports !== undefined) pkg = { name, dir: path.dirname(manifestPath!), manifest };
    }
    if (!pkg) return { kind: 'external', name };
    return this.fileResolution(this.resolveInPackage(pkg, subpath));
  }

  private resolveInPackage(pkg: WorkspacePackage, subpath: string): string | undefined {
    const exported = resolveExports(pkg.manifest.exports, subpath);
    if (exported !== undefined) return this.resolvePackageTarget(pkg.dir, exported);
    if (pkg.manifest.exports !== undefined && pkg.manifest.exports !== null) return undefined;
    if (subpath !== '.') return this.resolvePath(path.join(pkg.dir, subpath));
    return this.resolvePath(pkg.dir);
  }

  private resolvePackageTarget(pkgDir: string, target: string): string | undefined {
    const source = OUTPUT_FOLDER.test(target) ? this.resolvePath(path.join(pkgDir, target.replace(OUTPUT_FOLDER, 'src/').replace(/\.d\.([cm]?)ts$/, '.$1js'))) : undefined;
    return source ?? this.resolvePath(path.join(pkgDir, target));
  }

  /** A path as a file, with extension probing, the `.js`→`.ts` mapping, then as a folder. */
  private resolvePath(p: string): string | undefined {
    const ext = path.extname(p);
    const sources = SOURCE_FOR_OUTPUT[ext];
    if (sources) {
      const stem = p.slice(0, -ext.length);
      for (const source of sources) if (this.probe.isFile(stem + source)) return stem + source;
    }
    if (this.probe.isFile(p)) return p;
    for (const extension of EXTENSIONS) if (this.probe.isFile(p + extension)) return p + extension;
    if (this.probe.kindOf(p) !== 'dir') return undefined;
    const manifest = this.probe.readJson(path.join(p, 'package.json')) as Record<string, unknown> | undefined;
    const entry = manifest && (resolveExports(manifest.exports, '.') ?? (typeof manifest.main === 'string' ? manifest.main : typeof manifest.types === 'string' ? manifest.types : undefined));
    if (entry) {
      const found = this.resolvePackageTarget(p, entry);
      if (found && found !== p) return found;
    }
    for (const extension of EXTENSIONS) {
      const index = path.join(p, `index${extension}`);
      if (this.probe.isFile(index)) return index;
    }
    return undefined;
  }
}
