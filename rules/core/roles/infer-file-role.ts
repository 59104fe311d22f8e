import type { FileRole, FileRoleVerdict } from '../engine/types';
import { SERVICE_SCRIPT, type ManifestHints } from './package-manifests';

/**
 * What the project (config and package.json) says about one file, computed by the ConfigResolver:
 * plain data, carried with the file's config to wherever it is linted.
 */
export interface RoleHints {
  /** A `roles` entry of the config matched the file: it wins over every guess. */
  configured?: { role: FileRole; glob: string };
  manifest?: ManifestHints;
}

export const FILE_ROLES: readonly FileRole[] = ['service', 'script', 'test', 'example', 'browser'];

const TEST_FILE = /\.(test|spec|e2e)\.[cm]?[jt]sx?$/;
const TEST_FOLDER = /(^|\/)(test|tests|__tests__|__mocks__|mocks?|fixtures?|spec|e2e|testing|features\/(steps|step_definitions|support))\//;
const TEST_FRAMEWORK = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"](mocha|jest|vitest|node:test|ava|tap|@jest\/globals|@nestjs\/testing|chai|supertest)['"]/;
const EXAMPLE_FOLDER = /(^|\/)(examples?|docs?|demos?|snippets?|samples?)\//;
const SCRIPT_FOLDER = /(^|\/)(scripts|tools|bin|extra|release|migrations|seeds|seeders|bench|benchmarks?)\//;
/** Benchmarks and load tests: `bench.js`, `load.bench.ts`, `benchmark.mjs`. */
const BENCH_FILE = /(^|\/|\.)(bench|benchmark)\.[cm]?[jt]sx?$/;
/** Configuration files of build, test and lint tools, wherever they are; any `*.config.*` at the root. */
const TOOL_CONFIG = /(^|\/)(webpack|vite|vitest|jest|rollup|babel|eslint|prettier|tailwind|postcss|playwright|karma|next|nuxt|svelte|tsup|esbuild|ecosystem|commitlint|lint-staged|stylelint)\.config\.[cm]?[jt]sx?$|(^|\/)(\.eslintrc|jest\.preset|jest\.global-\w+)\.[cm]?[jt]s$/;
const ROOT_CONFIG = /^[^/]+\.config\.[cm]?[jt]sx?$/;
const UI_IMPORT = /(?:\bfrom\s*|\brequire\(\s*)['"](react-dom(\/client)?|vue|svelte|@angular\/core|preact|solid-js|lit|jquery)['"]/;
const DOM_USE = /\b(document\.(getElementById|querySelector(All)?|createElement|body|documentElement|addEventListener)|window\.(addEventListener|location|localStorage|requestAnimationFrame))\b/;
/** A script with a shebang that starts a server is the service's own entry point. */
const STARTS_SERVER = /\.listen\(/;

/**
 * The role of one file, by the conventions of test runners, package.json and the folders projects
 * use for scripts and examples, and by what the text imports. `filePath` is relative to the
 * project root with `/` separators. Pure: the same input gives the same verdict everywhere.
 */
export function inferFileRole(filePath: string, text: string, hints: RoleHints = {}): FileRoleVerdict {
  if (hints.configured) return { role: hints.configured.role, reason: `the config's "roles" maps "${hints.configured.glob}" to it` };
  const testPath = TEST_FILE.exec(filePath) ?? TEST_FOLDER.exec(filePath);
  if (testPath) return { role: 'test', reason: `test runners' convention: "${testPath[0].replace(/^\//, '')}"` };
  const framework = TEST_FRAMEWORK.exec(text);
  if (framework) return { role: 'test', reason: `imports the test framework "${framework[1]}"` };
  const example = EXAMPLE_FOLDER.exec(filePath);
  if (example) return { role: 'example', reason: `under "${example[2]}/", where examples and doc snippets live` };
  const script = scriptReason(filePath, text, hints.manifest);
  if (script) return { role: 'script', reason: script };
  const browser = browserReason(text, hints.manifest);
  if (browser) return { role: 'browser', reason: browser };
  const entry = hints.manifest?.runBy;
  if (entry) return { role: 'service', reason: `started by the package.json script "${entry.name}"` };
  return { role: 'service', reason: 'runtime code: no sign of a test, script, example or browser file' };
}

function scriptReason(filePath: string, text: string, manifest: ManifestHints | undefined): string | undefined {
  const folder = SCRIPT_FOLDER.exec(filePath);
  if (folder) return `under "${folder[2]}/", where scripts and tooling live`;
  const runBy = manifest?.runBy;
  if (runBy?.kind === 'bin') return `a command-line program: package.json "bin" "${runBy.name}"`;
  if (runBy?.kind === 'script' && !SERVICE_SCRIPT.test(runBy.name)) return `run by the package.json script "${runBy.name}"`;
  if (runBy) return undefined;
  if (text.startsWith('#!') && !STARTS_SERVER.test(text)) return 'a program run from the command line: it starts with a shebang';
  if (manifest?.packageKind === 'cli' && !STARTS_SERVER.test(text)) return 'its package is a command-line program: package.json has a "bin" and depends on no server or service library';
  if (manifest?.serverlessAdapter && STARTS_SERVER.test(text)) return `a local runner: its package is served by ${manifest.serverlessAdapter} on a serverless platform, which owns the process`;
  if (TOOL_CONFIG.test(filePath) || ROOT_CONFIG.test(filePath)) return 'a build, test or lint tool\'s configuration file';
  if (BENCH_FILE.test(filePath)) return 'a benchmark or load test, run by hand';
  return undefined;
}

function browserReason(text: string, manifest: ManifestHints | undefined): string | undefined {
  if (manifest?.packageKind === 'ui') return 'its package depends on a front-end framework and on no server library';
  const ui = UI_IMPORT.exec(text);
  if (ui) return `imports the front-end library "${ui[1]}"`;
  const dom = DOM_USE.exec(text);
  if (dom) return `uses the DOM (${dom[1]})`;
  return undefined;
}

/** Whether a rule that declares `roles` applies to a file of this role. */
export function ruleAppliesTo(roles: readonly FileRole[] | undefined, role: FileRole): boolean {
  return roles === undefined || roles.includes(role);
}
