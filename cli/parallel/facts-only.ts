import type { ProjectLintOptions, FileLint } from '../../rules/core/project/lint-project';
import { parseSource } from '../../rules/core/engine/parse';
import { ParseError } from '../../rules/core/errors';
import { readSource } from '../../rules/core/files/read-source';
import { directiveComments } from '../../rules/core/project/merge-project-findings';
import { extractFacts } from '../../rules/core/project/module-facts';
import { projectRelative } from '../../rules/core/engine/lint-text';
import { inferFileRole } from '../../rules/core/roles/infer-file-role';

/**
 * A file outside this run's report (not changed since the ref, or another shard's) still shapes
 * the module graph: parse it for its facts only, run no rule. Its own findings are not wanted.
 */
export function factsOnly(filePath: string, options: Pick<ProjectLintOptions, 'cache' | 'resolver'>, cwd: string): FileLint {
  const empty: FileLint = { result: { filePath, messages: [] }, fingerprints: [] };
  let source: string;
  try {
    source = readSource(filePath);
  } catch {
    return empty;
  }
  const cached = options.cache?.lookup(filePath, source, options.resolver.resolve(filePath));
  if (cached) return { ...empty, facts: cached.facts, directives: cached.directives };
  try {
    const program = parseSource(source, filePath);
    const role = inferFileRole(projectRelative(filePath, cwd), source, options.resolver.resolve(filePath).roleHints);
    return { ...empty, facts: { ...extractFacts(program, filePath, source), role }, directives: directiveComments(program.comments ?? []) };
  } catch (error) {
    if (error instanceof ParseError) return empty;
    throw error;
  }
}
