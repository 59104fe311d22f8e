import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixText } from '../rules/core/engine/apply-fixes';
import { lintSource } from '../rules/core/engine/lint-text';
import { directiveComments } from '../rules/core/project/merge-project-findings';
import { extractFacts } from '../rules/core/project/module-facts';
import type { FileLinter } from './file-linter';
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
 * read together after the last await: TextDocuments updates documents in place.
 */
export class DocumentLinter {
  private readonly byUri = new Map<string, DocumentLint>();

  constructor(
    private readonly files: FileLinter,
    private readonly roots: WorkspaceRoots,
  ) {}

  /** Untitled buffers are linted as a file of their language in the first workspace folder. */
  filePathOf(document: Pick<TextDocument, 'uri' | 'languageId'>): string {
    return uriToPath(document.uri) ?? path.join(this.roots.all()[0] ?? process.cwd(), `untitled${UNTITLED_EXTENSIONS[document.languageId] ?? '.ts'}`);
  }

  /** The newest lint of an open document, whatever its version. */
  cached(uri: string): DocumentLint | undefined {
    return this.byUri.get(uri);
  }

  async lint(document: TextDocument): Promise<DocumentLint> {
    const cached = this.byUri.get(document.uri);
    if (cached?.version === document.version) return cached;
    const filePath = this.filePathOf(document);
    const target = await this.files.target(document.uri, filePath);
    const text = document.getText();
    const base = { uri: document.uri, version: document.version, text, filePath, positions: positionMapOf(text) };
    let result: DocumentLint = { ...base, messages: [], directives: [], enabledRules: new Set() };
    if (target) {
      const { result: lint, sourceCode } = lintSource(text, filePath, target.config, target.env);
      // Facts come from the same parse: the project model follows the buffer, not the disk.
      const parsed = sourceCode ? { facts: extractFacts(sourceCode.ast, filePath, text), directives: directiveComments(sourceCode.getAllComments()) } : { directives: [] };
      result = { ...base, messages: lint.messages, enabledRules: new Set(target.config.rules.keys()), ...parsed };
    }
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
