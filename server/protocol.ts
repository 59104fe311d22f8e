/**
 * The one contract between the VS Code client and the server: custom method names, command ids,
 * and the settings type with its defaults and normalizer. **API Boundary:** the client imports
 * this module and nothing else of the server, so it must stay free of imports.
 */

/** `workspace/configuration` section; VS Code nests `opslint.lint.enable` as `{ lint: { enable } }`. */
export const SETTINGS_SECTION = 'opslint';

/** Server → client notification: the state the status bar shows. */
export const STATUS_NOTIFICATION = 'opslint/status';
export type StatusState = 'ok' | 'warning' | 'error';
export interface StatusParams {
  state: StatusState;
  /** Why the state is not `ok`, in words a user can act on. */
  message: string;
}

/** Commands the server executes (`workspace/executeCommand`). */
export const SERVER_COMMANDS = {
  fixAll: 'opslint.server.fixAll',
  lintWorkspace: 'opslint.server.lintWorkspace',
  showDocumentation: 'opslint.server.showDocumentation',
} as const;

/** Commands the extension contributes (palette category "Opslint"). */
export const CLIENT_COMMANDS = {
  fixAll: 'opslint.fixAll',
  lintWorkspace: 'opslint.lintWorkspace',
  restart: 'opslint.restart',
  showOutput: 'opslint.showOutput',
} as const;

export const FIX_ALL_KIND = 'source.fixAll.opslint';

export type RunMode = 'onType' | 'onSave';
export type RuleSeverityName = 'off' | 'warn' | 'error';
export type RuleOverride = RuleSeverityName | [RuleSeverityName, ...unknown[]];
/** How a finding recorded in the baseline is shown: at this severity, as it is, or not at all. */
export type BaselineSeverity = 'hint' | 'information' | 'warning' | 'unchanged' | 'off';
const BASELINE_SEVERITIES: readonly BaselineSeverity[] = ['hint', 'information', 'warning', 'unchanged', 'off'];

export interface Settings {
  /** `opslint.lint.enable` */
  enable: boolean;
  /** `opslint.lint.run`: lint while typing (debounced) or only on open and save. */
  run: RunMode;
  /** `opslint.lint.workspace`: lint every project file at start-up, so closed files have findings too. */
  lintWorkspace: boolean;
  /** `opslint.rules.overrides`: applied over opslint.config.json, like the CLI's `--rule`. */
  ruleOverrides: Record<string, RuleOverride>;
  /** `opslint.config.path`: one config file for every file (relative to the workspace folder); empty = look up. */
  configPath: string;
  /**
   * `opslint.baseline.severity`: findings the baseline accepts (CI does not count them) are shown at
   * this lower severity, marked " (baselined)", so the editor agrees with CI.
   */
  baselineSeverity: BaselineSeverity;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  enable: true,
  run: 'onType',
  lintWorkspace: true,
  ruleOverrides: {},
  configPath: '',
  baselineSeverity: 'information',
};

function section(value: unknown, key: string): Record<string, unknown> {
  const child = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return child && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
}

function isOverride(value: unknown): value is RuleOverride {
  const severity = Array.isArray(value) ? value[0] : value;
  return severity === 'off' || severity === 'warn' || severity === 'error';
}

/**
 * Turns whatever a client answers for the `opslint` section (VS Code: the nested object; Neovim,
 * Emacs and Vim: usually null) into complete settings. Wrong types fall back to the default.
 */
export function normalizeSettings(raw: unknown): Settings {
  const lint = section(raw, 'lint');
  const overrides = Object.entries(section(section(raw, 'rules'), 'overrides')).filter(([, entry]) => isOverride(entry));
  const configPath = section(raw, 'config').path;
  const baselineSeverity = section(raw, 'baseline').severity;
  return {
    enable: typeof lint.enable === 'boolean' ? lint.enable : DEFAULT_SETTINGS.enable,
    run: lint.run === 'onSave' || lint.run === 'onType' ? lint.run : DEFAULT_SETTINGS.run,
    lintWorkspace: typeof lint.workspace === 'boolean' ? lint.workspace : DEFAULT_SETTINGS.lintWorkspace,
    ruleOverrides: Object.fromEntries(overrides) as Record<string, RuleOverride>,
    configPath: typeof configPath === 'string' ? configPath : DEFAULT_SETTINGS.configPath,
    baselineSeverity: BASELINE_SEVERITIES.includes(baselineSeverity as BaselineSeverity) ? (baselineSeverity as BaselineSeverity) : DEFAULT_SETTINGS.baselineSeverity,
  };
}
