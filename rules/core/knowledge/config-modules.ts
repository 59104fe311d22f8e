/**
 * Which module of a program owns its configuration, and which environment variables are not
 * configuration at all. Plain functions over paths and module facts, so project rules and
 * per-file rules ask the same question the same way.
 */
import type { ModuleFacts } from '../project/module-fact-shapes';

/** Words of a file's name (or of its folder, for an `index` file) that say it holds configuration. */
const CONFIG_WORDS = new Set(['config', 'configuration', 'configs', 'env', 'environment', 'environments', 'settings', 'secrets']);
/** `ormconfig`, `dbconfig`, `knexfile`: configuration files of a tool, named as one word. */
const TOOL_CONFIG_FILE = /^[a-z]+config$|^knexfile$/i;
/** Libraries that validate the environment against a schema (`cleanEnv(process.env, …)`, `schema.parse(process.env)`). */
const ENV_VALIDATORS = [
  'envalid', 'env-var', 'env-schema', '@fastify/env', 'convict', 'dotenv-safe', '@t3-oss/env-core', '@t3-oss/env-nextjs', 'znv',
  'zod', 'joi', '@hapi/joi', 'yup', '@sinclair/typebox', 'valibot', 'ajv', 'class-validator', '@nestjs/config',
];

/**
 * Set by the operating system, the runtime or the package manager, not by whoever deploys the
 * service: reading them where they are needed is no configuration to centralise.
 */
const PLATFORM_VARIABLES = new Set([
  'HOME', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'PROGRAMFILES', 'ProgramFiles', 'ProgramFiles(x86)', 'ProgramData', 'SystemRoot', 'windir',
  'PATH', 'Path', 'PATHEXT', 'SHELL', 'TERM', 'USER', 'USERNAME', 'LOGNAME', 'HOSTNAME', 'TMPDIR', 'TEMP', 'TMP', 'PWD', 'LANG', 'COMSPEC',
  'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'CI', 'INIT_CWD', 'FORCE_COLOR', 'NO_COLOR', 'NODE_OPTIONS',
]);
const PLATFORM_PREFIX = /^(npm_|AWS_LAMBDA_|LAMBDA_|_HANDLER$|KUBERNETES_SERVICE_)/;

/** Switches of the test suite or of a debugging session (`TEST_BACKEND`, `JEST_WORKER_ID`, `DEBUG_SQL`): not deployed configuration. */
const TEST_OR_DEBUG_SWITCH = /^(TEST|TESTING|DEBUG|TRACE)(_|$)|_(TEST|DEBUG)$|^(JEST_WORKER_ID|VITEST|VITEST_WORKER_ID|MOCHA|NODE_TEST_CONTEXT)$/;
/**
 * Logging and diagnostics switches (`SQL_LOG`, `TIMELOGGER`, `X_LOG_RESPONSE_BODY`, `SENTRY_LOGGING`): read where the
 * logging happens and flipped while investigating, not configuration the service needs to run.
 */
const DIAGNOSTICS_SWITCH = /(^|_)(LOG|LOGS|LOGGING|VERBOSE|TRACING|PROFILING)(_|$)|LOGGER$/;

/**
 * Whether a variable is configuration the deployer sets, rather than the platform's (`HOME`,
 * `npm_package_version`, `AWS_LAMBDA_FUNCTION_NAME`) or a test or debugging switch (`TEST_BACKEND`).
 */
export function isDeployedConfiguration(name: string): boolean {
  return !(PLATFORM_VARIABLES.has(name) || PLATFORM_PREFIX.test(name) || TEST_OR_DEBUG_SWITCH.test(name) || DIAGNOSTICS_SWITCH.test(name));
}

/** Whether a variable is set by the platform (`HOME`, `npm_package_version`), so that reading it is no reading of the service's environment at all. */
export function isPlatformVariable(name: string): boolean {
  return PLATFORM_VARIABLES.has(name) || PLATFORM_PREFIX.test(name);
}

function words(text: string): string[] {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/**
 * Whether a module's path names it a configuration module: `config.js`, `env.ts`, `load-config.js`,
 * `configuration.service.ts`, `Settings.ts`, `environment.prod.ts`, `src/config/index.ts`, anything under `config/`.
 * `path` is project-relative with forward slashes.
 */
export function isConfigModulePath(path: string): boolean {
  const parts = path.split('/');
  const file = parts[parts.length - 1].replace(/\.[cm]?[jt]sx?$/i, '');
  if (words(file).some((w) => CONFIG_WORDS.has(w)) || TOOL_CONFIG_FILE.test(file)) return true;
  // A folder of configuration (`src/config/index.ts`, `config/database.js`); not the repository's own top folder.
  return parts.slice(0, -1).some((folder) => CONFIG_WORDS.has(folder.toLowerCase()));
}

/** Whether a module reads variables by names computed at run time (`process.env[name]` over a list, `getEnvOrFile(name)`): a generic accessor, the job of a config module. */
export function readsVariablesByName(facts: Pick<ModuleFacts, 'envReads'>): boolean {
  return facts.envReads.some((r) => r.dynamic && r.use === undefined);
}

/**
 * Whether a module validates the environment as a whole: it hands the whole `process.env` to code
 * (not to a child process) and imports a schema library. Such a module is the program's config
 * module whatever its name.
 */
export function validatesEnvironment(facts: Pick<ModuleFacts, 'envReads' | 'imports'>): boolean {
  const readsWhole = facts.envReads.some((r) => r.name === undefined && r.use === undefined);
  return readsWhole && facts.imports.some((i) => !i.typeOnly && ENV_VALIDATORS.some((lib) => i.specifier === lib || i.specifier.startsWith(`${lib}/`)));
}
