import { LRUCache } from 'lru-cache';
import { reparseEdit, type ParsedText } from './incremental-parse';
import { parseSource, type Program } from './parse';

/** How many documents' last programs a DocumentParser keeps: the buffers a user edits in turn. */
export const DOCUMENTS_REMEMBERED = 8;

/**
 * Parses successive versions of the same documents (an editor's buffers), re-parsing only what an
 * edit touched when it can (incremental-parse.ts). It owns the programs it returns: the next parse
 * of the same file may move their nodes, so a caller must be done with a program before it parses
 * that file again. The server's lint thread, which lints one buffer at a time, is such a caller.
 */
export class DocumentParser {
  private readonly last = new LRUCache<string, ParsedText>({ max: DOCUMENTS_REMEMBERED });
  /** How many parses were incremental and how many whole: the latency bench reports them. */
  readonly counts = { incremental: 0, whole: 0 };

  parse(text: string, filePath: string): Program {
    const previous = this.last.get(filePath);
    // Dropped before reuse: if anything below throws, the moved program is never handed out again.
    this.last.delete(filePath);
    let program = previous && (previous.text === text ? previous.program : reparseEdit(previous, text, filePath));
    if (program) {
      this.counts.incremental++;
    } else {
      program = parseSource(text, filePath);
      this.counts.whole++;
    }
    this.last.set(filePath, { text, program });
    return program;
  }
}
