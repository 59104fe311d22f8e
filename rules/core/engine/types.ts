/**
 * The rule contract. A strict subset of ESLint's rule API, so the same rule objects run
 * unchanged in Opslint's engine and inside ESLint (see ARCHITECTURE.md, "Rule contract").
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Scope, ScopeManager } from '@typescript-eslint/scope-manager';

export type Node = TSESTree.Node;
export type Comment = TSESTree.Comment;
export type Range = [number, number];
export interface Position { line: number; column: number }
export interface SourceLocation { start: Position; end: Position }

export const CATEGORIES = ['logging', 'caching', 'coupling', 'resources', 'resilience'] as const;
export type Category = (typeof CATEGORIES)[number];

export type SeverityName = 'off' | 'warn' | 'error';
/** ESLint's numeric severities: 1 = warning, 2 = error. */
export type Severity = 1 | 2;

export interface Fix {
  range: Range;
  text: string;
  /**
   * When a rule's fix has several parts (an import at the top and a replacement further down), the
   * parts, each with its own range: `range`/`text` merge them as ESLint does, carrying over the text
   * between; an editor applies the parts as separate edits, so what lies between keeps its markers.
   */
  parts?: readonly Fix[];
}

export interface RuleFixer {
  insertTextAfter(nodeOrToken: Node | Comment, text: string): Fix;
  insertTextAfterRange(range: Range, text: string): Fix;
  insertTextBefore(nodeOrToken: Node | Comment, text: string): Fix;
  insertTextBeforeRange(range: Range, text: string): Fix;
  remove(nodeOrToken: Node | Comment): Fix;
  removeRange(range: Range): Fix;
  replaceText(nodeOrToken: Node | Comment, text: string): Fix;
  replaceTextRange(range: Range, text: string): Fix;
}

export type FixFunction = (fixer: RuleFixer) => Fix | Iterable<Fix> | null | undefined;

export interface SuggestionDescriptor {
  messageId: string;
  data?: Record<string, unknown>;
  fix: FixFunction;
}

export interface ReportDescriptor {
  node?: Node | Comment;
  loc?: SourceLocation | Position;
  messageId: string;
  data?: Record<string, unknown>;
  fix?: FixFunction | null;
  suggest?: SuggestionDescriptor[] | null;
  /**
   * Opslint only (ESLint ignores it): what the finding depends on in the other modules of the
   * file's program, which the project pass checks against their module facts and drops the finding
   * when it does not hold (see project/program-conditions.ts).
   */
  programCondition?: ProgramCondition | readonly ProgramCondition[];
}

/**
 * A fact of the rest of the program a per-file finding depends on, checked by the project pass
 * against the module facts of the file's program (its importers up to the entry points and all
 * they load).
 */
export type ProgramCondition =
  /**
   * The finding is moot when any module of the program sets one of these program-wide client
   * defaults, as module facts name them (`axios.timeout` for `axios.defaults.timeout = 5000`).
   */
  | { kind: 'unless-client-default'; defaults: readonly string[] }
  /**
   * The finding holds only when a module of the program keeps an in-memory store of `package` on
   * a property named `property` (`this.keyv = new Keyv()`): `client.keyv.set(…)` adds to it.
   */
  | { kind: 'if-in-memory-store'; property: string; package: string }
  /**
   * Only when `context.programPass` is true: the finding holds only if the function it is about, in
   * another module, has this summary (knowledge/function-summaries.ts). `module` is the specifier as
   * the file imports it, `member` the path a caller reaches (`save`, `store.find`, `` for the module's
   * function); `holds` names the summary fact (`CalleeFact`), `param` the argument it is about.
   */
  | { kind: 'if-callee-summary'; module: string; member: string; holds: CalleeFact; param?: number }
  /** The same, reversed: the finding holds unless the callee has that summary (or holds when it is not known). */
  | { kind: 'unless-callee-summary'; module: string; member: string; holds: CalleeFact; param?: number };

/**
 * What a callee's summary can say that a finding depends on: `rejectable-promise`, calling it gives
 * a promise that can reject; `returns-resource`, it returns a resource it opened; `releases-param`,
 * `logs-error-param`, it releases or logs as an error its argument `param` on every path;
 * `always-throws`, it throws on every path.
 */
export type CalleeFact = 'rejectable-promise' | 'returns-resource' | 'releases-param' | 'logs-error-param' | 'always-throws';

/** What a rule sees of the file. Mirrors ESLint's SourceCode for the members listed. */
export interface RuleSourceCode {
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly lines: string[];
  readonly scopeManager: ScopeManager;
  getText(node?: Node | Comment, beforeCount?: number, afterCount?: number): string;
  getAllComments(): Comment[];
  getCommentsInside(node: Node): Comment[];
  getAncestors(node: Node): Node[];
  getScope(node: Node): Scope;
  getLocFromIndex(index: number): Position;
  getIndexFromLoc(loc: Position): number;
}

/**
 * What a file is, for the rules: runtime code of a long-running process (`service`), a CLI or
 * one-off script, a test, an example or doc snippet, or front-end code. Inferred by core/roles.
 */
export type FileRole = 'service' | 'script' | 'test' | 'example' | 'browser';

/** A file's role and why it was given (shown by `--print-config`). */
export interface FileRoleVerdict {
  role: FileRole;
  reason: string;
}

export interface RuleContext<Options extends readonly unknown[] = readonly unknown[]> {
  readonly id: string;
  readonly options: Options;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly filename: string;
  readonly physicalFilename: string;
  readonly cwd: string;
  readonly sourceCode: RuleSourceCode;
  /** Opslint only (absent under ESLint): the file's role, inferred once per file by the engine. */
  readonly fileRole?: FileRoleVerdict;
  /**
   * Opslint only (absent under ESLint): every front end runs the project pass after the per-file
   * rules, so a finding may carry an `if-callee-summary` condition and be decided there. Under ESLint, which has
   * no such pass, a rule reports only what the file itself shows.
   */
  readonly programPass?: true;
  report(descriptor: ReportDescriptor): void;
}

export type RuleListener = Record<string, ((node: Node) => void) | undefined>;

export interface RuleMeta {
  type: 'problem' | 'suggestion' | 'layout';
  docs: {
    description: string;
    url: string;
    /** In `opslint:recommended`. Rules not yet at the precision bar ship only in `opslint:all`. */
    recommended: boolean;
  };
  fixable?: 'code' | 'whitespace';
  hasSuggestions?: boolean;
  messages: Record<string, string>;
  schema: readonly object[];
  defaultOptions?: readonly unknown[];
  /** Opslint-only metadata; ESLint ignores unknown keys of `meta`. */
  opslint: {
    id: string;
    category: Category;
    defaultSeverity: Exclude<SeverityName, 'off'>;
    /** The file roles the rule applies to; absent: every role. The engine runs it on no other file. */
    roles?: readonly FileRole[];
    /** The options the rule takes in `opslint:all` (none: its defaults). */
    allPresetOptions?: readonly unknown[];
    /**
     * Why the rule, with these options (merged over its defaults), can report nothing until the user
     * configures it (`no-restricted-dependency` without layer rules); undefined when it can. The CLI
     * says so once per run and in `--print-config`.
     */
    needsConfiguration?: (options: readonly unknown[]) => string | undefined;
  };
}

export interface Rule<Options extends readonly unknown[] = readonly unknown[]> {
  meta: RuleMeta;
  create(context: RuleContext<Options>): RuleListener;
}

export interface RelatedLocation {
  filePath: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

/** One finding, in ESLint's LintMessage shape plus `category`. Lines and columns are 1-based, UTF-16. */
export interface Finding {
  ruleId: string;
  category: Category | 'opslint';
  severity: Severity;
  message: string;
  messageId?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: boolean;
  fix?: Fix;
  suggestions?: Array<{ desc: string; messageId: string; fix: Fix }>;
  relatedInformation?: RelatedLocation[];
  /** The stack of an internal error; shown in verbose mode only. */
  detail?: string;
  /** See `ReportDescriptor.programCondition` (all must hold); the project pass removes it from what it keeps. */
  programCondition?: ProgramCondition | readonly ProgramCondition[];
}

export interface LintResult {
  filePath: string;
  messages: Finding[];
  /** Set when `--fix` style application produced new text. */
  output?: string;
  /** Set when the file was skipped (binary, too large) rather than linted. */
  skipped?: string;
  /** The role the rules saw the file in (absent when it was not parsed). */
  role?: FileRoleVerdict;
}
