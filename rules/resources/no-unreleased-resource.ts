import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node, ProgramCondition, ReportDescriptor, RuleContext, SuggestionDescriptor } from '../core/engine/types';
import { calleeMethod, enclosingFunction, type FunctionNode, isFunctionNode, unwrapExpression } from '../utils/ast-names';
import { createRule } from '../utils/create-rule';
import { type ModuleBinding, moduleBindings, resolveModuleMember } from '../utils/imports';
import { mostTellingLeak, releasedOnEveryPath } from '../utils/release-paths';
import { cannotThrow } from '../core/knowledge/calls-that-do-not-throw';
import { runFrequencyOf } from '../core/knowledge/run-frequency';
import { hasStartupName } from '../core/knowledge/startup-code';
import { CLOSING_METHODS, closedHere } from '../utils/closed-here';
import { acquiredKind, acquireFilter, CLOSED_HERE_KIND, PROJECT_OPENER_KIND, type ResourceKind, resourceKindsFor } from '../utils/resource-kinds';
import { type ArgumentRelease, holderOf, nameUses, type NameUses, resolveVariable, resourceUses } from '../utils/resource-uses';
import { type FunctionSummaries, functionSummaries, hasCalleeFact } from '../core/knowledge/function-summaries';
import { readSettings } from '../utils/settings';
import { contains } from '../utils/subtree';
import { wrapRestInTryFinally } from '../utils/try-finally-fix';
import { SERVICE_CODE } from '../core/roles/role-sets';
import { waitHasNoBound } from '../utils/unbounded-waits';
import { mayHaveTempFiles, mayRemove, type TempFile, tempFilesOf } from '../utils/temp-files';

type Acquisition = TSESTree.CallExpression | TSESTree.NewExpression;
interface Options { reportUnboundedWaits?: boolean }
type Variable = NonNullable<ReturnType<typeof resolveVariable>>;

/** What the project's own code says of resources: its openers and its release helpers (function summaries), and under which program conditions. */
interface ProjectHelpers {
  releasesArgument: ArgumentRelease;
  /** The conditions every finding on this acquisition carries: for an opener of another module, that it returns a resource. */
  conditions: ProgramCondition[];
}

/** Where the acquired resource goes: a local variable, or nowhere (the call is a statement of its own). */
type Site =
  | { kind: 'variable'; variable: Variable; statement: TSESTree.Statement | undefined; declaration?: TSESTree.VariableDeclaration; name: string }
  | { kind: 'discarded' }
  | { kind: 'done' };

export const rule = createRule<[Options]>({
  id: 'resources/no-unreleased-resource',
  description: 'Require file handles, streams, sockets, database connections, workers, child processes and temp files acquired in a function to be released on every path, throws and early returns included.',
  recommended: true,
  roles: SERVICE_CODE,
  defaultSeverity: 'error',
  hasSuggestions: true,
  messages: {
    neverReleased:
      'This {{name}} from `{{call}}` is never released and does not leave the function: every call leaks one, until {{exhausts}}. {{how}}, or return it to the caller.',
    notReleasedOnEveryPath:
      'This {{name}} from `{{call}}` is not released on every path: {{gap}}, it leaks, and once enough have leaked {{exhausts}}. {{how}}.',
    discarded:
      'The {{name}} that `{{call}}` returns is discarded, so nothing can release it: every call leaks one, until {{exhausts}}. Keep it in a variable. {{how}}.',
    closedOnSomePaths:
      'The value `{{call}}` returns is closed with `.close()` further down, but not on every path: {{gap}}, it stays open. Close it in a `finally` block.',
    tempFileLeft:
      'The temp {{files}} {{names}} {{are}} removed only when everything succeeds: {{gap}}, `{{first}}` stays on disk{{others}}, and every failing call leaves more until the disk is full. Remove {{them}} in a `finally` block (ignoring ENOENT).',
    unboundedWait:
      'This {{name}} from `{{call}}` is waited for with nothing to bound the wait: no `timeout` or `signal` option and no `.kill()`. If it hangs, whatever awaits this function waits forever and the process stays. Pass `{ timeout: … }` (or an `AbortSignal.timeout(…)` as `signal`), or kill it on a timer.',
    wrapInTryFinally: 'Run the code that uses `{{variable}}` in `try { … }` and release it in `finally { {{release}}; }`.',
  },
  schema: [{
    type: 'object',
    properties: {
      reportUnboundedWaits: {
        type: 'boolean',
        description: 'Also report a child process the function awaits with no `timeout`/`signal` option and no `kill()`. Off by default: a long-running job may rightly run unbounded. On in `opslint:all`.',
      },
    },
    additionalProperties: false,
  }],
  defaultOptions: [{ reportUnboundedWaits: false }],
  allPresetOptions: [{ reportUnboundedWaits: true }],
  create(context) {
    const settings = readSettings(context);
    const reportUnboundedWaits = context.options[0]?.reportUnboundedWaits ?? false;
    const kinds = resourceKindsFor('no-unreleased-resource', settings);
    const mayAcquire = acquireFilter(kinds);
    const candidates: Acquisition[] = [];
    const closeCalls: TSESTree.CallExpression[] = [];
    const removals: TSESTree.CallExpression[] = [];
    /** Calls that may reach an opener of the project's own code, decided once the walk is done. */
    const projectCalls: TSESTree.CallExpression[] = [];
    const tempFilesPossible = mayHaveTempFiles(context.sourceCode.text);
    const collect = (node: Node) => {
      const method = calleeMethod(node as Acquisition);
      if (method !== undefined && mayAcquire(method, node.type === 'NewExpression')) candidates.push(node as Acquisition);
      // `db.getConnection()` is named like a pool's acquisition but may be the project's own opener: both are looked at.
      if (node.type === 'CallExpression' && method !== undefined && holdsResult(node)) projectCalls.push(node);
      if (node.type === 'CallExpression' && method !== undefined && CLOSING_METHODS.includes(method)) closeCalls.push(node);
      if (tempFilesPossible && node.type === 'CallExpression' && mayRemove(node)) removals.push(node);
    };
    // Start-up code runs once: a handle it loses on a failed start does not pile up.
    const runsOnce = (fn: FunctionNode) => hasStartupName(fn) || runFrequencyOf(context, fn).frequency === 'once';
    return {
      CallExpression: collect,
      NewExpression: collect,
      // Uses come after the acquisition in the file: decide once every node has its parent.
      'Program:exit'() {
        if (candidates.length === 0 && closeCalls.length === 0 && removals.length === 0 && projectCalls.length === 0) return;
        const bindings = moduleBindings(context.sourceCode.ast);
        const origins = { bindings, sourceCode: context.sourceCode };
        const summaries = functionSummaries(context.sourceCode);
        const helpers = (conditions: ProgramCondition[]): ProjectHelpers => ({ releasesArgument: releaseHelper(summaries, !!context.programPass), conditions });
        const fromTheTable = new Set<Acquisition>();
        for (const call of candidates) {
          const kind = acquiredKind(call, kinds, origins);
          if (kind) fromTheTable.add(call);
          const fn = kind && enclosingFunction(call);
          if (kind && fn && !runsOnce(fn)) check(context, call, kind, fn, bindings, settings.resourceOwners, reportUnboundedWaits, helpers([]));
        }
        const usesByFunction = new Map<FunctionNode, NameUses>();
        const usesIn = (fn: FunctionNode) => usesByFunction.get(fn) ?? usesByFunction.set(fn, nameUses(fn, PROJECT_OPENER_KIND.releaseMethods)).get(fn)!;
        for (const call of projectCalls) {
          if (fromTheTable.has(call)) continue;
          const opened = openedByProject(call, summaries, kinds, !!context.programPass);
          const fn = opened && enclosingFunction(call);
          if (!opened || !fn) continue;
          // A resource of another module's opener escapes by any read but as an object: decided by name, before paying for scopes.
          const { parent } = holderOf(call);
          const name = opened.kind === PROJECT_OPENER_KIND && parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
          if (name !== undefined && usesIn(fn).readNotAsObject.has(name)) continue;
          if (runsOnce(fn)) continue;
          if (name !== undefined && !usesIn(fn).releasedOrNested.has(name)) {
            context.report({ loc: acquisitionLoc(call), messageId: 'neverReleased', data: messageData(context, call, opened.kind), programCondition: opened.conditions });
            continue;
          }
          check(context, call, opened.kind, fn, bindings, settings.resourceOwners, false, helpers(opened.conditions));
        }
        // Handles of a library the table does not know, which the code closes itself: checked for the paths that skip it.
        for (const { acquisition, awaited } of closedHere(closeCalls, context.sourceCode)) {
          const fn = enclosingFunction(acquisition);
          if (fn && !runsOnce(fn) && !acquiredKind(acquisition, kinds, origins)) {
            check(context, acquisition, { ...CLOSED_HERE_KIND, suggestedRelease: { method: 'close', awaited } }, fn, bindings, settings.resourceOwners, false, helpers([]));
          }
        }
        const tempFiles = new Map<FunctionNode, TempFile[]>();
        for (const file of tempFilesOf(removals, origins)) {
          if (!runsOnce(file.fn)) tempFiles.set(file.fn, [...(tempFiles.get(file.fn) ?? []), file]);
        }
        for (const [fn, files] of tempFiles) checkTempFiles(context, fn, files, bindings);
      },
    };
  },
});

/**
 * A call to an opener of the project (function summaries' `returnsResource`): of this module, with
 * the kind its summary names; of another module, as the project pass will tell (`PROJECT_OPENER_KIND`).
 */
function openedByProject(
  call: TSESTree.CallExpression, summaries: FunctionSummaries, kinds: readonly ResourceKind[], programPass: boolean,
): { kind: ResourceKind; conditions: ProgramCondition[] } | undefined {
  const local = summaries.localCallee(call);
  if (local) {
    const opened = summaries.of(local).returnsResource;
    return opened && { kind: kinds.find((k) => k.name === opened.kind) ?? PROJECT_OPENER_KIND, conditions: [] };
  }
  // Without a project pass (ESLint) a function of another module is unknown: no finding.
  const target = programPass ? summaries.projectCallee(call) : undefined;
  return target && { kind: PROJECT_OPENER_KIND, conditions: [{ kind: 'if-callee-summary', ...target, holds: 'returns-resource' }] };
}

/** A helper of this module releases the argument if its summary says so; one of another module, unless the project pass finds it does not. */
function releaseHelper(summaries: FunctionSummaries, programPass: boolean): ArgumentRelease {
  return (call, index) => {
    const local = summaries.localCallee(call);
    if (local) return hasCalleeFact(summaries.of(local), 'releases-param', index);
    const target = programPass ? summaries.projectCallee(call) : undefined;
    return target ? { kind: 'unless-callee-summary', ...target, holds: 'releases-param', param: index } : false;
  };
}

/** `const c = await getClient()`, `c = openDb()`, `openDb();`: a call whose result a variable holds, or that drops it. */
function holdsResult(call: TSESTree.CallExpression): boolean {
  const { node, parent } = holderOf(call);
  return parent?.type === 'VariableDeclarator' || parent?.type === 'ExpressionStatement' || (parent?.type === 'AssignmentExpression' && parent.right === node);
}

function messageData(context: RuleContext<[Options]>, call: Acquisition, kind: ResourceKind): Record<string, string> {
  const callee = context.sourceCode.getText(call.callee);
  return {
    name: kind.name, call: kind.inferred ? `${call.type === 'NewExpression' ? 'new ' : ''}${callee}()` : callee,
    exhausts: kind.exhausts ?? `the process runs out of ${kind.name}s`, how: kind.how ?? `Release it with ${kind.releaseMethods.map((m) => `\`.${m}()\``).join(' or ') || 'its release function'} in a \`finally\` block`,
  };
}

/** From the start of the acquiring call to the end of its callee: `fs.openSync`, `new Worker`. */
function acquisitionLoc(call: Acquisition): TSESTree.SourceLocation {
  return { start: call.loc.start, end: call.callee.loc.end };
}

function check(
  context: RuleContext<[Options]>, call: Acquisition, kind: ResourceKind, fn: FunctionNode, bindings: ReadonlyMap<string, ModuleBinding>, owners: readonly string[],
  reportUnboundedWaits: boolean, helpers: ProjectHelpers,
): void {
  const report = (descriptor: ReportDescriptor, releaseConditions: readonly ProgramCondition[] = []) => {
    const conditions = [...helpers.conditions, ...releaseConditions];
    context.report(conditions.length > 0 ? { ...descriptor, programCondition: conditions } : descriptor);
  };
  const data = messageData(context, call, kind);
  const loc = acquisitionLoc(call);
  const last = call.arguments.at(-1);
  if (kind.callback && last && isFunctionNode(last)) {
    if (kind.callback === 'untracked') return;
    const param = last.params[kind.callback.param];
    const variable = param?.type === 'Identifier' ? context.sourceCode.scopeManager.getDeclaredVariables(last).find((v) => v.name === param.name) : undefined;
    if (!variable) return;
    const uses = resourceUses(variable, { fn: last, kind, bindings, owners, sourceCode: context.sourceCode, releasesArgument: helpers.releasesArgument });
    if (!uses.escapes && !uses.releasedLater && !uses.waited && uses.releases.length === 0) report({ loc, messageId: 'neverReleased', data }, uses.releaseConditions);
    return;
  }
  const site = kind.acquireMethods?.opensReceiver ? openedReceiverSite(call, fn, context) : siteOf(call, fn, context);
  if (site.kind === 'done') return;
  if (site.kind === 'discarded') {
    report({ loc, messageId: 'discarded', data });
    return;
  }
  const uses = resourceUses(site.variable, { fn, kind, bindings, owners, sourceCode: context.sourceCode, releasesArgument: helpers.releasesArgument });
  if (reportUnboundedWaits && waitHasNoBound(call, kind, fn, uses, context.sourceCode)) {
    report({ loc, messageId: 'unboundedWait', data }, uses.releaseConditions);
    return;
  }
  if (uses.escapes || uses.releasedLater || uses.waited) return;
  if (uses.releases.length === 0) {
    report({ loc, messageId: 'neverReleased', data, suggest: suggestions(context, call, kind, fn, site, [], bindings) }, uses.releaseConditions);
    return;
  }
  if (!site.statement || fn.body.type !== 'BlockStatement') return;
  const verdict = releasedOnEveryPath({
    acquisition: site.statement, body: fn.body, releases: uses.releases, safeCalls: uses.safeCalls, cannotThrow: (c) => cannotThrow(c, bindings),
  });
  if (verdict.kind !== 'leaks') return;
  const gap = verdict.at === fn.body
    ? 'on a path that reaches the end of the function without the release'
    : `if line ${verdict.at.loc.start.line} throws or returns first`;
  report({
    loc, messageId: kind.inferred ? 'closedOnSomePaths' : 'notReleasedOnEveryPath', data: { ...data, gap },
    suggest: suggestions(context, call, kind, fn, site, uses.releases, bindings),
  }, uses.releaseConditions);
}

/** One finding per function, on the first temp file it may leave behind, naming every one it may leave. */
function checkTempFiles(context: RuleContext, fn: FunctionNode, files: readonly TempFile[], bindings: ReadonlyMap<string, ModuleBinding>): void {
  // Removing one temp file is not a hazard for another: a failed unlink is cleanup that went wrong, not work.
  const safeCalls = new Set<Node>(files.flatMap((file) => file.walks.flatMap((walk) => walk.releases.flatMap((release) => [release, ...innerCalls(release)]))));
  const leakOf = (file: TempFile) => {
    for (const walk of file.walks) {
      const verdict = mostTellingLeak({ acquisition: walk.from, body: walk.body, releases: walk.releases, safeCalls, cannotThrow: (c) => cannotThrow(c, bindings) });
      if (verdict.kind === 'leaks') return { at: verdict.at, body: walk.body };
    }
    return undefined;
  };
  const leaks = files
    .map((file) => ({ file, leak: leakOf(file) }))
    .filter((found): found is { file: TempFile; leak: NonNullable<ReturnType<typeof leakOf>> } => found.leak !== undefined)
    .sort((a, b) => a.file.node.range[0] - b.file.node.range[0]);
  if (leaks.length === 0) return;
  const first = leaks[0];
  const { at, body } = first.leak;
  const many = leaks.length > 1;
  const names = leaks.map((leak) => `\`${leak.file.name}\``);
  context.report({
    node: first.file.node, messageId: 'tempFileLeft',
    data: {
      files: many ? 'files' : 'file', names: many ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0], are: many ? 'are' : 'is',
      gap: gapText(at, body, body !== fn.body), first: first.file.name, others: many ? ` (and ${names.slice(1).join(', ')} on other failing paths)` : '', them: many ? 'them' : 'it',
    },
  });
}

/** `fs.unlink(p)` inside `fs.unlink(p).catch(ignore)`. */
function innerCalls(release: Node): Node[] {
  const calls: Node[] = [];
  for (let node = release; node.type === 'CallExpression' && node.callee.type === 'MemberExpression'; node = node.callee.object) {
    if (node.callee.object.type === 'CallExpression') calls.push(node.callee.object);
  }
  return calls;
}

function gapText(at: Node, body: TSESTree.BlockStatement, inCallback: boolean): string {
  const where = inCallback ? 'the callback' : 'the function';
  if (at === body) return `on a path that reaches the end of ${where} without the removal`;
  if (at.type === 'ReturnStatement') return `when ${where} returns at line ${at.loc.start.line}`;
  if (at.type === 'ThrowStatement') return `when line ${at.loc.start.line} throws`;
  return `if line ${at.loc.start.line} throws`;
}

/** Follows the acquired value to where it is kept. Anything but a plain local variable is someone else's to release. */
function siteOf(call: Acquisition, fn: FunctionNode, context: RuleContext): Site {
  const { node, parent } = holderOf(call);
  if (parent?.type === 'ExpressionStatement') return { kind: 'discarded' };
  if (parent?.type === 'VariableDeclarator' && parent.init === node && parent.id.type === 'Identifier') {
    const declaration = parent.parent as TSESTree.VariableDeclaration;
    if (declaration.kind === 'using' || declaration.kind === 'await using') return { kind: 'done' };
    const variable = context.sourceCode.scopeManager.getDeclaredVariables(parent)[0];
    const inList = declaration.parent?.type === 'BlockStatement' || declaration.parent?.type === 'SwitchCase';
    return { kind: 'variable', variable, statement: inList ? declaration : undefined, declaration: inList ? declaration : undefined, name: parent.id.name };
  }
  if (parent?.type === 'AssignmentExpression' && parent.operator === '=' && parent.right === node && parent.left.type === 'Identifier') {
    const variable = resolveVariable(parent.left, context.sourceCode);
    if (!variable || !variable.defs.some((def) => contains(fn, def.name))) return { kind: 'done' };
    const statement = parent.parent?.type === 'ExpressionStatement' ? parent.parent : undefined;
    return { kind: 'variable', variable, statement, name: parent.left.name };
  }
  return { kind: 'done' };
}

/** `client.connect()` opens `client`: the resource is the receiver, a variable of this function, from the statement of the call on. */
function openedReceiverSite(call: Acquisition, fn: FunctionNode, context: RuleContext): Site {
  const callee = unwrapExpression(call.callee);
  const receiver = callee.type === 'MemberExpression' ? unwrapExpression(callee.object) : undefined;
  if (receiver?.type !== 'Identifier') return { kind: 'done' };
  const variable = resolveVariable(receiver, context.sourceCode);
  if (!variable || !variable.defs.some((def) => def.type === 'Variable' && contains(fn, def.name))) return { kind: 'done' };
  const { parent } = holderOf(call);
  const inList = parent?.type === 'ExpressionStatement' && (parent.parent?.type === 'BlockStatement' || parent.parent?.type === 'SwitchCase');
  return { kind: 'variable', variable, statement: inList ? parent : undefined, name: receiver.name };
}

function suggestions(
  context: RuleContext, call: Acquisition, kind: ResourceKind, fn: FunctionNode, site: Extract<Site, { kind: 'variable' }>,
  releases: readonly Node[], bindings: ReadonlyMap<string, ModuleBinding>,
): SuggestionDescriptor[] {
  if (!site.declaration) return [];
  const release = releaseText(context, call, kind, fn, site.name, bindings);
  const statements = releases.map((r) => r.parent?.type === 'AwaitExpression' ? r.parent.parent : r.parent);
  // A release inside a branch would run again in the finally: a double close throws (EBADF) or corrupts a pool.
  if (!release || statements.some((s) => s?.type !== 'ExpressionStatement' || s.parent !== site.declaration!.parent)) return [];
  const fix = wrapRestInTryFinally(context.sourceCode, site.declaration, release, statements as Node[]);
  return fix ? [{ messageId: 'wrapInTryFinally', data: { variable: site.name, release }, fix }] : [];
}

function releaseText(
  context: RuleContext, call: Acquisition, kind: ResourceKind, fn: FunctionNode, name: string, bindings: ReadonlyMap<string, ModuleBinding>,
): string | undefined {
  const how = kind.suggestedRelease;
  if (!how) return undefined;
  if ('method' in how) {
    if (how.awaited && !fn.async) return undefined;
    return `${how.awaited ? 'await ' : ''}${name}.${how.method}()`;
  }
  const callee = unwrapExpression(call.callee);
  if (callee.type === 'MemberExpression') return `${context.sourceCode.getText(callee.object)}.${how.fn}(${name})`;
  const module = resolveModuleMember(callee, bindings)?.module;
  for (const [local, binding] of bindings) {
    if (binding.module === module && binding.imported === how.fn) return `${local}(${name})`;
  }
  return undefined;
}
