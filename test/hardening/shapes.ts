/**
 * Pathological inputs, shared by the hardening tests (small sizes) and `npm run ladder` (large
 * ones): nesting shapes by depth and realistic code by size.
 */
export interface NestingShape {
  name: string;
  /** File name: the extension decides whether JSX is allowed. */
  file: string;
  make(depth: number): string;
}

export const NESTING_SHAPES: readonly NestingShape[] = [
  { name: 'if', file: 'deep-if.ts', make: (n) => `${'if (a) {\n'.repeat(n)}${'}\n'.repeat(n)}` },
  { name: 'call chain', file: 'deep-call.ts', make: (n) => `client${'.then(() => 1)'.repeat(n)};\n` },
  { name: 'binary chain', file: 'deep-binary.ts', make: (n) => `const x = ${Array.from({ length: n }, (_, i) => `v${i % 10}`).join(' + ')};\n` },
  { name: 'parentheses', file: 'deep-paren.ts', make: (n) => `const x = ${'('.repeat(n)}1${')'.repeat(n)};\n` },
  { name: 'array', file: 'deep-array.ts', make: (n) => `const x = ${'['.repeat(n)}${']'.repeat(n)};\n` },
  { name: 'JSX', file: 'deep-jsx.tsx', make: (n) => `const x = ${'<div>'.repeat(n)}${'</div>'.repeat(n)};\n` },
  { name: 'generics', file: 'deep-generic.ts', make: (n) => `type T = ${'Box<'.repeat(n)}string${'>'.repeat(n)};\n` },
];

/** A slice of ordinary service code that gives every rule category something to look at. */
const SERVICE_CODE = `import * as fs from 'node:fs';
const cache = new Map<string, unknown>();
export async function load(id: string): Promise<unknown> {
  try {
    const response = await fetch('https://api.example.com/items/' + id);
    const body = await response.json();
    cache.set(id, body);
    return body;
  } catch (error) {
    console.error('load failed', error);
    throw error;
  }
}
export function readConfig(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
setInterval(() => cache.clear(), 60_000);
`;

/** About `bytes` of service code; `oneLine` joins it into a single line as minifiers do. */
export function codeOfSize(bytes: number, oneLine = false): string {
  const block = oneLine ? SERVICE_CODE.replace(/\n\s*/g, ' ') : SERVICE_CODE;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = block.replace(/\b(load|readConfig|cache)\b/g, `$1${i}`);
    parts.push(part);
    size += part.length;
  }
  return parts.join(oneLine ? ' ' : '\n');
}
