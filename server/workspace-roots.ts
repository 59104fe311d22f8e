import * as path from 'node:path';

/** The workspace folders the client opened, as paths; a file's root is the deepest one holding it. */
export class WorkspaceRoots {
  private folders: string[];

  constructor(folders: readonly string[]) {
    this.folders = [...folders];
  }

  all(): readonly string[] {
    return this.folders;
  }

  replace(folders: readonly string[]): void {
    this.folders = [...folders];
  }

  /** Outside every folder (a loose file), the file's own folder is the root: config lookup stops there. */
  rootFor(filePath: string): string {
    let best: string | undefined;
    for (const folder of this.folders) {
      const relative = path.relative(folder, filePath);
      const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
      if (inside && (!best || folder.length > best.length)) best = folder;
    }
    return best ?? path.dirname(filePath);
  }
}
