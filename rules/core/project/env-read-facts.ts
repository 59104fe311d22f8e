import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { spanOf, type EnvReadFact } from './module-fact-shapes';
import { isProcessEnv, propertyName } from './module-syntax';

type Node = TSESTree.Node;

/** How environment variables are spelled: `PORT`, `DATABASE_URL`, `HTTP_TRUST_PROXY`. */
const VARIABLE_NAME = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * Collects a module's `process.env` uses as facts, telling reads of configuration from the two uses
 * that are not: writes (`process.env.TZ = zone`) and the whole environment handed on to a child
 * process (`spawn(cmd, { env: { ...process.env, X } })`). Destructuring lists each variable it takes.
 * The walk visits an assignment or a property before its children, so the marks are set in time.
 */
export class EnvReadCollector {
  readonly reads: EnvReadFact[] = [];
  /** Upper-case property keys and strings of the module (`{ PORT: num() }`, `['SLACK_TOKEN']`): the variables a config module names. */
  readonly names = new Set<string>();
  private readonly written = new Set<Node>();
  private readonly forwarded = new Set<Node>();
  private readonly interpreting = new Set<Node>();

  /** `process.env.X = …`, `process.env[X] ??= …`, `delete process.env.X`: its target is a write. */
  noteWrite(target: Node): void {
    if (target.type === 'MemberExpression') this.written.add(target);
  }

  /**
   * Operands the node parses, defaults, compares or tests (`Number(x)`, `x || 300`, `x === 'true'`,
   * `if (x)`, `!x`, `x.split(',')`): a variable read there is interpreted in place.
   */
  noteInterpreting(node: Node): void {
    // Only a read of `process.env.X` itself is looked up later (noteEnv): keep those, not every operand of the file.
    for (const operand of interpretedOperands(node)) if (isEnvVariableRead(operand)) this.interpreting.add(operand);
  }

  /** `env: process.env` and `env: { ...process.env, … }`: the environment passed on whole. */
  noteProperty(node: TSESTree.Property): void {
    const key = keyName(node);
    if (key !== undefined && VARIABLE_NAME.test(key)) this.names.add(key);
    if (key !== 'env') return;
    if (node.value.type === 'MemberExpression') this.forwarded.add(node.value);
    if (node.value.type === 'ObjectExpression') {
      for (const member of node.value.properties) if (member.type === 'SpreadElement') this.forwarded.add(member.argument);
    }
  }

  noteString(value: string): void {
    if (VARIABLE_NAME.test(value)) this.names.add(value);
  }

  /** What the module names, kept only when it reads the environment (the names are a config module's). */
  namedVariables(): string[] | undefined {
    return this.reads.length > 0 && this.names.size > 0 ? [...this.names].sort() : undefined;
  }

  /** `node` is `process.env`; `parent` the node around it. */
  noteEnv(node: TSESTree.MemberExpression, parent: Node | undefined): void {
    const outer = parent?.type === 'MemberExpression' && parent.object === node ? parent : undefined;
    if (outer) {
      const name = propertyName(outer);
      const use = this.written.has(outer) ? { use: 'write' as const } : {};
      const interpreted = this.interpreting.has(outer) ? { interpreted: true as const } : {};
      this.reads.push({ ...(name !== undefined ? { name } : { dynamic: true as const }), span: spanOf(outer), ...use, ...interpreted });
      return;
    }
    if (this.forwarded.has(node)) {
      this.reads.push({ span: spanOf(node), use: 'forward' });
      return;
    }
    const pattern = destructuredBy(node, parent);
    const names = pattern?.properties.map((p) => (p.type === 'Property' ? keyName(p) : undefined)) ?? [];
    if (names.length === 0 || names.includes(undefined)) this.reads.push({ span: spanOf(node) });
    for (const name of names) if (name !== undefined) this.reads.push({ name, span: spanOf(node) });
  }
}

const PARSERS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'JSON.parse', 'Number.parseInt', 'Number.parseFloat']);
const COMPARISONS = new Set(['==', '===', '!=', '!==', '<', '>', '<=', '>=']);

function isEnvVariableRead(node: Node): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'MemberExpression' && isProcessEnv(node.object);
}

function interpretedOperands(node: Node): Node[] {
  switch (node.type) {
    case 'CallExpression': {
      const callee = node.callee.type === 'Identifier' ? node.callee.name
        : node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.property.type === 'Identifier' ? `${node.callee.object.name}.${node.callee.property.name}` : undefined;
      return callee !== undefined && PARSERS.has(callee) && node.arguments[0] ? [node.arguments[0]] : [];
    }
    case 'LogicalExpression': return [node.left];
    case 'BinaryExpression': return COMPARISONS.has(node.operator) ? [node.left, node.right] : [];
    case 'IfStatement':
    case 'ConditionalExpression': return [node.test];
    case 'UnaryExpression': return node.operator === '!' ? [node.argument] : [];
    // `process.env.X.split(',')`, `process.env.X?.trim()`: a method of the value.
    case 'MemberExpression': return [node.object];
    default: return [];
  }
}

/** `const { A, B } = process.env` or `({ A } = process.env)`: the pattern that takes variables from it. */
function destructuredBy(node: Node, parent: Node | undefined): TSESTree.ObjectPattern | undefined {
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'ObjectPattern') return parent.id;
  if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.left.type === 'ObjectPattern') return parent.left;
  return undefined;
}

function keyName(property: TSESTree.Property): string | undefined {
  if (property.key.type === 'Identifier' && !property.computed) return property.key.name;
  return property.key.type === 'Literal' && typeof property.key.value === 'string' ? property.key.value : undefined;
}
