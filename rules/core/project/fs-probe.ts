import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';

export type EntryKind = 'file' | 'dir' | undefined;

/**
 * The file-system questions module resolution asks, answered once and remembered: resolution of
 * a whole workspace asks the same few thousand questions over and over, mostly "is there a file
 * named so in this folder", which one directory listing answers for all its files. The project model
 * forgets a path when it hears that the file was created, deleted or renamed.
 */
export class FsProbe {
  /** Folder → its entries, read once: one readdir answers every probe of the folder's files. */
  private readonly listings = new Map<string, Map<string, EntryKind> | null>();
  private readonly json = new Map<string, unknown>();

  kindOf(p: string): EntryKind {
    const dir = path.dirname(p);
    if (dir === p) return 'dir';
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      listing = this.list(dir);
      this.listings.set(dir, listing);
    }
    return listing?.get(path.basename(p));
  }

  private list(dir: string): Map<string, EntryKind> | null {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return null;
    }
    const listing = new Map<string, EntryKind>();
    for (const entry of entries) {
      if (entry.isFile()) listing.set(entry.name, 'file');
      else if (entry.isDirectory()) listing.set(entry.name, 'dir');
      else if (entry.isSymbolicLink()) {
        // throwIfNoEntry covers a dangling link only; a link loop (ELOOP) would end the whole run.
        let stat: fs.Stats | undefined;
        try {
          stat = fs.statSync(path.join(dir, entry.name), { throwIfNoEntry: false });
        } catch {
          stat = undefined;
        }
        listing.set(entry.name, stat?.isFile() ? 'file' : stat?.isDirectory() ? 'dir' : undefined);
      }
    }
    return listing;
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

  /** Forgets what is known of `p` and its folders, after it was created or deleted. */
  forget(p: string): void {
    this.json.delete(p);
    for (let current = p; path.dirname(current) !== current; current = path.dirname(current)) this.listings.delete(path.dirname(current));
  }
}
