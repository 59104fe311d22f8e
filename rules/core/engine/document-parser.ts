import { LRUCache } from 'lru-cache';
import { reparseEdit, type ParsedText } from './incremental-parse';
import { parseSource, type Program } from './parse';

/** How many documents' last programs a DocumentParser keeps: the buffers a user edits in turn. */
export const DOCUMENTS_REMEMBERED = 8;
/**
 * And at most this much of their text: a program takes about 60 times its text's size in memory
 * (6 MB for a 100 KB file), so this bounds them to about 120 MB however large the files are.
 */
export const TEXT_REMEMBERED = 2 * 1024 * 1024;

/**
 * Parses successive versions of the same documents (an editor's buffers), re-parsing only what an
 * edit touched when it can (incremental-parse.ts). It owns the programs it returns: the next parse
 * of the same file may move their nodes, so a caller must be done with a program before it parses
 * that file again. The server's lint thread, which lints one buffer at a time, is such a caller.
 */
export class DocumentParser {
  private readonly last: LRUCache<string, ParsedText>;
  /** How many parses were incremental (or of an unchanged text) and how many whole; tests read them. */
  readonly counts = { incremental: 0, whole: 0 };

  constructor({ documents = DOCUMENTS_REMEMBERED, textLength = TEXT_REMEMBERED } = {}) {
    // A text over the budget is not kept at all (lru-cache refuses it): its next parse is whole.
    this.last = new LRUCache({ max: documents, maxSize: textLength, sizeCalculation: (parsed) => Math.max(1, parsed.text.length) });
  }

  parse(text: string, filePath: string): Program {
    const previous = this.last.get(filePath);
    // Dropped before reuse: if anything below throws, the moved program is never handed out again.
    this.last.delete(filePath);
    let program = previous && (previous.text === text ? previous.program : reparseOrUndefined(previous, text, filePath));
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

/**
 * The incremental parse, or undefined when it cannot help. It reports syntax errors by returning
 * undefined; anything it throws is a bug of its own, and the full parse still gives the right answer.
 */
function reparseOrUndefined(previous: ParsedText, text: string, filePath: string): Program | undefined {
  try {
    return reparseEdit(previous, text, filePath);
  } catch {
    return undefined;
  }
}
