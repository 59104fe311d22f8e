import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileLinter } from './file-linter';
import type { LintThread } from './lint-thread';
import { positionMapOf } from './positions';
import type { FileState } from './project-models';
import type { WorkspaceRoots } from './workspace-roots';
import { uriToPath } from './uris';

/** The per-file lint of one version of an open document, with the exact text it refers to. */
export interface DocumentLint extends FileState {
  uri: string;
  version: number;
  text: string;
  filePath: string;
}

const UNTITLED_EXTENSIONS: Record<string, string> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' };

/**
 * Lints open documents from their in-memory text. Results are cached per version, so the code
 * actions for what is on screen reuse the lint that produced the squiggles. Text and version are
 * read together before the lint is handed to the lint thread: TextDocuments updates documents in place.
 */
export class DocumentLinter {
  private readonly byUri = new Map<string, DocumentLint>();
  /** Bumped by forget: a lint that finishes after its document closed (or its config changed) is neither cached nor shared. */
  private epoch = 0;
  private readonly running = new Map<string, { version: number; lint: Promise<DocumentLint> }>();

  constructor(
    private readonly files: FileLinter,
    private readonly roots: WorkspaceRoots,
    private readonly thread: LintThread,
  ) {}

  /** Untitled buffers are linted as a file of their language in the first workspace folder. */
  filePathOf(document: Pick<TextDocument, 'uri' | 'languageId'>): string {
    return uriToPath(document.uri) ?? path.join(this.roots.all()[0] ?? process.cwd(), `untitled${UNTITLED_EXTENSIONS[document.languageId] ?? '.ts'}`);
  }

  /** The newest lint of an open document, whatever its version. */
  cached(uri: string): DocumentLint | undefined {
    return this.byUri.get(uri);
  }

  /** The scheduled lint and a code action asking for the same version share one run on the lint thread. */
  lint(document: TextDocument): Promise<DocumentLint> {
    const running = this.running.get(document.uri);
    if (running?.version === document.version) return running.lint;
    const lint = this.run(document).finally(() => {
      if (this.running.get(document.uri)?.lint === lint) this.running.delete(document.uri);
    });
    this.running.set(document.uri, { version: document.version, lint });
    return lint;
  }

  private async run(document: TextDocument): Promise<DocumentLint> {
    const epoch = this.epoch;
    const cached = this.byUri.get(document.uri);
    if (cached?.version === document.version) return cached;
    const filePath = this.filePathOf(document);
    const target = await this.files.target(document.uri, filePath);
    const text = document.getText();
    const base = { uri: document.uri, version: document.version, text, filePath, positions: positionMapOf(text) };
    let result: DocumentLint = { ...base, messages: [], directives: [], enabledRules: new Set() };
    if (target) {
      const outcome = await this.thread.lintText(target, text);
      const enabledRules = new Set(target.config.rules.keys());
      // A stopped lint keeps the module's last facts: one stuck rule should not reshape the project graph.
      result = outcome.ok
        ? { ...base, messages: outcome.value.messages, facts: outcome.value.facts, directives: outcome.value.directives, enabledRules, baseline: target.baseline, fingerprints: outcome.value.fingerprints }
        : { ...base, messages: [outcome.finding], facts: cached?.facts, directives: [], enabledRules };
    }
    const newest = this.byUri.get(document.uri);
    if (epoch === this.epoch && (!newest || newest.version < result.version)) this.byUri.set(document.uri, result);
    return result;
  }

  /** The text with every fix applied (in passes, never unparsable), or undefined when nothing changes. */
  async fixedText(document: TextDocument): Promise<{ version: number; text: string; output: string } | undefined> {
    const target = await this.files.target(document.uri, this.filePathOf(document));
    if (!target) return undefined;
    const text = document.getText();
    const version = document.version;
    const fixed = await this.thread.fixText(target, text);
    return !fixed.ok || fixed.value === undefined ? undefined : { version, text, output: fixed.value };
  }

  forget(uri: string): void {
    this.epoch++;
    this.byUri.delete(uri);
    this.running.delete(uri);
  }

  /** After a settings or config change every cached result may be wrong. */
  forgetAll(): void {
    this.epoch++;
    this.byUri.clear();
    this.running.clear();
  }
}
