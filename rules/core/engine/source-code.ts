import type * as ScopeManagerModule from '@typescript-eslint/scope-manager';
import type { Scope, ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { TooDeepError } from '../errors';
import type { Comment, Node, Position, RuleSourceCode } from './types';

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/** Loaded on the first rule that asks for scopes, like the analysis itself: a cached run needs neither. */
function scopeAnalyzer(): typeof ScopeManagerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@typescript-eslint/scope-manager') as typeof ScopeManagerModule;
}

/** The file as rules see it. Scope analysis runs lazily, on the first rule that asks for it. */
export class SourceCode implements RuleSourceCode {
  readonly lines: string[];
  private readonly lineStarts: number[];
  private scopes: ScopeManager | TooDeepError | undefined;

  constructor(readonly text: string, readonly ast: TSESTree.Program) {
    this.lines = [];
    this.lineStarts = [0];
    let last = 0;
    for (const match of text.matchAll(LINE_BREAK)) {
      this.lines.push(text.slice(last, match.index));
      last = match.index + match[0].length;
      this.lineStarts.push(last);
    }
    this.lines.push(text.slice(last));
  }

  /** Throws TooDeepError (remembered, so each later rule fails fast) if analysis overflows the stack. */
  get scopeManager(): ScopeManager {
    if (this.scopes === undefined) {
      try {
        this.scopes = scopeAnalyzer().analyze(this.ast, { sourceType: this.ast.sourceType, lib: ['esnext'] });
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        this.scopes = new TooDeepError('scope analysis');
      }
    }
    if (this.scopes instanceof TooDeepError) throw this.scopes;
    return this.scopes;
  }

  getText(node?: Node | Comment, beforeCount = 0, afterCount = 0): string {
    if (!node) return this.text;
    return this.text.slice(Math.max(0, node.range[0] - beforeCount), node.range[1] + afterCount);
  }

  getAllComments(): Comment[] {
    return this.ast.comments ?? [];
  }

  getCommentsInside(node: Node): Comment[] {
    return this.getAllComments().filter((c) => c.range[0] >= node.range[0] && c.range[1] <= node.range[1]);
  }

  getAncestors(node: Node): Node[] {
    const ancestors: Node[] = [];
    for (let current = node.parent; current; current = current.parent) ancestors.unshift(current);
    return ancestors;
  }

  getScope(node: Node): Scope {
    const inner = node.type !== 'Program';
    for (let current: Node | undefined = node; current; current = current.parent) {
      const scope = this.scopeManager.acquire(current, inner);
      if (scope) return scope.type === 'function-expression-name' ? scope.childScopes[0] : scope;
    }
    return this.scopeManager.scopes[0];
  }

  /** 0-based offset → 1-based line, 0-based column (ESTree convention). */
  getLocFromIndex(index: number): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= index) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: index - this.lineStarts[low] };
  }

  getIndexFromLoc(loc: Position): number {
    return this.lineStarts[loc.line - 1] + loc.column;
  }
}
