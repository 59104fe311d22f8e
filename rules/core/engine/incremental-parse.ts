import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { extractComments } from './comments';
import { parseOnThisStack, type Program } from './parse';
import { columnAt, lineBreaksIn } from './line-breaks';
import { findEdit, type TextEdit } from './text-edit';

/** A text and the program parsed from it: what the next edit of the same document starts from. */
export interface ParsedText {
  text: string;
  program: Program;
}

type Statement = TSESTree.ProgramStatement;

/**
 * Parses an edited text by converting again only the top-level statements the edit touched, plus
 * one unchanged statement on each side, and reusing every other statement of the previous program.
 * typescript-estree's conversion is two thirds of a parse, and an editor sends one keystroke at a
 * time, so this is what lets the server answer a keystroke in a 3,000-line file quickly.
 *
 * How: the region of re-parsed statements is parsed alone, then its nodes are moved to where the
 * region starts, and the statements after it are moved by the edit's length and line count.
 *
 * When it cannot be sure the result equals a full parse it returns `undefined`, and the caller
 * parses the whole text: a syntax error in the region, unchanged neighbours that no longer parse
 * to the same extent (the edit reached past them), a change of module-ness (it changes how
 * top-level `await` parses elsewhere), a directive prologue. test/ruling/incremental-parse.test.ts
 * checks the result against a full parse over thousands of random edits of corpus files.
 *
 * Reusing nodes moves them: `previous.program` must not be used after this returns a program.
 */
export function reparseEdit(previous: ParsedText, text: string, filePath: string): Program | undefined {
  const body = previous.program.body;
  if (body.length === 0 || startsWithStringStatement(body)) return undefined;
  const edit = findEdit(previous.text, text);
  const delta = edit.newEnd - edit.oldEnd;
  // The touched statements, including those an edit only abuts: typing right after `f()` extends it.
  const firstTouched = leadingCount(body, (statement) => statement.range[1] < edit.start);
  const lastTouched = leadingCount(body, (statement) => statement.range[0] <= edit.oldEnd) - 1;
  const before = firstTouched - 1;
  const after = lastTouched + 1;
  const regionStart = before >= 0 ? body[before].range[0] : 0;
  const regionEnd = after < body.length ? body[after].range[1] + delta : text.length;

  let region: Program;
  try {
    region = parseOnThisStack(text.slice(regionStart, regionEnd), filePath);
  } catch {
    // A syntax error or a stack overflow: the full parse reports it with the whole text's context.
    return undefined;
  }
  const parts = region.body;
  if (before >= 0 && !sameExtent(parts[0], body[before], -regionStart)) return undefined;
  if (after < body.length && !sameExtent(parts[parts.length - 1], body[after], delta - regionStart)) return undefined;
  if (before >= 0 && after < body.length && parts.length < 2) return undefined;
  if (parts.some((statement) => 'directive' in statement && statement.directive !== undefined)) return undefined;

  const kept = body.slice(0, Math.max(before, 0));
  const moved = body.slice(after + 1);
  const sourceType = region.sourceType === 'module' || kept.some(isModuleSyntax) || moved.some(isModuleSyntax) ? 'module' : previous.program.sourceType === 'script' ? 'script' : undefined;
  // Module-ness decides how a top-level `await` parses, in every statement.
  if (sourceType !== previous.program.sourceType) return undefined;
  if (region.sourceType !== sourceType && text.slice(regionStart, regionEnd).includes('await')) return undefined;

  // The region starts where its first (unchanged) statement starts, or at the top of the file.
  const regionAt = before >= 0 ? body[before].loc.start : { line: 1, column: 0 };
  if (regionStart > 0) moveNodes(parts, { offset: regionStart, lines: regionAt.line - 1, line: 1, columns: regionAt.column });
  const shift = shiftOf(previous, text, edit, moved[0]);
  moveNodes(moved, shift);
  region.body = [...kept, ...parts, ...moved];
  region.range = [0, text.length];
  region.sourceType = sourceType;
  region.loc = { start: { line: 1, column: 0 }, end: movedPosition(previous.program.loc.end, shift) };
  region.comments = extractComments(region, text);
  return region;
}

function sameExtent(parsed: Statement | undefined, previous: Statement, delta: number): boolean {
  return parsed !== undefined && parsed.type === previous.type && parsed.range[0] === previous.range[0] + delta && parsed.range[1] === previous.range[1] + delta;
}

function startsWithStringStatement(body: readonly Statement[]): boolean {
  const first = body[0];
  return first.type === 'ExpressionStatement' && first.expression.type === 'Literal' && typeof first.expression.value === 'string';
}

/** What makes TypeScript treat a file as a module (ts.isExternalModuleIndicator) at the top level. */
function isModuleSyntax(statement: Statement): boolean {
  switch (statement.type) {
    case 'ImportDeclaration':
    case 'ExportAllDeclaration':
    case 'ExportDefaultDeclaration':
    case 'ExportNamedDeclaration':
    case 'TSExportAssignment':
      return true;
    case 'TSImportEqualsDeclaration':
      return statement.moduleReference.type === 'TSExternalModuleReference';
    default:
      return false;
  }
}

/** How many statements from the start pass `test`, which holds for a prefix of them (binary search). */
function leadingCount(body: readonly Statement[], test: (statement: Statement) => boolean): number {
  let low = 0;
  let high = body.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (test(body[middle])) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** How a position at or after the edit's old end moves. */
interface Shift {
  offset: number;
  lines: number;
  /** The old line of the edit's end: positions on it also move by `columns`. */
  line: number;
  columns: number;
}

function shiftOf(previous: ParsedText, text: string, edit: TextEdit, firstMoved: Statement | undefined): Shift {
  const lines = lineBreaksIn(text, edit.start, edit.newEnd) - lineBreaksIn(previous.text, edit.start, edit.oldEnd);
  const columns = columnAt(text, edit.newEnd) - columnAt(previous.text, edit.oldEnd);
  // The old line of the edit's end, counted back from the first moved statement (or the end of the
  // file) rather than from the start of the file: that span is at most one statement long.
  const anchor = firstMoved === undefined ? { offset: previous.text.length, line: previous.program.loc.end.line } : { offset: firstMoved.range[0], line: firstMoved.loc.start.line };
  const line = anchor.line - lineBreaksIn(previous.text, edit.oldEnd, anchor.offset);
  return { offset: edit.newEnd - edit.oldEnd, lines, line, columns };
}

function movedPosition(position: TSESTree.Position, shift: Shift): TSESTree.Position {
  return { line: position.line + shift.lines, column: position.line === shift.line ? position.column + shift.columns : position.column };
}

/**
 * Moves every node under `roots`. New range and location objects rather than writes into the old
 * ones: the parser shares some of them between nodes (36 ranges in 254,000 corpus nodes). And
 * each node once, though no node was found reachable twice.
 */
function moveNodes(roots: readonly Statement[], shift: Shift): void {
  const seen = new Set<object>();
  const pending: TSESTree.Node[] = [...roots];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (seen.has(node)) continue;
    seen.add(node);
    node.range = [node.range[0] + shift.offset, node.range[1] + shift.offset];
    // Typing within a line moves no line, so only the locations on the edited line change.
    if (shift.lines !== 0 || node.loc.start.line === shift.line || node.loc.end.line === shift.line) {
      node.loc = { start: movedPosition(node.loc.start, shift), end: movedPosition(node.loc.end, shift) };
    }
    const keys = visitorKeys[node.type];
    if (keys === undefined) continue;
    for (const key of keys) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) pending.push(item);
      } else if (isNode(value)) {
        pending.push(value);
      }
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
