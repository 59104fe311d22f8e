import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileRoleVerdict } from '../engine/types';
import type { ExportedSummaries } from '../knowledge/function-summaries';

/**
 * The shape of a module's facts: plain JSON data the project graph and project rules read, cached
 * on disk beside the file's results and sent across worker threads. module-facts.ts extracts them.
 */

/** A source span, 1-based lines and columns as in `Finding`. */
export interface Span { line: number; column: number; endLine: number; endColumn: number }

export type ImportKind = 'import' | 'export' | 'require' | 'dynamic' | 'import-equals';

export interface ImportFact {
  specifier: string;
  kind: ImportKind;
  /** `import type`, `export type`, or every specifier marked `type`: never a runtime dependency. */
  typeOnly: boolean;
  /** A TypeScript import none of whose bindings is used as a value: TS drops it unless `verbatimModuleSyntax`. */
  elidable: boolean;
  /**
   * A `require()` inside a function that does not run while the module loads (the usual way to break
   * a load-order cycle): it loads its target when called, not when this module loads.
   */
  lazy?: boolean;
  /**
   * Bindings of this import read while the module loads, not later inside functions: in top-level code
   * (`extends`, decorators, static initialisers, top-level calls, object literals, `export default x`),
   * in an immediately invoked function or one the top level calls, or by destructuring a `require()`
   * (`const { a } = require('./x')`, `require('./x').a`). `line` is the first such read. Absent when none.
   */
  loadReads?: { names: string[]; line: number };
  /**
   * A `require()` (or `import x = require()`) run while the module loads whose result is kept as an object
   * (`const m = require('./x')`, `module.exports = require('./x')`, `app.use(require('./x'))`): it holds the
   * target's exports object as it is at that moment, so it goes stale if the target then replaces
   * `module.exports`.
   */
  capturesExports?: true;
  /**
   * A `require()` among the statements of the top level (or in code run right there: an immediately
   * invoked function, an array callback), so it runs where it stands: its span orders it against
   * `exportsSetAt`. Absent for one in a function the top level calls or in a callback, which runs elsewhere.
   */
  inPlace?: true;
  span: Span;
}

export interface EnvReadFact {
  /** The variable (`process.env.PORT`, `process.env['PORT']`, `const { PORT } = process.env`); absent for the whole environment. */
  name?: string;
  span: Span;
  /** Parsed, defaulted, compared or tested where it is read (`Number(process.env.X || 30)`, `process.env.X === 'true'`, `if (process.env.X)`). */
  interpreted?: true;
  /** `process.env[name]`: a variable named at run time. */
  dynamic?: true;
  /** Not a read of configuration: `write` (`process.env.X = …`), `forward` (the whole environment handed to a child: `env: process.env`). */
  use?: 'write' | 'forward';
}

export interface ProcessHandlerFact {
  /** The event or signal: `SIGTERM`, `unhandledRejection`, ... */
  event: string;
  /** The handler closes something (or delegates to a named function), rather than only exiting. */
  closes: boolean;
  span: Span;
}

export interface ServerStartFact {
  method: string;
  span: Span;
  /**
   * Runs when the module starts: at its top level, or in a function the top level calls
   * (`main()`, `bootstrap().catch(...)`). A service starts so; a library's `listen()` method,
   * which its caller runs, does not.
   */
  atStartup: boolean;
  /**
   * Runs in a function the module exports (`export default async function run() { app.listen() }`,
   * `module.exports.start = ...`): another module of the program that imports it, statically or
   * with `import()`, starts the server.
   */
  inExportedFunction?: boolean;
}

/**
 * What the project model knows of one module, extracted from the AST the per-file rules walked
 * (one parse per file). Plain data, so it can be cached as JSON next to the file's results.
 */
export interface ModuleFacts {
  imports: ImportFact[];
  envReads: EnvReadFact[];
  /**
   * In a module that reads the environment, the upper-case property keys and strings it holds
   * (`cleanEnv(process.env, { PORT: port() })`, `const required = ['SLACK_TOKEN']`): the variables a
   * config module names, validates or lists. Absent when none (or in facts cached by older versions).
   */
  envNames?: string[];
  processHandlers: ProcessHandlerFact[];
  serverStarts: ServerStartFact[];
  /** A shebang or a `require.main === module` guard: the module is meant to be run. */
  runnable: boolean;
  /** Assigns `module.exports = …` (or `export = …`): what a `require()` of it returned before that is a stale object. */
  replacesExports?: true;
  /**
   * Where the module's one `module.exports = …` statement ends, when it is a statement of the top level and
   * nothing else writes to the exports (no other `module.exports =`, `module.exports.x =`, `exports.x =`):
   * a module that a later in-place `require()` leads to, in a cycle, finds this module's exports complete.
   */
  exportsSetAt?: { line: number; column: number };
  /** The role the file was linted in (core/roles), set by whoever linted it; project rules apply by it. */
  role?: FileRoleVerdict;
  /**
   * Program-wide client defaults the module sets, by the names of knowledge/outbound-clients.ts:
   * `axios.timeout` for `axios.defaults.timeout = 5000`. They cover calls in every module of the
   * same program (see project/program-conditions.ts). Absent in facts cached by older versions.
   */
  clientDefaults?: string[];
  /**
   * Summaries of the functions the module exports, by the member path a caller reaches
   * (knowledge/function-summaries.ts); only those with something to say. Absent when none.
   */
  functions?: ExportedSummaries;
  /** `export * from '…'`: the specifiers whose exports this module passes on. Absent when none. */
  reexportedModules?: string[];
  /**
   * In-memory stores the module keeps on a property, by knowledge/cache-stores.ts: `{ property: 'keyv',
   * package: 'keyv' }` for `this.keyv = new Keyv()`. A write through that property in another module of
   * the program (`client.keyv.set(…)`) adds to process memory (see project/program-conditions.ts). Absent when none.
   */
  inMemoryStores?: InMemoryStoreFact[];
}

export interface InMemoryStoreFact { property: string; package: string }

export function spanOf(node: { loc: TSESTree.SourceLocation }): Span {
  return { line: node.loc.start.line, column: node.loc.start.column + 1, endLine: node.loc.end.line, endColumn: node.loc.end.column + 1 };
}

/**
 * The program default a serverless function's platform sets: each invocation ends at the
 * function's timeout, which bounds every outbound call of the program's modules.
 */
export const INVOCATION_TIMEOUT = 'platform.invocationTimeout';

/**
 * The program default a process-wide `unhandledRejection` or `uncaughtException` listener sets
 * (Node routes an unhandled rejection to `uncaughtException` when nothing listens for the first):
 * the program, not Node's default, decides what an unhandled rejection does. Read from the
 * modules' `processHandlers`, not recorded in `clientDefaults`.
 */
export const UNHANDLED_REJECTION_HANDLER = 'process.unhandledRejectionHandler';
const UNHANDLED_REJECTION_EVENTS = new Set(['unhandledRejection', 'uncaughtException']);

export function handlesUnhandledRejections(facts: Pick<ModuleFacts, 'processHandlers'>): boolean {
  return facts.processHandlers.some((handler) => UNHANDLED_REJECTION_EVENTS.has(handler.event));
}
