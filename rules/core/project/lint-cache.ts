import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileConfig } from '../config/file-config';
import type { FileLint } from './lint-project';

export const DEFAULT_CACHE_FILE = '.opslintcache';
/** Bumped when the shape of what is stored changes (2: module facts record load-time reads of imports). */
/** 3: module facts carry function summaries (`functions`, `reexportedModules`). */
/** 4: summaries say what a function returns open, releases, logs and throws (`returnsResource`, `releasesParam`, `logsErrorParam`, `rethrows`). */
const FORMAT = 4;

/** What a file's lint leaves for the next run: never project-level findings, which depend on other files. */
export type CachedLint = Omit<FileLint, 'source'>;

interface Entry extends CachedLint { contentHash: string; configHash: string }
interface CacheFile { format: number; toolVersion: string; cwd: string; entries: Record<string, Entry> }

export interface LintCacheKey {
  toolVersion: string;
  /** Fingerprints in the cached results are relative to it. */
  cwd: string;
  /** Verbose runs keep internal-error stacks in findings. */
  verbose?: boolean;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** A FileConfig as a stable string: rules sorted by id, options and settings as JSON. */
function configKey(config: FileConfig, verbose: boolean): string {
  const rules = [...config.rules].sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([rules, config.settings, config.maxFileSize, config.roleHints ?? null, verbose]);
}

/** `--cache-location`: a file, or a folder (existing, or written with a trailing slash) to put `.opslintcache` in. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (!location) return path.join(cwd, DEFAULT_CACHE_FILE);
  const absolute = path.resolve(cwd, location);
  let isFolder = /[\\/]$/.test(location);
  try {
    isFolder ||= fs.statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    // A path through a file (ENOTDIR): not a folder; writing there fails later, as a notice.
  }
  return isFolder ? path.join(absolute, DEFAULT_CACHE_FILE) : absolute;
}

/**
 * The CLI's `--cache`: per-file results and facts, keyed by the file's content hash, the hash of
 * the config in force for it and the tool version. Project-level findings are never cached; they
 * are recomputed every run from the facts of all files, so a change in one file shows up in
 * every file it affects, cached or not (ESLint's cache misses this).
 */
export class LintCache {
  /** Files looked up or stored in this run: they exist, and the others are checked on save. */
  private readonly seen = new Set<string>();
  /** Whether save() has anything to write: a stored lint or a pruned entry. */
  private changed = false;

  private constructor(
    readonly file: string,
    private readonly key: LintCacheKey,
    private readonly entries: Map<string, Entry>,
  ) {}

  /** Opens the cache; a missing, unreadable, corrupt or other-version file means an empty cache. */
  static open(file: string, key: LintCacheKey): LintCache {
    let entries = new Map<string, Entry>();
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
      if (data.format === FORMAT && data.toolVersion === key.toolVersion && data.cwd === key.cwd) entries = new Map(Object.entries(data.entries));
    } catch {
      // No usable cache: every file is linted, and save() writes a fresh one.
    }
    return new LintCache(file, key, entries);
  }

  /** Files share FileConfig objects (ConfigResolver.resolve), so each config is hashed once per run. */
  private readonly configHashes = new WeakMap<FileConfig, string>();

  private configHash(config: FileConfig): string {
    let configHash = this.configHashes.get(config);
    if (configHash === undefined) this.configHashes.set(config, (configHash = hash(configKey(config, this.key.verbose ?? false))));
    return configHash;
  }

  lookup(filePath: string, text: string, config: FileConfig): CachedLint | undefined {
    this.seen.add(filePath);
    const entry = this.entries.get(filePath);
    if (!entry || entry.contentHash !== hash(text) || entry.configHash !== this.configHash(config)) return undefined;
    const { contentHash: _content, configHash: _config, ...lint } = entry;
    return lint;
  }

  store(filePath: string, text: string, config: FileConfig, lint: FileLint): void {
    const { source: _source, ...cached } = lint;
    this.seen.add(filePath);
    this.changed = true;
    this.entries.set(filePath, { ...cached, contentHash: hash(text), configHash: this.configHash(config) });
  }

  /** Writes the cache atomically, leaving out files that no longer exist; a run that changed nothing writes nothing. */
  save(): void {
    for (const file of this.entries.keys()) {
      if (this.seen.has(file) || fs.existsSync(file)) continue;
      this.entries.delete(file);
      this.changed = true;
    }
    if (!this.changed && fs.existsSync(this.file)) return;
    const data: CacheFile = { format: FORMAT, toolVersion: this.key.toolVersion, cwd: this.key.cwd, entries: Object.fromEntries(this.entries) };
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(data));
    fs.renameSync(temporary, this.file);
  }
}
