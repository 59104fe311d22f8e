import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';
import { isLintable } from '../engine/parse';
import { toPosix } from '../config/config-resolver';

/** Skipped by default: dependencies, build output, VCS data and minified bundles. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/out/**', '**/coverage/**',
  '**/.next/**', '**/*.min.js', '**/*.bundle.js', '**/*.d.ts', '**/*.d.mts', '**/*.d.cts',
];

export interface FileSearch {
  /** Absolute, sorted, unique. */
  files: string[];
  /** Paths the user named that match nothing on disk. */
  missing: string[];
  /** Things passed over that a user should hear about (links out of the root). */
  notices: string[];
}

export interface FindFilesOptions {
  root: string;
  /** Config-level ignores (`ignores` globs), decided per file by the caller. */
  isIgnored?: (absolutePath: string) => boolean;
}

/** Reads every .gitignore from the root down to each file's folder, once per folder. */
class GitignoreTree {
  private readonly byDir = new Map<string, Ignore | null>();
  constructor(private readonly root: string) {}

  private rulesIn(dir: string): Ignore | null {
    if (!this.byDir.has(dir)) {
      const file = path.join(dir, '.gitignore');
      this.byDir.set(dir, fs.existsSync(file) ? ignore().add(fs.readFileSync(file, 'utf8')) : null);
    }
    return this.byDir.get(dir)!;
  }

  ignores(absolutePath: string): boolean {
    const rel = path.relative(this.root, absolutePath);
    if (rel.startsWith('..')) return false;
    const parts = rel.split(path.sep);
    let dir = this.root;
    for (let i = 0; i < parts.length; i++) {
      const rules = this.rulesIn(dir);
      if (rules && rules.ignores(toPosix(path.join(...parts.slice(i))))) return true;
      dir = path.join(dir, parts[i]);
    }
    return false;
  }
}

/** Why a link cannot be linted (dangling, a loop, or pointing out of `root`), or undefined if it can. */
function linkProblem(file: string, root: string, rootName: string): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'it is a symbolic link loop';
    if (code === 'ENOENT') return 'it is a symbolic link whose target does not exist';
    return `its real path cannot be resolved (${String(code ?? error)})`;
  }
  const rel = path.relative(fs.realpathSync(root), real);
  return rel.startsWith('..') || path.isAbsolute(rel) ? `it links outside ${rootName}` : undefined;
}

/** Whether `file` is a symbolic link (that may point nowhere). */
function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Expands CLI paths and globs into the files to lint. Folders are searched for lintable
 * extensions without following symbolic links (the glob leaves links out, so a link loop cannot
 * hang the search); the link check below guards against a glob that returns them anyway. A file
 * named explicitly is linted even if a default ignore would skip it; a named link that dangles or
 * loops is skipped with a notice that says which.
 */
export async function findFiles(patterns: readonly string[], options: FindFilesOptions): Promise<FileSearch> {
  const root = path.resolve(options.root);
  const gitignore = new GitignoreTree(root);
  const found = new Set<string>();
  const missing: string[] = [];
  const notices: string[] = [];
  for (const pattern of patterns) {
    const absolute = path.resolve(root, pattern);
    if (!isDynamicPattern(toPosix(pattern)) && fs.existsSync(absolute) && fs.statSync(absolute).isFile()) {
      found.add(absolute);
      continue;
    }
    let matches: string[];
    let searchRoot = root;
    if (isDynamicPattern(toPosix(pattern))) {
      matches = await glob(toPosix(pattern), { cwd: root, absolute: true, ignore: DEFAULT_IGNORES, followSymbolicLinks: false, dot: false });
    } else if (fs.existsSync(absolute)) {
      searchRoot = absolute;
      matches = await glob('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', { cwd: absolute, absolute: true, ignore: DEFAULT_IGNORES, followSymbolicLinks: false });
    } else if (isLink(absolute)) {
      notices.push(`${toPosix(pattern)}: skipped: ${linkProblem(absolute, root, 'the project root') ?? 'it is a symbolic link that cannot be read'}`);
      continue;
    } else {
      missing.push(pattern);
      continue;
    }
    for (const match of matches) {
      const file = path.resolve(match);
      if (!isLintable(file) || gitignore.ignores(file) || options.isIgnored?.(file)) continue;
      // The search does not enter linked folders, so only a file that is itself a link can lead
      // elsewhere: one lstat per file instead of a realpath walk over every path component.
      const problem = isLink(file) ? linkProblem(file, searchRoot, searchRoot === root ? 'the project root' : 'the folder being linted') : undefined;
      if (problem) {
        notices.push(`${toPosix(path.relative(root, file))}: skipped: ${problem}`);
        continue;
      }
      found.add(file);
    }
  }
  return { files: [...found].sort(), missing, notices };
}
