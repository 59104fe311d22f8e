import { createHash } from 'node:crypto';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { lineStartsOf } from '../engine/line-breaks';
import { parseSource, type Program } from '../engine/parse';
import type { Finding, Node } from '../engine/types';
import { ParseError } from '../errors';

/** Key under which SARIF `partialFingerprints` and GitLab reports carry the fingerprint. */
export const FINGERPRINT_KEY = 'opslintFingerprint/v2';

export function offsetOf(lineStarts: readonly number[], text: string, line: number, column: number): number {
  return Math.min(text.length, (lineStarts[line - 1] ?? text.length) + column - 1);
}

/**
 * Source text with layout removed: whitespace runs vanish except between two word characters
 * (where they separate tokens), so re-indenting or re-wrapping code keeps the fingerprint.
 */
export function normalizeSource(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/ ?([^\w$ ]) ?/g, '$1').trim();
}

function nameOf(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier' || node.type === 'PrivateIdentifier') return node.name;
  if (node.type === 'Literal') return String(node.value);
  return undefined;
}

/** The name a function or class goes by: its own id, or the variable, property or method it is assigned to. */
function containerName(node: Node, parent: Node | undefined): string | undefined {
  switch (node.type) {
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ClassDeclaration':
    case 'ClassExpression': {
      const own = 'id' in node ? nameOf(node.id ?? undefined) : undefined;
      if (own) return own;
      if (parent?.type === 'VariableDeclarator') return nameOf(parent.id);
      if (parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') return nameOf(parent.key);
      if (parent?.type === 'AssignmentExpression') return nameOf(parent.left.type === 'MemberExpression' ? parent.left.property : parent.left);
      return undefined;
    }
    default:
      return undefined;
  }
}

function isNode(value: unknown): value is Node {
  return Boolean(value) && typeof value === 'object' && typeof (value as Node).type === 'string';
}

function contains(node: Node, start: number, end: number): boolean {
  return node.range[0] <= start && end <= node.range[1];
}

/** The child of `node` whose range holds [start, end). Arrays are in source order: binary search, so huge bodies stay cheap. */
function childContaining(node: Node, start: number, end: number): Node | undefined {
  for (const key of visitorKeys[node.type] ?? []) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (!Array.isArray(value)) {
      if (isNode(value) && contains(value, start, end)) return value;
      continue;
    }
    let low = 0;
    let high = value.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const child: unknown = value[mid];
      if (!isNode(child)) break;
      if (child.range[1] < end) low = mid + 1;
      else if (child.range[0] > start) high = mid - 1;
      else return contains(child, start, end) ? child : undefined;
    }
  }
  return undefined;
}

/**
 * The dotted names of the named functions and classes around [start, end), outermost first
 * (`UserService.load`). Descends from the root without recursion, one level per step.
 */
export function enclosingFunctionName(ast: Program, start: number, end: number): string {
  const names: string[] = [];
  let parent: Node | undefined;
  let current: Node | undefined = ast;
  while (current) {
    const name = containerName(current, parent);
    if (name) names.push(name);
    parent = current;
    current = childContaining(current, start, end);
  }
  return names.join('.');
}

function parseQuietly(text: string, filePath: string): Program | undefined {
  try {
    return parseSource(text, filePath);
  } catch (error) {
    if (error instanceof ParseError) return undefined;
    throw error;
  }
}

/**
 * One fingerprint per finding, stable across edits elsewhere in the file (no line numbers in it):
 * rule id + project-relative path + hash of the normalized source of the reported range + the
 * names of the enclosing functions + the occurrence index among findings that share all of those.
 * A per-file count (ESLint's suppressions file) would let a new violation hide behind a fixed one;
 * this only does when the new code is the same code in the same function.
 * `ast` avoids a second parse when the caller has it; without it the text is parsed here, and with
 * `null` no enclosing names are used (project findings: they are added after the per-file pass,
 * possibly from the cache, where a parse per file would cost what the cache saves).
 */
export function fingerprintFindings(relativePath: string, text: string | undefined, findings: readonly Finding[], ast?: Program | null): string[] {
  const starts = text === undefined ? [] : lineStartsOf(text);
  const program = text === undefined || findings.length === 0 || ast === null ? undefined : ast ?? parseQuietly(text, relativePath);
  const seen = new Map<string, number>();
  return findings.map((f) => {
    let excerpt = '';
    let scope = '';
    if (text !== undefined) {
      const start = offsetOf(starts, text, f.line, f.column);
      const end = Math.max(start, offsetOf(starts, text, f.endLine, f.endColumn));
      // A point location (parse errors, file-level findings) stands for its whole line.
      excerpt = normalizeSource(start === end ? text.slice(starts[f.line - 1] ?? 0, starts[f.line] ?? text.length) : text.slice(start, end));
      if (program) scope = enclosingFunctionName(program, start, end);
    }
    const sourceHash = createHash('sha256').update(excerpt).digest('hex');
    const key = `${f.ruleId}\u0000${relativePath}\u0000${sourceHash}\u0000${scope}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}

/**
 * The fingerprints of a file's findings after its project findings were merged in
 * (`mergeProjectFindings`): findings kept from the per-file pass keep the fingerprints computed then
 * (`before` / `beforePrints`, same order); the others are fingerprinted together, without enclosing
 * names (see `fingerprintFindings`). The CLI and the language server both go through here, so a
 * baseline written by one matches in the other.
 */
export function carryFingerprints(relativePath: string, text: string | undefined, before: readonly Finding[], beforePrints: readonly string[], after: readonly Finding[]): string[] {
  const old = new Map(before.map((m, i) => [m, beforePrints[i]] as const));
  const added = after.filter((m) => !old.has(m));
  const prints = added.length > 0 ? fingerprintFindings(relativePath, text, added, null) : [];
  const addedPrints = new Map(added.map((m, i) => [m, prints[i]] as const));
  return after.map((m) => old.get(m) ?? addedPrints.get(m)!);
}
