import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A folder of files made for one test, under the OS temp folder; `remove()` deletes it. */
export class TempWorkspace {
  readonly root: string;

  constructor(files: Record<string, string>) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'opslint-ws-')));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  path(relative: string): string {
    return path.join(this.root, relative);
  }

  write(relative: string, text: string): string {
    const file = this.path(relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  }

  delete(relative: string): void {
    fs.rmSync(this.path(relative));
  }

  rename(from: string, to: string): void {
    fs.mkdirSync(path.dirname(this.path(to)), { recursive: true });
    fs.renameSync(this.path(from), this.path(to));
  }

  /** The lintable source files, sorted, as absolute paths. */
  sourceFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) { if (entry.name !== 'node_modules') walk(full); }
        else if (/\.[cm]?[jt]sx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) out.push(full);
      }
    };
    walk(this.root);
    return out.sort();
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
