import { RuleError, TooDeepError } from '../errors';
import type { FileConfig, LintEnvironment } from '../config/file-config';
import { buildFix } from './fixer';
import type { SourceCode } from './source-code';
import { traverse } from './traverse';
import { ruleAppliesTo } from '../roles/infer-file-role';
import type { FileRoleVerdict, Finding, Node, ReportDescriptor, Rule, RuleContext, SourceLocation } from './types';

type Handler = (node: Node) => void;
interface Subscription { ruleId: string; handler: Handler }

const NODE_TYPE_SELECTOR = /^(\*|[A-Za-z]+)$/;

export function formatMessage(template: string, data: Record<string, unknown> | undefined): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => (data && key in data ? String(data[key]) : whole));
}

function toLocation(descriptor: ReportDescriptor): SourceLocation {
  if (descriptor.loc) return 'start' in descriptor.loc ? descriptor.loc : { start: descriptor.loc, end: descriptor.loc };
  if (descriptor.node) return descriptor.node.loc;
  throw new Error('context.report needs a node or a loc');
}

function internalErrorMessage(ruleId: string, cause: unknown): string {
  // Deep input is the file's problem, not a rule bug: say so rather than ask for a bug report.
  const tooDeep = cause instanceof TooDeepError ? cause.analysis : cause instanceof RangeError && /call stack/i.test(cause.message) ? 'the rule' : undefined;
  if (tooDeep) return `Rule ${ruleId} could not analyse this file: it is too deeply nested (${tooDeep} ran out of stack). Its findings for this file are missing; other rules ran. Split the nested code or add the generated file to "ignores".`;
  return `Internal error in rule ${ruleId}: ${cause instanceof Error ? cause.message : String(cause)}. Its findings for this file are missing; other rules ran. Please report this with the file that triggers it.`;
}

function internalErrorFinding(error: RuleError, verbose: boolean | undefined): Finding {
  const cause = error.cause instanceof Error ? error.cause : undefined;
  return {
    ruleId: error.ruleId, category: 'opslint', severity: 2,
    message: internalErrorMessage(error.ruleId, error.cause),
    line: error.line, column: error.column, endLine: error.line, endColumn: error.column,
    ...(verbose && cause?.stack ? { detail: cause.stack } : {}),
  };
}

/**
 * Creates every enabled rule for the file, walks the AST once dispatching to their handlers, and
 * collects their reports. A rule that throws is dropped for the rest of this file and leaves one
 * internal-error finding; the others go on.
 */
/** Runs the enabled rules that apply to the file's role (`meta.opslint.roles`) in one walk. */
export function runRules(sourceCode: SourceCode, filePath: string, config: FileConfig, env: LintEnvironment, role?: FileRoleVerdict): Finding[] {
  const findings: Finding[] = [];
  const enter = new Map<string, Subscription[]>();
  const exit = new Map<string, Subscription[]>();
  const failed = new Set<string>();
  const settings = { opslint: config.settings };

  const fail = (ruleId: string, cause: unknown, node?: Node) => {
    failed.add(ruleId);
    const at = node?.loc.start;
    findings.push(internalErrorFinding(new RuleError(ruleId, filePath, cause, at?.line ?? 1, (at?.column ?? 0) + 1), env.verbose));
  };

  for (const [ruleId, setting] of config.rules) {
    const rule = env.registry.get(ruleId);
    if (!rule || (role && !ruleAppliesTo(rule.meta.opslint.roles, role.role))) continue;
    const context = createContext(rule, ruleId, setting.options, settings, filePath, env.cwd, sourceCode, setting.severity, findings, role);
    try {
      subscribe(ruleId, rule.create(context), enter, exit);
    } catch (error) {
      fail(ruleId, error);
    }
  }

  const dispatch = (subs: Subscription[] | undefined, node: Node) => {
    if (!subs) return;
    for (const { ruleId, handler } of subs) {
      if (failed.has(ruleId)) continue;
      try {
        handler(node);
      } catch (error) {
        fail(ruleId, error, node);
      }
    }
  };
  const anyEnter = enter.get('*');
  const anyExit = exit.get('*');
  traverse(sourceCode.ast, (node, phase) => {
    if (phase === 'enter') {
      dispatch(anyEnter, node);
      dispatch(enter.get(node.type), node);
    } else {
      dispatch(exit.get(node.type), node);
      dispatch(anyExit, node);
    }
  }, (type) => anyExit !== undefined || exit.has(type));
  return findings;
}

/**
 * Listener keys follow ESLint's reading: a trailing ":exit" applies to the whole comma list
 * ("A, B:exit" is A and B on exit), and ":exit" anywhere else is an error in ESLint too.
 */
function subscribe(ruleId: string, listener: Record<string, Handler | undefined>, enter: Map<string, Subscription[]>, exit: Map<string, Subscription[]>): void {
  for (const [key, handler] of Object.entries(listener)) {
    if (!handler) continue;
    const isExit = key.endsWith(':exit');
    const target = isExit ? exit : enter;
    for (const selector of (isExit ? key.slice(0, -':exit'.length) : key).split(',').map((s) => s.trim())) {
      if (!NODE_TYPE_SELECTOR.test(selector)) {
        throw new Error(`listener key "${key}" is not supported: Opslint rules subscribe to node types, "*" and comma lists of them, with one ":exit" at the end for the whole list (as in ESLint)`);
      }
      const list = target.get(selector) ?? [];
      list.push({ ruleId, handler });
      target.set(selector, list);
    }
  }
}

function createContext(
  rule: Rule, ruleId: string, options: readonly unknown[], settings: Record<string, unknown>, filePath: string,
  cwd: string, sourceCode: SourceCode, severity: 1 | 2, sink: Finding[], fileRole: FileRoleVerdict | undefined,
): RuleContext {
  const messageFor = (messageId: string, data: Record<string, unknown> | undefined) => {
    const template = rule.meta.messages[messageId];
    if (template === undefined) throw new Error(`rule ${ruleId} reported unknown messageId "${messageId}"`);
    return formatMessage(template, data);
  };
  return {
    id: ruleId, options, settings, filename: filePath, physicalFilename: filePath, cwd, sourceCode, ...(fileRole ? { fileRole } : {}), programPass: true,
    report(descriptor) {
      const { start, end } = toLocation(descriptor);
      const finding: Finding = {
        ruleId, category: rule.meta.opslint.category, severity,
        message: messageFor(descriptor.messageId, descriptor.data), messageId: descriptor.messageId,
        line: start.line, column: start.column + 1, endLine: end.line, endColumn: end.column + 1,
      };
      if (descriptor.programCondition !== undefined) finding.programCondition = descriptor.programCondition;
      if (descriptor.fix) {
        const fix = buildFix(descriptor.fix, sourceCode.text);
        if (fix) finding.fix = fix;
      }
      if (descriptor.suggest && descriptor.suggest.length > 0) {
        finding.suggestions = [];
        for (const s of descriptor.suggest) {
          const fix = buildFix(s.fix, sourceCode.text);
          if (fix) finding.suggestions.push({ desc: messageFor(s.messageId, s.data), messageId: s.messageId, fix });
        }
      }
      sink.push(finding);
    },
  };
}

