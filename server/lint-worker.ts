/**
 * The language server's lint thread. Rules run here, not on the main thread, so a rule that never
 * returns or ends its thread (process.exit) costs this thread, which the main thread replaces
 * (see lint-thread.ts), and never the server's answers to the editor.
 */
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../rules';
import { toPosix, type ConfigResolver } from '../rules/core/config/config-resolver';
import type { LintEnvironment } from '../rules/core/config/file-config';
import { fixText } from '../rules/core/engine/apply-fixes';
import { DocumentParser } from '../rules/core/engine/document-parser';
import { lintSource } from '../rules/core/engine/lint-text';
import { parseSource } from '../rules/core/engine/parse';
import { lintFile } from '../rules/core/project/lint-project';
import { directiveComments } from '../rules/core/project/merge-project-findings';
import { extractFacts } from '../rules/core/project/module-facts';
import { createRegistry, type RuleRegistry } from '../rules/core/registry';
import { fingerprintFindings } from '../rules/core/report/fingerprint';
import { loadTestRules } from '../rules/core/test-rule-hook';
import type { LintAnswer, LintReply, LintRequest, LintWorkerSetup } from './lint-protocol';
import { packFindings } from './wire-findings';

function lintText(request: Extract<LintRequest, { kind: 'lintText' }>, env: LintEnvironment): LintAnswer {
  const { text, filePath } = request;
  const { result, sourceCode } = lintSource(text, filePath, request.config, env);
  // The same arguments as the CLI's lintFile: a baseline written by the CLI matches here.
  const fingerprints = request.fingerprint ? fingerprintFindings(toPosix(path.relative(env.cwd, filePath)), text, result.messages, sourceCode?.ast) : undefined;
  // Facts come from the same parse: the project model follows the buffer, not the disk.
  if (!sourceCode) return { messages: packFindings(result.messages), directives: [], fingerprints };
  return { messages: packFindings(result.messages), facts: { ...extractFacts(sourceCode.ast, filePath, text), role: result.role }, directives: directiveComments(sourceCode.getAllComments()), fingerprints };
}

function answer(request: LintRequest, registry: RuleRegistry, documents: DocumentParser): LintReply {
  const env: LintEnvironment = { registry, cwd: request.cwd };
  switch (request.kind) {
    case 'lintText':
      // Buffers change a keystroke at a time: re-parse only what the edit touched.
      return { kind: 'linted', id: request.id, answer: lintText(request, { ...env, parse: (text, filePath) => documents.parse(text, filePath) }) };
    case 'fixText':
      return { kind: 'fixed', id: request.id, output: fixText(request.text, request.filePath, request.config, env).output };
    case 'lintFile': {
      // lintFile asks its resolver for this one file's config, which arrived resolved, as data.
      const resolver = { resolve: () => request.config } as Pick<ConfigResolver, 'resolve'> as ConfigResolver;
      const lint = lintFile(request.filePath, { resolver, env });
      const fingerprints = request.fingerprint ? lint.fingerprints : undefined;
      return { kind: 'linted', id: request.id, answer: { messages: packFindings(lint.result.messages), facts: lint.facts, directives: lint.directives ?? [], source: lint.source, fingerprints } };
    }
  }
}

function serve(setup: LintWorkerSetup): void {
  const registry = createRegistry([...allRules, ...loadTestRules(setup.env)]);
  const documents = new DocumentParser();
  parentPort!.on('message', (request: LintRequest) => {
    let reply: LintReply;
    try {
      reply = answer(request, registry, documents);
    } catch (error) {
      reply = { kind: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined };
    }
    parentPort!.postMessage(reply);
  });
  // Load the parser (TypeScript: the bulk of a cold lint) before saying ready, so the lint deadline
  // measures the rules and not module loading, which alone can pass 2 s on a loaded machine (every
  // replaced worker starts cold again).
  try {
    parseSource('', 'warm-up.ts');
  } catch {
    // The first real lint reports whatever is wrong with the parser.
  }
  parentPort!.postMessage({ kind: 'ready' } satisfies LintReply);
}

serve(workerData as LintWorkerSetup);
