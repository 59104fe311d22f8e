/**
 * Typed errors. Every error that reaches a user carries where it happened and what to do;
 * callers tell them apart with `instanceof`, never by message text.
 */
export abstract class OpslintError extends Error {
  abstract readonly kind: string;
}

/** A configuration file or option that cannot be used. The CLI exits 2 on it. */
export class ConfigError extends OpslintError {
  readonly kind = 'config';
  constructor(
    readonly file: string,
    readonly key: string,
    readonly problem: string,
    readonly hint?: string,
  ) {
    super(`${file}: ${key ? `"${key}": ` : ''}${problem}${hint ? ` ${hint}` : ''}`);
  }
}

/** Source text the parser rejects, with the parser's position (1-based line, 1-based column). */
export class ParseError extends OpslintError {
  readonly kind = 'parse';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

/** A rule that threw while analysing a file. Other rules' findings for the file survive. */
export class RuleError extends OpslintError {
  readonly kind = 'rule';
  constructor(
    readonly ruleId: string,
    readonly file: string,
    override readonly cause: unknown,
    readonly line = 1,
    readonly column = 1,
  ) {
    super(`rule ${ruleId} failed on ${file}:${line}:${column}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Input nested deeper than a recursive library (scope analysis) can follow on the stack. Rules that
 * need it report this instead of an internal error: the file is pathological, not the rule wrong.
 */
export class TooDeepError extends OpslintError {
  readonly kind = 'too-deep';
  constructor(readonly analysis: string) {
    super(`${analysis} ran out of stack: the file is too deeply nested`);
  }
}

/** Wrong command-line usage. The CLI exits 2 on it. */
export class UsageError extends OpslintError {
  readonly kind = 'usage';
}

/** A file that could not be read or written. */
export class FileError extends OpslintError {
  readonly kind = 'file';
  constructor(readonly file: string, readonly problem: string) {
    super(`${file}: ${problem}`);
  }
}
