import type { ConfigResolver } from '../rules/core/config/config-resolver';
import { UsageError } from '../rules/core/errors';
import { findFiles } from '../rules/core/files/find-files';
import type { CliOptions } from './args';
import { changedFilesSince } from './changed-files';
import { inShard } from './shard';

export interface FileSelection {
  /** Linted and reported. */
  files: string[];
  /** Found but narrowed away: they still feed the module graph (see cli/parallel/facts-only.ts). */
  contextFiles: string[];
  /** Lines for stderr about what was passed over. */
  notices: string[];
}

/**
 * The files this run lints: the paths and globs given, minus ignores, then narrowed to the files
 * changed since `--changed-since` and to this `--shard`. An empty narrowed set is a normal run
 * (nothing changed, an empty shard); an empty set before narrowing is a usage error.
 */
export async function selectFiles(options: CliOptions, cwd: string, resolver: ConfigResolver): Promise<FileSelection> {
  const search = await findFiles(options.patterns, { root: cwd, isIgnored: (f) => resolver.isIgnored(f) });
  if (search.missing.length > 0) {
    throw new UsageError(`no such file or folder: ${search.missing.join(', ')}. Check the path, or quote globs so the shell does not expand them.`);
  }
  if (search.files.length === 0) {
    throw new UsageError(`no files to lint in ${options.patterns.join(' ')}: nothing with a .ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs extension that is not ignored (.gitignore, "ignores", node_modules and build output are skipped).`);
  }
  const notices = [...search.notices];
  let files = search.files;
  if (options.changedSince !== undefined) {
    const changed = changedFilesSince(options.changedSince, cwd);
    files = files.filter((f) => changed.has(f));
    notices.push(`${files.length} of ${search.files.length} files changed since ${options.changedSince}`);
  }
  if (options.shard) {
    const shard = options.shard;
    files = files.filter((f) => inShard(f, cwd, shard));
    notices.push(`shard ${shard.index}/${shard.count}: ${files.length} files`);
  }
  const reported = new Set(files);
  return { files, contextFiles: search.files.filter((f) => !reported.has(f)), notices };
}
