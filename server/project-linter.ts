import type { Connection } from 'vscode-languageserver';
import { findFiles } from '../rules/core/files/find-files';
import { lintProject } from '../rules/core/project/lint-project';
import type { FileLinter } from './file-linter';
import type { Publisher } from './publisher';
import type { SettingsStore } from './settings-store';
import { pathToUri } from './uris';
import type { WorkspaceRoots } from './workspace-roots';

export interface ProjectLinterDependencies {
  connection: Connection;
  files: FileLinter;
  roots: WorkspaceRoots;
  settings: SettingsStore;
  publisher: Publisher;
  /** Open documents are linted from the editor's text; the disk version must not overwrite them. */
  isOpen(filePath: string): boolean;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Findings for files that are not open, so the Problems panel shows the whole project. A scan lints
 * one file per turn of the event loop: edits in open documents keep their latency, and a newer scan
 * (config changed, "Lint workspace") supersedes a running one.
 * The project model's incremental API plugs in at `fileChanged`: today it re-lints that file only.
 */
export class ProjectLinter {
  private generation = 0;
  /** Paths with published project findings, so a file that leaves the project gets cleared. */
  private readonly published = new Set<string>();

  constructor(private readonly deps: ProjectLinterDependencies) {}

  async lintAll(): Promise<void> {
    const generation = ++this.generation;
    const progress = await this.deps.connection.window.createWorkDoneProgress();
    progress.begin('Opslint', 0, 'Looking for files', true);
    try {
      const files = await this.projectFiles();
      for (const [index, filePath] of files.entries()) {
        if (generation !== this.generation || progress.token.isCancellationRequested) return;
        await this.fileChanged(filePath);
        progress.report(Math.floor(((index + 1) * 100) / files.length), `${index + 1}/${files.length} files`);
        await yieldToEventLoop();
      }
    } finally {
      progress.done();
    }
  }

  private async projectFiles(): Promise<string[]> {
    const files: string[] = [];
    for (const root of this.deps.roots.all()) {
      const settings = await this.deps.settings.get(pathToUri(root));
      if (settings.enable && settings.lintWorkspace) files.push(...(await findFiles(['.'], { root })).files);
    }
    return files;
  }

  /** A file on disk was created or changed (or closed in the editor): publish its findings from disk. */
  async fileChanged(filePath: string): Promise<void> {
    if (this.deps.isOpen(filePath)) return;
    const uri = pathToUri(filePath);
    const settings = await this.deps.settings.get(uri);
    const target = settings.lintWorkspace ? await this.deps.files.target(uri, filePath) : undefined;
    if (!target) return this.fileDeleted(filePath);
    const [{ result }] = lintProject([filePath], { resolver: target.resolver, env: target.env });
    if (this.deps.isOpen(filePath)) return;
    this.deps.publisher.publish(uri, result.messages);
    this.published.add(filePath);
  }

  fileDeleted(filePath: string): void {
    if (this.published.delete(filePath)) this.deps.publisher.clear(pathToUri(filePath));
  }
}
