import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ModuleFacts } from '../rules/core/project/module-facts';
import { findFiles } from '../rules/core/files/find-files';
import { baselinedFindings } from './baselines';
import type { DocumentLint, DocumentLinter } from './document-linter';
import type { FileLinter } from './file-linter';
import type { LintThread } from './lint-thread';
import type { FileState, ProjectModels } from './project-models';
import { positionMapOf } from './positions';
import type { Publisher } from './publisher';
import { pathToUri } from './uris';
import type { WorkspaceRoots } from './workspace-roots';

export interface ProjectLinterDependencies {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  linter: DocumentLinter;
  files: FileLinter;
  thread: LintThread;
  roots: WorkspaceRoots;
  models: ProjectModels;
  publisher: Publisher;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The whole project in the Problems panel. A scan lints every file from disk (open ones from their
 * buffer) one per turn of the event loop, so open documents keep their latency and a newer scan
 * supersedes a running one; then it builds each folder's module graph from the same parses. After
 * that every change (disk, buffer, close) goes through the model's incremental API, and only the
 * files whose cross-file findings changed are published again.
 */
export class ProjectLinter {
  private generation = 0;
  /** Per-file results of project files that are not open, read from disk. */
  private readonly closed = new Map<string, FileState>();

  constructor(private readonly deps: ProjectLinterDependencies) {}

  async lintAll(): Promise<void> {
    const generation = ++this.generation;
    const progress = await this.deps.connection.window.createWorkDoneProgress();
    progress.begin('Opslint', 0, 'Looking for files', true);
    try {
      this.deps.models.clear();
      for (const root of this.deps.roots.all()) {
        const resolver = await this.deps.files.projectResolver(pathToUri(root), root);
        if (!resolver) continue;
        const { files } = await findFiles(['.'], { root });
        const modules: Array<readonly [string, ModuleFacts]> = [];
        for (const [index, filePath] of files.entries()) {
          if (generation !== this.generation || progress.token.isCancellationRequested) return;
          const open = this.openLint(filePath);
          const state = open ?? (await this.lintFromDisk(filePath));
          if (!open) this.publishFile(filePath);
          if (state?.facts) modules.push([filePath, state.facts]);
          progress.report(Math.floor(((index + 1) * 100) / files.length), `${index + 1}/${files.length} files`);
          await yieldToEventLoop();
        }
        for (const filePath of this.deps.models.build(root, resolver, modules)) this.publishFile(filePath);
      }
    } finally {
      progress.done();
    }
  }

  /** Lints a closed file from disk; a file that is no longer linted (ignored, disabled) is cleared. */
  private async lintFromDisk(filePath: string): Promise<FileState | undefined> {
    const target = await this.deps.files.target(pathToUri(filePath), filePath, { projectScan: true });
    if (!target) {
      this.forgetClosed(filePath);
      return undefined;
    }
    const outcome = await this.deps.thread.lintFile(target);
    const lint = outcome.ok ? outcome.value : { messages: [outcome.finding], directives: [] };
    const state: FileState = {
      messages: lint.messages,
      facts: lint.facts,
      directives: lint.directives,
      enabledRules: new Set(target.config.rules.keys()),
      positions: positionMapOf(lint.source),
      ...(outcome.ok && target.baseline ? { baseline: target.baseline, fingerprints: outcome.value.fingerprints, text: outcome.value.source } : {}),
    };
    this.closed.set(filePath, state);
    return state;
  }

  /** A closed file was created or changed on disk, or an open one was closed: the disk text is the truth again. */
  async fileChanged(filePath: string): Promise<void> {
    if (this.isOpen(filePath)) return;
    const state = await this.lintFromDisk(filePath);
    const changed = this.deps.models.update(filePath, state?.facts);
    this.publishFile(filePath);
    this.publishAll(changed, filePath);
  }

  fileDeleted(filePath: string): void {
    this.forgetClosed(filePath);
    this.publishAll(this.deps.models.update(filePath, undefined), filePath);
  }

  /** An open document was linted: its facts update the graph; files whose cross-file findings changed are re-published. */
  documentLinted(lint: DocumentLint): void {
    this.publishAll(this.deps.models.update(lint.filePath, lint.facts), lint.filePath);
  }

  /** The file's per-file and cross-file findings, as they stand. */
  findingsOf(filePath: string, state: FileState) {
    return this.deps.models.merged(filePath, state);
  }

  /** Publishes the file's findings as they stand, those the baseline accepts as `opslint.baseline.severity` says. */
  publish(uri: string, filePath: string, state: FileState, version?: number): void {
    const findings = this.findingsOf(filePath, state);
    this.deps.publisher.publish(uri, findings, state.positions, version, baselinedFindings(state, findings));
  }

  private publishAll(files: readonly string[], except: string): void {
    for (const filePath of files) if (filePath !== except) this.publishFile(filePath);
  }

  /** Open documents publish only their current version's lint; a pending lint will publish the rest. */
  private publishFile(filePath: string): void {
    const open = this.openLint(filePath);
    if (open) {
      if (this.deps.documents.get(open.uri)?.version === open.version) this.publish(open.uri, filePath, open, open.version);
      return;
    }
    const state = this.closed.get(filePath);
    if (state && !this.isOpen(filePath)) this.publish(pathToUri(filePath), filePath, state);
  }

  private forgetClosed(filePath: string): void {
    if (this.closed.delete(filePath) && !this.isOpen(filePath)) this.deps.publisher.clear(pathToUri(filePath));
  }

  private openDocument(filePath: string): TextDocument | undefined {
    return this.deps.documents.all().find((d) => this.deps.linter.filePathOf(d) === filePath);
  }

  private isOpen(filePath: string): boolean {
    return this.openDocument(filePath) !== undefined;
  }

  private openLint(filePath: string): DocumentLint | undefined {
    const document = this.openDocument(filePath);
    return document && this.deps.linter.cached(document.uri);
  }
}
