import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { UsageError } from '../rules/core/errors';

function git(args: readonly string[], cwd: string, ref: string): string[] {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
      .split('\0').filter(Boolean);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    throw new UsageError(`--changed-since ${ref}: git ${args[0]} failed: ${stderr || 'is git installed and is this a git repository?'}`);
  }
}

/**
 * Absolute paths of the files that differ from `ref` in the working tree (committed, staged or
 * not), plus untracked files that are not ignored: what a pull request or a local change touches.
 * Deleted files are left out; there is nothing to lint.
 */
export function changedFilesSince(ref: string, cwd: string): Set<string> {
  const changed = git(['diff', '--name-only', '-z', '--relative', '--diff-filter=d', ref, '--'], cwd, ref);
  const untracked = git(['ls-files', '--others', '--exclude-standard', '-z'], cwd, ref);
  return new Set([...changed, ...untracked].map((p) => path.resolve(cwd, p)));
}
