import { lintProject, type FileLint, type ProjectLintOptions } from '../../rules/core/project/lint-project';

/** Lints the files; the output order is the file order. */
export async function lintFiles(files: readonly string[], options: ProjectLintOptions, onProgress: (done: number) => void): Promise<FileLint[]> {
  const lints = lintProject(files, options);
  onProgress(files.length);
  return lints;
}
