import * as path from 'node:path';
import picomatch from 'picomatch';
import type { OpslintSettings } from './settings';

const TEST_FOLDER = /(^|\/)(test|tests|__tests__|__mocks__|mocks?|fixtures?|spec|e2e)\//;
const TEST_FILE = /\.(test|spec|e2e)\.[cm]?[jt]sx?$/;
const CLI_FOLDER = /(^|\/)(bin|cli|scripts)\//;
const CLI_FILE = /(^|\/)cli\.[cm]?[jt]sx?$/;

/** The path relative to the project root, with forward slashes, so globs and folder checks read the same everywhere. */
export function projectPath(filename: string, cwd: string): string {
  const relative = path.isAbsolute(filename) ? path.relative(cwd, filename) : filename;
  return relative.split(path.sep).join('/');
}

/** Whether the file matches any of the globs (picomatch, relative to the project root). */
export function matchesGlobs(filename: string, globs: readonly string[], cwd: string): boolean {
  if (globs.length === 0) return false;
  return picomatch(globs as string[], { dot: true })(projectPath(filename, cwd));
}

/** Test files and folders by the usual conventions: `*.test.*`, `*.spec.*`, `test/`, `__tests__/`, ... */
export function isTestFile(filename: string, cwd = process.cwd()): boolean {
  const file = projectPath(filename, cwd);
  return TEST_FILE.test(file) || TEST_FOLDER.test(file);
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
