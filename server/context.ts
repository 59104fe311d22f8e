import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RuleRegistry } from '../rules/core/registry';
import type { BaselineStore } from './baselines';
import type { ConfigStore } from './config-store';
import type { DocumentLinter } from './document-linter';
import type { LintScheduler } from './lint-scheduler';
import type { ProjectLinter } from './project-linter';
import type { Publisher } from './publisher';
import type { SettingsStore } from './settings-store';
import type { StatusReporter } from './status';
import type { WorkspaceRoots } from './workspace-roots';

/** Everything a handler may use, built once per session in `initialize` and passed in explicitly. */
export interface ServerContext {
  connection: Connection;
  capabilities: ClientCapabilities;
  documents: TextDocuments<TextDocument>;
  registry: RuleRegistry;
  roots: WorkspaceRoots;
  settings: SettingsStore;
  configs: ConfigStore;
  baselines: BaselineStore;
  status: StatusReporter;
  publisher: Publisher;
  linter: DocumentLinter;
  project: ProjectLinter;
  scheduler: LintScheduler;
}
