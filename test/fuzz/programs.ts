/**
 * The fuzzing inputs, each a pure function of (seed, index): eslump's random JavaScript, our
 * TypeScript generator, and mutations of real files from the pinned corpus (bench/.corpus) when it
 * has been fetched.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSource } from '../../rules/core/engine/parse';
import { traverse } from '../../rules/core/engine/traverse';
import type { Node } from '../../rules/core/engine/types';
import { REPO_ROOT } from '../helpers/paths';
import { Random } from './random';
import { generateTypeScript } from './ts-generator';

export interface Program {
  origin: string;
  file: string;
  text: string;
}

const CORPUS = path.join(REPO_ROOT, 'bench', '.corpus');
/** Larger files make each mutation slow to check and to minimize; the small ones cover the same code. */
const MAX_CORPUS_FILE = 24 * 1024;

/** Corpus files small enough to fuzz, sorted so the list does not depend on the file system. */
export function corpusFiles(): string[] {
  const list = path.join(CORPUS, 'FILES.txt');
  if (!fs.existsSync(list)) return [];
  return fs.readFileSync(list, 'utf8').split('\n').filter(Boolean).sort()
    .map((f) => path.join(CORPUS, f))
    .filter((f) => fs.existsSync(f) && fs.statSync(f).size <= MAX_CORPUS_FILE);
}

function withSeededMathRandom<T>(r: Random, run: () => T): T {
  const original = Math.random;
  Math.random = () => r.next();
  try {
    return run();
  } finally {
    Math.random = original;
  }
}

function eslumpProgram(r: Random): Program {
  // eslump draws from Math.random; seeding it keeps the program a function of (seed, index).
  const { generateRandomJS } = require('eslump') as { generateRandomJS(options: object): string };
  const sourceType = r.pick(['module', 'script']);
  const text = withSeededMathRandom(r, () => generateRandomJS({ sourceType, maxDepth: 4, comments: false, whitespace: false }));
  return { origin: `eslump ${sourceType}`, file: sourceType === 'module' ? 'fuzz.mjs' : 'fuzz.cjs', text };
}

const MUTATIONS: ReadonlyArray<[string, (text: string, node: Node) => string]> = [
  ['delete', (t, n) => t.slice(0, n.range[0]) + t.slice(n.range[1])],
  ['duplicate', (t, n) => t.slice(0, n.range[1]) + '\n' + t.slice(...n.range) + t.slice(n.range[1])],
  ['wrap in try with an empty catch', (t, n) => `${t.slice(0, n.range[0])}try { ${t.slice(...n.range)} } catch (e) {}${t.slice(n.range[1])}`],
  ['wrap in an arrow function', (t, n) => `${t.slice(0, n.range[0])}const run = async () => { ${t.slice(...n.range)} };${t.slice(n.range[1])}`],
];

function corpusMutation(r: Random, files: readonly string[]): Program | undefined {
  const file = r.pick(files);
  const text = fs.readFileSync(file, 'utf8');
  let statements: Node[] = [];
  try {
    traverse(parseSource(text, file), (node, phase) => {
      if (phase === 'enter' && /Statement$|Declaration$/.test(node.type) && node.type !== 'BlockStatement') statements.push(node);
    });
  } catch {
    statements = [];
  }
  if (statements.length === 0) return undefined;
  const [name, mutate] = r.pick(MUTATIONS);
  return { origin: `corpus ${path.relative(CORPUS, file)}: ${name}`, file: `mutated${path.extname(file)}`, text: mutate(text, r.pick(statements)) };
}

export function programAt(seed: number, index: number, corpus: readonly string[]): Program {
  const r = new Random((seed * 0x9e3779b1 + index) >>> 0);
  const source = r.int(10);
  if (source < 3 && corpus.length > 0) {
    const mutated = corpusMutation(r, corpus);
    if (mutated) return mutated;
  }
  if (source < 6) return eslumpProgram(r);
  const jsx = r.chance(0.25);
  return { origin: 'typescript generator', file: jsx ? 'fuzz.tsx' : 'fuzz.ts', text: generateTypeScript(r, jsx) };
}
