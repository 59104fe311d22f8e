import type * as ScopeManagerModule from '@typescript-eslint/scope-manager';
import type { Scope, ScopeManager } from '@typescript-eslint/scope-manager';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { TooDeepError } from '../errors';
import { lineStartsOf } from './line-breaks';
import type { Comment, Node, Position, RuleSourceCode } from './types';


/** Loaded on the first rule that asks for scopes, like the analysis itself: a cached run needs neither. */
function scopeAnalyzer(): typeof ScopeManagerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@typescript-eslint/scope-manager') as typeof ScopeManagerModule;
}

/** The file as rules see it. Scope analysis runs lazily, on the first rule that asks for it. */
export class SourceCode implements RuleSourceCode {
  private readonly lineStarts: number[];
  private lineTexts: string[] | undefined;
  private scopes: ScopeManager | TooDeepError | undefined;

  constructor(readonly text: string, readonly ast: TSESTree.Program) {
    this.lineStarts = lineStartsOf(text);
  }

  /** The text of each line, without its line break: split on first use, since few rules read lines. */
  get lines(): string[] {
    if (!this.lineTexts) {
      const { text, lineStarts } = this;
      this.lineTexts = lineStarts.map((start, i) => {
        if (i + 1 === lineStarts.length) return text.slice(start);
        const next = lineStarts[i + 1];
        return text.slice(start, text.charCodeAt(next - 1) === 0x0a && text.charCodeAt(next - 2) === 0x0d ? next - 2 : next - 1);
      });
    }
    return this.lineTexts;
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
