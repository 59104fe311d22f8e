import type { RuleContext } from '../core/engine/types';

/**
 * Shared knowledge the rules read, from `settings` in opslint.config.json (in ESLint:
 * `settings.opslint`). Every key has a default, so an empty config works.
 */
export interface OpslintSettings {
  /**
   * Receivers and calls that count as logging an error. A name matches a receiver
   * (`logger` matches `logger.error(...)`, `this.logger.warn(...)`, `req.log.error(...)` via `log`),
   * a dotted name matches that call exactly (`console.error`), `*.logger` matches any chain ending so.
   */
  loggers: string[];
  /** Globs of the modules that own configuration and endpoints, relative to the folder of the config file that sets them. */
  configModules: string[];
  /** Globs of service entry points, besides package.json bin/main and files with a shebang; relative as `configModules`. */
  entryPoints: string[];
  /** Timeout the fixes and suggestions of resilience rules insert. */
  defaultTimeoutMs: number;
  /** Functions that take ownership of a resource passed to them (it is theirs to release). */
  resourceOwners: string[];
  /** Rows added to the resource rules' acquire → release table (see rules/utils/resource-kinds.ts). */
  resourceKinds: ResourceKindSetting[];
}

/** A user's row of the resource table: `{ "name": "db session", "acquire": ["./db:openSession"], "releaseMethods": ["close"] }`. */
export interface ResourceKindSetting {
  name: string;
  acquire: string[];
  releaseMethods?: string[];
  releaseFunctions?: string[];
  rule?: 'no-unreleased-resource';
}

export const DEFAULT_SETTINGS: OpslintSettings = {
  loggers: [
    'console.error', 'console.warn', 'logger', 'log', 'this.logger', 'this.log', 'req.log', 'ctx.logger', 'ctx.log',
    '*.logger', 'Logger', 'Sentry.captureException', 'span.recordException', 'reportError',
  ],
  configModules: ['**/config/**', '**/config.*', '**/*.config.*', '**/settings.*', '**/env.*'],
  entryPoints: [],
  defaultTimeoutMs: 10_000,
  resourceOwners: [],
  resourceKinds: [],
};

export function readSettings(context: Pick<RuleContext, 'settings'>): OpslintSettings {
  const raw = (context.settings.opslint ?? {}) as Partial<OpslintSettings>;
  return {
    loggers: [...DEFAULT_SETTINGS.loggers, ...(raw.loggers ?? [])],
    configModules: raw.configModules ?? DEFAULT_SETTINGS.configModules,
    entryPoints: raw.entryPoints ?? DEFAULT_SETTINGS.entryPoints,
    defaultTimeoutMs: raw.defaultTimeoutMs ?? DEFAULT_SETTINGS.defaultTimeoutMs,
    resourceOwners: [...DEFAULT_SETTINGS.resourceOwners, ...(raw.resourceOwners ?? [])],
    resourceKinds: [...DEFAULT_SETTINGS.resourceKinds, ...(raw.resourceKinds ?? [])],
  };
}
