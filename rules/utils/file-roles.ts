import * as path from 'node:path';
import picomatch from 'picomatch';
import type { OpslintSettings } from './settings';

const CLI_FOLDER = /(^|\/)(bin|cli|scripts)\//;
const CLI_FILE = /(^|\/)cli\.[cm]?[jt]sx?$/;

/** The path relative to the project root, with forward slashes, so globs and folder checks read the same everywhere. */
export function projectPath(filename: string, cwd: string): string {
  const relative = path.isAbsolute(filename) ? path.relative(cwd, filename) : filename;
  return relative.split(path.sep).join('/');
}

/**
 * A matcher for globs (picomatch). An absolute glob is matched against the absolute path: the
 * config loader anchors a config file's path globs at its folder. Any other is relative to the
 * project root (the working directory), as under ESLint.
 */
export function globMatcher(globs: readonly string[], cwd: string): (filename: string) => boolean {
  const anchored = globs.filter((glob) => ABSOLUTE_GLOB.test(glob));
  const relative = globs.filter((glob) => !ABSOLUTE_GLOB.test(glob));
  const matchAnchored = anchored.length > 0 ? picomatch(anchored, { dot: true }) : undefined;
  const matchRelative = relative.length > 0 ? picomatch(relative, { dot: true }) : undefined;
  return (filename) =>
    (matchRelative?.(projectPath(filename, cwd)) ?? false) || (matchAnchored?.(path.resolve(cwd, filename).split(path.sep).join('/')) ?? false);
}

/** `/repo/src/**`, `!/repo/src/**`, or on Windows `C:/repo/src/**`. */
const ABSOLUTE_GLOB = /^!?(\/|[A-Za-z]:\/)/;

export function matchesGlobs(filename: string, globs: readonly string[], cwd: string): boolean {
  return globs.length > 0 && globMatcher(globs, cwd)(filename);
}

/** A file that starts a process: it has a shebang or matches the configured `entryPoints`. */
export function isEntryPoint(filename: string, sourceText: string, settings: Pick<OpslintSettings, 'entryPoints'>, cwd = process.cwd()): boolean {
  return sourceText.startsWith('#!') || matchesGlobs(filename, settings.entryPoints, cwd);
}

/** Command-line code by location: `bin/`, `cli/`, `scripts/` folders and `cli.*` files. */
export function isCliFile(filename: string, cwd = process.cwd()): boolean {
  const file = projectPath(filename, cwd);
  return CLI_FOLDER.test(file) || CLI_FILE.test(file);
}
