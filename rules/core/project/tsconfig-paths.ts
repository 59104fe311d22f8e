import * as path from 'node:path';
import type { FsProbe } from './fs-probe';

/** What module resolution needs from a tsconfig.json, with `extends` applied. */
export interface TsconfigResolution {
  file: string;
  /** Absolute `baseUrl`, if set. */
  baseUrl?: string;
  /** `paths` patterns, and the folder their targets are relative to (baseUrl, or the defining tsconfig's folder). */
  paths?: { base: string; patterns: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }> };
  /** `verbatimModuleSyntax` (or the older `preserveValueImports`/`importsNotUsedAsValues`): imports are never elided. */
  keepsImports: boolean;
}

interface RawTsconfig {
  extends?: string | string[];
  compilerOptions?: {
    baseUrl?: string;
    paths?: Record<string, string[]>;
    verbatimModuleSyntax?: boolean;
    preserveValueImports?: boolean;
    importsNotUsedAsValues?: string;
  };
}

function extendedConfigPath(spec: string, fromDir: string, probe: FsProbe): string | undefined {
  const withJson = spec.endsWith('.json') ? spec : `${spec}.json`;
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const direct = path.resolve(fromDir, spec);
    return probe.isFile(direct) ? direct : probe.isFile(path.resolve(fromDir, withJson)) ? path.resolve(fromDir, withJson) : undefined;
  }
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, 'node_modules', spec), path.join(dir, 'node_modules', withJson), path.join(dir, 'node_modules', spec, 'tsconfig.json')]) {
      if (probe.isFile(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Loads a tsconfig and its `extends` chain; later files override earlier ones key by key, as tsc does. */
export function loadTsconfig(file: string, probe: FsProbe, seen: ReadonlySet<string> = new Set()): TsconfigResolution {
  const raw = (probe.readJson(file) ?? {}) as RawTsconfig;
  const dir = path.dirname(file);
  let result: TsconfigResolution = { file, keepsImports: false };
  const bases = typeof raw.extends === 'string' ? [raw.extends] : Array.isArray(raw.extends) ? raw.extends : [];
  for (const base of bases) {
    const basePath = extendedConfigPath(base, dir, probe);
    if (basePath && !seen.has(basePath)) result = { ...loadTsconfig(basePath, probe, new Set([...seen, file])), file };
  }
  const options = raw.compilerOptions ?? {};
  if (options.baseUrl !== undefined) result.baseUrl = path.resolve(dir, options.baseUrl);
  if (options.paths) {
    result.paths = {
      base: result.baseUrl ?? dir,
      patterns: Object.entries(options.paths).map(([pattern, targets]) => {
        const star = pattern.indexOf('*');
        return star < 0
          ? { prefix: pattern, suffix: '', wildcard: false, targets }
          : { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), wildcard: true, targets };
      }),
    };
  } else if (result.paths && options.baseUrl !== undefined) {
    // An inherited `paths` stays relative to the baseUrl in force.
    result.paths = { ...result.paths, base: result.baseUrl! };
  }
  if (options.verbatimModuleSyntax || options.preserveValueImports || options.importsNotUsedAsValues === 'preserve' || options.importsNotUsedAsValues === 'error') {
    result.keepsImports = true;
  }
  return result;
}

/** Candidate paths for a bare specifier from `paths`, longest matching prefix first, as tsc tries them. */
export function pathsCandidates(config: TsconfigResolution, specifier: string): string[] {
  if (!config.paths) return [];
  const matches = config.paths.patterns
    .filter((p) => (p.wildcard ? specifier.startsWith(p.prefix) && specifier.endsWith(p.suffix) && specifier.length >= p.prefix.length + p.suffix.length : specifier === p.prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const out: string[] = [];
  for (const match of matches) {
    const star = match.wildcard ? specifier.slice(match.prefix.length, specifier.length - match.suffix.length) : '';
    for (const target of match.targets) out.push(path.resolve(config.paths.base, target.replace('*', star)));
  }
  return out;
}
