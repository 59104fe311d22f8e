import type { FileConfig } from '../config/file-config';
import { RuleError } from '../errors';
import { formatMessage } from '../engine/run-rules';
import type { Finding } from '../engine/types';
import { ruleAppliesTo } from '../roles/infer-file-role';
import type { ProjectGraphView, ProjectRule, ProjectRuleContext } from './project-rule';

export interface ProjectRuleRun {
  /** Findings by file path, in report order; only for files where the reporting rule is on. */
  byFile: Map<string, Finding[]>;
  /** Rules that threw: their findings are missing, the other rules' are complete. */
  failures: RuleError[];
}

/**
 * Runs every project rule over the graph. A finding is kept only where the rule is on for the
 * file it lands in and applies to the file's role, with that file's severity, so `overrides`,
 * `--rule` and `roles` work as for per-file rules.
 */
export function runProjectRules(graph: ProjectGraphView, rules: Iterable<ProjectRule>, configFor: (filePath: string) => FileConfig | undefined, cwd: string): ProjectRuleRun {
  const byFile = new Map<string, Finding[]>();
  const failures: RuleError[] = [];
  for (const rule of rules) {
    const id = rule.meta.opslint.id;
    // A file of a role the rule does not apply to (a test, a script) is as if the rule were off there.
    const appliesTo = (file: string) => { const role = graph.factsOf(file)?.role; return !role || ruleAppliesTo(rule.meta.opslint.roles, role.role); };
    const settingOf = (file: string) => (appliesTo(file) ? configFor(file)?.rules.get(id) : undefined);
    // Committed only when the rule finishes, so a rule that throws leaves no half of its findings.
    const found: Array<[string, Finding]> = [];
    const context: ProjectRuleContext = {
      id,
      cwd,
      isEnabled: (file) => settingOf(file) !== undefined,
      optionsFor: (file) => settingOf(file)?.options ?? rule.meta.defaultOptions ?? [],
      settingsFor: (file) => ({ settings: { opslint: configFor(file)?.settings ?? {} } }),
      report(descriptor) {
        const setting = settingOf(descriptor.filePath);
        if (!setting) return;
        const template = rule.meta.messages[descriptor.messageId];
        if (template === undefined) throw new Error(`rule ${id} reported unknown messageId "${descriptor.messageId}"`);
        const finding: Finding = {
          ruleId: id, category: rule.meta.opslint.category, severity: setting.severity,
          message: formatMessage(template, descriptor.data), messageId: descriptor.messageId, ...descriptor.span,
          ...(descriptor.relatedInformation ? { relatedInformation: descriptor.relatedInformation } : {}),
        };
        found.push([descriptor.filePath, finding]);
      },
    };
    try {
      rule.check(graph, context);
      for (const [file, finding] of found) {
        const list = byFile.get(file) ?? [];
        list.push(finding);
        byFile.set(file, list);
      }
    } catch (error) {
      failures.push(new RuleError(id, graph.root, error));
    }
  }
  return { byFile, failures };
}
