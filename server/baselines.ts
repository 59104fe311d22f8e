import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../rules/core/config/config-file';
import { toPosix, type ConfigResolver } from '../rules/core/config/config-resolver';
import type { Finding } from '../rules/core/engine/types';
import { FileError } from '../rules/core/errors';
import { DEFAULT_BASELINE_FILE, markBaselined, readBaseline, type Baseline } from '../rules/core/report/baseline';
import { carryFingerprints } from '../rules/core/report/fingerprint';
import type { BaselineSeverity } from './protocol';

/** The baseline in force for one file, captured when the file is linted (a baseline change re-lints). */
export interface FileBaseline {
  baseline: Baseline;
  /** The file as the baseline names it: relative to its workspace folder, as the CLI run there names it. */
  relativePath: string;
  severity: BaselineSeverity;
}

/** What a file's lint keeps for the baseline. */
export interface BaselineInputs {
  messages: readonly Finding[];
  /** Set when the baseline records findings for the file (a lint that stopped has none to mark). */
  baseline?: FileBaseline;
  /** One per message, when `baseline` is set. */
  fingerprints?: readonly string[];
  /** The linted text, kept when `baseline` is set: cross-file findings are fingerprinted from it. */
  text?: string;
}

/** The published findings the baseline accepts, and how to show them. */
export interface BaselinedFindings {
  findings: ReadonlySet<Finding>;
  severity: BaselineSeverity;
}

type Loaded = { baseline?: Baseline } | { error: FileError };

/**
 * Finds and reads the baseline of each workspace folder, once until `invalidate`. A baseline that
 * cannot be read is a FileError every time it is asked for (the caller shows it in the status), and
 * the files are shown as if there were no baseline.
 */
export class BaselineStore {
  private readonly loaded = new Map<string, Loaded>();
  /** Every path that is or may become a baseline (the default file of each folder, present or not). */
  private readonly candidates = new Set<string>();
  private readonly watchedNames = new Set<string>([DEFAULT_BASELINE_FILE]);

  /** `watchName` is called once per file name a config gives its baseline, so its changes are heard. */
  constructor(private readonly watchName: (fileName: string) => void) {}

  /**
   * The baseline for a file of workspace folder `root`, found as the CLI run in the folder finds it:
   * the folder's config key `baseline`, else `opslint-baseline.json` in the folder when there is one.
   * Undefined when no baseline applies or it records nothing for this file (nothing to fingerprint).
   * Throws FileError for a baseline that cannot be read, ConfigError for a config that cannot.
   */
  forFile(filePath: string, root: string, resolver: ConfigResolver, severity: BaselineSeverity): FileBaseline | undefined {
    const configured = resolver.configFileFor(path.join(root, CONFIG_FILE_NAME))?.baseline;
    const loaded = this.load(configured ?? path.join(root, DEFAULT_BASELINE_FILE), configured !== undefined);
    if ('error' in loaded) throw loaded.error;
    const relativePath = toPosix(path.relative(root, filePath));
    if (!loaded.baseline?.files[relativePath]?.length) return undefined;
    return { baseline: loaded.baseline, relativePath, severity };
  }

  /** Whether a changed file is a baseline in use or a folder's default one: its change re-lints. */
  isBaselineFile(filePath: string): boolean {
    return this.candidates.has(filePath);
  }

  invalidate(): void {
    this.loaded.clear();
  }

  /** A configured baseline must exist (the CLI fails without it); the default one is optional. */
  private load(file: string, required: boolean): Loaded {
    this.candidates.add(file);
    const name = path.basename(file);
    if (!this.watchedNames.has(name)) {
      this.watchedNames.add(name);
      this.watchName(name);
    }
    let loaded = this.loaded.get(file);
    if (!loaded) {
      loaded = !required && !fs.existsSync(file) ? {} : read(file);
      this.loaded.set(file, loaded);
    }
    return loaded;
  }
}

function read(file: string): Loaded {
  try {
    return { baseline: readBaseline(file) };
  } catch (error) {
    if (error instanceof FileError) return { error };
    throw error;
  }
}

/**
 * Which of a file's published findings (per-file and cross-file) the baseline accepts. Per-file
 * fingerprints come from the lint, computed with the AST as the CLI's lintFile does; cross-file
 * findings get theirs from the linted text, as the CLI's project pass does (carryFingerprints).
 */
export function baselinedFindings(inputs: BaselineInputs, published: readonly Finding[]): BaselinedFindings | undefined {
  const { baseline: file, fingerprints } = inputs;
  if (!file || !fingerprints) return undefined;
  const prints = carryFingerprints(file.relativePath, inputs.text, inputs.messages, fingerprints, published);
  const marks = markBaselined(file.baseline, file.relativePath, published, prints);
  return { findings: new Set(published.filter((_, i) => marks[i])), severity: file.severity };
}
