import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

export type EntryKind = 'file' | 'dir' | undefined;

/**
 * The file-system questions module resolution asks, answered once and remembered: resolution of
 * a whole workspace asks the same few thousand questions over and over. The project model
 * forgets a path when it hears that the file was created, deleted or renamed.
 */
export class FsProbe {
  private readonly kinds = new Map<string, EntryKind>();
  private readonly json = new Map<string, unknown>();

  kindOf(p: string): EntryKind {
    if (this.kinds.has(p)) return this.kinds.get(p);
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    const kind: EntryKind = stat?.isFile() ? 'file' : stat?.isDirectory() ? 'dir' : undefined;
    this.kinds.set(p, kind);
    return kind;
  }

  isFile(p: string): boolean {
    return this.kindOf(p) === 'file';
  }

  /** A JSON (with comments) file's value, or undefined when it is missing or malformed. */
  readJson(p: string): unknown {
    if (this.json.has(p)) return this.json.get(p);
    let value: unknown;
    if (this.isFile(p)) {
      try {
        value = parseJsonc(fs.readFileSync(p, 'utf8'), [], { allowTrailingComma: true });
      } catch {
        value = undefined; // unreadable manifests resolve as if absent; the lint itself reports unreadable sources
      }
    }
    this.json.set(p, value);
    return value;
  }

  /** The real path (symlinks of workspace packages in node_modules point into the repository). */
  realPath(p: string): string {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  }

  /** Forgets what is known of `p` and its folders, after it was created or deleted. */
  forget(p: string): void {
    for (let current = p; ; current = path.dirname(current)) {
      this.kinds.delete(current);
      this.json.delete(current);
      if (path.dirname(current) === current) break;
    }
  }
}
