import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { toPosix } from '../rules/core/config/config-resolver';
import type { FileLint } from '../rules/core/project/lint-project';
import { ModuleResolver } from '../rules/core/project/module-resolver';
import { ProjectGraph } from '../rules/core/project/project-graph';
import type { ProjectReportData } from './formatters/format-input';

/** How far back `git log` looks for churn. */
const CHURN_WINDOW = '90.days';

/** Commits per file (project-relative) in the churn window; empty outside a git repository. */
function gitChurn(cwd: string): Record<string, number> {
  let log: string;
  try {
    log = execFileSync('git', ['log', `--since=${CHURN_WINDOW}`, '--name-only', '--relative', '--format=', '--', '.'], {
      cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return {};
  }
  const churn: Record<string, number> = {};
  for (const line of log.split('\n')) if (line) churn[line] = (churn[line] ?? 0) + 1;
  return churn;
}

/** What the HTML report shows beyond findings: the module graph of the linted files and git churn. */
export function htmlReportData(lints: readonly FileLint[], cwd: string): ProjectReportData {
  const relative = (file: string) => toPosix(path.relative(cwd, file));
  const graph = ProjectGraph.build(new ModuleResolver(cwd), lints.filter((l) => l.facts).map((l) => [l.result.filePath, l.facts!] as const));
  const files = [...graph.files()].sort();
  const edges = files.flatMap((from) => graph.edgesOf(from).flatMap((e) => (e.resolution.kind === 'file' && graph.has(e.resolution.path) ? [[relative(from), relative(e.resolution.path)] as [string, string]] : [])));
  return {
    modules: files.map(relative),
    imports: [...new Map(edges.map((e) => [e.join('\0'), e])).values()],
    cycles: graph.cycles().map((c) => c.files.map(relative)),
    churn: gitChurn(cwd),
    churnWindow: CHURN_WINDOW.replace('.', ' '),
  };
}
