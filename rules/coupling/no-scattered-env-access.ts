import * as path from 'node:path';
import { createProjectRule } from '../utils/create-rule';
import { globMatcher, projectPath } from '../utils/file-roles';
import { readSettings } from '../utils/settings';
import { SERVICE_CODE } from '../core/roles/role-sets';
import { PackageManifests } from '../core/roles/package-manifests';
import { isConfigModulePath, isDeployedConfiguration, isPlatformVariable, readsVariablesByName, validatesEnvironment } from '../core/knowledge/config-modules';
import type { EnvReadFact } from '../core/project/module-facts';
import type { ProjectGraphView, ProjectRuleContext } from '../core/project/project-rule';
import { isServiceCode } from '../utils/service-program';

interface Options { maxModules?: number; allow: string[] }

/**
 * Modules of one package, besides its config modules, that may read the environment before the rule
 * speaks, when the project has not named its config modules. On the real-world corpus the services
 * whose configuration was scattered read it in 8 to 22 modules; serverless packages read it in up to
 * 6, each function's handler reading its own table or host, which is the platform's way.
 */
const INFERRED_MAX_MODULES = 6;
/**
 * With the inferred threshold, the modules must also read more than this many variables between them.
 * A small service reads its few variables where they are used (`PORT` in the web server module,
 * `DATABASE_URL` in the database module, `LOG_LEVEL` in the logger): eight modules reading six
 * variables so was the corpus's largest such service; the scattered ones read 15 to 60.
 */
const INFERRED_MAX_VARIABLES = 10;
/** How many variable names a message lists before "and N more". */
const LISTED_VARIABLES = 4;

interface PackageModules { configModules: string[]; readers: string[]; entries: Set<string> }

export const projectRule = createProjectRule<[Options]>({
  id: 'coupling/no-scattered-env-access',
  description: 'process.env read in many modules of a package instead of in its config module',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'warn',
  messages: {
    scatteredEnv: 'This package reads its configuration from process.env in {{total}} modules{{besides}}, and {{reported}} of them read variables{{unchecked}} and interpret them in place; this module reads the most of those ({{variables}}){{othersListed}}. Configuration read in many places cannot be listed or checked at start-up: each place applies its own default and parsing, and a missing or misspelled variable shows only when that code runs. Read it in {{owner}}, validate it there at start-up, and import the values.',
  },
  schema: [{
    type: 'object',
    additionalProperties: false,
    properties: {
      maxModules: { type: 'integer', minimum: 0, description: `How many modules of a package, besides its config modules, may read process.env before the package is reported (once, on the module that reads the most unchecked variables, with the others as related locations). Default: 0 when settings.configModules is set, ${INFERRED_MAX_MODULES} otherwise.` },
      allow: { type: 'array', items: { type: 'string' }, description: 'Variables any module may read (set by the platform or for debugging, not configuration).' },
    },
  }],
  defaultOptions: [{ allow: ['NODE_ENV', 'NODE_DEBUG', 'DEBUG'] }],
  check(graph, context) {
    const isConfigModule = configModuleTest(graph, context);
    const spreads = new Map<string, { modules: number; variables: number }>();
    for (const [packageDir, modules] of modulesByPackage(graph, context, isConfigModule)) {
      const owner = ownerOf(graph, modules.configModules);
      const owned = new Set(modules.configModules.flatMap((f) => namedBy(graph, f)));
      const scattered: Array<{ file: string; reads: EnvReadFact[]; unchecked: EnvReadFact[]; total: number }> = [];
      for (const file of modules.readers) {
        // The entry point reads at start-up what it wires together: that is where a config module would be loaded from.
        if (!context.isEnabled(file) || modules.entries.has(file)) continue;
        const [{ maxModules, allow }] = context.optionsFor(file);
        const reads = configReads(graph, file, allow);
        // A variable a config module names (validates, lists) is checked at start-up; the module is reported for those nobody checks.
        const unchecked = reads.filter((r) => r.name === undefined || !owned.has(r.name));
        if (unchecked.length === 0) continue;
        // A project that names its config modules wants every read outside them moved there.
        const inferred = maxModules === undefined && !declaresConfigModules(context, file);
        // Unasked, the rule reports the modules that interpret configuration their own way (parse it, default it, test
        // it); one that hands a variable as it is to the client it builds (`new Stripe(process.env.STRIPE_KEY)`) is its natural reader.
        if (inferred && !reads.some(isInterpreted)) continue;
        const threshold = maxModules ?? (inferred ? INFERRED_MAX_MODULES : 0);
        const key = `${packageDir}\0${JSON.stringify(allow)}`;
        let spread = spreads.get(key);
        if (spread === undefined) spreads.set(key, (spread = spreadOf(graph, modules.readers, allow)));
        if (spread.modules <= threshold || (inferred && spread.variables <= INFERRED_MAX_VARIABLES)) continue;
        scattered.push({ file, reads, unchecked, total: spread.modules });
      }
      // One defect per package: configuration that has no one home. It is reported once, on the module that reads
      // the most unchecked variables (where a config module would take the most from), the others as related locations.
      const [worst, ...others] = scattered.sort((a, b) => distinctNames(b.unchecked) - distinctNames(a.unchecked) || (a.file < b.file ? -1 : 1));
      if (!worst) continue;
      const ownerPath = owner && projectPath(owner.file, context.cwd);
      context.report({
        filePath: worst.file,
        span: worst.reads[0].span,
        messageId: 'scatteredEnv',
        data: {
          variables: variableList(worst.unchecked), total: worst.total, reported: scattered.length,
          othersListed: others.length > 0 ? '; the others are listed as related locations' : '',
          unchecked: ownerPath ? ' no config module checks' : '',
          besides: ownerPath ? ` besides the config module ${ownerPath}` : ' and has no config module',
          owner: ownerPath ? `the config module (${ownerPath})` : 'one config module',
        },
        relatedInformation: [
          ...(owner ? [{ filePath: owner.file, ...owner.span, message: 'the config module of this package' }] : []),
          ...others.map((o) => ({ filePath: o.file, ...o.unchecked[0].span, message: `also reads ${variableList(o.unchecked)} from process.env` })),
        ],
      });
    }
  },
});

function distinctNames(reads: readonly EnvReadFact[]): number {
  return new Set(reads.map((r) => r.name ?? '')).size;
}

/**
 * Whether a module owns configuration: it matches `settings.configModules`, or it validates the whole environment,
 * or (when `configModules` is not set) it is named as a config module or reads variables by computed names.
 */
function configModuleTest(graph: ProjectGraphView, context: ProjectRuleContext<[Options]>): (file: string) => boolean {
  const matchers = new Map<string, (file: string) => boolean>();
  return (file) => {
    if (validatesEnvironment(graph.factsOf(file)!)) return true;
    const globs = readSettings(context.settingsFor(file)).configModules;
    const key = globs.join('\0');
    let matcher = matchers.get(key);
    if (!matcher) matchers.set(key, (matcher = globMatcher(globs, context.cwd)));
    return matcher(file) || (!declaresConfigModules(context, file) && (isConfigModulePath(projectPath(file, context.cwd)) || readsVariablesByName(graph.factsOf(file)!)));
  };
}

function declaresConfigModules(context: ProjectRuleContext<[Options]>, file: string): boolean {
  return (context.settingsFor(file).settings.opslint as { configModules?: unknown } | undefined)?.configModules !== undefined;
}

/** The service modules that touch process.env, by package (the folder of the nearest package.json: each workspace package has its own configuration). */
function modulesByPackage(graph: ProjectGraphView, context: ProjectRuleContext<[Options]>, isConfigModule: (file: string) => boolean): Map<string, PackageModules> {
  const manifests = new PackageManifests(context.cwd);
  const packages = new Map<string, PackageModules>();
  for (const file of [...graph.files()].sort()) {
    if ((graph.factsOf(file)?.envReads.length ?? 0) === 0 || !isServiceCode(graph, file)) continue;
    const dir = manifests.packageDirOf(file) ?? path.resolve(context.cwd);
    let modules = packages.get(dir);
    if (!modules) packages.set(dir, (modules = { configModules: [], readers: [], entries: new Set() }));
    (isConfigModule(file) ? modules.configModules : modules.readers).push(file);
    if (isEntryPoint(graph, file, manifests)) modules.entries.add(file);
  }
  return packages;
}

/** The package's `main`, a module meant to be run, or one that starts a server while it loads. */
function isEntryPoint(graph: ProjectGraphView, file: string, manifests: PackageManifests): boolean {
  const facts = graph.factsOf(file)!;
  return facts.runnable || facts.serverStarts.some((s) => s.atStartup) || manifests.isMain(file);
}

/** The reads of configuration: not writes, not the environment handed to a child process, not allowed, platform or test variables. */
function configReads(graph: ProjectGraphView, file: string, allow: readonly string[]): EnvReadFact[] {
  return graph.factsOf(file)!.envReads.filter((r) => r.use === undefined && !(r.name !== undefined && (allow.includes(r.name) || !isDeployedConfiguration(r.name))));
}

/** A read parsed, defaulted or tested in place, or the whole environment taken to pick settings from. */
function isInterpreted(read: EnvReadFact): boolean {
  return read.interpreted === true || (read.name === undefined && !read.dynamic);
}

/** How many of the modules read the environment directly (test and diagnostics switches too, not the platform's variables), and how many variables between them. */
function spreadOf(graph: ProjectGraphView, readers: readonly string[], allow: readonly string[]): { modules: number; variables: number } {
  const direct = (file: string) => graph.factsOf(file)!.envReads.filter((r) => r.use === undefined && !(r.name !== undefined && (allow.includes(r.name) || isPlatformVariable(r.name))));
  const reads = readers.map(direct).filter((r) => r.length > 0);
  return { modules: reads.length, variables: new Set(reads.flat().flatMap((r) => (r.name === undefined ? [] : [r.name]))).size };
}

/** The variables a config module reads or names (a schema's keys, a list of required variables). */
function namedBy(graph: ProjectGraphView, file: string): string[] {
  const facts = graph.factsOf(file)!;
  return [...facts.envReads.flatMap((r) => (r.name === undefined ? [] : [r.name])), ...(facts.envNames ?? [])];
}

/** The config module a message names: the one that validates the environment, else the one reading the most variables. */
function ownerOf(graph: ProjectGraphView, configModules: readonly string[]): { file: string; span: EnvReadFact['span'] } | undefined {
  const ranked = [...configModules].sort((a, b) => rank(graph, b) - rank(graph, a) || (a < b ? -1 : 1));
  const file = ranked[0];
  return file === undefined ? undefined : { file, span: graph.factsOf(file)!.envReads[0].span };
}

function rank(graph: ProjectGraphView, file: string): number {
  const facts = graph.factsOf(file)!;
  return (validatesEnvironment(facts) ? 1000 : 0) + new Set(facts.envReads.map((r) => r.name)).size;
}

/** `` `PORT`, `DATABASE_URL` `` … for the message; `process.env[name]` is `a variable named at run time`, `process.env` itself `the whole environment`. */
function variableList(reads: readonly EnvReadFact[]): string {
  const names = [...new Set(reads.map((r) => (r.name !== undefined ? `\`${r.name}\`` : r.dynamic ? 'a variable named at run time' : 'the whole environment')))];
  const shown = names.slice(0, LISTED_VARIABLES).join(', ');
  return names.length > LISTED_VARIABLES ? `${shown} and ${names.length - LISTED_VARIABLES} more` : shown;
}
