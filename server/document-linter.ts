import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixText } from '../rules/core/engine/apply-fixes';
import { lintText } from '../rules/core/engine/lint-text';
import type { Finding } from '../rules/core/engine/types';
import type { FileLinter } from './file-linter';
import type { WorkspaceRoots } from './workspace-roots';
import { uriToPath } from './uris';

/** The findings for one version of an open document, with the exact text they refer to. */
export interface DocumentLint {
  uri: string;
  version: number;
  text: string;
  findings: Finding[];
}

const UNTITLED_EXTENSIONS: Record<string, string> = { typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx' };

/**
 * Lints open documents from their in-memory text. Results are cached per version, so the code
 * actions for what is on screen reuse the lint that produced the squiggles. Text and version are
 * read together after the last await: TextDocuments updates documents in place.
 */
export class DocumentLinter {
  private readonly byUri = new Map<string, DocumentLint>();

  constructor(
    private readonly files: FileLinter,
    private readonly roots: WorkspaceRoots,
  ) {}

  /** Untitled buffers are linted as a file of their language in the first workspace folder. */
  filePathOf(document: TextDocument): string {
    return uriToPath(document.uri) ?? path.join(this.roots.all()[0] ?? process.cwd(), `untitled${UNTITLED_EXTENSIONS[document.languageId] ?? '.ts'}`);
  }

  hasLinted(uri: string): boolean {
    return this.byUri.has(uri);
  }

  async lint(document: TextDocument): Promise<DocumentLint> {
    const cached = this.byUri.get(document.uri);
    if (cached?.version === document.version) return cached;
    const target = await this.files.target(document.uri, this.filePathOf(document));
    const text = document.getText();
    const findings = target ? lintText(text, target.filePath, target.config, target.env).messages : [];
    const result = { uri: document.uri, version: document.version, text, findings };
    this.byUri.set(document.uri, result);
    return result;
  }

  /** The text with every fix applied (in passes, never unparsable), or undefined when nothing changes. */
  async fixedText(document: TextDocument): Promise<{ version: number; text: string; output: string } | undefined> {
    const target = await this.files.target(document.uri, this.filePathOf(document));
    if (!target) return undefined;
    const text = document.getText();
    const { output } = fixText(text, target.filePath, target.config, target.env);
    return output === undefined ? undefined : { version: document.version, text, output };
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  /** After a settings or config change every cached result may be wrong. */
  forgetAll(): void {
    this.byUri.clear();
  }
}
